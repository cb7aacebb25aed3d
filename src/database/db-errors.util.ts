/** Recognises a unique-index violation from either engine; returns the index name when known. */
export function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; errno?: number; message?: string; driverError?: { code?: string; message?: string } } | null;
  if (!e) return null;
  const code = e.driverError?.code ?? e.code;
  const message = e.driverError?.message ?? e.message ?? '';
  if (code === 'ER_DUP_ENTRY') return /for key '([^']+)'/.exec(message)?.[1] ?? 'unique';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return /UNIQUE constraint failed: (.+)$/.exec(message)?.[1] ?? 'unique';
  return null;
}

/** Recognises a foreign-key violation (a row still referenced, or a missing parent). */
export function foreignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === 'ER_ROW_IS_REFERENCED_2' || code === 'ER_NO_REFERENCED_ROW_2';
}
