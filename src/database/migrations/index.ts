import { AddCalendarFeeds1796185000000 as AddCalendarFeeds1796185000000Mysql } from './mysql/1796185000000-AddCalendarFeeds.js';
import { AddCalendarFeeds1796185000000 as AddCalendarFeeds1796185000000Sqlite } from './sqlite/1796185000000-AddCalendarFeeds.js';
import { AddEscalationsAndOfficeEmail1796179071407 as AddEscalationsAndOfficeEmail1796179071407Mysql } from './mysql/1796179071407-AddEscalationsAndOfficeEmail.js';
import { ReportNoticeNumbers1796181000000 as ReportNoticeNumbers1796181000000Mysql } from './mysql/1796181000000-ReportNoticeNumbers.js';
import { ReportNoticeNumbers1796181000000 as ReportNoticeNumbers1796181000000Sqlite } from './sqlite/1796181000000-ReportNoticeNumbers.js';
import { AddEscalationsAndOfficeEmail1796179071407 as AddEscalationsAndOfficeEmail1796179071407Sqlite } from './sqlite/1796179071407-AddEscalationsAndOfficeEmail.js';
import { AssessmentsAndMidterm1796180000000 as AssessmentsAndMidterm1796180000000Mysql } from './mysql/1796180000000-AssessmentsAndMidterm.js';
import { AssessmentsAndMidterm1796180000000 as AssessmentsAndMidterm1796180000000Sqlite } from './sqlite/1796180000000-AssessmentsAndMidterm.js';
import { AddAccounts1796179555939 as AddAccounts1796179555939Mysql } from './mysql/1796179555939-AddAccounts.js';
import { AddAccounts1796179555939 as AddAccounts1796179555939Sqlite } from './sqlite/1796179555939-AddAccounts.js';
import { AddNotifications1795432730342 as AddNotifications1795432730342Mysql } from './mysql/1795432730342-AddNotifications.js';
import { AddNotifications1795432730342 as AddNotifications1795432730342Sqlite } from './sqlite/1795432730342-AddNotifications.js';
import { AddDuties1795432718988 as AddDuties1795432718988Mysql } from './mysql/1795432718988-AddDuties.js';
import { AddDuties1795432718988 as AddDuties1795432718988Sqlite } from './sqlite/1795432718988-AddDuties.js';
import { Initial1795431396580 as Initial1795431396580Mysql } from './mysql/1795431396580-Initial.js';
import { Initial1795431396580 as Initial1795431396580Sqlite } from './sqlite/1795431396580-Initial.js';
// Generated migrations, one list per engine (`npm run cli -- db:generate-migration <Name>`).
// Keep both lists in the same order: a change is one migration per engine with the same name.
export const MIGRATIONS_SQLITE: Function[] = [Initial1795431396580Sqlite, AddDuties1795432718988Sqlite, AddNotifications1795432730342Sqlite, AddEscalationsAndOfficeEmail1796179071407Sqlite, AddAccounts1796179555939Sqlite, AssessmentsAndMidterm1796180000000Sqlite, ReportNoticeNumbers1796181000000Sqlite, AddCalendarFeeds1796185000000Sqlite];
export const MIGRATIONS_MYSQL: Function[] = [Initial1795431396580Mysql, AddDuties1795432718988Mysql, AddNotifications1795432730342Mysql, AddEscalationsAndOfficeEmail1796179071407Mysql, AddAccounts1796179555939Mysql, AssessmentsAndMidterm1796180000000Mysql, ReportNoticeNumbers1796181000000Mysql, AddCalendarFeeds1796185000000Mysql];
