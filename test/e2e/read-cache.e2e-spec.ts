import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.js';
import { etagMatches, ReadCacheStore } from '../../src/access/read-cache.js';
import { dataVersion } from '../../src/database/data-version.js';
import { FixedClock } from '../../src/common/time/clock.js';

/**
 * GET /api/tasks, the dashboard and the plan tree reuse their answer while nothing was written
 * (SQLite) for at most server.readCacheMs: what a caller sees must still follow every write, every
 * change of the clock, and stay the caller's own.
 */
describeEachEngine('read cache of the lists', (engine) => {
  const clock = new FixedClock('2025-03-20T09:00:00+08:00');
  let t: TestApp;
  let taskId: number;
  let unitId: number;

  beforeAll(async () => {
    t = await createTestApp(engine, { 'server.readCacheMs': 60_000 }, { clock });
    unitId = (await t.http().post('/api/units').send({ name: '自治县教育局', kind: 'government' })).body.id;
    const other = (await t.http().post('/api/units').send({ name: '自治县民政局', kind: 'government' })).body.id;
    taskId = (await t.http().post('/api/tasks').send({ unitId, title: '整改报告', dueOn: '2025-03-25' })).body.id;
    await t.http().post('/api/tasks').send({ unitId: other, title: '另一单位的任务', dueOn: '2025-03-25' });
  });
  afterAll(() => t.close());

  const list = async (client = t.http()) => {
    const res = await client.get('/api/tasks');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    return res.body as {
      items: Array<{ id: number; title: string; status: string; daysLeft: number | null }>;
      total: number;
    };
  };

  it('answers the same twice, and follows a write through the API', async () => {
    const first = await list();
    expect(await list()).toEqual(first);
    expect(first.items.find((i) => i.id === taskId)).toMatchObject({
      title: '整改报告',
      status: 'due_soon',
      daysLeft: 5,
    });
    const version = (await t.http().get(`/api/tasks/${taskId}`)).body.version;
    expect((await t.http().patch(`/api/tasks/${taskId}`).send({ version, title: '整改报告（修订）' })).status).toBe(
      200,
    );
    expect((await list()).items.find((i) => i.id === taskId)?.title).toBe('整改报告（修订）');
  });

  it('follows a write made beside the API (the same database, raw SQL)', async () => {
    await list();
    await t.app.get(DataSource).query('UPDATE duty_task SET title = ? WHERE id = ?', ['直接改的标题', taskId]);
    expect((await list()).items.find((i) => i.id === taskId)?.title).toBe('直接改的标题');
  });

  it('follows the clock: days left and status move with it', async () => {
    expect((await list()).items.find((i) => i.id === taskId)?.daysLeft).toBe(5);
    clock.set('2025-03-27T09:00:00+08:00');
    expect((await list()).items.find((i) => i.id === taskId)).toMatchObject({ status: 'overdue', daysLeft: null });
    clock.set('2025-03-20T09:00:00+08:00');
    expect((await list()).items.find((i) => i.id === taskId)?.daysLeft).toBe(5);
  });

  it('keeps nothing read while a transaction is open (a rollback would not move the counter)', () => {
    const dataSource = t.app.get(DataSource);
    if (engine !== 'sqlite') {
      expect(dataVersion(dataSource)).toBeNull();
      return;
    }
    const db = (dataSource.driver as unknown as { databaseConnection: { exec(sql: string): void } }).databaseConnection;
    expect(dataVersion(dataSource)).not.toBeNull();
    db.exec('BEGIN');
    try {
      expect(dataVersion(dataSource)).toBeNull();
    } finally {
      db.exec('ROLLBACK');
    }
    expect(dataVersion(dataSource)).not.toBeNull();
  });

  it("never hands one caller another's answer", async () => {
    const office = await list();
    expect(office.total).toBe(2);
    const unit = await list(t.asUnit(unitId));
    expect(unit.items.map((i) => i.id)).toEqual([taskId]);
    expect((await list()).total).toBe(2);
  });

  // A browser session's repeat of a list is answered in front of express (ReadCacheStore.answer):
  // it must be the same answer, and end with everything that ends the session's access.
  describe('a browser session', () => {
    const server = () => t.app.getHttpServer();
    const login = async (name: string) => {
      const res = await request(server()).post('/api/auth/login').send({ login: name, password: TEST_PASSWORD });
      expect(res.status).toBe(200);
      return String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
    };
    const get = (cookie: string, url = '/api/tasks') => request(server()).get(url).set('Cookie', cookie);
    /** How many requests the store answered in front of express since the last call. */
    const answeredEarly = (() => {
      let spy: jest.Spied<ReadCacheStore['answer']> | undefined;
      return () => {
        spy ??= jest.spyOn(t.app.get(ReadCacheStore), 'answer');
        const n = spy.mock.results.filter((r) => r.value === true).length;
        spy.mockClear();
        return n;
      };
    })();
    const headersOf = (res: { headers: Record<string, unknown> }) => {
      const { date: _date, ...rest } = res.headers;
      return rest;
    };

    it('gets the same status, headers and bytes again, and 304 for its ETag', async () => {
      await t.asUnit(unitId).get('/api/auth/me'); // makes the liaison with the test password
      const cookie = await login(`liaison-${unitId}`);
      answeredEarly();
      const first = await get(cookie);
      expect(answeredEarly()).toBe(0);
      const again = await get(cookie);
      expect(answeredEarly()).toBe(engine === 'sqlite' ? 1 : 0);
      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.text).toBe(first.text);
      expect(headersOf(again)).toEqual(headersOf(first));
      expect(first.headers['content-security-policy']).toContain("default-src 'self'");
      expect(first.body.items.map((i: { id: number }) => i.id)).toEqual([taskId]);
      const etag = String(first.headers.etag);
      const unchanged = await get(cookie).set('If-None-Match', etag);
      expect(unchanged.status).toBe(304);
      expect(unchanged.text).toBe('');
      expect((await get(cookie).set('If-None-Match', 'W/"other"')).status).toBe(200);
    });

    it('passes a cookie it cannot read to the full way (401, the service still up)', async () => {
      const cookie = await login(`liaison-${unitId}`);
      await get(cookie);
      expect((await get(cookie)).status).toBe(200); // the store holds an answer now
      const garbled = await get('luoshi_session=%E0%A4%A');
      expect(garbled.status).toBe(401);
      expect((await get(cookie)).status).toBe(200);
    });

    it('keeps each session to its own answer', async () => {
      const unitCookie = await login(`liaison-${unitId}`);
      await t.asRole('office_staff').get('/api/auth/me');
      const officeCookie = await login('test-office-staff');
      const unitFirst = await get(unitCookie);
      const officeFirst = await get(officeCookie);
      expect(officeFirst.body.total).toBe(2);
      expect((await get(unitCookie)).body.total).toBe(1);
      expect((await get(officeCookie)).body.total).toBe(2);
      expect((await get(unitCookie)).text).toBe(unitFirst.text);
    });

    it('ends at logout, when the user is disabled and when the session expires', async () => {
      const cookie = await login(`liaison-${unitId}`);
      await get(cookie);
      answeredEarly();
      expect((await get(cookie)).status).toBe(200);
      expect(answeredEarly()).toBe(engine === 'sqlite' ? 1 : 0);
      const me = await request(server()).get('/api/auth/me').set('Cookie', cookie);
      const logout = await request(server())
        .post('/api/auth/logout')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', me.body.csrfToken)
        .send({});
      expect(logout.status).toBe(204);
      expect((await get(cookie)).status).toBe(401);

      const second = await login(`liaison-${unitId}`);
      expect((await get(second)).status).toBe(200);
      const users = (await t.http().get('/api/users')).body.items as Array<{
        id: number;
        login: string;
        version: number;
      }>;
      const liaison = users.find((u) => u.login === `liaison-${unitId}`)!;
      const disabled = await t
        .http()
        .patch(`/api/users/${liaison.id}`)
        .send({ version: liaison.version, disabled: true });
      expect(disabled.status).toBe(200);
      expect((await get(second)).status).toBe(401);
      const now = (await t.http().get(`/api/users/${liaison.id}`)).body.version;
      await t.http().patch(`/api/users/${liaison.id}`).send({ version: now, disabled: false });

      // Just before the session ends (12 hours after login, auth.sessionHours) the kept answer is
      // still fresh (readCacheMs 60 s): only the session's own end refuses it two seconds later.
      const third = await login(`liaison-${unitId}`);
      clock.set('2025-03-20T20:59:59+08:00');
      try {
        expect((await get(third)).status).toBe(200);
        answeredEarly();
        expect((await get(third)).status).toBe(200);
        expect(answeredEarly()).toBe(engine === 'sqlite' ? 1 : 0);
        clock.set('2025-03-20T21:00:01+08:00');
        expect((await get(third)).status).toBe(401);
      } finally {
        clock.set('2025-03-20T09:00:00+08:00');
      }
    });
  });
});

it('compares ETags as express does (weak, lists, *, not under no-cache)', () => {
  const tag = 'W/"a"';
  expect(etagMatches({}, tag)).toBe(false);
  expect(etagMatches({ 'if-none-match': 'W/"a"' }, tag)).toBe(true);
  expect(etagMatches({ 'if-none-match': '"a"' }, tag)).toBe(true);
  expect(etagMatches({ 'if-none-match': '"b", W/"a"' }, tag)).toBe(true);
  expect(etagMatches({ 'if-none-match': '"b"' }, tag)).toBe(false);
  expect(etagMatches({ 'if-none-match': '*' }, tag)).toBe(true);
  expect(etagMatches({ 'if-none-match': 'W/"a"', 'cache-control': 'no-cache' }, tag)).toBe(false);
  expect(etagMatches({ 'if-none-match': 'W/"a"', 'cache-control': 'max-age=0' }, tag)).toBe(true);
});
