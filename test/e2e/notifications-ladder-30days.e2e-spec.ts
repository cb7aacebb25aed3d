import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { SmtpSink, type SinkMessage } from '../helpers/smtp-sink.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { SchedulerService } from '../../src/scheduling/scheduler.service.js';
import { OutboxSender } from '../../src/notifications/outbox/outbox-sender.js';

/*
 * Issue 10, "Done when": a 30-day scripted timeline that starts with tasks already months late.
 * Real duties (tasks through the API), the real scheduler slot, the real SMTP sink, the clock
 * moved day by day, a 9-day outage. Every expectation below is worked out by hand (or, for the
 * digests, by the small calendar model in this file), never by asking the product.
 *
 * Day 0 is Monday 2025-03-03. Ticks on days 0–10 and 20–29; the service is down on days 11–19.
 *
 *   task  unit  due          at day 0      what happens
 *   T1    A     2024-11-30   93 days late  submitted day 9, accepted day 10
 *   T2    B     2025-01-31   31 days late  submitted day 2, returned day 4 (with a reason)
 *   T3    C     2025-02-26    5 days late
 *   T4    A     2025-03-01    2 days late
 *   T5    B     2025-03-12   (day 9)       extension asked day 8, rejected day 9 (with a reason)
 *   T6    C     2025-03-10   (day 7)       extension asked day 6, approved day 7: due 2025-03-25 (day 22)
 *
 * Unit A: liaisons 张敏 (zh) and Li Lei (en), head. Unit B: liaison 王芳, no head.
 * Unit C: liaison 张敏 too (one person, two units: still one digest a day), head.
 */

const DAY0 = Date.UTC(2025, 2, 3);
const D = (n: number): string => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);
const late = (dueOn: string, n: number): number => Math.round((DAY0 + n * 86_400_000 - Date.parse(dueOn)) / 86_400_000);

const OFFICE = 'ban@weining.example.gov.cn';
const ZHANG = { name: '张敏', email: 'zhangmin@example.gov.cn', locale: 'zh-CN' };
const LI = { name: 'Li Lei', email: 'lilei@example.org', locale: 'en' };
const WANG = { name: '王芳', email: 'wangfang@example.gov.cn', locale: 'zh-CN' };
const HEAD_A = 'head.a@example.gov.cn';
const HEAD_C = 'head.c@example.gov.cn';

const TICK_DAYS = [...Array(11).keys(), ...Array.from({ length: 10 }, (_, i) => 20 + i)];

type TaskName = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6';
const LIAISONS: Record<TaskName, string[]> = {
  T1: [ZHANG.email, LI.email],
  T2: [WANG.email],
  T3: [ZHANG.email],
  T4: [ZHANG.email, LI.email],
  T5: [WANG.email],
  T6: [ZHANG.email],
};
const HEAD: Record<TaskName, string | null> = { T1: HEAD_A, T2: null, T3: HEAD_C, T4: HEAD_A, T5: null, T6: HEAD_C };

/** Due date and whether the unit still owes the task, as seen by the 09:00 tick of day n (actions come after it). */
function stateAtTick(task: TaskName, n: number): { dueOn: string; open: boolean } {
  switch (task) {
    case 'T1':
      return { dueOn: '2024-11-30', open: n <= 9 };
    case 'T2':
      return { dueOn: '2025-01-31', open: n <= 2 || n >= 5 };
    case 'T3':
      return { dueOn: '2025-02-26', open: true };
    case 'T4':
      return { dueOn: '2025-03-01', open: true };
    case 'T5':
      return { dueOn: '2025-03-12', open: true };
    case 'T6':
      return { dueOn: n <= 7 ? '2025-03-10' : '2025-03-25', open: true };
  }
}

/** The digest calendar of config/default.yaml: 7, 3, 1 days before, the due day, 1 day late, then every 7 days. */
const digestDay = (l: number): boolean => [-7, -3, -1, 0].includes(l) || (l >= 1 && (l - 1) % 7 === 0);

/** Who gets a digest on tick day n: a task is mentioned when a digest day of its current due date fell since the previous tick. */
function expectedDigests(n: number): string[] {
  const i = TICK_DAYS.indexOf(n);
  const previous = i === 0 ? n - 7 : TICK_DAYS[i - 1]!; // the first run ever looks back one repeat period
  const to = new Set<string>();
  for (const task of Object.keys(LIAISONS) as TaskName[]) {
    const { dueOn, open } = stateAtTick(task, n);
    if (!open) continue;
    let mentioned = false;
    for (let d = previous + 1; d <= n; d++) if (digestDay(late(dueOn, d))) mentioned = true;
    if (mentioned) for (const e of LIAISONS[task]) to.add(e);
  }
  return [...to].map((e) => `digest ${e}`);
}

