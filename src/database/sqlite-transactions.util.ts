import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

const inside = new AsyncLocalStorage<true>();

/**
 * TypeORM's better-sqlite3 driver has one connection, so two transactions started at once (two
 * requests, or a request and a scheduler tick) collide with "cannot start a transaction within a
 * transaction". This makes the data source run them one after another. Work already inside one
 * runs directly, so a nested call cannot wait on itself. MySQL/MariaDB are left as they are.
 */
export function serializeSqliteTransactions(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  // BEGIN IMMEDIATE: a transaction takes the write lock when it starts, so a second process on
  // the file (the CLI next to the service) waits for the busy timeout instead of failing with
  // "database is locked" when a read-then-write transaction cannot upgrade its stale snapshot.
  const runner = dataSource.driver.createQueryRunner('master') as {
    query: (sql: string, ...rest: unknown[]) => Promise<unknown>;
  };
  const query = runner.query.bind(runner);
  runner.query = (sql: string, ...rest: unknown[]) =>
    query(sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...rest);
  const manager = dataSource.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let queue: Promise<unknown> = Promise.resolve();
  (manager as { transaction: unknown }).transaction = (...args: unknown[]): Promise<unknown> => {
    if (inside.getStore()) return original(...args);
    const run = queue.then(() => inside.run(true, () => original(...args)));
    queue = run.catch(() => undefined);
    return run;
  };
}
