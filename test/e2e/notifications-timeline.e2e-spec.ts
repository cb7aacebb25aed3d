import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachEngine } from '../helpers/engines.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { SmtpSink, type SinkMessage } from '../helpers/smtp-sink.js';
import { FixedClock } from '../../src/common/time/clock.js';
import { addDays } from '../../src/common/time/calendar-date.util.js';
import { SchedulerService } from '../../src/scheduling/scheduler.service.js';
import { OutboxSender } from '../../src/notifications/outbox/outbox-sender.js';

const DUE = '2025-06-30';
const OFFICE = 'office@weining.example.gov.cn';
const ZHANG = { name: '张敏', email: 'zhangmin@example.gov.cn', locale: 'zh-CN' };
const LI = { name: 'Li Lei', email: 'lilei@example.org', locale: 'en' };
const LIU = { name: '刘洋', email: 'liuyang@example.gov.cn' };

const kindOf = (m: SinkMessage) => m.headers['x-luoshi-kind'];
const lines = (messages: SinkMessage[]) => messages.map((m) => `${kindOf(m)} ${m.envelope.to.join(',')}`).sort();

/**
 * The scripted timeline, with real duties (tasks in the database, changed through the
 * duties API), the injected clock and a real SMTP server: T-7, T-3, T-1, the due day, +1, +3, +8,
 * +10 produce exactly the expected messages; digests group by plan; reminders stop on submission
 * and follow a new date.
 */