const urge = (t: TaskName) => [...LIAISONS[t], ...(HEAD[t] ? [HEAD[t]!] : [])].map((e) => `urge ${e}`);
const supervise = (t: TaskName) =>
  [...LIAISONS[t], ...(HEAD[t] ? [HEAD[t]!] : []), OFFICE].map((e) => `supervise ${e}`);
const decision = (t: TaskName) => LIAISONS[t].map((e) => `decision ${e}`);

/** Worked out by hand from the ladder's rules (3 and 10 days late, one step a day, 督办 after 催办). */
const ESCALATIONS: Record<number, { urge?: TaskName[]; supervise?: TaskName[] }> = {
  0: { urge: ['T1', 'T2', 'T3'] }, // 93, 31 and 5 days late; T4 only 2
  1: { urge: ['T4'], supervise: ['T1', 'T2'] }, // T4 3 days late; T1 and T2 urged yesterday; T3 only 6 days late
  5: { supervise: ['T3'] }, // 10 days late
  8: { supervise: ['T4'] }, // 10 days late
  20: { urge: ['T5'] }, // 3 days late on day 12, during the outage: urged on the first day back, 11 days late
  21: { supervise: ['T5'] }, // not on the day of its 催办: the next day
  25: { urge: ['T6'] }, // 3 days late on its new date
};
const URGED_ON: Partial<Record<TaskName, string>> = { T1: D(0), T2: D(0), T3: D(0), T4: D(1), T5: D(20), T6: D(25) };

const DECISIONS: Record<number, TaskName[]> = {
  0: ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'], // 交办
  4: ['T2'], // returned
  7: ['T6'], // extension approved
  9: ['T5'], // extension rejected
  10: ['T1'], // accepted
};
/** The office's digest of submissions waiting: T2 on days 3 and 4 (returned after the tick), T1 on day 10. */
const REVIEW_DAYS = [3, 4, 10];

/**
 * Day 7: the tick queues 张敏's digest (T6 due today), then the office approves T6's extension
 * before the sender runs: the digest, now about a date that no longer holds, is cancelled unsent.
 */
const CANCELLED: Record<number, string[]> = { 7: [`digest ${ZHANG.email}`] };

function expectedLines(n: number): string[] {
  const e = ESCALATIONS[n] ?? {};
  return [
    ...(TICK_DAYS.includes(n) ? expectedDigests(n).filter((l) => !(CANCELLED[n] ?? []).includes(l)) : []),
    ...(e.urge ?? []).flatMap(urge),
    ...(e.supervise ?? []).flatMap(supervise),
    ...(DECISIONS[n] ?? []).flatMap(decision),
    ...(REVIEW_DAYS.includes(n) ? [`review_digest ${OFFICE}`] : []),
  ].sort();
}

const kindOf = (m: SinkMessage) => m.headers['x-luoshi-kind'];
const lines = (messages: SinkMessage[]) => messages.map((m) => `${kindOf(m)} ${m.envelope.to.join(',')}`).sort();

