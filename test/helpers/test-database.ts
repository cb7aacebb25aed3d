import { createConnection } from 'mysql2/promise';
import { mysqlTestUrl, type Engine } from './engines.js';
import type { DatabaseSettings } from '../../src/database/data-source.factory.js';

let counter = 0;

/**
 * A fresh, empty database for one test suite: in-memory SQLite, or a MariaDB database of its own
 * (named after the Jest worker, so parallel suites never share tables). The schema then comes
 * from the real migrations.
 */
export async function freshDatabase(engine: Engine): Promise<DatabaseSettings> {
  if (engine === 'sqlite') return { url: '', sqlitePath: ':memory:' };
  const base = new URL(mysqlTestUrl);
  const name = `${base.pathname.slice(1)}_r${process.env.LUOSHI_TEST_RUN_ID ?? process.pid}_w${process.env.JEST_WORKER_ID ?? '0'}_${counter++}`;
  const admin = await createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username),
    password: decodeURIComponent(base.password),
  });
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await admin.end();
  }
  const url = new URL(mysqlTestUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), sqlitePath: 'data/unused.sqlite' };
}

export async function dropDatabase(settings: DatabaseSettings): Promise<void> {
  if (!settings.url) return;
  const url = new URL(settings.url);
  const admin = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${url.pathname.slice(1)}\``);
  } finally {
    await admin.end();
  }
}