describeEachEngine('notifications: the scripted reminder timeline with real duties', (engine) => {
  let sink: SmtpSink;
  let t: TestApp;
  const clock = new FixedClock(`${addDays(DUE, -9)}T09:00:00+08:00`);
  const ids = { health: 0, education: 0, civil: 0, women: 0, children: 0, t1: 0, t2: 0, t3: 0 };

  beforeAll(async () => {
    sink = await SmtpSink.start();
    t = await createTestApp(engine, { 'mail.smtpUrl': sink.url, 'mail.officeEmail': OFFICE }, { clock });
    const post = async (path: string, body: object) => {
      const res = await t.http().post(path).send(body);
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { id: number };
    };
    ids.women = (
      await post('/api/plans', {
        title: '威宁自治县妇女发展规划（2021—2025年）',
        kind: 'women',
        periodStart: 2021,
        periodEnd: 2025,
      })
    ).id;
    ids.children = (
      await post('/api/plans', {
        title: '威宁自治县儿童发展规划（2021—2025年）',
        kind: 'children',
        periodStart: 2021,
        periodEnd: 2025,
      })
    ).id;
    ids.health = (
      await post('/api/units', {
        name: '自治县卫生健康局',
        kind: 'government',
        liaisons: [ZHANG, LI],
        headName: '王局长',
        headEmail: 'head.wsj@example.gov.cn',
      })
    ).id;
    ids.education = (
      await post('/api/units', {
        name: '自治县教育科技局',
        kind: 'government',
        liaisons: [ZHANG],
        headName: '赵局长',
        headEmail: 'head.jkj@example.gov.cn',
      })
    ).id;
    ids.civil = (await post('/api/units', { name: '自治县民政局', kind: 'government', liaisons: [LIU] })).id;
    ids.t1 = (
      await post('/api/tasks', { unitId: ids.health, planId: ids.women, title: '妇女健康目标年度监测数据', dueOn: DUE })
    ).id;
    ids.t2 = (
      await post('/api/tasks', { unitId: ids.education, planId: ids.children, title: '儿童规划实施方案', dueOn: DUE })
    ).id;
    ids.t3 = (
      await post('/api/tasks', { unitId: ids.civil, planId: ids.women, title: '妇女社会保障情况报告', dueOn: DUE })
    ).id;
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  /** One day: the 09:00 tick, optionally something happening before the sender runs, then the sender. */
  async function day(offset: number, beforeSending?: () => Promise<void>): Promise<SinkMessage[]> {
    clock.set(`${addDays(DUE, offset)}T09:00:00+08:00`);
    sink.clear();
    await t.app.get(SchedulerService).tick();
    await beforeSending?.();
    await t.app.get(OutboxSender).sendPending();
    return [...sink.messages];
  }
  const version = async (id: number) => (await t.http().get(`/api/tasks/${id}`)).body.version as number;
  const submit = async (id: number, unitId: number) => {
    const res = await t
      .asUnit(unitId)
      .post(`/api/tasks/${id}/actions/submit`)
      .send({ version: await version(id) });
    expect(res.status).toBe(200);
  };

  it('T-9 (first run) and T-8: nothing is due; the units were told of their new (交办) tasks', async () => {
    const first = await day(-9);
    expect(lines(first)).toEqual([
      `decision ${LI.email}`,
      `decision ${LIU.email}`,
      `decision ${ZHANG.email}`,
      `decision ${ZHANG.email}`,
    ]);
    expect(first.find((m) => m.envelope.to[0] === LIU.email)!.subject).toBe(
      '【落实通知】交办任务“妇女社会保障情况报告”，截止2025-06-30',
    );
    expect(first.find((m) => m.envelope.to[0] === LI.email)!.subject).toBe(
      '[Luoshi] New duty "妇女健康目标年度监测数据", due 2025-06-30',
    );
    expect(await day(-8)).toEqual([]);
  });

  it('T-7: one digest per liaison, grouped by plan, with due dates, days left and links', async () => {
    const got = await day(-7);
    expect(lines(got)).toEqual([`digest ${LI.email}`, `digest ${LIU.email}`, `digest ${ZHANG.email}`]);
    const zhang = got.find((m) => m.envelope.to[0] === ZHANG.email)!;
    expect(zhang.subject).toBe('【落实提醒】2项任务临近截止：最早截止 2025-06-30');
    const women = zhang.text.indexOf('威宁自治县妇女发展规划');
    const children = zhang.text.indexOf('威宁自治县儿童发展规划');
    expect(women).toBeGreaterThan(-1);
    expect(children).toBeGreaterThan(-1);
    expect(zhang.text.indexOf('妇女健康目标年度监测数据')).toBeGreaterThan(women);
    expect(zhang.text.indexOf('儿童规划实施方案')).toBeGreaterThan(children);
    expect(zhang.text).toContain('还有7天');
    expect(zhang.text).toContain(`http://localhost:3000/tasks/${ids.t1}`);
    expect(got.find((m) => m.envelope.to[0] === LI.email)!.subject).toBe(
      '[Luoshi] "妇女健康目标年度监测数据" is due 2025-06-30 (in 7 days)',
    );
  });

  it('T-3: the same digests; a task given a new date on T-2 follows its new schedule', async () => {
    for (const offset of [-6, -5, -4]) expect(await day(offset)).toEqual([]);
    expect(lines(await day(-3))).toEqual([`digest ${LI.email}`, `digest ${LIU.email}`, `digest ${ZHANG.email}`]);
    expect(await day(-2)).toEqual([]);
    const res = await t
      .http()
      .patch(`/api/tasks/${ids.t3}`)
      .send({ version: await version(ids.t3), dueOn: addDays(DUE, 14), reason: '延期申请已同意' });
    expect(res.status).toBe(200);
  });

  it('T-1, the due day and T+1: digests for the tasks still due on that date; the unit is told of its new date', async () => {
    const t1 = await day(-1);
    expect(lines(t1)).toEqual([`decision ${LIU.email}`, `digest ${LI.email}`, `digest ${ZHANG.email}`]);
    expect(t1.find((m) => kindOf(m) === 'decision')!.subject).toBe(
      '【落实通知】“妇女社会保障情况报告”的截止日期改为2025-07-14',
    );
    for (const offset of [0, 1])
      expect(lines(await day(offset))).toEqual([`digest ${LI.email}`, `digest ${ZHANG.email}`]);
    expect(sink.to(ZHANG.email)[0].subject).toBe('【落实提醒】2项任务已逾期：最早截止 2025-06-30');
  });

  it("T+3: urging notices (催办), one per task, to the liaisons and the unit's head", async () => {
    expect(await day(2)).toEqual([]);
    const got = await day(3);
    expect(lines(got)).toEqual([
      'urge head.jkj@example.gov.cn',
      'urge head.wsj@example.gov.cn',
      `urge ${LI.email}`,
      `urge ${ZHANG.email}`,
      `urge ${ZHANG.email}`,
    ]);
    expect(got.map((m) => m.subject)).toContain(
      '【催办】自治县教育科技局：“儿童规划实施方案”已逾期3天（截止2025-06-30）',
    );
  });

  it('T+7 is T-7 of the new date; T+8: a reminder queued before its task was submitted is not sent', async () => {
    for (const offset of [4, 5, 6]) expect(await day(offset)).toEqual([]);
    expect(lines(await day(7))).toEqual([`digest ${LIU.email}`]);
    const got = await day(8, () => submit(ids.t1, ids.health));
    expect(lines(got)).toEqual([`digest ${ZHANG.email}`]); // still lists 儿童规划实施方案, which is open
    const cancelled = (await t.http().get('/api/mail/outbox?status=cancelled')).body.items;
    expect(cancelled).toEqual([
      expect.objectContaining({
        kind: 'digest',
        to: expect.objectContaining({ email: LI.email }),
        lastError: `stop-on-submission: task ${ids.t1} is submitted`,
      }),
    ]);
  });

  it('T+10: a supervision notice (督办) to the liaison, the head and the committee office', async () => {
    // From T+9 the office hears daily of the submission (t1, T+8) waiting for its review.
    expect(lines(await day(9))).toEqual([`review_digest ${OFFICE}`]);
    const got = await day(10);
    expect(lines(got)).toEqual([
      `review_digest ${OFFICE}`,
      'supervise head.jkj@example.gov.cn',
      `supervise ${OFFICE}`,
      `supervise ${ZHANG.email}`,
    ]);
    const notice = got.find((m) => m.envelope.to[0] === ZHANG.email)!;
    expect(notice.subject).toBe('【督办】自治县教育科技局：“儿童规划实施方案”已逾期10天（截止2025-06-30）');
    expect(notice.text).toContain('经2025-07-03催办至今仍未办结');
    expect(notice.text).toContain('抄送：你单位负责人；示范县妇女儿童工作委员会办公室。');
  });

  it('the whole timeline: every reminder once', async () => {
    expect(lines(await day(11))).toEqual([`digest ${LIU.email}`, `review_digest ${OFFICE}`]); // T-3 of the new date
    const mail = (await t.http().get('/api/mail?pageSize=200')).body;
    const keys = mail.items.map((m: { id: number }) => m.id);
    expect(new Set(keys).size).toBe(mail.total);
    const summary = (await t.http().get('/api/mail/outbox/summary')).body.counts;
    expect(summary).toMatchObject({ queued: 0, sending: 0, failed: 0, rejected: 0, cancelled: 1 });
    // 4 交办 notices, 3×T-7, 3×T-3, 1 new-date notice, 2×(T-1, T, T+1), 5×T+3, 1×T+7, 1×T+8, 3×T+10, 1×T+11
    // … and the office's review digest on T+9, T+10, T+11
    expect(summary.sent).toBe(4 + 3 + 3 + 1 + 6 + 5 + 1 + 1 + 3 + 1 + 3);
  });

  it('the office urges a unit now and circulates a notice built from the real supervision figures', async () => {
    sink.clear();
    const urge = await t
      .http()
      .post('/api/notifications/urge')
      .send({ unitIds: [ids.education], message: '请本周内提交。' });
    expect(urge.status).toBe(201);
    expect(urge.body).toMatchObject({ units: 1, tasks: 1, queued: 2 });
    const preview = await t.http().post('/api/notifications/circulars/preview').send({});
    expect(preview.status).toBe(200);
    expect(preview.body.asOf).toBe(addDays(DUE, 11));
    expect(preview.body.lateUnits).toEqual([{ unitName: '自治县教育科技局', overdueCount: 1 }]);
    expect(preview.body.rendered['zh-CN'].subject).toBe('【通报】截至2025-07-11，1个成员单位有逾期任务（共1项）');
    const sent = await t.http().post('/api/notifications/circulars').send({ token: preview.body.token });
    expect(sent.body).toMatchObject({ queued: 4 }); // three liaisons and the office
    await t.app.get(OutboxSender).sendPending();
    expect(lines(sink.messages)).toEqual(
      [
        `circular ${LI.email}`,
        `circular ${LIU.email}`,
        `circular ${OFFICE}`,
        `circular ${ZHANG.email}`,
        'office_urge head.jkj@example.gov.cn',
        `office_urge ${ZHANG.email}`,
      ].sort(),
    );
    expect(sink.to(LI.email)[0].subject).toBe(
      '[Circular] As of 2025-07-11, 1 member unit has overdue duties (1 in total)',
    ); // in the liaison's language
    expect(sink.messages.find((m) => kindOf(m) === 'office_urge')!.text).toContain('请本周内提交。');
    const again = await t.http().post('/api/notifications/circulars').send({ token: preview.body.token });
    expect(again.body).toMatchObject({ queued: 0, duplicates: 4 }); // sending the same circular twice sends it once
    const stale = await t.http().post('/api/notifications/circulars').send({ token: 'an-older-preview' });
    expect(stale.status).toBe(409);
    const past = await t.http().post('/api/notifications/circulars/preview').send({ asOf: '2025-07-01' });
    expect(past.status).toBe(400);
  });
});
