import { describe, it, expect } from '@jest/globals';
import { addDays, dayOfWeek, isWeekend } from '../../../common/time/calendar-date.util.js';
import {
  type ReminderPolicy,
  type ReminderTrigger,
  catchUpTriggers,
  collapseTriggers,
  escalationIdempotencyKey,
  nextEscalation,
  type EscalationHistory,
  isDigestTrigger,
  isTaskRemindable,
  reminderIdempotencyKey,
  remindersDueOn,
  sendDateFor,
  validateReminderPolicy,
} from '../reminder-policy.js';
import { configDefaults } from '../../../config/config-defaults.js';

/** The shipped defaults (config/default.yaml). */
const DEFAULT_REMINDER_POLICY: ReminderPolicy = configDefaults().reminders;

const policy: ReminderPolicy = { ...DEFAULT_REMINDER_POLICY, escalation: { ...DEFAULT_REMINDER_POLICY.escalation } };
const weekdaysOnly: ReminderPolicy = { ...policy, skipWeekends: true };
const keys = (ts: ReminderTrigger[]): string[] => ts.map((t) => t.key);

// Thursday; no weekend handling involved in the first block.
const DUE = '2025-06-05';
const on = (offset: number): string => addDays(DUE, offset);

describe('date helpers', () => {
  it('do UTC arithmetic on calendar dates, across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(dayOfWeek('2025-06-05')).toBe(4);
    expect(isWeekend('2025-06-07')).toBe(true);
    expect(isWeekend('2025-06-09')).toBe(false);
  });
});

describe('remindersDueOn: default policy timeline', () => {
  const expected: Record<number, string[]> = {
    [-7]: ['before-7'],
    [-3]: ['before-3'],
    [-1]: ['before-1'],
    0: ['due_today-0'],
    1: ['overdue-1'],
    8: ['overdue-8'],
    15: ['overdue-15'],
    22: ['overdue-22'],
    29: ['overdue-29'],
    36: ['overdue-36'],
  };

  it('produces exactly the expected triggers on every day from T-20 to T+40', () => {
    for (let offset = -20; offset <= 40; offset++) {
      expect({ offset, keys: keys(remindersDueOn(on(offset), DUE, policy)) }).toEqual({
        offset,
        keys: expected[offset] ?? [],
      });
    }
  });

  it.each([-30, -8, -6, -5, -4, -2, 2, 3, 4, 5, 6, 7, 9, 10, 11, 14, 16])('sends nothing at offset %i', (offset) => {
    expect(remindersDueOn(on(offset), DUE, policy)).toEqual([]);
  });

  it('gives kinds, signed offsets and keys', () => {
    expect(remindersDueOn(on(-7), DUE, policy)).toEqual([{ kind: 'before', offsetDays: -7, key: 'before-7' }]);
    expect(remindersDueOn(on(0), DUE, policy)).toEqual([{ kind: 'due_today', offsetDays: 0, key: 'due_today-0' }]);
    expect(remindersDueOn(on(1), DUE, policy)).toEqual([{ kind: 'overdue', offsetDays: 1, key: 'overdue-1' }]);
    expect(remindersDueOn(on(8), DUE, policy)).toEqual([{ kind: 'overdue', offsetDays: 8, key: 'overdue-8' }]);
  });

  it('never puts an escalation on the calendar: urging and supervision follow nextEscalation', () => {
    const all = Array.from({ length: 400 }, (_, i) => remindersDueOn(on(i - 10), DUE, policy)).flat();
    expect(all.filter((t) => !isDigestTrigger(t))).toEqual([]);
    expect(new Set(keys(all)).size).toBe(all.length);
  });

  it('works across a year end', () => {
    expect(keys(remindersDueOn('2025-01-01', '2024-12-31', policy))).toEqual(['overdue-1']);
    expect(keys(remindersDueOn('2024-12-24', '2024-12-31', policy))).toEqual(['before-7']);
  });

  it('follows an edited policy', () => {
    const custom: ReminderPolicy = {
      ...policy,
      beforeDays: [14, 1],
      afterFirstDays: 2,
      afterRepeatEveryDays: 3,
      escalation: { urgeAfterDays: 2, superviseAfterDays: 5 },
    };
    const got: Record<number, string[]> = {};
    for (let offset = -20; offset <= 12; offset++) {
      const k = keys(remindersDueOn(on(offset), DUE, custom));
      if (k.length) got[offset] = k;
    }
    // No due-day reminder without 0 in beforeDays; escalation is not on the calendar (nextEscalation).
    expect(got).toEqual({
      [-14]: ['before-14'],
      [-1]: ['before-1'],
      2: ['overdue-2'],
      5: ['overdue-5'],
      8: ['overdue-8'],
      11: ['overdue-11'],
    });
  });

  it('rejects malformed dates', () => {
    expect(() => remindersDueOn('2025-6-5', DUE, policy)).toThrow(RangeError);
    expect(() => remindersDueOn(DUE, '2025-02-30', policy)).toThrow(/dueOn/);
  });
});

