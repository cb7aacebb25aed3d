import { beforeEach, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { loadConfig, type AppConfig } from '../../../config/app-config.js';
import { addDays } from '../../../common/time/calendar-date.util.js';
import type { EnqueueResult, OutboxMessageInput } from '../../outbox/outbox.types.js';
import { ReminderService } from '../reminder.service.js';
import { reminderWindow } from '../reminder-window.js';
import { DEFAULT_REMINDER_POLICY } from '../../domain/reminder-policy.js';
import { InMemoryReminderTasks, task } from '../../../../test/helpers/fake-reminder-tasks.js';

const DUE = '2025-06-30';

function config(overrides: Record<string, unknown> = {}): AppConfig {
  return loadConfig({ env: {}, configDir: fileURLToPath(new URL('../../../../config', import.meta.url)), overrides: { 'mail.officeEmail': 'office@fgw.example.gov.cn', ...overrides } });
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

const committees = { list: async () => [{ id: 1, name: '威宁自治县妇女儿童工作委员会', timeZone: 'Asia/Shanghai' }] };
const dataSource = { options: { type: 'mysql' }, transaction: async <T>(work: (em: unknown) => Promise<T>) => work({}) };

function service(source: InMemoryReminderTasks, outbox = new FakeOutbox(), cfg = config()): ReminderService {
  return new ReminderService(source, outbox as never, committees as never, dataSource as never, cfg);
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

  const day = async (offset: number) => (await service(source).plan(addDays(DUE, offset))).messages;

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
    expect(summary(messages)).toEqual(['urge head.wsj@example.gov.cn', 'urge lilei@example.org', 'urge zhangmin@example.gov.cn']);
    const zh = messages.find((m) => m.to.email === 'zhangmin@example.gov.cn')!;
    expect(zh.subject).toBe('【催办】自治县卫生健康局：“2024年度规划实施情况报告 #1”已逾期3天（截止2025-06-30）');
    expect(zh.text).toContain('威宁自治县妇女儿童工作委员会办公室');
    expect(messages.find((m) => m.to.email === 'lilei@example.org')!.subject).toMatch(/^\[Urging notice\] .*3 days overdue \(due 2025-06-30\)/);
    expect(zh.idempotencyKey).toBe('reminder:1:2025-06-30:urge-3:zhangmin@example.gov.cn');
  });

  it('T+8: an overdue digest; T+10: a supervision notice (督办) to liaisons, head and the committee office', async () => {
    expect(summary(await day(8))).toEqual(['digest lilei@example.org', 'digest zhangmin@example.gov.cn']);
    const notices = await day(10);
    expect(summary(notices)).toEqual(['supervise head.wsj@example.gov.cn', 'supervise lilei@example.org', 'supervise office@fgw.example.gov.cn', 'supervise zhangmin@example.gov.cn']);
    const zh = notices.find((m) => m.to.email === 'zhangmin@example.gov.cn')!;
    expect(zh.subject).toContain('【督办】');
    expect(zh.text).toContain('2025-07-03'); // already urged on T+3
  });

  it('digests say what is due and when, in the recipient\'s language', async () => {
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
      expect(await day(-1)).toEqual([]);
      expect(await day(10)).toEqual([]);
    }
    source.update(1, { state: 'returned' }); // sent back: owed again
    expect(await day(10)).toHaveLength(4);
  });

  it('a new date starts a fresh schedule with fresh keys', async () => {
    source.update(1, { dueOn: '2025-07-10' });
    expect(await day(-3)).toEqual([]); // 06-27 is no longer T-3
    const messages = await service(source).plan('2025-07-07');
    expect(messages.messages.map((m) => m.idempotencyKey)).toContain('digest:zhangmin@example.gov.cn:2025-07-07');
  });
});

