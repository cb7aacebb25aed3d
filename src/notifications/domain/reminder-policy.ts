/**
 * When a task's reminders, urging notices (催办) and supervision notices (督办) go out.
 *
 * Vocabulary used below:
 * - offset: calendar days from the due date to a day; negative before, 0 on the due day,
 *   positive when late (+1 is the day after the due date).
 * - natural date: dueOn + offset, the day a trigger belongs to.
 * - send date: the day it is actually sent. Equal to the natural date, except with
 *   `skipWeekends`, where a Saturday or Sunday trigger is sent on the following Monday.
 *   It keeps the key of its natural offset, so it is still sent exactly once, and a Monday
 *   may carry triggers of Saturday, Sunday and Monday together.
 *
 * Kinds: 'before', 'due_today' and 'overdue' are digest-type (a mention of the task in the
 * recipient's daily digest), computed from the calendar as above. Several digest-type triggers
 * of one task handled on the same run collapse to one mention (the latest). See `collapseTriggers`.
 *
 * 'urge' (催办) and 'supervise' (督办) are the escalation ladder and do NOT follow the calendar:
 * they follow what was actually sent (see `nextEscalation`). A level is due once the task is at
 * least N days late and has not reached it, one step per task per day, each level on a later day
 * than the one before; a new due date starts a new ladder.
 *
 * The scheduler is expected to call `catchUpTriggers(lastRunDate, today, …)` on every run: with
 * lastRunDate = yesterday it equals the collapsed `remindersDueOn(today, …)`, and after an
 * outage it also returns what fell due meanwhile.
 */

import { addDays, daysBetween, dayOfWeek, isValidCalendarDate } from '../../common/time/calendar-date.util.js';
import { isWorkingState } from '../../duties/domain/task-lifecycle.js';

/** The `reminders:` section of the configuration (its defaults live in config/default.yaml only). */
export interface ReminderPolicy {
  /** Days before the due date to remind; 0 = on the due day. */
  beforeDays: number[];
  /** First overdue reminder this many days after the due date. */
  afterFirstDays: number;
  /** Then every N days while the task stays overdue. */
  afterRepeatEveryDays: number;
  escalation: {
    /** 催办, also to the unit's head contact, once per due date, from this many days late on. */
    urgeAfterDays: number;
    /** 督办, to the head and the committee office, once per due date, from this many days late on and after the 催办. */
    superviseAfterDays: number;
  };
  /** 'HH:mm' in the committee's time zone; used by the scheduler, not by the date rules here. */
  sendHour: string;
  skipWeekends: boolean;
}

export type ReminderKind = 'before' | 'due_today' | 'overdue' | 'urge' | 'supervise';

export interface ReminderTrigger {
  kind: ReminderKind;
  /** Natural offset from the due date: negative before, positive late. Unchanged by weekend moves. */
  offsetDays: number;
  /** Stable idempotency fragment: `${kind}-${|offsetDays|}`, e.g. 'before-7', 'due_today-0', 'overdue-8', 'urge-3'. */
  key: string;
}

const DIGEST_KINDS: ReadonlySet<ReminderKind> = new Set<ReminderKind>(['before', 'due_today', 'overdue']);
// Ordering of kinds that share an offset, so output order is deterministic.
const KIND_ORDER: Record<ReminderKind, number> = { before: 0, due_today: 1, overdue: 2, urge: 3, supervise: 4 };

/** Digest-type triggers are listed in the daily digest; the others are individual notices. */
export function isDigestTrigger(trigger: Pick<ReminderTrigger, 'kind'>): boolean {
  return DIGEST_KINDS.has(trigger.kind);
}

// ---------------------------------------------------------------------------------------------
// Validation (messages shaped like the config loader's: key, value, allowed)
// ---------------------------------------------------------------------------------------------

const POLICY_KEYS = ['beforeDays', 'afterFirstDays', 'afterRepeatEveryDays', 'escalation', 'sendHour', 'skipWeekends'];
const ESCALATION_KEYS = ['urgeAfterDays', 'superviseAfterDays'];
const HOUR_MINUTE_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

