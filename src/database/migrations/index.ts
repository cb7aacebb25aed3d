import { Initial1795430538001 as Initial1795430538001Mysql } from './mysql/1795430538001-Initial.js';
import { Initial1795430538001 as Initial1795430538001Sqlite } from './sqlite/1795430538001-Initial.js';
// Generated migrations, one list per engine (`npm run cli -- db:generate-migration <Name>`).
// Keep both lists in the same order: a change is one migration per engine with the same name.
export const MIGRATIONS_SQLITE: Function[] = [Initial1795430538001Sqlite];
export const MIGRATIONS_MYSQL: Function[] = [Initial1795430538001Mysql];
