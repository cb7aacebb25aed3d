import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { SmtpSink, type SinkMessage } from '../helpers/smtp-sink.js';
import { InMemoryReminderTasks, task } from '../helpers/fake-reminder-tasks.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { addDays } from '../../src/common/time/calendar-date.util.js';
import { SchedulerService } from '../../src/scheduling/scheduler.service.js';
import { OutboxSender } from '../../src/notifications/outbox/outbox-sender.js';
import { REMINDER_TASK_SOURCE } from '../../src/notifications/reminders/reminder-task-source.js';
import { CIRCULAR_FIGURES_SOURCE, type CircularFiguresSource } from '../../src/notifications/reminders/circular-figures-source.js';

const DUE = '2025-06-30';
const WOMEN = { planId: 1, planTitle: '威宁自治县妇女发展规划（2021—2025年）' };
const CHILDREN = { planId: 2, planTitle: '威宁自治县儿童发展规划（2021—2025年）' };
const ZHANG = { name: '张敏', email: 'zhangmin@example.gov.cn', locale: 'zh-CN' };
const LI = { name: 'Li Lei', email: 'lilei@example.org', locale: 'en' };
const LIU = { name: '刘洋', email: 'liuyang@example.gov.cn', locale: 'zh-CN' };
const HEAD_A = { name: '王局长', email: 'head.wsj@example.gov.cn' };
const HEAD_B = { name: '赵局长', email: 'head.jkj@example.gov.cn' };
const OFFICE = 'office@fgw.example.gov.cn';

const line = (m: SinkMessage) => `${m.headers['x-luoshi-kind']} ${m.envelope.to.join(',')}`;

/**
 * The reminder pipeline end to end — scheduler tick → reminder run → outbox → sender → a real SMTP
 * server — with the tasks served from memory (stand-in for the duties module).
 */
