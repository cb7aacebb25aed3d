import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { spawn } from 'node:child_process';
import { createHttpApp } from '../../src/bootstrap.js';
import { officeToken, testConfig } from '../helpers/test-app.js';

interface RawDb {
  exec(sql: string): unknown;
  pragma(sql: string): unknown;
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (
  path: string,
  options?: { timeout?: number },
) => RawDb;

/** SQLite on a file (not :memory:): one service per file, and other processes wait instead of failing. */
describe("SQLite is one service's database", () => {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-single-'));
  const sqlitePath = join(dir, 'luoshi.sqlite');
  const config = testConfig({ 'database.url': '', 'database.sqlitePath': sqlitePath });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a second service on the same file refuses to start and says to use MySQL/MariaDB; after the first stops it starts', async () => {
    const first = await createHttpApp(config);
    await first.init();
    await expect(createHttpApp(config)).rejects.toThrow(
      `another Luoshi service is already running on the SQLite database ${sqlitePath} (it holds ${sqlitePath}.lock). SQLite serves one service process; to run several instances, use MySQL or MariaDB (DB_URL=mysql://…).`,
    );
    // The first one is unharmed.
    expect((await request(first.getHttpServer()).get('/api/health')).status).toBe(200);
    await first.close();
    const again = await createHttpApp(config);
    await again.init();
    expect((await request(again.getHttpServer()).get('/api/health')).status).toBe(200);
    await again.close();
  });

  it('a write while another process holds the file waits for it (busy timeout) instead of failing', async () => {
    const app = await createHttpApp(config);
    await app.init();
    try {
      const bearer = `Bearer ${await officeToken(app)}`;
      const agent = request(app.getHttpServer());
      const http = () => ({
        get: (url: string) => agent.get(url).set('Authorization', bearer),
        post: (url: string) => agent.post(url).set('Authorization', bearer),
      });
      expect((await http().post('/api/units').send({ name: '自治县妇联', kind: 'mass_organisation' })).status).toBe(
        201,
      );
      // Another process (as the CLI would be) takes the write lock, writes, and commits 300 ms later.
      // A timer in the child, not a signal from here: the service's busy wait (better-sqlite3,
      // synchronous) blocks this process's event loop, so nothing here can tell the child to commit
      // once the write is waiting, and a signal sent before the write could let the child commit
      // first (the write would then never wait). Nothing here measures or asserts the delay.
      const other = spawn(
        process.execPath,
        [
          '-e',
          `
        const db = new (require('better-sqlite3'))(${JSON.stringify(sqlitePath)});
        db.exec('BEGIN IMMEDIATE');
        db.exec("UPDATE unit SET notes = 'cli' WHERE name = '自治县妇联'");
        console.log('locked');
        setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);
      `,
        ],
        { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve) => other.stdout!.once('data', () => resolve()));
      const pending = http()
        .post('/api/units')
        .send({ name: '自治县民政局', kind: 'government' })
        .then((r) => r);
      const res = await pending;
      expect(res.status).toBe(201);
      expect((await http().get('/api/units')).body.total).toBe(2);
    } finally {
      await app.close();
    }
  });

  it('while the file stays locked past the busy timeout, a write is a 503 DATABASE_UNAVAILABLE, not a 500', async () => {
    const app = await createHttpApp(testConfig({ 'database.url': '', 'database.sqlitePath': sqlitePath }));
    await app.init();
    const bearer = `Bearer ${await officeToken(app)}`;
    await request(app.getHttpServer()).get('/api/auth/me').set('Authorization', bearer).expect(200); // the token's first use is recorded before the lock
    const other = new Database(sqlitePath);
    try {
      other.exec('BEGIN IMMEDIATE');
      const res = await request(app.getHttpServer())
        .post('/api/units')
        .set('Authorization', bearer)
        .set('Accept-Language', 'en')
        .send({ name: '自治县教育局', kind: 'government' });
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        status: 503,
        code: 'DATABASE_UNAVAILABLE',
        message: 'the database cannot be reached right now; try again in a moment',
        details: null,
      });
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await app.close();
    }
  }, 20_000);
});
