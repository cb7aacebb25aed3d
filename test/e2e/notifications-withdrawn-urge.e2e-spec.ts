import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { SmtpSink, type SinkMessage } from '../helpers/smtp-sink.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { SchedulerService } from '../../src/scheduling/scheduler.service.js';
import { OutboxSender } from '../../src/notifications/outbox/outbox-sender.js';

/*
 * Issue 10: a 催办 cancelled before it was sent must not count as sent. Day 0 is Monday 2025-03-03;
 * the task was due 2025-02-26 (5 days late). Ticks every day at 09:00, the sender right after.
 *
 *   day 0  tick queues the 催办; the unit submits before the sender runs: the 催办 is cancelled unsent
 *   day 1  (submitted: nothing); the office returns the submission after the tick
 *   day 2  7 days late, no 催办 delivered yet: the 催办 now (before the fix: nothing, the cancelled one counted)
 *   day 5  10 days late: the 督办, quoting the 催办 of day 2 (before the fix: "经2025-03-03催办")
 */
const DAY0 = Date.UTC(2025, 2, 3);
const D = (n: number): string => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);
const LIAISON = 'zhangmin@example.gov.cn';
const HEAD = 'head@example.gov.cn';
const OFFICE = 'ban@example.gov.cn';
const kindOf = (m: SinkMessage) => m.headers['x-luoshi-kind'];

describeEachEngine('notifications: a 催办 cancelled before sending does not count for the 督办', (engine) => {
  let sink: SmtpSink;
  let t: TestApp;
  const clock = new FixedClock(`${D(0)}T08:00:00+08:00`);
  const received = new Map<number, SinkMessage[]>();
  let taskId = 0;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp(engine, { 'mail.smtpUrl': sink.url, 'mail.officeEmail': OFFICE }, { clock });
    const plan = (
      await t
        .http()
        .post('/api/plans')
        .send({ title: '示范县妇女发展规划（2021—2025年）', kind: 'women', periodStart: 2021, periodEnd: 2025 })
    ).body;
    const unit = (
      await t
        .http()
        .post('/api/units')
        .send({
          name: '县卫生健康局',
          kind: 'government',
          liaisons: [{ name: '张敏', email: LIAISON, locale: 'zh-CN' }],
          headName: '王局长',
          headEmail: HEAD,
        })
    ).body;
    const created = await t
      .http()
      .post('/api/tasks')
      .send({ unitId: unit.id, planId: plan.id, title: '孕产妇保健专项报告', dueOn: '2025-02-26' });
    expect(created.status).toBe(201);
    taskId = created.body.id;
    const act = async (action: string, asUnit: boolean, reason?: string) => {
      const version = (await t.http().get(`/api/tasks/${taskId}`)).body.version as number;
      const res = await (asUnit ? t.asUnit(unit.id) : t.http())
        .post(`/api/tasks/${taskId}/actions/${action}`)
        .send({ version, ...(reason ? { reason } : {}) });
      expect({ action, status: res.status }).toEqual({ action, status: 200 });
    };
    const after: Record<number, () => Promise<void>> = {
      0: () => act('submit', true),
      1: () => act('return', false, '缺少分项数据'),
    };
    await t.app.get(OutboxSender).sendPending(); // the 交办 notice
    sink.messages.splice(0);
    for (let n = 0; n <= 6; n++) {
      clock.set(`${D(n)}T09:00:00+08:00`);
      await t.app.get(SchedulerService).tick();
      await after[n]?.();
      await t.app.get(OutboxSender).sendPending();
      received.set(n, sink.messages.splice(0));
    }
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('sends the 催办 once it can really go, and the 督办 on a later day quoting that date', () => {
    const escalations = (n: number) =>
      received
        .get(n)!
        .filter((m) => ['urge', 'supervise'].includes(kindOf(m)!))
        .map((m) => `${kindOf(m)} ${m.envelope.to.join(',')}`)
        .sort();
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => ({ day: n, got: escalations(n) }))).toEqual([
      { day: 0, got: [] }, // queued, then cancelled unsent
      { day: 1, got: [] },
      { day: 2, got: [`urge ${HEAD}`, `urge ${LIAISON}`] },
      { day: 3, got: [] },
      { day: 4, got: [] },
      { day: 5, got: [`supervise ${OFFICE}`, `supervise ${HEAD}`, `supervise ${LIAISON}`].sort() },
      { day: 6, got: [] },
    ]);
    for (const m of received.get(5)!.filter((x) => kindOf(x) === 'supervise')) {
      expect(m.text).toContain(`经${D(2)}催办至今仍未办结，现予督办。`);
      expect(m.text).not.toContain(D(0));
    }
  });

  it('keeps the cancelled 催办 in the outbox as cancelled, and records only the step really taken', async () => {
    const cancelled = (await t.http().get('/api/mail/outbox?status=cancelled&kind=urge')).body.items as Array<{
      to: { email: string };
      lastError: string;
    }>;
    expect(cancelled.map((m) => m.to.email).sort()).toEqual([HEAD, LIAISON]);
    for (const m of cancelled) expect(m.lastError).toContain(`task ${taskId} is submitted`);
    const sent = (await t.http().get('/api/mail/outbox?status=sent&kind=urge')).body.items as unknown[];
    expect(sent).toHaveLength(2);
  });
});