describeEachEngine('notifications: reminders, urging and escalation over a scripted timeline', (engine) => {
  let sink: SmtpSink;
  let t: TestApp;
  const clock = new FixedClock(`${addDays(DUE, -8)}T09:00:00+08:00`);
  const tasks = new InMemoryReminderTasks().add(
    task({ id: 1, dueOn: DUE, ...WOMEN, unitId: 1, unitName: '自治县卫生健康局', liaisons: [ZHANG, LI], head: HEAD_A }),
    task({ id: 2, dueOn: DUE, ...CHILDREN, unitId: 2, unitName: '自治县教育科技局', title: '儿童规划实施方案', kindLabel: { 'zh-CN': '实施方案', en: 'Implementation plan' }, liaisons: [ZHANG], head: HEAD_B }),
    task({ id: 3, dueOn: DUE, ...WOMEN, unitId: 2, unitName: '自治县教育科技局', liaisons: [LIU], head: HEAD_B }),
  );
  const figures: CircularFiguresSource = {
    figures: async (_committeeId, query) => ({
      asOf: query.asOf,
      scope: '2024年度任务',
      units: [
        { unitName: '自治县卫生健康局', overdueCount: 1, onTimeRate: 0.5, completionRate: 0.5, maxDaysLate: 12 },
        { unitName: '自治县教育科技局', overdueCount: 2, onTimeRate: 0.25, completionRate: 0.5, maxDaysLate: 12 },
        { unitName: '自治县民政局', overdueCount: 0, onTimeRate: 1, completionRate: 1 },
      ],
    }),
  };

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp(engine, { 'mail.smtpUrl': sink.url, 'mail.officeEmail': OFFICE }, {
      clock,
      replace: [{ token: REMINDER_TASK_SOURCE, value: tasks }, { token: CIRCULAR_FIGURES_SOURCE, value: figures }],
    });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  /** One day: the 09:00 tick, then the sender; returns what the SMTP server received that day. */
  async function day(offset: number, beforeSending?: () => void): Promise<SinkMessage[]> {
    clock.set(`${addDays(DUE, offset)}T09:00:00+08:00`);
    sink.clear();
    await t.app.get(SchedulerService).tick();
    beforeSending?.();
    await t.app.get(OutboxSender).sendPending();
    return [...sink.messages];
  }
  const lines = (messages: SinkMessage[]) => messages.map(line).sort();

  describe('the timeline T-7 … T+10', () => {
    it('T-8: the first tick of a new installation; nothing is due', async () => {
      expect(await day(-8)).toEqual([]);
    });

    it('T-7: one digest per liaison, grouped by plan, with due dates, days left and links', async () => {
      const got = await day(-7);
      expect(lines(got)).toEqual(['digest lilei@example.org', 'digest liuyang@example.gov.cn', 'digest zhangmin@example.gov.cn']);
      const zhang = got.find((m) => m.envelope.to[0] === ZHANG.email)!;
      expect(zhang.subject).toBe('【落实提醒】2项任务临近截止：最早截止 2025-06-30');
      expect(zhang.text).toContain(WOMEN.planTitle);
      expect(zhang.text).toContain(CHILDREN.planTitle);
      expect(zhang.text).toContain('还有7天');
      expect(zhang.text).toContain('http://localhost:3000/tasks/1');
      expect(zhang.html).toContain('href="http://localhost:3000/tasks/2"');
      const li = got.find((m) => m.envelope.to[0] === LI.email)!;
      expect(li.subject).toBe('[Luoshi] "2024年度规划实施情况报告 #1" is due 2025-06-30 (in 7 days)');
    });

    it('days without a trigger send nothing', async () => {
      for (const offset of [-6, -5, -4]) expect(await day(offset)).toEqual([]);
    });

    it('T-3: the digests again; T-2: nothing; a task submitted on T-2 is not reminded again', async () => {
      expect(lines(await day(-3))).toEqual(['digest lilei@example.org', 'digest liuyang@example.gov.cn', 'digest zhangmin@example.gov.cn']);
      expect(await day(-2)).toEqual([]);
      tasks.update(3, { state: 'submitted' });
    });

    it('T-1, the due day and T+1: digests to the liaisons of the open tasks only', async () => {
      for (const offset of [-1, 0, 1]) expect(lines(await day(offset))).toEqual(['digest lilei@example.org', 'digest zhangmin@example.gov.cn']);
      expect(sink.messages.find((m) => m.envelope.to[0] === ZHANG.email)!.subject).toBe('【落实提醒】2项任务已逾期：最早截止 2025-06-30');
    });

    it('T+3: urging notices (催办), one per task, to the liaisons and the unit\'s head', async () => {
      expect(await day(2)).toEqual([]);
      const got = await day(3);
      expect(lines(got)).toEqual(['urge head.jkj@example.gov.cn', 'urge head.wsj@example.gov.cn', 'urge lilei@example.org', 'urge zhangmin@example.gov.cn', 'urge zhangmin@example.gov.cn']);
      expect(got.map((m) => m.subject)).toContain('【催办】自治县教育科技局：“儿童规划实施方案”已逾期3天（截止2025-06-30）');
    });

    it('T+8: an overdue digest; a reminder queued for a task submitted before it went out is cancelled', async () => {
      for (const offset of [4, 5, 6, 7]) expect(await day(offset)).toEqual([]);
      // The tick queues the digests; task 1 is submitted before the sender gets to them.
      const got = await day(8, () => tasks.update(1, { state: 'submitted' }));
      expect(lines(got)).toEqual(['digest zhangmin@example.gov.cn']); // still lists task 2, which is open
      const cancelled = await t.http().get('/api/mail/outbox?status=cancelled');
      expect(cancelled.body.items).toEqual([expect.objectContaining({ to: expect.objectContaining({ email: LI.email }), lastError: 'stop-on-submission: task 1 is submitted' })]);
    });

    it('T+10: a supervision notice (督办) to the liaisons, the head and the committee office', async () => {
      expect(await day(9)).toEqual([]);
      const got = await day(10);
      expect(lines(got)).toEqual([`supervise ${HEAD_B.email}`, `supervise ${OFFICE}`, `supervise ${ZHANG.email}`]);
      const notice = got.find((m) => m.envelope.to[0] === ZHANG.email)!;
      expect(notice.subject).toBe('【督办】自治县教育科技局：“儿童规划实施方案”已逾期10天（截止2025-06-30）');
      expect(notice.text).toContain('2025-07-03'); // urged on T+3
      expect(await day(11)).toEqual([]);
    });

    it('running the same day again queues nothing new (ticks, run-once, the API)', async () => {
      clock.set(`${addDays(DUE, 10)}T15:00:00+08:00`);
      await t.app.get(SchedulerService).tick();
      const run = await t.http().post('/api/notifications/reminders/run').send({ date: addDays(DUE, 10) });
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({ queued: 0, duplicates: 3, superviseNotices: 3 });
      const dry = await t.http().post('/api/notifications/reminders/run').send({ date: addDays(DUE, 10), dryRun: true });
      expect(dry.body.messages.map((m: { status: string }) => m.status)).toEqual(['already-queued', 'already-queued', 'already-queued']);
      expect((await t.app.get(OutboxSender).sendPending()).claimed).toBe(0);
    });
  });

  describe('office actions', () => {
    it('urges chosen tasks now, with the office\'s message; the same request key sends nothing twice', async () => {
      sink.clear();
      const body = { taskIds: [2], message: '请于本周五前在系统中提交。', requestKey: `urge-${engine}-1` };
      const res = await t.http().post('/api/notifications/urge').send(body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ units: 1, tasks: 1, queued: 2, duplicates: 0 });
      expect((await t.http().post('/api/notifications/urge').send(body)).body).toMatchObject({ queued: 0, duplicates: 2 });
      await t.app.get(OutboxSender).sendPending();
      expect(lines(sink.messages)).toEqual([`office_urge ${HEAD_B.email}`, `office_urge ${ZHANG.email}`]);
      expect(sink.messages[0].text).toContain('请于本周五前在系统中提交。');
      const closed = await t.http().post('/api/notifications/urge').send({ taskIds: [1] }); // submitted
      expect(closed.status).toBe(422);
      expect(closed.body.code).toBe('NOTHING_TO_URGE');
      expect((await t.http().post('/api/notifications/urge').send({})).status).toBe(400);
    });

    it('previews a circular (通报) built from the supervision figures, then sends exactly that to every member unit', async () => {
      for (const [name, liaison] of [['自治县卫生健康局', ZHANG], ['自治县教育科技局', LI], ['自治县民政局', LIU]] as const) {
        const created = await t.http().post('/api/units').send({ name, kind: 'government', liaisons: [liaison] });
        expect(created.status).toBe(201);
      }
      const preview = await t.http().post('/api/notifications/circulars/preview').send({ noticeNumber: '威妇儿工委办通〔2025〕3号', message: '请各单位对照整改。' });
      expect(preview.status).toBe(200);
      expect(preview.body.lateUnits).toEqual([{ unitName: '自治县教育科技局', overdueCount: 2 }, { unitName: '自治县卫生健康局', overdueCount: 1 }]);
      expect(preview.body.recipients.map((r: { email: string }) => r.email).sort()).toEqual([LI.email, LIU.email, OFFICE, ZHANG.email].sort());
      expect(preview.body.rendered['zh-CN'].subject).toBe('【通报】截至2025-07-10（2024年度任务），2个成员单位有逾期任务（共3项）');
      const stale = await t.http().post('/api/notifications/circulars').send({ token: 'not-the-preview' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('PREVIEW_OUTDATED');
      sink.clear();
      const sent = await t.http().post('/api/notifications/circulars').send({ noticeNumber: '威妇儿工委办通〔2025〕3号', message: '请各单位对照整改。', token: preview.body.token });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ queued: 4, recipients: 4 });
      await t.app.get(OutboxSender).sendPending();
      expect(lines(sink.messages)).toEqual([LI.email, LIU.email, OFFICE, ZHANG.email].sort().map((e) => `circular ${e}`));
      expect(sink.to(LI.email)[0].subject).toMatch(/^\[Circular\] As of 2025-07-10, 2 member units have overdue duties/);
      expect(sink.to(ZHANG.email)[0].text).toContain('请各单位对照整改。');
    });
  });
});
