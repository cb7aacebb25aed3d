import { beforeEach, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { loadConfig, type AppConfig } from '../../../config/app-config.js';
import { addDays } from '../../../common/time/calendar-date.util.js';
import type { EnqueueResult, OutboxMessageInput } from '../../outbox/outbox.types.js';
import { ReminderService } from '../reminder.service.js';
import { reminderWindow } from '../reminder-window.js';
import type { EscalationHistory } from '../../domain/reminder-policy.js';
import { configDefaults } from '../../../config/config-defaults.js';
import type { EscalationStep } from '../../escalation/escalation.store.js';
import { FixedClock } from '../../../common/time/clock.js';
import { InMemoryReminderTasks, task } from '../../../../test/helpers/fake-reminder-tasks.js';

const DUE = '2025-06-30';

function config(overrides: Record<string, unknown> = {}): AppConfig {
  return loadConfig({
    env: {},
    configDir: fileURLToPath(new URL('../../../../config', import.meta.url)),
    overrides: { 'mail.officeEmail': 'office@fgw.example.gov.cn', ...overrides },
  });
}

/** The outbox as far as ReminderService uses it: keys are unique, a repeat is a duplicate. */
class FakeOutbox {
  readonly rows = new Map<string, OutboxMessageInput>();
  notified = 0;
  async enqueue(messages: OutboxMessageInput[]): Promise<EnqueueResult> {
    const r: EnqueueResult = { queued: 0, duplicates: 0, queuedKeys: [], duplicateKeys: [] };
    for (const m of messages) {
      if (this.rows.has(m.idempotencyKey)) {
        r.duplicates++;
        r.duplicateKeys.push(m.idempotencyKey);
      } else {
        this.rows.set(m.idempotencyKey, m);
        r.queued++;
        r.queuedKeys.push(m.idempotencyKey);
      }
    }
    return r;
  }
  async existingKeys(keys: string[]): Promise<Set<string>> {
    return new Set(keys.filter((k) => this.rows.has(k)));
  }
  notifyQueued(): void {
    this.notified++;
  }
}

/** task_escalation as far as ReminderService uses it. */
class FakeEscalations {
  readonly steps: EscalationStep[] = [];
  async histories(tasks: ReadonlyArray<{ id: number; dueOn: string }>): Promise<Map<number, EscalationHistory>> {
    const out = new Map<number, EscalationHistory>();
    for (const t of tasks) {
      for (const s of this.steps.filter((x) => x.taskId === t.id && x.dueOn === t.dueOn)) {
        const h = out.get(t.id) ?? {};
        if (s.level === 'urge') h.urgedOn = s.sentOn;
        else h.supervisedOn = s.sentOn;
        out.set(t.id, h);
      }
    }
    return out;
  }
  async record(steps: EscalationStep[]): Promise<void> {
    for (const s of steps)
      if (!this.steps.some((x) => x.taskId === s.taskId && x.dueOn === s.dueOn && x.level === s.level))
        this.steps.push(s);
  }
}

let committeeRow: { id: number; name: string; timeZone: string; officeEmail: string | null } = {
  id: 1,
  name: '威宁自治县妇女儿童工作委员会',
  timeZone: 'Asia/Shanghai',
  officeEmail: null,
};
const committees = { list: async () => [committeeRow] };
const dataSource = {
  options: { type: 'mysql' },
  transaction: async <T>(work: (em: unknown) => Promise<T>) => work({}),
};
const clock = new FixedClock('2025-06-30T09:00:00+08:00');

function service(
  source: InMemoryReminderTasks,
  outbox = new FakeOutbox(),
  cfg = config(),
  escalations = new FakeEscalations(),
): ReminderService {
  return new ReminderService(
    source,
    outbox as never,
    committees as never,
    dataSource as never,
    cfg,
    escalations as never,
    clock,
  );
}

/** Runs the reminders day by day like the scheduler does, and returns what each day queued. */
function ladder(source: InMemoryReminderTasks, cfg = config()) {
  const outbox = new FakeOutbox();
  const escalations = new FakeEscalations();
  const svc = service(source, outbox, cfg, escalations);
  let last: string | null = null;
  return {
    outbox,
    escalations,
    async run(today: string, since?: string): Promise<OutboxMessageInput[]> {
      const report = await svc.runTick(today, { previousLocalDate: since ?? last ?? addDays(today, -1) });
      last = today;
      return report.messages.filter((m) => m.status === 'queued').map((m) => outbox.rows.get(m.key)!);
    },
  };
}

const summary = (messages: OutboxMessageInput[]) => messages.map((m) => `${m.kind} ${m.to.email}`).sort();

describe('ReminderService.plan: the escalation ladder for one task', () => {
  let source: InMemoryReminderTasks;
  beforeEach(() => {
    source = new InMemoryReminderTasks().add(
      task({
        id: 1,
        dueOn: DUE,
        liaisons: [
          { name: '张敏', email: 'zhangmin@example.gov.cn', locale: 'zh-CN' },
          { name: 'Li Lei', email: 'lilei@example.org', locale: 'en' },
        ],
      }),
    );
  });

  let run: ReturnType<typeof ladder>;
  let ranTo = -11;
  beforeEach(() => {
    run = ladder(source);
    ranTo = -11;
  });
  /** Every day after the last one run (from T-10) up to the offset, as the scheduler runs them; returns that day's messages. */
  const day = async (offset: number) => {
    let got: OutboxMessageInput[] = [];
    for (let o = ranTo + 1; o <= offset; o++) got = await run.run(addDays(DUE, o));
    ranTo = offset;
    return got;
  };

  it('T-7, T-3, T-1, the due day and T+1: a digest to each liaison', async () => {
    for (const offset of [-7, -3, -1, 0, 1]) {
      expect(summary(await day(offset))).toEqual(['digest lilei@example.org', 'digest zhangmin@example.gov.cn']);
    }
  });

  it('days without a trigger send nothing', async () => {
    for (const offset of [-8, -6, -5, -4, -2, 2, 4, 5, 6, 7, 9, 11]) expect(await day(offset)).toEqual([]);
  });

  it('T+3: an urging notice (催办) to each liaison and the head, no digest', async () => {
    const messages = await day(3);
    expect(summary(messages)).toEqual([
      'urge head.wsj@example.gov.cn',
      'urge lilei@example.org',
      'urge zhangmin@example.gov.cn',
    ]);
    const zh = messages.find((m) => m.to.email === 'zhangmin@example.gov.cn')!;
    expect(zh.subject).toBe('【催办】自治县卫生健康局：“2024年度规划实施情况报告 #1”已逾期3天（截止2025-06-30）');
    expect(zh.text).toContain('威宁自治县妇女儿童工作委员会办公室');
    expect(messages.find((m) => m.to.email === 'lilei@example.org')!.subject).toMatch(
      /^\[Urging notice\] .*3 days overdue \(due 2025-06-30\)/,
    );
    expect(zh.idempotencyKey).toBe('escalation:1:2025-06-30:urge:zhangmin@example.gov.cn');
    expect(run.escalations.steps).toEqual([
      { committeeId: 1, taskId: 1, dueOn: DUE, level: 'urge', sentOn: '2025-07-03', recipients: 3 },
    ]);
  });

  it('T+8: an overdue digest; T+10: a supervision notice (督办) to liaisons, head and the committee office', async () => {
    expect(summary(await day(8))).toEqual(['digest lilei@example.org', 'digest zhangmin@example.gov.cn']);
    const notices = await day(10);
    expect(summary(notices)).toEqual([
      'supervise head.wsj@example.gov.cn',
      'supervise lilei@example.org',
      'supervise office@fgw.example.gov.cn',
      'supervise zhangmin@example.gov.cn',
    ]);
    const zh = notices.find((m) => m.to.email === 'zhangmin@example.gov.cn')!;
    expect(zh.subject).toContain('【督办】');
    expect(zh.text).toContain('你单位承担的以下任务已逾期，经2025-07-03催办至今仍未办结，现予督办。');
    expect(zh.text).not.toContain('上述');
    expect(zh.text).toContain('抄送：你单位负责人；威宁自治县妇女儿童工作委员会办公室。');
    expect(notices.find((m) => m.to.email === 'lilei@example.org')!.text).toContain(
      'an urging notice was sent on 2025-07-03',
    );
  });

  it("the committee's own office address wins over mail.officeEmail; with neither, the 督办 claims no copy to the office", async () => {
    committeeRow = { ...committeeRow, officeEmail: 'ban@weining.example.gov.cn' };
    try {
      expect(summary(await day(10))).toContain('supervise ban@weining.example.gov.cn');
    } finally {
      committeeRow = { ...committeeRow, officeEmail: null };
    }
    const bare = ladder(source, config({ 'mail.officeEmail': '' }));
    let got: OutboxMessageInput[] = [];
    for (let o = -10; o <= 10; o++) got = await bare.run(addDays(DUE, o));
    expect(summary(got)).toEqual([
      'supervise head.wsj@example.gov.cn',
      'supervise lilei@example.org',
      'supervise zhangmin@example.gov.cn',
    ]);
    const zh = got.find((m) => m.to.email === 'zhangmin@example.gov.cn')!;
    expect(zh.text).toContain('抄送：你单位负责人。');
    expect(zh.text).not.toContain('办公室。\n');
  });

  it("digests say what is due and when, in the recipient's language", async () => {
    const [en, zh] = (await day(-3)).sort((a, b) => a.to.email.localeCompare(b.to.email));
    expect(zh.subject).toBe('【落实提醒】“2024年度规划实施情况报告 #1”将于2025-06-30截止（还有3天）');
    expect(en.subject).toBe('[Luoshi] "2024年度规划实施情况报告 #1" is due 2025-06-30 (in 3 days)');
    expect(en.html).toContain('Annual report');
    expect(zh.text).toContain('http://localhost:3000/tasks/1');
    expect(zh.taskRefs).toEqual([{ taskId: 1, dueOn: DUE }]);
    expect(zh.idempotencyKey).toBe('digest:zhangmin@example.gov.cn:2025-06-27');
  });

  it('stops the moment the task is submitted, accepted or cancelled', async () => {
    for (const state of ['submitted', 'accepted', 'cancelled']) {
      source.update(1, { state });
      run = ladder(source);
      ranTo = -11;
      await day(10);
      // Nothing to the unit; a submitted task waits for the office, which hears of it in its review digest.
      expect(new Set([...run.outbox.rows.values()].map((m) => m.kind))).toEqual(
        new Set(state === 'submitted' ? ['review_digest'] : []),
      );
    }
    source.update(1, { state: 'returned' }); // sent back: owed again
    run = ladder(source);
    ranTo = -11;
    expect(summary(await day(10))).toHaveLength(4);
  });

  it('a new date starts a fresh schedule and a fresh ladder', async () => {
    await day(11); // urged on T+3, supervised on T+10
    source.update(1, { dueOn: '2025-07-20' });
    expect(summary(await run.run('2025-07-22'))).toEqual([
      'digest lilei@example.org',
      'digest zhangmin@example.gov.cn',
    ]); // 2 days late on the new date: no 催办 yet
    expect(summary(await run.run('2025-07-23'))).toEqual([
      'urge head.wsj@example.gov.cn',
      'urge lilei@example.org',
      'urge zhangmin@example.gov.cn',
    ]);
    expect(run.escalations.steps.map((x) => `${x.dueOn} ${x.level} ${x.sentOn}`)).toEqual([
      '2025-06-30 urge 2025-07-03',
      '2025-06-30 supervise 2025-07-10',
      '2025-07-20 urge 2025-07-23',
    ]);
  });
});

describe('ReminderService.plan: digests and catch-up', () => {
  it('one digest per recipient per day, grouped by plan, listing every due-soon and overdue duty', async () => {
    const shared = { name: '刘洋', email: 'liuyang@example.gov.cn', locale: 'zh-CN' };
    const source = new InMemoryReminderTasks().add(
      task({ id: 11, dueOn: '2025-06-30', liaisons: [shared] }), // T-3 on 06-27
      task({
        id: 12,
        dueOn: '2025-06-28',
        liaisons: [shared],
        planId: 2,
        planTitle: '威宁自治县儿童发展规划（2021—2025年）',
        unitId: 2,
        unitName: '自治县教育科技局',
      }), // T-1
      task({ id: 13, dueOn: '2025-06-26', liaisons: [shared] }), // T+1
      task({ id: 14, dueOn: '2025-07-30', liaisons: [shared] }), // nothing today
    );
    const { messages } = await service(source).plan('2025-06-27');
    expect(messages).toHaveLength(1);
    const [digest] = messages;
    expect(digest.kind).toBe('digest');
    expect(digest.subject).toBe('【落实提醒】3项任务临近或已逾期：最早截止 2025-06-26');
    expect(digest.text.indexOf('威宁自治县妇女发展规划')).toBeLessThan(digest.text.indexOf('威宁自治县儿童发展规划'));
    expect(digest.text).toContain('逾期1天');
    expect(digest.text).toContain('还有1天');
    expect(digest.text).toContain('还有3天');
    expect(digest.taskRefs!.map((r) => r.taskId).sort()).toEqual([11, 12, 13]);
  });

  it('after an outage, what is due now is sent once: one digest mention and the 催办; the 督办 the next day, quoting it', async () => {
    const source = new InMemoryReminderTasks().add(task({ id: 21, dueOn: '2025-06-30' }));
    const run = ladder(source);
    // Down from 06-25 (last run) to 07-14: T-3 … T+8 digests fell due meanwhile, and the task is 14 days late.
    const first = await run.run('2025-07-14', '2025-06-25');
    expect(summary(first)).toEqual([
      'digest zhangmin@example.gov.cn',
      'urge head.wsj@example.gov.cn',
      'urge zhangmin@example.gov.cn',
    ]);
    expect(first.find((m) => m.kind === 'digest')!.text).toContain('逾期14天'); // the real delay today
    const next = await run.run('2025-07-15');
    // 07-15 is also T+15, an overdue digest day.
    expect(summary(next)).toEqual([
      'digest zhangmin@example.gov.cn',
      'supervise head.wsj@example.gov.cn',
      'supervise office@fgw.example.gov.cn',
      'supervise zhangmin@example.gov.cn',
    ]);
    expect(next.find((m) => m.kind === 'supervise')!.text).toContain('经2025-07-14催办');
    expect(await run.run('2025-07-16')).toEqual([]);
  });

  it('a task created already months late is urged on the first run and supervised on the next, never twice', async () => {
    const source = new InMemoryReminderTasks().add(task({ id: 22, dueOn: '2025-01-31', assignedOn: '2025-06-28' }));
    const run = ladder(source);
    // 06-28 is 148 days late, an overdue digest day (1 + 7k) too.
    expect(summary(await run.run('2025-06-28'))).toEqual([
      'digest zhangmin@example.gov.cn',
      'urge head.wsj@example.gov.cn',
      'urge zhangmin@example.gov.cn',
    ]);
    expect(summary(await run.run('2025-06-29'))).toEqual([
      'supervise head.wsj@example.gov.cn',
      'supervise office@fgw.example.gov.cn',
      'supervise zhangmin@example.gov.cn',
    ]);
    for (const d of ['2025-06-30', '2025-07-01', '2025-07-02'])
      expect((await run.run(d)).filter((m) => m.kind !== 'digest')).toEqual([]);
  });

  it('the office gets one digest a day of the submissions waiting for review', async () => {
    const source = new InMemoryReminderTasks().add(
      task({ id: 23, dueOn: '2025-07-30', state: 'submitted' }),
      task({ id: 24, dueOn: '2025-07-31', state: 'submitted', unitName: '自治县民政局' }),
    );
    const run = ladder(source);
    const got = await run.run('2025-07-01');
    expect(summary(got)).toEqual(['review_digest office@fgw.example.gov.cn']);
    expect(got[0].subject).toBe('【落实】2份提交待审核（截至2025-07-01）');
    expect(got[0].text).toContain('自治县民政局');
    expect(await run.run('2025-07-01', '2025-06-30')).toEqual([]); // the same day again: nothing new
    expect(summary(await run.run('2025-07-02'))).toEqual(['review_digest office@fgw.example.gov.cn']);
  });

  it("a new installation's first run, looking back one repeat period, mentions every overdue duty once", async () => {
    const source = new InMemoryReminderTasks().add(
      ...['2023-06-05', '2024-01-31', '2025-01-31', '2025-12-31'].map((dueOn, i) =>
        task({ id: 40 + i, dueOn, assignedOn: '2026-11-23' }),
      ),
    );
    const { messages } = await service(source).plan('2026-11-23', { previousLocalDate: '2026-11-16' });
    // and, being at least 3 days late and never urged, each gets its 催办 (to the liaison and the head)
    expect(summary(messages)).toEqual([
      'digest zhangmin@example.gov.cn',
      ...Array(4).fill('urge head.wsj@example.gov.cn'),
      ...Array(4).fill('urge zhangmin@example.gov.cn'),
    ]);
    expect(
      messages
        .find((m) => m.kind === 'digest')!
        .taskRefs!.map((r) => r.taskId)
        .sort(),
    ).toEqual([40, 41, 42, 43]);
  });

  it('asks the source only for due dates that have a reminder in the window', async () => {
    const source = new InMemoryReminderTasks();
    await service(source).plan('2025-06-27');
    const [window] = source.windows;
    for (const offset of [7, 3, 1, 0, -1, -8, -15]) expect(window.dueDates).toContain(addDays('2025-06-27', offset));
    // Escalation (3 and 10 days late) is not a calendar reminder any more: the ladder asks findOverdue.
    for (const offset of [6, 2, -2, -3, -4, -9, -10])
      expect(window.dueDates).not.toContain(addDays('2025-06-27', offset));
  });
});

describe('ReminderService.runTick', () => {
  it('queues everything once; a repeated run queues nothing new', async () => {
    const source = new InMemoryReminderTasks().add(
      task({ id: 31, dueOn: '2025-07-03' }),
      task({ id: 32, dueOn: '2025-06-20', liaisons: [{ email: 'b@example.org' }] }),
    );
    const outbox = new FakeOutbox();
    const reminders = service(source, outbox);
    const first = await reminders.runTick('2025-06-30');
    // 31: a digest to its liaison (T-3); 32 (10 days late, never urged): the 催办 first, to b@ and the head.
    expect(first).toMatchObject({ queued: 3, duplicates: 0, digests: 1, urgeNotices: 2, superviseNotices: 0 });
    expect(outbox.notified).toBe(1);
    const again = await reminders.runTick('2025-06-30');
    expect(again).toMatchObject({ queued: 0, duplicates: 1 }); // the digest; the 催办 is recorded as taken
    expect(again.messages.every((m) => m.status === 'duplicate')).toBe(true);
  });

  it('a dry run writes nothing and says what it would queue', async () => {
    const source = new InMemoryReminderTasks().add(task({ id: 33, dueOn: '2025-07-03' }));
    const outbox = new FakeOutbox();
    const report = await service(source, outbox).runTick('2025-06-30', { dryRun: true });
    expect(report.messages.map((m) => m.status)).toEqual(['would-queue']);
    expect(outbox.rows.size).toBe(0);
  });

  it('refuses a ladder where supervision does not come after urging', () => {
    const cfg = config({ 'reminders.escalation.urgeAfterDays': 10, 'reminders.escalation.superviseAfterDays': 5 });
    expect(() => service(new InMemoryReminderTasks(), new FakeOutbox(), cfg)).toThrow(
      /reminders\.escalation\.superviseAfterDays: value 5 is not allowed/,
    );
  });
});

describe('reminderWindow', () => {
  it('lists no dates when the window is empty', () => {
    expect(reminderWindow('2025-06-30', '2025-06-30', configDefaults().reminders).dueDates).toEqual([]);
  });
});
