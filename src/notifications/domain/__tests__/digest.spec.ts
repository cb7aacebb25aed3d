import { describe, it, expect } from '@jest/globals';
import { type DigestInput, buildDigests } from '../digest.js';
import { normalizeLocale } from '../locale.js';
import type { ReminderTrigger } from '../reminder-policy.js';

const TODAY = '2025-06-05';
const trig = (kind: ReminderTrigger['kind'], offsetDays: number): ReminderTrigger => ({
  kind,
  offsetDays,
  key: `${kind}-${Math.abs(offsetDays)}`,
});

const WOMEN = { planId: 1, planTitle: '威宁自治县妇女发展规划（2021—2025年）' };
const CHILDREN = { planId: 2, planTitle: '威宁自治县儿童发展规划（2021—2025年）' };
const li = { email: 'li@example.cn', name: '李明', locale: 'zh-CN' as const };
const amy = { email: 'amy@example.org', name: 'Amy', locale: 'en' as const };

function task(id: number, dueOn: string, plan: { planId: number; planTitle: string }, title = `任务${id}`) {
  return { id, title, ...plan, unitName: '威宁自治县卫生健康局', dueOn, link: `https://luoshi.example/tasks/${id}` };
}

describe('buildDigests', () => {
  const items: DigestInput[] = [
    { recipient: li, task: task(1, '2025-06-12', WOMEN), trigger: trig('before', -7) },
    { recipient: li, task: task(2, '2025-06-04', WOMEN), trigger: trig('overdue', 1) },
    { recipient: li, task: task(3, '2025-06-05', CHILDREN), trigger: trig('due_today', 0) },
    { recipient: li, task: task(4, '2025-06-08', WOMEN), trigger: trig('before', -3) },
    { recipient: amy, task: task(5, '2025-05-28', CHILDREN, 'Annual report'), trigger: trig('overdue', 8) },
    // Individual notices are not digest material.
    { recipient: li, task: task(6, '2025-06-02', WOMEN), trigger: trig('urge', 3) },
  ];

  it('builds one digest per recipient, grouped by plan, tasks by due date', () => {
    const digests = buildDigests(items, TODAY);
    expect(digests.map((d) => d.recipient.email)).toEqual(['amy@example.org', 'li@example.cn']);
    const liDigest = digests[1];
    expect(liDigest.idempotencyKey).toBe('digest:li@example.cn:2025-06-05');
    expect(liDigest.recipient).toEqual(li);
    // The women's plan has the earliest due date (06-04), so it comes first.
    expect(liDigest.groups.map((g) => [g.planId, g.tasks.map((t) => t.id)])).toEqual([
      [1, [2, 4, 1]],
      [2, [3]],
    ]);
    expect(liDigest.taskCount).toBe(4);
    expect(liDigest.overdueCount).toBe(1);
    expect(liDigest.dueSoonCount).toBe(3);
    expect(liDigest.earliestDueOn).toBe('2025-06-04');
  });

  it('counts days left and late from today', () => {
    const [, liDigest] = buildDigests(items, TODAY);
    const byId = new Map(liDigest.groups.flatMap((g) => g.tasks).map((t) => [t.id, t]));
    expect(byId.get(1)).toMatchObject({ daysLeft: 7, dueOn: '2025-06-12', link: 'https://luoshi.example/tasks/1' });
    expect(byId.get(1)?.daysLate).toBeUndefined();
    expect(byId.get(2)).toMatchObject({ daysLate: 1 });
    expect(byId.get(2)?.daysLeft).toBeUndefined();
    expect(byId.get(3)).toMatchObject({ daysLeft: 0 });
    expect(byId.get(6)).toBeUndefined();
  });

  it('states the real delay when a trigger is caught up late', () => {
    const [d] = buildDigests(
      [{ recipient: li, task: task(1, '2025-05-27', WOMEN), trigger: trig('overdue', 1) }],
      TODAY,
    );
    expect(d.groups[0].tasks[0].daysLate).toBe(9);
  });

  it('merges addresses case-insensitively and lists a task once, with its latest trigger', () => {
    const digests = buildDigests(
      [
        {
          recipient: { ...li, email: 'Li@Example.cn ' },
          task: task(1, '2025-06-05', WOMEN),
          trigger: trig('before', -1),
        },
        { recipient: { ...li, name: undefined }, task: task(1, '2025-06-05', WOMEN), trigger: trig('due_today', 0) },
        { recipient: li, task: task(2, '2025-06-06', WOMEN), trigger: trig('before', -1) },
      ],
      TODAY,
    );
    expect(digests).toHaveLength(1);
    expect(digests[0].idempotencyKey).toBe('digest:li@example.cn:2025-06-05');
    expect(digests[0].recipient.name).toBe('李明');
    expect(digests[0].groups[0].tasks.map((t) => [t.id, t.trigger.key])).toEqual([
      [1, 'due_today-0'],
      [2, 'before-1'],
    ]);
  });

  it("uses the default locale when rows disagree about a person's language", () => {
    const [d] = buildDigests(
      [
        {
          recipient: { email: 'x@example.cn', locale: 'en' },
          task: task(1, '2025-06-06', WOMEN),
          trigger: trig('before', -1),
        },
        {
          recipient: { email: 'x@example.cn', locale: 'zh-CN' },
          task: task(2, '2025-06-06', WOMEN),
          trigger: trig('before', -1),
        },
      ],
      TODAY,
    );
    expect(d.recipient.locale).toBe('zh-CN');
    expect(d.recipient.name).toBeUndefined();
  });

  it('gives no digest to a recipient with only escalation rows, and none for no rows', () => {
    expect(buildDigests([items[5]], TODAY)).toEqual([]);
    expect(buildDigests([], TODAY)).toEqual([]);
  });

  it('groups string and numeric plan ids alike, sorting ties by title', () => {
    const [d] = buildDigests(
      [
        { recipient: li, task: { ...task(1, '2025-06-06', WOMEN, 'B'), planId: 'p1' }, trigger: trig('before', -1) },
        { recipient: li, task: { ...task(2, '2025-06-06', WOMEN, 'A'), planId: 'p1' }, trigger: trig('before', -1) },
      ],
      TODAY,
    );
    expect(d.groups).toHaveLength(1);
    expect(d.groups[0].tasks.map((t) => t.title)).toEqual(['A', 'B']);
  });

  it('rejects malformed dates', () => {
    expect(() => buildDigests(items, '2025/06/05')).toThrow(RangeError);
    expect(() => buildDigests([{ ...items[0], task: { ...items[0].task, dueOn: '2025-13-01' } }], TODAY)).toThrow(
      /dueOn/,
    );
  });
});

describe('normalizeLocale', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['EN_us', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    [null, 'zh-CN'],
    ['english', 'zh-CN'],
  ])('%s → %s', (value, expected) => {
    expect(normalizeLocale(value)).toBe(expected);
  });
});
