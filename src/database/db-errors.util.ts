/** Recognises a unique-index violation from either engine; returns the index name when known. */
export function uniqueViolation(error: unknown): string | null {
  const e = error as {
    code?: string;
    errno?: number;
    message?: string;
    driverError?: { code?: string; message?: string };
  } | null;
  if (!e) return null;
  const code = e.driverError?.code ?? e.code;
  const message = e.driverError?.message ?? e.message ?? '';
  if (code === 'ER_DUP_ENTRY') return /for key '([^']+)'/.exec(message)?.[1] ?? 'unique';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return /UNIQUE constraint failed: (.+)$/.exec(message)?.[1] ?? 'unique';
  return null;
}

/** Recognises a foreign-key violation (a row still referenced, or a missing parent). */
export function foreignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return (
    code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === 'ER_ROW_IS_REFERENCED_2' || code === 'ER_NO_REFERENCED_ROW_2'
  );
}

const UNAVAILABLE_CODES = new Set([
  // MySQL/MariaDB over the network
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  // SQLite: the file is locked past the busy timeout, or cannot be read
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_RECOVERY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_READONLY',
]);

/**
 * The database cannot be reached right now (a network or server problem, a locked or unreadable
 * file), as opposed to a bug: the request may succeed later, so it is a 503, not a 500.
 */
export function databaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string; name?: string } | null;
  if (!e) return false;
  const code = e.driverError?.code ?? e.code ?? '';
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_BUSY')) return true;
  // mysql2 after its pool was closed, TypeORM before a connection exists.
  return (
    /Pool is closed|Can't add new command when connection is in closed state|connection is in closed state/i.test(
      e.message ?? '',
    ) || e.name === 'ConnectionIsNotSetError'
  );
}

/** MySQL/MariaDB chose this transaction as a deadlock victim (it was rolled back; running it again is safe). */
export function deadlock(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  return (e?.driverError?.code ?? e?.code) === 'ER_LOCK_DEADLOCK';
}

/** Runs a whole transaction again when it lost a deadlock (concurrent inserts of the same keys do). */
export async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (error) {
      if (!deadlock(error) || i >= attempts) throw error;
    }
  }
}