function isIntIn(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/**
 * Problems with a policy, one message per bad key; [] when valid. Ranges match the config
 * schema, plus one rule across keys: supervision must come after urging (it is a ladder).
 */
export function validateReminderPolicy(policy: unknown, prefix = 'reminders'): string[] {
  const problems: string[] = [];
  const bad = (key: string, value: unknown, allowed: string): void => {
    problems.push(`${prefix}.${key}: value ${JSON.stringify(value)} is not allowed; allowed: ${allowed}`);
  };
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    return [`${prefix}: value ${JSON.stringify(policy)} is not allowed; allowed: a mapping`];
  }
  const p = policy as Record<string, unknown>;
  for (const key of Object.keys(p))
    if (!POLICY_KEYS.includes(key)) problems.push(`${prefix}.${key}: unknown setting (misspelt?)`);

  const before = p.beforeDays;
  if (
    !Array.isArray(before) ||
    before.length === 0 ||
    !before.every((n) => isIntIn(n, 0, 60)) ||
    new Set(before).size !== before.length
  ) {
    bad('beforeDays', before, 'a list of distinct whole days from 0 to 60, e.g. [7, 3, 1, 0]');
  }
  if (!isIntIn(p.afterFirstDays, 1, 30)) bad('afterFirstDays', p.afterFirstDays, 'an integer from 1 to 30');
  if (!isIntIn(p.afterRepeatEveryDays, 1, 60))
    bad('afterRepeatEveryDays', p.afterRepeatEveryDays, 'an integer from 1 to 60');

  const esc = p.escalation;
  if (typeof esc !== 'object' || esc === null || Array.isArray(esc)) {
    bad('escalation', esc, 'a mapping with urgeAfterDays and superviseAfterDays');
  } else {
    const e = esc as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!ESCALATION_KEYS.includes(key)) problems.push(`${prefix}.escalation.${key}: unknown setting (misspelt?)`);
    }
    const urgeOk = isIntIn(e.urgeAfterDays, 1, 90);
    const superviseOk = isIntIn(e.superviseAfterDays, 1, 180);
    if (!urgeOk) bad('escalation.urgeAfterDays', e.urgeAfterDays, 'an integer from 1 to 90');
    if (!superviseOk) bad('escalation.superviseAfterDays', e.superviseAfterDays, 'an integer from 1 to 180');
    if (urgeOk && superviseOk && (e.superviseAfterDays as number) <= (e.urgeAfterDays as number)) {
      bad(
        'escalation.superviseAfterDays',
        e.superviseAfterDays,
        `an integer greater than escalation.urgeAfterDays (${e.urgeAfterDays as number}) and at most 180`,
      );
    }
  }
  if (typeof p.sendHour !== 'string' || !HOUR_MINUTE_RE.test(p.sendHour)) {
    bad('sendHour', p.sendHour, 'a time "HH:mm" from 00:00 to 23:59');
  }
  if (typeof p.skipWeekends !== 'boolean') bad('skipWeekends', p.skipWeekends, 'true or false');
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Task state
// ---------------------------------------------------------------------------------------------

/**
 * A task is reminded while the unit still owes the work (the lifecycle's working states): not once
 * submitted (it awaits review), accepted or cancelled. A returned task is remindable again: the
 * unit owes a resubmission.
 */
export function isTaskRemindable(state: string): boolean {
  return isWorkingState(state);
}

// ---------------------------------------------------------------------------------------------
// Trigger rules
// ---------------------------------------------------------------------------------------------

function makeTrigger(kind: ReminderKind, offsetDays: number): ReminderTrigger {
  return { kind, offsetDays, key: `${kind}-${Math.abs(offsetDays)}` };
}