describe('remindersDueOn: skipWeekends', () => {
  it('keeps weekday triggers where they are', () => {
    const due = '2025-06-05'; // Thursday
    expect(keys(remindersDueOn('2025-06-06', due, weekdaysOnly))).toEqual(['overdue-1']);
    expect(keys(remindersDueOn('2025-06-13', due, weekdaysOnly))).toEqual(['overdue-8']);
  });

  it("sends a Friday deadline's Saturday overdue-1 on Monday", () => {
    const due = '2025-06-06'; // Friday
    expect(remindersDueOn('2025-06-07', due, weekdaysOnly)).toEqual([]);
    expect(remindersDueOn('2025-06-09', due, weekdaysOnly)).toEqual([
      { kind: 'overdue', offsetDays: 1, key: 'overdue-1' },
    ]);
    expect(keys(remindersDueOn('2025-06-16', due, weekdaysOnly))).toEqual(['overdue-8']);
  });

  it("lets a Monday deadline carry Sunday's before-1 together with due_today-0", () => {
    expect(keys(remindersDueOn('2025-06-09', '2025-06-09', weekdaysOnly))).toEqual(['before-1', 'due_today-0']);
    expect(keys(collapseTriggers(remindersDueOn('2025-06-09', '2025-06-09', weekdaysOnly)))).toEqual(['due_today-0']);
  });

  it("sends a Saturday deadline's due-day and Sunday overdue-1 reminders on Monday, keyed by their own offsets", () => {
    expect(keys(remindersDueOn('2025-06-09', '2025-06-07', weekdaysOnly))).toEqual(['due_today-0', 'overdue-1']);
    expect(keys(collapseTriggers(remindersDueOn('2025-06-09', '2025-06-07', weekdaysOnly)))).toEqual(['overdue-1']);
    expect(sendDateFor('2025-06-07', weekdaysOnly)).toBe('2025-06-09');
    expect(sendDateFor('2025-06-08', weekdaysOnly)).toBe('2025-06-09');
    expect(sendDateFor('2025-06-07', policy)).toBe('2025-06-07');
  });

  it('loses nothing and duplicates nothing, whatever the weekday of the deadline', () => {
    for (let d = 0; d < 14; d++) {
      const due = addDays('2025-06-02', d);
      const plain: string[] = [];
      const skipped: string[] = [];
      for (let offset = -12; offset <= 45; offset++) {
        const day = addDays(due, offset);
        plain.push(...keys(remindersDueOn(day, due, policy)));
        const sent = remindersDueOn(day, due, weekdaysOnly);
        if (isWeekend(day)) expect(sent).toEqual([]);
        skipped.push(...keys(sent));
      }
      // The window end may cut off a trigger moved past it; compare inside the window.
      const lastDay = addDays(due, 45);
      const plainInWindow = plain.filter((k) => {
        const t = Number(k.split('-').pop());
        const offset = k.startsWith('before') ? -t : t;
        return sendDateFor(addDays(due, offset), weekdaysOnly) <= lastDay;
      });
      expect({ due, keys: [...skipped].sort() }).toEqual({ due, keys: [...plainInWindow].sort() });
      expect(new Set(skipped).size).toBe(skipped.length);
    }
  });
});

