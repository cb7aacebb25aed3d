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

