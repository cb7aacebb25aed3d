import type { DataSource, EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * dataSource.transaction, one at a time on SQLite. TypeORM's better-sqlite3 driver has a single
 * connection: two transactions started concurrently (a scheduler tick and a request) collide with
 * "cannot start a transaction within a transaction". This queues the transactions of this module;
 * MySQL/MariaDB transactions run concurrently as usual.
 */
export function transaction<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return dataSource.transaction(work);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => dataSource.transaction(work));
  queues.set(dataSource, run.catch(() => undefined));
  return run;
}