describeEachEngine('notifications: 30 days of the escalation ladder from tasks months late', (engine) => {
  let sink: SmtpSink;
  let t: TestApp;
  const clock = new FixedClock(`${D(0)}T08:00:00+08:00`);
  const id: Record<TaskName, number> = { T1: 0, T2: 0, T3: 0, T4: 0, T5: 0, T6: 0 };
  const unit = { A: 0, B: 0, C: 0 };
  const received = new Map<number, SinkMessage[]>();

  const ok = async (res: { status: number; body: unknown }, status: number, what: string) => {
    if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: number; version: number };
  };
  const version = async (task: TaskName) => (await t.http().get(`/api/tasks/${id[task]}`)).body.version as number;
  const act = async (task: TaskName, action: string, asUnit: number | null, reason?: string) => {
    const req = (asUnit ? t.asUnit(asUnit) : t.http()).post(`/api/tasks/${id[task]}/actions/${action}`);
    await ok(await req.send({ version: await version(task), ...(reason ? { reason } : {}) }), 200, `${action} ${task}`);
  };
  const askExtension = async (task: TaskName, asUnit: number, requestedDueOn: string) =>
    (
      await ok(
        await t
          .asUnit(asUnit)
          .post(`/api/tasks/${id[task]}/extension-requests`)
          .send({ requestedDueOn, reason: '数据尚未汇总' }),
        201,
        `extension ${task}`,
      )
    ).id;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp(engine, { 'mail.smtpUrl': sink.url, 'mail.officeEmail': '' }, { clock });
    const warned = await t.http().get('/api/notifications/warnings');
    expect(warned.body.warnings.map((w: { code: string }) => w.code)).toEqual(['OFFICE_EMAIL_MISSING']);
    const committee = (await t.http().get('/api/committees/default')).body as { id: number; version: number };
    await ok(
      await t.http().patch(`/api/committees/${committee.id}`).send({ version: committee.version, officeEmail: OFFICE }),
      200,
      'office address',
    );
    expect((await t.http().get('/api/notifications/warnings')).body).toMatchObject({
      officeEmail: OFFICE,
      warnings: [],
    });

    const plan = await ok(
      await t
        .http()
        .post('/api/plans')
        .send({ title: '威宁自治县妇女发展规划（2021—2025年）', kind: 'women', periodStart: 2021, periodEnd: 2025 }),
      201,
      'plan',
    );
    unit.A = (
      await ok(
        await t
          .http()
          .post('/api/units')
          .send({
            name: '自治县卫生健康局',
            kind: 'government',
            liaisons: [ZHANG, LI],
            headName: '王局长',
            headEmail: HEAD_A,
          }),
        201,
        'A',
      )
    ).id;
    unit.B = (
      await ok(
        await t
          .http()
          .post('/api/units')
          .send({ name: '自治县教育科技局', kind: 'government', liaisons: [WANG] }),
        201,
        'B',
      )
    ).id;
    unit.C = (
      await ok(
        await t
          .http()
          .post('/api/units')
          .send({
            name: '自治县民政局',
            kind: 'government',
            liaisons: [{ ...ZHANG, name: '张敏（民政）' }],
            headName: '李局长',
            headEmail: HEAD_C,
          }),
        201,
        'C',
      )
    ).id;
    const task = async (name: TaskName, unitId: number, dueOn: string) => {
      id[name] = (
        await ok(
          await t
            .http()
            .post('/api/tasks')
            .send({ unitId, planId: plan.id, title: `${name} 交办事项`, dueOn }),
          201,
          name,
        )
      ).id;
    };
    await task('T1', unit.A, '2024-11-30');
    await task('T2', unit.B, '2025-01-31');
    await task('T3', unit.C, '2025-02-26');
    await task('T4', unit.A, '2025-03-01');
    await task('T5', unit.B, '2025-03-12');
    await task('T6', unit.C, '2025-03-10');

    let extensionT6 = 0;
    let extensionT5 = 0;
    const actions: Record<number, () => Promise<void>> = {
      2: () => act('T2', 'submit', unit.B),
      4: () => act('T2', 'return', null, '缺少分项数据，请补充后重新提交'),
      6: async () => {
        extensionT6 = await askExtension('T6', unit.C, '2025-03-25');
      },
      7: async () => {
        await ok(
          await t.http().post(`/api/extension-requests/${extensionT6}/decision`).send({ decision: 'approve' }),
          200,
          'approve',
        );
      },
      8: async () => {
        extensionT5 = await askExtension('T5', unit.B, '2025-03-31');
      },
      9: async () => {
        await ok(
          await t
            .http()
            .post(`/api/extension-requests/${extensionT5}/decision`)
            .send({ decision: 'reject', reason: '时间已很充裕' }),
          200,
          'reject',
        );
        await act('T1', 'submit', unit.A);
      },
      10: () => act('T1', 'accept', null),
    };
    for (let n = 0; n < 30; n++) {
      if (!TICK_DAYS.includes(n)) continue; // down: nothing runs, nothing is sent
      clock.set(`${D(n)}T09:00:00+08:00`);
      await t.app.get(SchedulerService).tick();
      await actions[n]?.();
      await t.app.get(OutboxSender).sendPending();
      received.set(n, sink.messages.splice(0));
    }
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  it('each day brings exactly the expected messages', () => {
    for (const n of TICK_DAYS)
      expect({ day: n, date: D(n), got: lines(received.get(n)!) }).toEqual({
        day: n,
        date: D(n),
        got: expectedLines(n),
      });
  });

  it('a 催办 for every task 3+ days late; a 督办 for every task 10+ days late on a later day, naming the true date of its 催办', () => {
    for (const task of Object.keys(id) as TaskName[]) {
      const about = (kind: string) =>
        TICK_DAYS.filter((n) =>
          received.get(n)!.some((m) => kindOf(m) === kind && m.subject.includes(`${task} 交办事项`)),
        );
      const urgedDays = about('urge');
      const supervisedDays = about('supervise');
      expect({ task, urgedOn: urgedDays.map(D) }).toEqual({ task, urgedOn: [URGED_ON[task]] });
      if (task === 'T6') {
        expect(supervisedDays).toEqual([]); // only 7 days late on its new date by day 29
        continue;
      }
      expect(supervisedDays).toHaveLength(1);
      expect(supervisedDays[0]!).toBeGreaterThan(urgedDays[0]!);
      for (const m of received
        .get(supervisedDays[0]!)!
        .filter((x) => kindOf(x) === 'supervise' && x.subject.includes(`${task} 交办事项`))) {
        if (m.envelope.to[0] === LI.email) expect(m.text).toContain(`an urging notice was sent on ${URGED_ON[task]}`);
        else expect(m.text).toContain(`经${URGED_ON[task]}催办至今仍未办结，现予督办。`);
        expect(m.text).not.toContain('上述');
      }
    }
    const t3 = received.get(5)!.find((m) => kindOf(m) === 'supervise' && m.envelope.to[0] === ZHANG.email)!;
    expect(t3.text).toContain('抄送：你单位负责人；示范县妇女儿童工作委员会办公室。');
    const t2 = received.get(1)!.find((m) => kindOf(m) === 'supervise' && m.envelope.to[0] === WANG.email)!;
    expect(t2.text).toContain('抄送：示范县妇女儿童工作委员会办公室。'); // unit B has no head: not claimed
  });

  it('at most one digest per recipient per day, across units', () => {
    for (const n of TICK_DAYS) {
      const digests = received
        .get(n)!
        .filter((m) => kindOf(m) === 'digest')
        .map((m) => m.envelope.to[0]);
      expect(new Set(digests).size).toBe(digests.length);
    }
    // Day 0: 张敏 is liaison of A (T1, T4) and C (T3, T6); one digest lists all four.
    const day0 = received.get(0)!.find((m) => kindOf(m) === 'digest' && m.envelope.to[0] === ZHANG.email)!;
    for (const task of ['T1', 'T3', 'T4', 'T6']) expect(day0.text).toContain(`${task} 交办事项`);
    expect(day0.text).toContain('提醒邮件每人每天最多一封；催办、督办、通报等正式通知和办理结果通知另行发送。');
  });

  it("units are told of decisions, once each, in their liaison's language", () => {
    const one = (n: number, to: string) =>
      received.get(n)!.filter((m) => kindOf(m) === 'decision' && m.envelope.to[0] === to);
    expect(one(4, WANG.email).map((m) => m.subject)).toEqual(['【落实通知】“T2 交办事项”已退回，请修改后重新提交']);
    expect(one(4, WANG.email)[0]!.text).toContain('缺少分项数据，请补充后重新提交');
    expect(one(7, ZHANG.email).map((m) => m.subject)).toEqual([
      '【落实通知】“T6 交办事项”延期申请已同意，新截止日期2025-03-25',
    ]);
    expect(one(9, WANG.email).map((m) => m.subject)).toEqual(['【落实通知】“T5 交办事项”延期申请未同意']);
    expect(one(9, WANG.email)[0]!.text).toContain('时间已很充裕');
    expect(one(10, LI.email).map((m) => m.subject)).toEqual(['[Luoshi] "T1 交办事项" was accepted']);
    expect(received.get(3)!.find((m) => kindOf(m) === 'review_digest')!.text).toContain(
      'T2 交办事项 | 自治县教育科技局',
    );
  });

  it('in all: exact totals, each message once', async () => {
    const all = TICK_DAYS.flatMap((n) => received.get(n)!);
    const count = (kind: string) => all.filter((m) => kindOf(m) === kind).length;
    const expectedAll = TICK_DAYS.flatMap(expectedLines);
    // 催办: T1 3, T2 1, T3 2, T4 3, T5 1, T6 2; 督办: T1 4, T2 2, T3 3, T4 4, T5 2.
    expect(count('urge')).toBe(12);
    expect(count('supervise')).toBe(15);
    // 交办 8 (T1 2, T2 1, T3 1, T4 2, T5 1, T6 1), returned 1, approved 1, rejected 1, accepted 2.
    expect(count('decision')).toBe(13);
    expect(count('review_digest')).toBe(3);
    expect(count('digest')).toBe(expectedAll.filter((l) => l.startsWith('digest ')).length);
    expect(new Set(all.map((m) => m.messageId)).size).toBe(all.length);
    const summary = (await t.http().get('/api/mail/outbox/summary')).body.counts;
    expect(summary).toMatchObject({ queued: 0, sending: 0, failed: 0, rejected: 0, cancelled: 1, sent: all.length });
    const cancelled = (await t.http().get('/api/mail/outbox?status=cancelled')).body.items;
    expect(cancelled).toEqual([
      expect.objectContaining({
        kind: 'digest',
        to: expect.objectContaining({ email: ZHANG.email }),
        lastError: expect.stringContaining(`task ${id.T6}`),
      }),
    ]);
  });
});
