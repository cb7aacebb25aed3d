import { afterEach, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { describeEachEngine } from '../helpers/engines.js';
import { dropDatabase, freshDatabase } from '../helpers/test-database.js';
import { resolveDataSourceOptions, type DatabaseSettings } from '../../src/database/data-source.factory.js';
import { MigrationFailedError, runPendingMigrations } from '../../src/database/migrate.util.js';
import { applySteps, revertSteps } from '../../src/database/migration-steps.util.js';
import { MIGRATIONS_SQLITE } from '../../src/database/migrations/index.js';
import { createHttpApp } from '../../src/bootstrap.js';
import { testConfig } from '../helpers/test-app.js';

async function tableNames(ds: DataSource): Promise<string[]> {
  const rows: Record<string, string>[] =
    ds.options.type !== 'better-sqlite3'
      ? await ds.query('SHOW TABLES')
      : await ds.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  return rows.map((r) => Object.values(r)[0]).sort();
}

describeEachEngine('migrations', (engine) => {
  let settings: DatabaseSettings;
  const open: DataSource[] = [];
  type MigrationClass = new () => unknown;
  const connect = async (extraMigrations: MigrationClass[] = []) => {
    const options = await resolveDataSourceOptions(settings);
    const ds = new DataSource({
      ...options,
      migrations: [...(options.migrations as MigrationClass[]), ...extraMigrations],
    } as typeof options);
    await ds.initialize();
    open.push(ds);
    return ds;
  };
  afterEach(async () => {
    for (const ds of open.splice(0)) if (ds.isInitialized) await ds.destroy();
    await dropDatabase(settings);
  });

  it('build exactly the schema the entities describe (no drift), and undo cleanly', async () => {
    settings = await freshDatabase(engine);
    const ds = await connect();
    expect(await runPendingMigrations(ds)).toHaveLength(MIGRATIONS_SQLITE.length);
    const drift = await ds.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((q) => q.query)).toEqual([]);
    expect(await runPendingMigrations(ds)).toEqual([]);
    for (let i = 0; i < MIGRATIONS_SQLITE.length; i++) await ds.undoLastMigration();
    expect(await tableNames(ds)).toEqual(['migrations']);
  });

  it('a failing migration leaves the database as it was, and the error names it', async () => {
    settings = await freshDatabase(engine);
    class Broken1999999999999 implements MigrationInterface {
      name = 'Broken1999999999999';
      async up(qr: QueryRunner) {
        await applySteps(qr, [
          { up: ['CREATE TABLE broken_a (id int)'], down: ['DROP TABLE broken_a'] },
          {
            up: ['CREATE TABLE broken_b (id int)', 'CREATE INDEX ix_broken_b ON broken_b (id)'],
            down: ['DROP INDEX ix_broken_b ON broken_b', 'DROP TABLE broken_b'],
          },
          { up: ['ALTER TABLE no_such_table ADD COLUMN x int'], down: [] },
        ]);
      }
      async down(qr: QueryRunner) {
        await revertSteps(qr, []);
      }
    }
    const ds = await connect([Broken1999999999999]);
    const error = await runPendingMigrations(ds).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as Error).message).toMatch(/Broken1999999999999 failed: .*no_such_table/i);
    expect((error as Error).message).toContain('left as it was');
    const tables = await tableNames(ds);
    expect(tables).not.toContain('broken_a');
    expect(tables).not.toContain('broken_b');
    // The good migration before it stays applied.
    expect(tables).toContain('unit');
    const recorded = (await ds.query('SELECT name FROM migrations')).map((r: { name: string }) => r.name);
    expect(recorded).not.toContain('Broken1999999999999');
  });

  it('the service refuses to start when a migration cannot run, and leaves the database as it was', async () => {
    settings = await freshDatabase(engine);
    if (engine === 'sqlite')
      settings = { url: '', sqlitePath: join(mkdtempSync(join(tmpdir(), 'luoshi-mig-')), 'db.sqlite') };
    // Sabotage: a table the first migration wants to create already exists.
    const before = await connect();
    await before.query('CREATE TABLE plan (id int)');
    await before.destroy();
    const config = testConfig({ 'database.url': settings.url, 'database.sqlitePath': settings.sqlitePath });
    const error = await createHttpApp(config, false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as Error).message).toMatch(/^Database migration Initial\d+ failed: .*plan.*already exists/i);
    const after = await connect();
    expect(await tableNames(after)).toEqual(['migrations', 'plan']);
    if (engine === 'sqlite') rmSync(dirname(settings.sqlitePath), { recursive: true, force: true });
  });
});