/** Digest-type triggers whose natural date is dueOn + offset (weekends ignored). Escalation: see nextEscalation. */
export function triggersAtOffset(offset: number, policy: ReminderPolicy): ReminderTrigger[] {
  const out: ReminderTrigger[] = [];
  if (offset < 0) {
    if (policy.beforeDays.includes(-offset)) out.push(makeTrigger('before', offset));
  } else if (offset === 0) {
    if (policy.beforeDays.includes(0)) out.push(makeTrigger('due_today', 0));
  } else {
    const sinceFirst = offset - policy.afterFirstDays;
    if (sinceFirst >= 0 && sinceFirst % policy.afterRepeatEveryDays === 0) out.push(makeTrigger('overdue', offset));
  }
  return out;
}

/** The day a trigger naturally due on `date` is sent: Saturday and Sunday move to Monday when skipping weekends. */
export function sendDateFor(date: string, policy: Pick<ReminderPolicy, 'skipWeekends'>): string {
  if (!policy.skipWeekends) return date;
  const dow = dayOfWeek(date);
  return dow === 6 ? addDays(date, 2) : dow === 0 ? addDays(date, 1) : date;
}

function compareTriggers(a: ReminderTrigger, b: ReminderTrigger): number {
  return a.offsetDays - b.offsetDays || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}

function assertDates(dates: Record<string, string>): void {
  for (const [name, value] of Object.entries(dates)) {
    if (!isValidCalendarDate(value))
      throw new RangeError(`${name}: invalid date ${JSON.stringify(value)} (expected YYYY-MM-DD)`);
  }
}

/**
 * Every trigger whose send date lies in (fromExclusive, toInclusive], uncollapsed, ordered by
 * offset. A natural date at most two days before the window can still send inside it (weekend
 * move), so the scan starts there; it never starts before the earliest 'before' reminder.
 */
function triggersSentIn(
  fromExclusive: string,
  toInclusive: string,
  dueOn: string,
  policy: ReminderPolicy,
): ReminderTrigger[] {
  const lastOffset = daysBetween(dueOn, toInclusive);
  const earliestOffset = -Math.max(0, ...policy.beforeDays);
  const firstOffset = Math.max(daysBetween(dueOn, fromExclusive) - 1, earliestOffset);
  const out: ReminderTrigger[] = [];
  for (let offset = firstOffset; offset <= lastOffset; offset++) {
    const triggers = triggersAtOffset(offset, policy);
    if (triggers.length === 0) continue;
    const sendOn = sendDateFor(addDays(dueOn, offset), policy);
    if (sendOn > fromExclusive && sendOn <= toInclusive) out.push(...triggers);
  }
  return out.sort(compareTriggers);
}

/**
 * Triggers to send on `today`, each keyed by its natural offset, NOT collapsed: with
 * skipWeekends a Monday can return e.g. ['before-1', 'due_today-0'] (Sunday's and Monday's) or
 * ['overdue-1', 'urge-3']. Record every key as handled; mention the task once in the digest
 * (buildDigests keeps the latest digest-type trigger; or apply collapseTriggers).
 * On a skipped weekend day the result is empty.
 */
export function remindersDueOn(today: string, dueOn: string, policy: ReminderPolicy): ReminderTrigger[] {
  assertDates({ today, dueOn });
  return triggersSentIn(addDays(today, -1), today, dueOn, policy);
}

/**
 * One run's worth of triggers for one task: the latest digest-type trigger (one digest
 * mention), plus every urge/supervise trigger (each notice is sent once). Duplicated keys are
 * dropped. Ordered by offset.
 */
export function collapseTriggers(triggers: readonly ReminderTrigger[]): ReminderTrigger[] {
  let latestDigest: ReminderTrigger | undefined;
  const escalations = new Map<string, ReminderTrigger>();
  for (const t of triggers) {
    if (isDigestTrigger(t)) {
      if (!latestDigest || compareTriggers(t, latestDigest) > 0) latestDigest = t;
    } else if (!escalations.has(t.key)) {
      escalations.set(t.key, t);
    }
  }
  const out = [...escalations.values()];
  if (latestDigest) out.push(latestDigest);
  return out.sort(compareTriggers);
}

