import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DatabaseSettings } from './data-source.factory.js';

interface LockDb {
  readonly open: boolean;
  pragma(sql: string): unknown;
  exec(sql: string): unknown;
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (
  path: string,
  options: { timeout: number },
) => LockDb;

export class InstanceLockError extends Error {
  override readonly name = 'InstanceLockError';
}

export interface InstanceLock {
  release(): void;
}

/**
 * SQLite is one process's database: two services on one file lose writes to "database is locked".
 * The service holds an exclusive lock on <sqlitePath>.lock (a tiny SQLite file) for as long as it
 * runs; the operating system drops it when the process ends, however it ends, so there is no stale
 * lock to clean up. A second service on the same file stops at start. The CLI does not take it: it
 * works next to a running service and waits for the busy timeout when the file is busy.
 */
export function acquireSqliteInstanceLock(settings: DatabaseSettings): InstanceLock | null {
  if (settings.url || settings.sqlitePath === ':memory:') return null;
  const path = `${resolve(settings.sqlitePath)}.lock`;
  // First start: the database's folder does not exist yet.
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
      throw new InstanceLockError(
        `another Luoshi service is already running on the SQLite database ${resolve(settings.sqlitePath)} (it holds ${path}). ` +
          'SQLite serves one service process; to run several instances, use MySQL or MariaDB (DB_URL=mysql://…). ' +
          'The command-line tools (node dist/cli.js …) can run next to the service.',
      );
    }
    throw error;
  }
  return {
    release: () => {
      if (db.open) db.close();
    },
  };
}
