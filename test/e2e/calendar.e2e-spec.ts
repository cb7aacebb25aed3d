import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { dropDatabase, freshDatabase } from '../helpers/test-database.js';
import { importWeining, type ImportedPlan } from '../helpers/duties-scenario.js';
import { events, get, parseIcs, type IcsComponent } from '../helpers/ical-parser.js';
import { FixedClock } from '../../src/common/time/clock.js';
import type { DatabaseSettings } from '../../src/database/data-source.factory.js';
import { WORKING_STATES } from '../../src/duties/domain/task-lifecycle.js';

/** The states whose tasks a feed shows: the unit still owes the work. */
const OPEN: readonly string[] = WORKING_STATES;

interface TaskRow {
  id: number;
  unitId: number | null;
  state: string;
  dueOn: string;
  kind: string;
  title: string;
  unit?: { name: string } | null;
}

/**
 * Deadline feeds as a calendar client reads them: RFC 5545 text checked by the test reader, one
 * all-day event per open task the address's user sees, a secret address that a reset or a
 * revocation stops, and the CLI export.
 */
describeEachEngine('calendar: deadline feeds', (engine) => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-calendar-'));
  const clock = new FixedClock('2024-02-05T09:00:00+08:00');
  let database: DatabaseSettings;
  let t: TestApp;
  let weining: ImportedPlan;
  let tasks: TaskRow[];
  let health: number;
  let education: number;
  let committeeId: number;
  const server = () => request(t.app.getHttpServer());
  const path = (url: string) => new URL(url).pathname;
  const fetchIcs = async (url: string, query = '') => {
    const res = await server().get(path(url) + query);
    return { res, cal: res.status === 200 ? parseIcs(res.text) : null };
  };
  const taskIdOf = (e: IcsComponent) => Number(/\/tasks\/(\d+)$/.exec(get(e, 'URL')!)![1]);

  beforeAll(async () => {
    database =
      engine === 'sqlite' ? { url: '', sqlitePath: join(dir, 'calendar.sqlite') } : await freshDatabase('mysql');
    t = await createTestApp(
      engine,
      { 'server.publicUrl': 'https://luoshi.example.gov.cn', 'calendar.maxFailedLookupsPerMinute': 12 },
      { clock, database },
    );
    weining = await importWeining(t);
    await t.http().post('/api/duties/generate').send({ planId: weining.planId }).expect(200);
    committeeId = (await t.http().get('/api/auth/me')).body.user.committeeId;
    health = weining.units.get('自治县卫生健康局')!;
    education = weining.units.get('自治县教育科技局')!;
    // A title with every character TEXT must escape, long enough to fold several times.
    await t
      .http()
      .post('/api/tasks')
      .send({
        unitId: health,
        title: '整改落实, 第一批; 含\\反斜杠 ' + '妇女儿童健康服务能力提升'.repeat(8),
        description: '第一行\n第二行',
        dueOn: '2024-03-15',
        planId: weining.planId,
      })
      .expect(201);
    tasks = [];
    for (let page = 1; ; page++) {
      const p = (await t.http().get(`/api/tasks?pageSize=200&page=${page}`)).body;
      tasks.push(...p.items);
      if (tasks.length >= p.total) break;
    }
  }, 240_000); // the Weining plan, imported and generated through the API, on a busy machine
  afterAll(async () => {
    await t?.close();
    await dropDatabase(database);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a unit's feed: one all-day event per open task of its own, and nothing of another unit's", async () => {
    const made = await t.asUnit(health).post('/api/calendar/feed').expect(201);
    expect(made.body.token).toMatch(/^lcf_[A-Za-z0-9_-]{43}$/);
    expect(made.body.url).toBe(`https://luoshi.example.gov.cn/api/calendar/feed/${made.body.token}.ics`);
    const { res, cal } = await fetchIcs(made.body.url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const own = tasks.filter((x) => x.unitId === health && OPEN.includes(x.state));
    expect(own.length).toBeGreaterThan(2);
    const list = events(cal!);
    expect(list.map(taskIdOf).sort((a, b) => a - b)).toEqual(own.map((x) => x.id).sort((a, b) => a - b));
    for (const e of list) {
      const task = own.find((x) => x.id === taskIdOf(e))!;
      expect(e.props.find((p) => p.name === 'DTSTART')).toMatchObject({
        params: { VALUE: 'DATE' },
        raw: task.dueOn.replace(/-/g, ''),
      });
      expect(get(e, 'UID')).toBe(`task-${task.id}.c${committeeId}@luoshi.example.gov.cn`);
      expect(get(e, 'SUMMARY')).toBe(`${task.title} — 自治县卫生健康局`);
      expect(get(e, 'URL')).toBe(`https://luoshi.example.gov.cn/tasks/${task.id}`);
      expect(get(e, 'DTSTAMP')).toBe('20240205T010000Z');
      expect(
        get(
          e.children.find((c) => c.type === 'VALARM')!,
          'TRIGGER',
        ),
      ).toBe('-P3D');
    }
    // The escaped title comes back whole from folded, escaped lines.
    const special = list.find((e) => get(e, 'SUMMARY')!.startsWith('整改落实, 第一批; 含\\反斜杠'))!;
    expect(get(special, 'DESCRIPTION')).toContain('第一行\n第二行');
    expect(res.text.split('\r\n').filter((l) => l.startsWith(' ')).length).toBeGreaterThan(3);
    // A unit's query cannot reach another unit.
    const other = (await fetchIcs(made.body.url, `?unit=${education}`)).cal!;
    expect(events(other)).toEqual([]);
    // UIDs are stable from one fetch to the next.
    expect(events((await fetchIcs(made.body.url)).cal!).map((e) => get(e, 'UID'))).toEqual(
      list.map((e) => get(e, 'UID')),
    );
  });

  it("the office's feed holds every open task, narrowed by plan, unit and kind", async () => {
    const made = await t.http().post('/api/calendar/feed').expect(201);
    const office = await fetchIcs(made.body.url);
    expect([office.res.status, office.res.status === 200 ? '' : office.res.text]).toEqual([200, '']);
    const all = events(office.cal!);
    expect(all).toHaveLength(tasks.filter((x) => OPEN.includes(x.state)).length);
    const onlyEducation = events((await fetchIcs(made.body.url, `?unit=${education}`)).cal!);
    expect(onlyEducation.map(taskIdOf).sort((a, b) => a - b)).toEqual(
      tasks
        .filter((x) => x.unitId === education && OPEN.includes(x.state))
        .map((x) => x.id)
        .sort((a, b) => a - b),
    );
    const annual = events((await fetchIcs(made.body.url, `?kind=annual_report&plan=${weining.planId}`)).cal!);
    expect(annual.length).toBeGreaterThan(0);
    expect(annual.every((e) => tasks.find((x) => x.id === taskIdOf(e))!.kind === 'annual_report')).toBe(true);
    expect((await server().get(path(made.body.url) + '?kind=nonsense')).status).toBe(400);
  });

  it('a reset address stops the old one (404); revoking stops the new one; the status never shows the token', async () => {
    const first = (await t.asUnit(education).post('/api/calendar/feed').expect(201)).body;
    expect((await fetchIcs(first.url)).res.status).toBe(200);
    const second = (await t.asUnit(education).post('/api/calendar/feed').expect(201)).body;
    expect(second.token).not.toBe(first.token);
    expect((await fetchIcs(first.url)).res.status).toBe(404);
    expect((await fetchIcs(second.url)).res.status).toBe(200);
    const status = (await t.asUnit(education).get('/api/calendar/feed').expect(200)).body;
    expect(status).toMatchObject({ active: true, prefix: second.token.slice(0, 10) });
    expect(JSON.stringify(status)).not.toContain(second.token);
    expect((await t.asUnit(education).delete('/api/calendar/feed').expect(200)).body.active).toBe(false);
    expect((await fetchIcs(second.url)).res.status).toBe(404);
    // Every change is in the audit trail, without the secret.
    const audit = (await t.http().get('/api/audit?entity=calendar_feed')).body.items as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['calendar_feed_created', 'calendar_feed_reset', 'calendar_feed_revoked']),
    );
    expect(JSON.stringify(audit)).not.toContain(second.token);
  });

  it("a disabled user's address answers 404; so do malformed and unknown ones; guessing is cut off (429)", async () => {
    const made = (await t.asRole('viewer').post('/api/calendar/feed').expect(201)).body;
    expect((await fetchIcs(made.url)).res.status).toBe(200);
    const users = (await t.http().get('/api/users?role=viewer')).body.items as Array<{ id: number; version: number }>;
    await t.http().patch(`/api/users/${users[0]!.id}`).send({ version: users[0]!.version, disabled: true }).expect(200);
    expect((await fetchIcs(made.url)).res.status).toBe(404);
    expect((await server().get('/api/calendar/feed/nonsense.ics')).body).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect((await server().get('/api/calendar/feed/nonsense')).status).toBe(404);
    // Without a login the own-feed routes answer 401, not a feed.
    expect((await t.anonymous().post('/api/calendar/feed')).status).toBe(401);
    const guess = () => server().get(`/api/calendar/feed/lcf_${'A'.repeat(43)}.ics`);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await guess()).status);
    expect(statuses).toContain(429);
    expect(statuses.slice(0, statuses.indexOf(429)).every((s) => s === 404)).toBe(true);
    const limited = await guess();
    expect(limited.body).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    clock.set('2024-02-05T09:01:01+08:00');
    expect((await guess()).status).toBe(404);
  });

  it("the CLI writes a unit's calendar (and everyone's without --unit)", () => {
    if (!existsSync(join(root, 'dist/cli.js'))) throw new Error('build first: npm run build -- --no-web');
    const env = {
      PATH: process.env.PATH ?? '',
      LUOSHI_LANG: 'en',
      DB_URL: database.url,
      SQLITE_PATH: database.sqlitePath,
      LUOSHI_DEMO: 'false',
      LOG_LEVEL: 'error',
      LUOSHI_SCHEDULER: 'false',
      PUBLIC_URL: 'https://luoshi.example.gov.cn',
    };
    const out = join(dir, `health-${engine}.ics`);
    const run = spawnSync(
      process.execPath,
      ['dist/cli.js', 'calendar', 'export', '--unit', String(health), '--out', out],
      { cwd: root, env, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    const own = tasks.filter((x) => x.unitId === health && OPEN.includes(x.state));
    expect(run.stdout).toBe(`${own.length} deadlines written to ${out}\n`);
    const cal = parseIcs(readFileSync(out, 'utf8'));
    expect(
      events(cal)
        .map(taskIdOf)
        .sort((a, b) => a - b),
    ).toEqual(own.map((x) => x.id).sort((a, b) => a - b));
    const everyone = join(dir, `all-${engine}.ics`);
    expect(
      spawnSync(process.execPath, ['dist/cli.js', 'calendar', 'export', '--out', everyone], {
        cwd: root,
        env,
        encoding: 'utf8',
      }).status,
    ).toBe(0);
    expect(events(parseIcs(readFileSync(everyone, 'utf8')))).toHaveLength(
      tasks.filter((x) => OPEN.includes(x.state)).length,
    );
    expect(
      spawnSync(process.execPath, ['dist/cli.js', 'calendar', 'export'], { cwd: root, env, encoding: 'utf8' }).status,
    ).toBe(2);
  }, 180_000); // three CLI processes, each starting the service's modules
});
