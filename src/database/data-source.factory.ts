import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { createConnection } from 'mysql2/promise';
import { ENTITIES } from './entities.js';
import { MIGRATIONS_MYSQL, MIGRATIONS_SQLITE } from './migrations/index.js';

export type DatabaseKind = 'sqlite' | 'mysql';

export interface DatabaseSettings {
  /** Empty: embedded SQLite at sqlitePath. Otherwise mysql://user:pass@host:port/name. */
  url: string;
  sqlitePath: string;
}

export function databaseKind(settings: DatabaseSettings): DatabaseKind {
  return settings.url ? 'mysql' : 'sqlite';
}

/**
 * Builds TypeORM options for either engine. `synchronize` is never set here: the schema comes
 * from migrations only (tests use the same migrations).
 */
export function buildDataSourceOptions(
  settings: DatabaseSettings,
  flavor: 'mysql' | 'mariadb' = 'mysql',
): DataSourceOptions {
  const common = { entities: ENTITIES, synchronize: false, migrationsRun: false, logging: false } as const;
  if (!settings.url) {
    const path = settings.sqlitePath === ':memory:' ? ':memory:' : resolve(settings.sqlitePath);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: path,
      enableWAL: path !== ':memory:',
      migrations: MIGRATIONS_SQLITE,
      // SQLite DDL is transactional: a failed migration rolls back entirely.
      migrationsTransactionMode: 'each',
      prepareDatabase: (db: { pragma: (s: string) => void }) => db.pragma('busy_timeout = 5000'),
    };
  }
  const url = new URL(settings.url);
  return {
    ...common,
    // TypeORM reads MariaDB's catalogue differently (e.g. column defaults), so it must know which one it talks to.
    type: flavor,
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
    // utf8mb4 end to end; binary collation so that names compare and sort exactly as on SQLite.
    charset: 'utf8mb4_bin',
    // Instants are stored as UTC, whatever the server's own zone.
    timezone: 'Z',
    migrations: MIGRATIONS_MYSQL,
    // MySQL commits DDL implicitly; each migration undoes its own steps on failure instead.
    migrationsTransactionMode: 'none',
    extra: { connectionLimit: 10 },
  };
}

/** Asks a MySQL-protocol server whether it is MariaDB (mariadb:// URLs say so themselves). */
export async function detectServerFlavor(settings: DatabaseSettings): Promise<'mysql' | 'mariadb'> {
  const url = new URL(settings.url);
  if (url.protocol === 'mariadb:') return 'mariadb';
  const conn = await createConnection({
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    connectTimeout: 10000,
  });
  try {
    const [rows] = (await conn.query('SELECT VERSION() AS v')) as unknown as [{ v: string }[]];
    return /mariadb/i.test(rows[0].v) ? 'mariadb' : 'mysql';
  } finally {
    await conn.end();
  }
}

export async function resolveDataSourceOptions(settings: DatabaseSettings): Promise<DataSourceOptions> {
  return buildDataSourceOptions(settings, settings.url ? await detectServerFlavor(settings) : 'mysql');
}

export async function createDataSource(settings: DatabaseSettings): Promise<DataSource> {
  return new DataSource(await resolveDataSourceOptions(settings));
}
