import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { SmtpSink, type SinkMessage } from '../helpers/smtp-sink.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { taskTitle } from '../../src/duties/generate/generate-duties.service.js';
import { ReminderService } from '../../src/notifications/reminders/reminder.service.js';
import { OutboxSender } from '../../src/notifications/outbox/outbox-sender.js';

const ZHANG = { name: '张敏', email: 'zhangmin@example.gov.cn', locale: 'zh-CN' };
const LI = { name: 'Li Lei', email: 'lilei@example.org', locale: 'en' };
const LIU = { name: '刘洋', email: 'liuyang@example.gov.cn' };
const AR2023 = taskTitle('annual_report', 2023);
const IMPL = taskTitle('implementation_plan', null);

const kindOf = (m: SinkMessage) => m.headers['x-luoshi-kind'];
const to = (m: SinkMessage) => m.envelope.to.join(',');

/**
 * Issue 10: a regeneration that changes a unit's duties tells the unit through the outbox, like the
 * office's own decisions — a moved deadline once per task and new date, a cancelled duty — in each
 * liaison's language; the first generation tells no one; a dry run queues nothing; and a moved
 * deadline restarts the escalation ladder (a new 催办 for the new date).
 */
describeEachEngine('duties: regeneration tells the units what changed', (engine) => {
  let sink: SmtpSink;
  let t: TestApp;
  const clock = new FixedClock('2024-02-10T09:00:00+08:00');
  const ids = { plan: 0, health: 0, civil: 0 };

  const post = async (path: string, body: object) => {
    const res = await t.http().post(path).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: number };
  };
  const generate = async (dryRun = false) => {
    const res = await t.http().post('/api/duties/generate').send({ planId: ids.plan, dryRun });
    expect(res.status).toBe(200);
    return res.body[0] as { moved: unknown[]; cancelled: unknown[]; added: unknown[] };
  };
  /** Sends what is queued and returns what the SMTP server received. */
  const delivered = async (): Promise<SinkMessage[]> => {
    sink.clear();
    await t.app.get(OutboxSender).sendPending();
    return [...sink.messages];
  };
  const remindersOn = async (day: string) => {
    clock.set(`${day}T09:00:00+08:00`);
    await t.app.get(ReminderService).runTick(day);
    return delivered();
  };
  const putRules = async (overrides: object) => {
    const current = (await t.http().get(`/api/plans/${ids.plan}/duty-rules`)).body;
    const res = await t.http().put(`/api/plans/${ids.plan}/duty-rules`).send({ version: current.version, overrides });
    expect(res.status).toBe(200);
  };

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp(engine, { 'mail.smtpUrl': sink.url }, { clock });
    ids.health = (
      await post('/api/units', {
        name: '自治县卫生健康局',
        kind: 'government',
        liaisons: [ZHANG, LI],
        headName: '王局长',
        headEmail: 'head.wsj@example.gov.cn',
      })
    ).id;
    ids.civil = (await post('/api/units', { name: '自治县民政局', kind: 'government', liaisons: [LIU] })).id;
    ids.plan = (
      await post('/api/plans', {
        title: '威宁自治县妇女发展规划（2021—2025年）',
        kind: 'women',
        periodStart: 2021,
        periodEnd: 2025,
        issuedOn: '2023-05-05',
        areas: [
          {
            number: 1,
            name: '妇女与健康',
            goals: [
              { number: 1, text: '妇女人均预期寿命延长', leadUnitIds: [ids.health], responsibleUnitIds: [ids.civil] },
            ],
          },
        ],
      })
    ).id;
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('the first generation tells no one (it is the plan’s task division)', async () => {
    const report = await generate();
    // Per unit: implementation plan, annual reports on 2023–2025, final evaluation; and 3 upward reports of the office.
    expect(report.added).toHaveLength(2 * 5 + 3);
    expect((await delivered()).filter((m) => kindOf(m) === 'decision')).toEqual([]);
  });

  it('before any change: the 催办 for the late implementation plan and annual report 2023', async () => {
    const got = await remindersOn('2024-02-10');
    const urges = got.filter((m) => kindOf(m) === 'urge' && to(m) === LIU.email);
    expect(urges).toHaveLength(2);
    expect(
      urges.map((m) => (m.text.includes(AR2023) ? 'annual' : m.text.includes(IMPL) ? 'impl' : '?')).sort(),
    ).toEqual(['annual', 'impl']);
  });

  it('a dry run of a rule change reports the moves and queues nothing', async () => {
    await putRules({ annualReport: { dueMonthDay: '02-05' } });
    const report = await generate(true);
    expect(report.moved).toHaveLength(6);
    expect(await delivered()).toEqual([]);
  });

  it('moved deadlines: one notice per liaison and task, in the liaison’s language; a repeat sends nothing', async () => {
    const report = await generate();
    expect(report.moved).toHaveLength(6); // annual reports 2023–2025 of both units
    const got = await delivered();
    expect(got.every((m) => kindOf(m) === 'decision')).toBe(true);
    expect(got.map(to).sort()).toEqual(
      [...Array(3).fill(LI.email), ...Array(3).fill(LIU.email), ...Array(3).fill(ZHANG.email)].sort(),
    );
    const subjects = (email: string) =>
      got
        .filter((m) => to(m) === email)
        .map((m) => m.subject)
        .sort();
    expect(subjects(LIU.email)).toEqual(
      [
        `【落实通知】“${taskTitle('annual_report', 2023)}”的截止日期改为2024-02-05`,
        `【落实通知】“${taskTitle('annual_report', 2024)}”的截止日期改为2025-02-05`,
        `【落实通知】“${taskTitle('annual_report', 2025)}”的截止日期改为2026-02-05`,
      ].sort(),
    );
    const english = got.find((m) => to(m) === LI.email && m.subject.includes('2024-02-05'))!;
    expect(english.subject).toBe(`[Luoshi] "${AR2023}" is now due 2024-02-05`);
    expect(english.text).toContain(`The deadline of "${AR2023}" has changed from 2024-01-31 to 2024-02-05.`);

    expect((await generate()).moved).toEqual([]);
    expect(await delivered()).toEqual([]);
  });

  it('the moved deadline restarts the ladder: a new 催办 for the new date, while the unmoved task goes on to its 督办', async () => {
    const got = (await remindersOn('2024-02-11')).filter((m) => to(m) === LIU.email);
    const about = (m: SinkMessage) => (m.text.includes(AR2023) ? 'annual' : m.text.includes(IMPL) ? 'impl' : '?');
    expect(got.filter((m) => kindOf(m) === 'urge').map(about)).toEqual(['annual']);
    expect(got.filter((m) => kindOf(m) === 'supervise').map(about)).toEqual(['impl']);
  });

  it('a unit that no longer holds the goal is told its open duties are cancelled', async () => {
    const tree = (await t.http().get(`/api/plans/${ids.plan}`)).body;
    const civil = tree.areas[0].goals[0].assignments.find((a: { unitId: number }) => a.unitId === ids.civil);
    expect((await t.http().delete(`/api/assignments/${civil.id}`)).status).toBe(204);
    const report = await generate();
    expect(report.cancelled).toHaveLength(5);
    const got = await delivered();
    expect(got.map((m) => `${kindOf(m)} ${to(m)}`)).toEqual(Array(5).fill(`decision ${LIU.email}`));
    expect(got.map((m) => m.subject)).toContain(`【落实通知】“${IMPL}”已取消，无需办理`);
  });
});