describe('catchUpTriggers', () => {
  it('after a 5-day outage spanning the deadline: one digest mention, the latest', () => {
    // Last run at T-2; back at T+3. Missed: before-1, due_today-0, overdue-1.
    expect(catchUpTriggers(on(-2), on(3), DUE, policy)).toEqual([{ kind: 'overdue', offsetDays: 1, key: 'overdue-1' }]);
    expect(keys(catchUpTriggers(on(0), on(5), DUE, policy))).toEqual(['overdue-1']);
    expect(keys(catchUpTriggers(on(2), on(12), DUE, policy))).toEqual(['overdue-8']);
  });

  it('before the deadline: only the latest before-reminder', () => {
    expect(keys(catchUpTriggers(on(-9), on(-4), DUE, policy))).toEqual(['before-7']);
    expect(keys(catchUpTriggers(on(-9), on(-2), DUE, policy))).toEqual(['before-3']);
    expect(keys(catchUpTriggers(on(-9), on(-8), DUE, policy))).toEqual([]);
  });

  it('equals the collapsed daily result when the last run was yesterday', () => {
    for (const p of [policy, weekdaysOnly]) {
      for (let offset = -15; offset <= 30; offset++) {
        const today = on(offset);
        expect(catchUpTriggers(addDays(today, -1), today, DUE, p)).toEqual(
          collapseTriggers(remindersDueOn(today, DUE, p)),
        );
      }
    }
  });

  it('treats a null last run as "today only" and an old or same-day run as nothing to do', () => {
    expect(keys(catchUpTriggers(null, on(1), DUE, policy))).toEqual(['overdue-1']);
    expect(keys(catchUpTriggers(null, on(3), DUE, policy))).toEqual([]);
    expect(catchUpTriggers(on(3), on(3), DUE, policy)).toEqual([]);
    expect(catchUpTriggers(on(4), on(3), DUE, policy)).toEqual([]);
  });

  it('a scheduler with a 5-day outage mentions the task once on resuming, not once per missed day', () => {
    const down = new Set([1, 2, 3, 4, 5].map((o) => on(o)));
    let lastRun: string | null = null;
    const sentKeys: string[] = [];
    const digestDays: string[] = [];
    for (let offset = -10; offset <= 20; offset++) {
      const today = on(offset);
      if (down.has(today)) continue;
      const triggers = catchUpTriggers(lastRun, today, DUE, policy);
      sentKeys.push(...keys(triggers));
      if (triggers.some(isDigestTrigger)) digestDays.push(today);
      lastRun = today;
    }
    expect(sentKeys).toEqual([
      'before-7',
      'before-3',
      'before-1',
      'due_today-0',
      'overdue-1',
      'overdue-8',
      'overdue-15',
    ]);
    expect(digestDays).toEqual([on(-7), on(-3), on(-1), on(0), on(6), on(8), on(15)]);
  });

  it('with skipWeekends, a Monday run after a normal Friday run catches Saturday and Sunday', () => {
    const due = '2025-06-06'; // Friday
    expect(keys(catchUpTriggers('2025-06-06', '2025-06-09', due, weekdaysOnly))).toEqual(['overdue-1']);
  });
});

