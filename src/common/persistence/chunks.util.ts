/**
 * Splitting long lists over several statements: one helper for every multi-row INSERT and every
 * `IN (…)` list, so no statement goes past the engines' limits on bound parameters.
 */

/**
 * Bound parameters one statement may carry. SQLite's default since 3.32 (better-sqlite3 bundles a
 * newer one) is 32,766; MySQL/MariaDB allow 65,535 per prepared statement. The smaller one holds.
 */
export const SQL_VARIABLE_LIMIT = 32_766;

/** Ids per `IN (…)` list: far inside the limit, and short enough for the engines to plan well. */
export const IN_CHUNK = 500;

/** Most rows per multi-row INSERT, whatever the width: keeps each statement's text small. */
const MAX_ROWS_PER_INSERT = 500;

/** Rows per multi-row INSERT of `columns` columns (each row binds one parameter per column). */
export function rowsPerInsert(columns: number): number {
  if (!Number.isInteger(columns) || columns < 1)
    throw new RangeError(`rowsPerInsert: columns must be a positive integer, got ${columns}`);
  return Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(SQL_VARIABLE_LIMIT / columns)));
}

/**
 * Runs `fn` on consecutive slices of at most `size` items, one after the other (they usually share
 * a transaction, which runs one statement at a time), and returns each slice's result in order.
 * Nothing is called for an empty list.
 */
export async function inChunks<T, R>(items: readonly T[], size: number, fn: (part: T[]) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`inChunks: size must be a positive integer, got ${size}`);
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(await fn(items.slice(i, i + size)));
  return out;
}
