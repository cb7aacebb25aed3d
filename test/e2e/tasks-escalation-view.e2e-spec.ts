import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { SchedulerService } from '../../src/scheduling/scheduler.service.js';
import { OutboxSender } from '../../src/notifications/outbox/outbox-sender.js';

/*
 * Issue 13: the task list and detail show the escalation step actually taken (催办/督办 and its day),
 * read from the steps recorded by the reminder runs, and filter by it. Day 0 is Monday 2025-03-03;
 * three tasks were due 2025-02-26 (5 days late), one is due at the end of the year.
 *
 *   day 0  the tick queues a 催办 for A-late, B-late and B-withdrawn; unit B submits B-withdrawn before
 *          the sender runs, so its 催办 is cancelled unsent (withdrawn: it does not count)
 *   day 5  10 days late: the 督办 for A-late and B-late
 */
const DAY0 = Date.UTC(2025, 2, 3);
const D = (n: number): string => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);

type Row = { id: number; title: string; escalation: { level: string; on: string } | null };

describeEachEngine('tasks: the escalation reached, from the steps actually taken', (engine) => {
  let sink: SmtpSink;
  let t: TestApp;
  const clock = new FixedClock(`${D(0)}T08:00:00+08:00`);
  const ids: Record<string, number> = {};
  const units: Record<string, number> = {};

  const runDay = async (n: number, between?: () => Promise<void>) => {
    clock.set(`${D(n)}T09:00:00+08:00`);
    await t.app.get(SchedulerService).tick();
    await between?.();
    await t.app.get(OutboxSender).sendPending();
  };
  const list = async (query = '', unit?: string) => {
    const res = await (unit ? t.asUnit(units[unit]) : t.http()).get(`/api/tasks?pageSize=100${query}`);
    expect(res.status).toBe(200);
    return res.body.items as Row[];
  };
  const marks = (rows: Row[]) =>
    Object.fromEntries(rows.map((r) => [r.title, r.escalation])) as Record<string, Row['escalation']>;
  const titles = (rows: Row[]) => rows.map((r) => r.title).sort();

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp(engine, { 'mail.smtpUrl': sink.url, 'mail.officeEmail': 'ban@example.gov.cn' }, { clock });
    const plan = (
      await t
        .http()
        .post('/api/plans')
        .send({ title: '示范县妇女发展规划（2021—2025年）', kind: 'women', periodStart: 2021, periodEnd: 2025 })
    ).body;
    for (const [key, name, mail] of [
      ['A', '县卫生健康局', 'a'],
      ['B', '县教育局', 'b'],
    ]) {
      const res = await t
        .http()
        .post('/api/units')
        .send({
          name,
          kind: 'government',
          liaisons: [{ name: `联络员${key}`, email: `${mail}@example.gov.cn`, locale: 'zh-CN' }],
          headName: `局长${key}`,
          headEmail: `head-${mail}@example.gov.cn`,
        });
      expect(res.status).toBe(201);
      units[key] = res.body.id;
    }
    for (const [title, unit, dueOn] of [
      ['A-late', 'A', '2025-02-26'],
      ['A-future', 'A', '2025-12-31'],
      ['B-late', 'B', '2025-02-26'],
      ['B-withdrawn', 'B', '2025-02-26'],
    ]) {
      const res = await t.http().post('/api/tasks').send({ unitId: units[unit], planId: plan.id, title, dueOn });
      expect(res.status).toBe(201);
      ids[title] = res.body.id;
    }
    await t.app.get(OutboxSender).sendPending(); // the 交办 notices
    await runDay(0, async () => {
      const id = ids['B-withdrawn'];
      const version = (await t.http().get(`/api/tasks/${id}`)).body.version as number;
      const res = await t.asUnit(units.B).post(`/api/tasks/${id}/actions/submit`).send({ version });
      expect(res.status).toBe(200);
    });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('shows the 催办 with its day on the list and the detail; a withdrawn 催办 is no escalation', async () => {
    // The withdrawn 催办 really was queued and cancelled (the case under test).
    const cancelled = (await t.http().get('/api/mail/outbox?status=cancelled&kind=urge')).body.items as unknown[];
    expect(cancelled.length).toBeGreaterThan(0);
    expect(marks(await list())).toEqual({
      'A-late': { level: 'urge', on: D(0) },
      'A-future': null,
      'B-late': { level: 'urge', on: D(0) },
      'B-withdrawn': null,
    });
    const detail = await t.http().get(`/api/tasks/${ids['A-late']}`);
    expect(detail.body.escalation).toEqual({ level: 'urge', on: D(0) });
    expect((await t.http().get(`/api/tasks/${ids['A-future']}`)).body.escalation).toBeNull();
  });

  it('filters by the level reached: ?escalation=urge, none, supervise; a bad value is a 400', async () => {
    expect(titles(await list('&escalation=urge'))).toEqual(['A-late', 'B-late']);
    expect(titles(await list('&escalation=none'))).toEqual(['A-future', 'B-withdrawn']);
    expect(await list('&escalation=supervise')).toEqual([]);
    const total = (await t.http().get('/api/tasks?escalation=urge')).body.total;
    expect(total).toBe(2);
    // The ledger export takes the same filter and names the step in its last column.
    const csv = await t.http().get('/api/supervision/ledger/export?format=csv&escalation=urge');
    expect(csv.status).toBe(200);
    const lines = csv.text.slice(1).trim().split('\r\n');
    expect(lines[0].split(',').at(-1)).toBe('催办督办');
    expect(
      lines
        .slice(1)
        .map((l) => `${l.split(',')[5]} ${l.split(',').at(-1)}`)
        .sort(),
    ).toEqual([`A-late 催办 ${D(0)}`, `B-late 催办 ${D(0)}`]);
    // The aggregates cannot narrow by it: they refuse it rather than answer as if it were not there.
    for (const path of ['/api/supervision/dashboard', '/api/supervision/ranking', '/api/supervision/rates']) {
      const refused = await t.http().get(`${path}?escalation=urge`);
      expect([path, refused.status]).toEqual([path, 400]);
    }
    const bad = await t.http().get('/api/tasks?escalation=sent');
    expect(bad.status).toBe(400);
  });

  it('a unit liaison sees the level only on its own tasks', async () => {
    expect(marks(await list('', 'A'))).toEqual({ 'A-late': { level: 'urge', on: D(0) }, 'A-future': null });
    expect(titles(await list('&escalation=urge', 'A'))).toEqual(['A-late']);
    expect(titles(await list('&escalation=none', 'B'))).toEqual(['B-withdrawn']);
    expect((await t.asUnit(units.A).get(`/api/tasks/${ids['B-late']}`)).status).toBe(404);
  });

  it('after the 督办 shows the 督办 and its day; the filter follows', async () => {
    for (let n = 1; n <= 5; n++) await runDay(n);
    expect(marks(await list())).toEqual({
      'A-late': { level: 'supervise', on: D(5) },
      'A-future': null,
      'B-late': { level: 'supervise', on: D(5) },
      'B-withdrawn': null,
    });
    expect(titles(await list('&escalation=supervise'))).toEqual(['A-late', 'B-late']);
    expect(await list('&escalation=urge')).toEqual([]);
  }, 60_000);
});