describe('ReminderService.plan: digests and catch-up', () => {
  it('one digest per recipient per day, grouped by plan, listing every due-soon and overdue duty', async () => {
    const shared = { name: '刘洋', email: 'liuyang@example.gov.cn', locale: 'zh-CN' };
    const source = new InMemoryReminderTasks().add(
      task({ id: 11, dueOn: '2025-06-30', liaisons: [shared] }), // T-3 on 06-27
      task({ id: 12, dueOn: '2025-06-28', liaisons: [shared], planId: 2, planTitle: '威宁自治县儿童发展规划（2021—2025年）', unitId: 2, unitName: '自治县教育科技局' }), // T-1
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

  it('after an outage, what fell due meanwhile is sent once: one digest mention, each escalation notice', async () => {
    const source = new InMemoryReminderTasks().add(task({ id: 21, dueOn: '2025-06-30' }));
    // Down from 06-25 (last run) to 07-04: T-3, T-1, T, T+1 (digests) and T+3 (urge) fell due meanwhile.
    const { messages, report } = await service(source).plan('2025-07-04', { previousLocalDate: '2025-06-25' });
    expect(summary(messages)).toEqual(['digest zhangmin@example.gov.cn', 'urge head.wsj@example.gov.cn', 'urge zhangmin@example.gov.cn']);
    expect(messages.find((m) => m.kind === 'digest')!.text).toContain('逾期4天'); // the real delay today
    expect(report).toMatchObject({ today: '2025-07-04', since: '2025-06-25', tasksReminded: 1, digests: 1, urgeNotices: 2 });
  });

  it('sends no escalation notice for a step that fell before the task was assigned, but mentions it in the digest', async () => {
    // Imported on 06-28, already 8 days late: the urging step (06-23) passed before it existed.
    const source = new InMemoryReminderTasks().add(task({ id: 22, dueOn: '2025-06-20', assignedOn: '2025-06-28' }));
    const { messages } = await service(source).plan('2025-06-28', { previousLocalDate: '2025-06-20' });
    expect(summary(messages)).toEqual(['digest zhangmin@example.gov.cn']);
    expect(messages[0].text).toContain('逾期8天');
    // Assigned before the step: the notice goes out.
    source.update(22, { assignedOn: '2025-06-10' });
    expect(summary((await service(source).plan('2025-06-28', { previousLocalDate: '2025-06-20' })).messages)).toContain('urge zhangmin@example.gov.cn');
  });

  it('a new installation\'s first run, looking back one repeat period, mentions every overdue duty once', async () => {
    const source = new InMemoryReminderTasks().add(
      ...['2023-06-05', '2024-01-31', '2025-01-31', '2025-12-31'].map((dueOn, i) => task({ id: 40 + i, dueOn, assignedOn: '2026-11-23' })),
    );
    const { messages } = await service(source).plan('2026-11-23', { previousLocalDate: '2026-11-16' });
    expect(summary(messages)).toEqual(['digest zhangmin@example.gov.cn']);
    expect(messages[0].taskRefs!.map((r) => r.taskId).sort()).toEqual([40, 41, 42, 43]);
  });

  it('asks the source only for due dates that have a reminder in the window', async () => {
    const source = new InMemoryReminderTasks();
    await service(source).plan('2025-06-27');
    const [window] = source.windows;
    for (const offset of [7, 3, 1, 0, -1, -3, -8, -10, -15]) expect(window.dueDates).toContain(addDays('2025-06-27', offset));
    for (const offset of [6, 2, -2, -4, -9]) expect(window.dueDates).not.toContain(addDays('2025-06-27', offset));
  });
});

describe('ReminderService.runTick', () => {
  it('queues everything once; a repeated run queues nothing new', async () => {
    const source = new InMemoryReminderTasks().add(task({ id: 31, dueOn: '2025-07-03' }), task({ id: 32, dueOn: '2025-06-20', liaisons: [{ email: 'b@example.org' }] }));
    const outbox = new FakeOutbox();
    const reminders = service(source, outbox);
    const first = await reminders.runTick('2025-06-30');
    expect(first).toMatchObject({ queued: 4, duplicates: 0, digests: 1, superviseNotices: 3 });
    expect(outbox.notified).toBe(1);
    const again = await reminders.runTick('2025-06-30');
    expect(again).toMatchObject({ queued: 0, duplicates: 4 });
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
    expect(() => service(new InMemoryReminderTasks(), new FakeOutbox(), cfg)).toThrow(/reminders\.escalation\.superviseAfterDays: value 5 is not allowed/);
  });
});

describe('reminderWindow', () => {
  it('lists no dates when the window is empty', () => {
    expect(reminderWindow('2025-06-30', '2025-06-30', DEFAULT_REMINDER_POLICY).dueDates).toEqual([]);
  });
});