describe('nextEscalation: the ladder', () => {
  const step = (today: string, history: EscalationHistory = {}, p: ReminderPolicy = policy) =>
    nextEscalation(today, DUE, history, p);

  it('urges from 3 days late on, whatever the delay, until a 催办 was sent', () => {
    for (let late = -10; late <= 2; late++) expect({ late, step: step(on(late)) }).toEqual({ late, step: null });
    for (const late of [3, 4, 9, 10, 11, 229, 1000])
      expect({ late, step: step(on(late)) }).toEqual({ late, step: 'urge' });
  });

  it('supervises from 10 days late on, only after a 催办 on an earlier day', () => {
    expect(step(on(9), { urgedOn: on(3) })).toBeNull();
    expect(step(on(10), { urgedOn: on(3) })).toBe('supervise');
    expect(step(on(229), { urgedOn: on(3) })).toBe('supervise');
    // Urged today (a task already 229 days late): the 督办 waits for another day.
    expect(step(on(229), { urgedOn: on(229) })).toBeNull();
    expect(step(on(230), { urgedOn: on(229) })).toBe('supervise');
  });

  it('never steps twice: nothing after the 督办', () => {
    expect(step(on(11), { urgedOn: on(3), supervisedOn: on(10) })).toBeNull();
    expect(step(on(400), { urgedOn: on(3), supervisedOn: on(10) })).toBeNull();
  });

  it('a task months late takes one step a day: 催办 on the first run, 督办 on the next, then nothing', () => {
    const history: EscalationHistory = {};
    const taken: string[] = [];
    for (let late = 150; late <= 160; late++) {
      const level = step(on(late), history);
      if (level === 'urge') history.urgedOn = on(late);
      if (level === 'supervise') history.supervisedOn = on(late);
      if (level) taken.push(`${level} ${on(late)}`);
    }
    expect(taken).toEqual([`urge ${on(150)}`, `supervise ${on(151)}`]);
  });

  it('after a downtime sends what is due now, once: the 催办 first, the 督办 the next run day', () => {
    // Runs on T-2, then nothing until T+14.
    const history: EscalationHistory = {};
    const runs = [on(-2), on(14), on(15), on(16)];
    const taken = runs.map((d) => {
      const level = step(d, history);
      if (level === 'urge') history.urgedOn = d;
      if (level === 'supervise') history.supervisedOn = d;
      return level;
    });
    expect(taken).toEqual([null, 'urge', 'supervise', null]);
  });

  it('walks a normal ladder on exactly T+3 and T+10 when run every day', () => {
    const history: EscalationHistory = {};
    const taken: string[] = [];
    for (let late = -10; late <= 40; late++) {
      const level = step(on(late), history);
      if (level === 'urge') history.urgedOn = on(late);
      if (level === 'supervise') history.supervisedOn = on(late);
      if (level) taken.push(`${level} +${late}`);
    }
    expect(taken).toEqual(['urge +3', 'supervise +10']);
  });

  it('skips weekends when asked: a Sunday step comes on Monday', () => {
    const due = '2025-06-05'; // Thursday: +3 is Sunday 06-08
    expect(nextEscalation('2025-06-08', due, {}, weekdaysOnly)).toBeNull();
    expect(nextEscalation('2025-06-09', due, {}, weekdaysOnly)).toBe('urge');
    expect(nextEscalation('2025-06-15', due, { urgedOn: '2025-06-09' }, weekdaysOnly)).toBeNull(); // Sunday, +10
    expect(nextEscalation('2025-06-16', due, { urgedOn: '2025-06-09' }, weekdaysOnly)).toBe('supervise');
    expect(nextEscalation('2025-06-08', due, {}, policy)).toBe('urge');
  });

  it('follows an edited ladder', () => {
    const custom: ReminderPolicy = { ...policy, escalation: { urgeAfterDays: 1, superviseAfterDays: 2 } };
    expect(step(on(1), {}, custom)).toBe('urge');
    expect(step(on(2), { urgedOn: on(1) }, custom)).toBe('supervise');
    expect(step(on(2), { urgedOn: on(2) }, custom)).toBeNull();
  });

  it('rejects malformed dates', () => {
    expect(() => nextEscalation('2025-6-5', DUE, {}, policy)).toThrow(RangeError);
    expect(() => nextEscalation(DUE, '2025-11-31', {}, policy)).toThrow(/dueOn/);
  });

  it('keys a notice by task, due date, level and recipient: a new date is a new ladder', () => {
    expect(escalationIdempotencyKey(7, '2025-06-05', 'urge', ' Zhang@Example.org ')).toBe(
      'escalation:7:2025-06-05:urge:zhang@example.org',
    );
    expect(escalationIdempotencyKey(7, '2025-06-20', 'urge', 'zhang@example.org')).not.toBe(
      escalationIdempotencyKey(7, '2025-06-05', 'urge', 'zhang@example.org'),
    );
  });
});

