import type { DataSource } from 'typeorm';

export class MigrationFailedError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(
      `Database migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}. ` +
        'The database was left as it was before this migration; the service will not start until the cause is fixed.',
    );
    this.name = 'MigrationFailedError';
  }
}

/**
 * Applies pending migrations. Each one either completes or leaves the schema as it found it
 * (transaction on SQLite, step-by-step undo on MySQL); the error names the migration.
 */
export async function runPendingMigrations(dataSource: DataSource): Promise<string[]> {
  const applied: string[] = [];
  const pending = dataSource.migrations.map((m) => m.name ?? m.constructor.name);
  const executed = new Set<string>();
  try {
    for (const migration of await dataSource.runMigrations({
      transaction: dataSource.options.migrationsTransactionMode ?? 'each',
    })) {
      executed.add(migration.name);
      applied.push(migration.name);
    }
  } catch (error) {
    // TypeORM runs in order; the first one not recorded as executed is the one that failed.
    const done = new Set(
      (await dataSource.query(`SELECT name FROM migrations`).catch(() => [])).map((r: { name: string }) => r.name),
    );
    const failed = pending.find((name) => !done.has(name)) ?? 'unknown';
    throw new MigrationFailedError(failed, error);
  }
  return applied;
}
