/**
 * Completion and on-time rates per unit, plan, area or duty kind, and the unit ranking.
 *
 * Denominator ("expected"): non-cancelled tasks whose deadline has passed, plus tasks already
 * submitted before their deadline. Open overdue tasks therefore count against a unit (one that
 * never submits must not look perfect), while a task not yet due counts only once delivered, so
 * early delivery is credited and nobody is penalised for a deadline still ahead.
 *
 * Per task the classification is computeTaskStatus's, so dashboards and rates never disagree.
 */

import type { CalendarDate } from '../../common/time/calendar-date.util.js';
import type { DutyKind } from '../../duties/domain/duty-kind.js';
import type { TaskState } from '../../duties/domain/task-lifecycle.js';
import { computeTaskStatus } from '../../duties/domain/task-status.js';
import { compareByRankThenName } from './unit-order.js';

export interface RateTaskFact {
  unitId: string;
  planId: string;
  /** Areas of the goals behind the task; tasks without areas (e.g. annual reports) are left out of area groups. */
  areaIds?: readonly string[] | null;
  kind: DutyKind;
  dueOn: CalendarDate;
  state: TaskState;
  /** FIRST submission time. */
  submittedAt?: Date | null;
  acceptedAt?: Date | null;
}

export interface RateOptions {
  now: Date;
  timeZone: string;
}

export type RateGroupBy = 'unit' | 'plan' | 'area' | 'kind';

export interface RateStats {
  /** Non-cancelled tasks in the group, expected or not. */
  total: number;
  cancelled: number;
  /** Denominator: deadline passed, or delivered early. */
  expected: number;
  /** A submission stands (submitted or accepted). */
  submitted: number;
  accepted: number;
  /** Submitted, awaiting the office's review. */
  pendingReview: number;
  /** Submitted (first submission) by the deadline. */
  onTime: number;
  /** Submitted after the deadline. */
  late: number;
  /** Open (incl. returned) with the deadline passed. */
  overdueOpen: number;
  /** Open and not yet due: outside the denominator. */
  notYetDue: number;
  /** accepted / expected; null when nothing is expected. */
  completionRate: number | null;
  /** onTime / expected; null when nothing is expected. */
  onTimeRate: number | null;
  /** Mean calendar days late over late submissions and open overdue tasks (counted up to today). */
  averageDaysLate: number | null;
}

export interface RateGroup extends RateStats {
  key: string;
}

function emptyCounts() {
  return {
    total: 0,
    cancelled: 0,
    expected: 0,
    submitted: 0,
    accepted: 0,
    pendingReview: 0,
    onTime: 0,
    late: 0,
    overdueOpen: 0,
    notYetDue: 0,
    daysLateSum: 0,
  };
}
type Counts = ReturnType<typeof emptyCounts>;

function count(into: Counts, task: RateTaskFact, options: RateOptions): void {
  const status = computeTaskStatus({
    dueOn: task.dueOn,
    state: task.state,
    submittedAt: task.submittedAt ?? null,
    now: options.now,
    timeZone: options.timeZone,
    dueSoonDays: 0,
  });
  if (status.status === 'cancelled') {
    into.cancelled++;
    return;
  }
  into.total++;
  switch (status.status) {
    case 'done_on_time':
    case 'done_late':
      into.expected++;
      into.submitted++;
      if (task.state === 'accepted') into.accepted++;
      else into.pendingReview++;
      if (status.status === 'done_on_time') {
        into.onTime++;
      } else {
        into.late++;
        into.daysLateSum += status.daysLate ?? 0;
      }
      break;
    case 'overdue':
      into.expected++;
      into.overdueOpen++;
      into.daysLateSum += status.daysLate ?? 0;
      break;
    default:
      into.notYetDue++;
  }
}

function finish(c: Counts): RateStats {
  const { daysLateSum, ...counts } = c;
  const lateItems = c.late + c.overdueOpen;
  return {
    ...counts,
    completionRate: c.expected === 0 ? null : c.accepted / c.expected,
    onTimeRate: c.expected === 0 ? null : c.onTime / c.expected,
    averageDaysLate: lateItems === 0 ? null : daysLateSum / lateItems,
  };
}

/** Rates over all the given tasks (filter beforehand for one unit, plan, year …). */
export function computeRateStats(tasks: Iterable<RateTaskFact>, options: RateOptions): RateStats {
  const counts = emptyCounts();
  for (const task of tasks) count(counts, task, options);
  return finish(counts);
}

function keysOf(task: RateTaskFact, groupBy: RateGroupBy): readonly string[] {
  switch (groupBy) {
    case 'unit':
      return [task.unitId];
    case 'plan':
      return [task.planId];
    case 'kind':
      return [task.kind];
    case 'area':
      // A task behind goals of several areas counts once in each of them.
      return [...new Set(task.areaIds ?? [])];
  }
}

/**
 * Rates per group, sorted by key. `includeKeys` adds groups with no tasks (e.g. every registered
 * unit), which then show expected 0 and null rates.
 */
export function computeRates(
  tasks: Iterable<RateTaskFact>,
  options: RateOptions & { groupBy: RateGroupBy; includeKeys?: readonly string[] },
): RateGroup[] {
  const groups = new Map<string, Counts>();
  for (const key of options.includeKeys ?? []) groups.set(key, emptyCounts());
  for (const task of tasks) {
    for (const key of keysOf(task, options.groupBy)) {
      let counts = groups.get(key);
      if (!counts) groups.set(key, (counts = emptyCounts()));
      count(counts, task, options);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, counts]) => ({ key, ...finish(counts) }));
}

export interface RankedUnit extends RateStats {
  unitId: string;
  name: string;
  /**
   * Competition ranking (1, 2, 2, 4): units equal on every metric share a rank; the name only
   * orders them. null: nothing is due from the unit yet (e.g. an approved extension), so it is not
   * ranked but listed apart, after the ranked units.
   */
  rank: number | null;
}

/** Higher first; null (nothing expected yet) after every number. */
function compareRateDesc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

function compareMetrics(a: RateStats, b: RateStats): number {
  return (
    compareRateDesc(a.onTimeRate, b.onTimeRate) ||
    compareRateDesc(a.completionRate, b.completionRate) ||
    a.overdueOpen - b.overdueOpen
  );
}

/**
 * Ranks the units with something due (expected > 0) by on-time rate desc, completion rate desc,
 * open overdue tasks asc; the others get rank null and follow. Within a rank (and among the
 * unranked) units are ordered by name (compareByRankThenName). Names default to the unit id.
 */
export function rankUnits(
  unitGroups: readonly RateGroup[],
  names: ReadonlyMap<string, string> | Readonly<Record<string, string>> = {},
): RankedUnit[] {
  const nameOf = (id: string): string => {
    if (names instanceof Map) return names.get(id) ?? id;
    const record = names as Readonly<Record<string, string>>;
    // hasOwn: an id like 'constructor' must not pick up Object.prototype members.
    return Object.hasOwn(record, id) ? (record[id] ?? id) : id;
  };
  const all = unitGroups.map(({ key, ...stats }) => ({
    ...stats,
    unitId: key,
    name: nameOf(key),
    rank: null as number | null,
  }));
  const due = all.filter((u) => u.expected > 0).sort((a, b) => compareMetrics(a, b) || compareByRankThenName(a, b));
  due.forEach((unit, i) => {
    const previous = due[i - 1];
    unit.rank = previous && compareMetrics(previous, unit) === 0 ? previous.rank : i + 1;
  });
  return [...due, ...all.filter((u) => u.expected === 0)].sort(compareByRankThenName);
}