describe('collapseTriggers', () => {
  it('keeps the latest digest-type trigger and every escalation, without duplicates', () => {
    const t = (kind: ReminderTrigger['kind'], offsetDays: number): ReminderTrigger => ({
      kind,
      offsetDays,
      key: `${kind}-${Math.abs(offsetDays)}`,
    });
    expect(
      collapseTriggers([
        t('supervise', 10),
        t('before', -1),
        t('overdue', 8),
        t('urge', 3),
        t('overdue', 1),
        t('urge', 3),
      ]),
    ).toEqual([t('urge', 3), t('overdue', 8), t('supervise', 10)]);
    expect(collapseTriggers([])).toEqual([]);
  });
});

describe('isTaskRemindable', () => {
  it.each([
    ['assigned', true],
    ['acknowledged', true],
    ['in_progress', true],
    ['returned', true],
    ['submitted', false],
    ['accepted', false],
    ['cancelled', false],
  ])('%s → %s', (state, expected) => {
    expect(isTaskRemindable(state)).toBe(expected);
  });
});

describe('reminderIdempotencyKey', () => {
  it('includes the due date, so a new date starts a fresh schedule', () => {
    const trigger = remindersDueOn(on(-7), DUE, policy)[0];
    expect(reminderIdempotencyKey(42, DUE, trigger)).toBe('reminder:42:2025-06-05:before-7');
    expect(reminderIdempotencyKey(42, '2025-07-05', trigger)).not.toBe(reminderIdempotencyKey(42, DUE, trigger));
  });
});

describe('validateReminderPolicy', () => {
  it('accepts the default policy', () => {
    expect(validateReminderPolicy(DEFAULT_REMINDER_POLICY)).toEqual([]);
  });

  it('names the key, the value and what is allowed', () => {
    const problems = validateReminderPolicy({
      beforeDays: [7, 7, -1],
      afterFirstDays: 0,
      afterRepeatEveryDays: 1.5,
      escalation: { urgeAfterDays: 3, superviseAfterDays: 400 },
      sendHour: '9:00',
      skipWeekends: 'yes',
    });
    expect(problems).toEqual([
      'reminders.beforeDays: value [7,7,-1] is not allowed; allowed: a list of distinct whole days from 0 to 60, e.g. [7, 3, 1, 0]',
      'reminders.afterFirstDays: value 0 is not allowed; allowed: an integer from 1 to 30',
      'reminders.afterRepeatEveryDays: value 1.5 is not allowed; allowed: an integer from 1 to 60',
      'reminders.escalation.superviseAfterDays: value 400 is not allowed; allowed: an integer from 1 to 180',
      'reminders.sendHour: value "9:00" is not allowed; allowed: a time "HH:mm" from 00:00 to 23:59',
      'reminders.skipWeekends: value "yes" is not allowed; allowed: true or false',
    ]);
  });

  it('requires supervision to come after urging', () => {
    expect(
      validateReminderPolicy({ ...DEFAULT_REMINDER_POLICY, escalation: { urgeAfterDays: 10, superviseAfterDays: 10 } }),
    ).toEqual([
      'reminders.escalation.superviseAfterDays: value 10 is not allowed; allowed: an integer greater than escalation.urgeAfterDays (10) and at most 180',
    ]);
  });

  it('reports unknown keys, a missing escalation and a non-object', () => {
    const { escalation: _omit, ...rest } = DEFAULT_REMINDER_POLICY;
    expect(validateReminderPolicy({ ...rest, skipWeekend: true }, 'committee.reminders')).toEqual([
      'committee.reminders.skipWeekend: unknown setting (misspelt?)',
      'committee.reminders.escalation: value undefined is not allowed; allowed: a mapping with urgeAfterDays and superviseAfterDays',
    ]);
    expect(validateReminderPolicy(null)).toEqual(['reminders: value null is not allowed; allowed: a mapping']);
    expect(validateReminderPolicy({ ...DEFAULT_REMINDER_POLICY, beforeDays: [] })).toHaveLength(1);
  });
});
