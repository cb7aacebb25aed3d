import type { DataSource } from 'typeorm';

interface Statement {
  pluck(toggle?: boolean): { get(): unknown };
}
interface Sqlite {
  prepare(sql: string): Statement;
  readonly inTransaction: boolean;
}

const counters = new WeakMap<
  DataSource,
  { db: Sqlite; changes: { get(): unknown }; version: { get(): unknown } } | null
>();

/**
 * A string that changes whenever anything is written to the database, or null where the engine
 * offers no such counter (MySQL/MariaDB, where several instances share the database): caches of
 * reads use it to be exact rather than merely short-lived.
 *
 * On SQLite the service is the only one holding its file (the instance lock) and writes through
 * one connection: total_changes() counts every row any statement of it wrote (committed or not),
 * PRAGMA data_version changes with each commit of another connection (the command line). Both are
 * in-memory reads, microseconds each.
 */
export function dataVersion(dataSource: DataSource): string | null {
  let counter = counters.get(dataSource);
  if (counter === undefined) {
    const db =
      dataSource.options.type === 'better-sqlite3'
        ? (dataSource.driver as unknown as { databaseConnection?: Sqlite }).databaseConnection
        : undefined;
    counter = db
      ? {
          db,
          changes: db.prepare('SELECT total_changes()').pluck(),
          version: db.prepare('PRAGMA data_version').pluck(),
        }
      : null;
    counters.set(dataSource, counter);
  }
  // While a transaction is open, what a read sees may still be rolled back, and a rollback does
  // not move the counters: nothing read then may be kept.
  if (!counter || !dataSource.isInitialized || counter.db.inTransaction) return null;
  try {
    return `${String(counter.changes.get())}:${String(counter.version.get())}`;
  } catch {
    // The connection these statements belong to was closed (the data source was re-opened): ask again next time.
    counters.delete(dataSource);
    return null;
  }
}
