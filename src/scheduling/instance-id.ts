import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** Injection token: this process's name in claims (scheduler slots, outbox leases). */
export const INSTANCE_ID = Symbol('INSTANCE_ID');

/** host:pid:random: unique per running application, readable in the tables. */
export function newInstanceId(): string {
  return `${hostname().slice(0, 60)}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