/**
 * What to send today for a task when the last completed run was on `lastRunDate`: every
 * trigger whose send date is in (lastRunDate, today], collapsed (see collapseTriggers).
 * `lastRunDate` null (never ran) means only today's. Nothing when today <= lastRunDate.
 * Caveat for callers: triggers before the task existed are not filtered here; pass
 * max(lastRunDate, day before the task was assigned) if that matters.
 */
export function catchUpTriggers(
  lastRunDate: string | null,
  today: string,
  dueOn: string,
  policy: ReminderPolicy,
): ReminderTrigger[] {
  const from = lastRunDate ?? addDays(today, -1);
  assertDates({ lastRunDate: from, today, dueOn });
  if (from >= today) return [];
  return collapseTriggers(triggersSentIn(from, today, dueOn, policy));
}

/**
 * A full idempotency key for one task's trigger. The due date is part of it: a task given a new
 * date starts a fresh schedule, and its old keys can never suppress (or be confused with) new ones.
 */
export function reminderIdempotencyKey(
  taskId: number | string,
  dueOn: string,
  trigger: Pick<ReminderTrigger, 'key'>,
): string {
  return `reminder:${taskId}:${dueOn}:${trigger.key}`;
}

// ---------------------------------------------------------------------------------------------
// Escalation ladder (催办 → 督办)
// ---------------------------------------------------------------------------------------------

export type EscalationLevel = 'urge' | 'supervise';

/** What was actually sent for one task and one due date (local dates of the runs that queued them). */
export interface EscalationHistory {
  urgedOn?: string | null;
  supervisedOn?: string | null;
  /**
   * Steps queued but withdrawn before delivery (every notice of the step cancelled by the pre-send
   * check): they do not count, and the step is taken again, on this date's run, when still due.
   */
  withdrawn?: Partial<Record<EscalationLevel, string>>;
}

/**
 * The escalation step due for a task on `today`, or null. Rules (issue 10):
 * - 催办 is due when the task is at least urgeAfterDays late and no 催办 was sent for this due date;
 * - 督办 is due when it is at least superviseAfterDays late, a 催办 was sent for this due date on an
 *   EARLIER day, and no 督办 was sent yet: it never arrives without, or together with, its 催办;
 * - one step per call (per task per day), whatever the delay: a task 200 days late gets its 催办
 *   today and its 督办 on the next run, not every missed step at once;
 * - with skipWeekends nothing escalates on Saturday or Sunday (it comes on Monday).
 * The history belongs to the due date: a new date (extension, edit) is a new ladder, so callers
 * pass only what was sent for the current dueOn.
 */
export function nextEscalation(
  today: string,
  dueOn: string,
  history: EscalationHistory,
  policy: Pick<ReminderPolicy, 'escalation' | 'skipWeekends'>,
): EscalationLevel | null {
  assertDates({ today, dueOn });
  if (policy.skipWeekends && isWeekendDay(today)) return null;
  const late = daysBetween(dueOn, today);
  const { urgeAfterDays, superviseAfterDays } = policy.escalation;
  if (!history.urgedOn) return late >= urgeAfterDays ? 'urge' : null;
  if (history.supervisedOn) return null;
  return late >= superviseAfterDays && history.urgedOn < today ? 'supervise' : null;
}

function isWeekendDay(date: string): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

/**
 * Idempotency key of an escalation notice to one recipient: one per task, due date and level.
 * A step taken again after its first notices were withdrawn carries the day it is taken again
 * (`reissuedOn`), so it is queued anew instead of matching the cancelled message.
 */
export function escalationIdempotencyKey(
  taskId: number | string,
  dueOn: string,
  level: EscalationLevel,
  email: string,
  reissuedOn?: string,
): string {
  return `${escalationKeyPrefix(taskId, dueOn, level)}${reissuedOn ? `${reissuedOn}:` : ''}${email.trim().toLowerCase()}`;
}

/** The common start of every notice key of one step (first issue and re-issues). */
export function escalationKeyPrefix(taskId: number | string, dueOn: string, level: EscalationLevel): string {
  return `escalation:${taskId}:${dueOn}:${level}:`;
}
