/**
 * Timeliness of one task and its traffic light — the one definition. computeTaskStatus reads
 * STATUS_RULES, and task-status.sql.ts generates the SQL (filters, dashboards, rates) from the
 * same table, so the list filters and the aggregates classify exactly as the task view does.
 *
 * A deadline is the end of the due calendar date in the committee's time zone: due 2025-12-31 in
 * Asia/Shanghai, a submission at 23:59 local is on time, at 00:01 on 1 January (16:01 UTC on
 * 31 December) is late. Day counts are calendar days in that zone, not 24-hour blocks.
 *
 * A task counts as done once a submission stands (state submitted or accepted), timed by its
 * FIRST submission: the office's review time must not make a unit late, and a task returned for
 * rework reopens (it is open and can go overdue) until resubmitted. A submitted task without a
 * submission date (legacy or imported data) is judged as submitted today, which can only make it
 * look later, never earlier, than it was.
 */

import {
  type CalendarDate,
  addDays,
  compareDates,
  daysBetween,
  endOfLocalDay,
  localDateOf,
} from '../../common/time/calendar-date.util.js';
import { type TaskState, SUBMITTED_STATES, WORKING_STATES } from './task-lifecycle.js';

export const TASK_STATUSES = ['not_due', 'due_soon', 'overdue', 'done_on_time', 'done_late', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TRAFFIC_LIGHTS = ['green', 'yellow', 'red', 'grey'] as const;
export type TrafficLight = (typeof TRAFFIC_LIGHTS)[number];

/** Reminder window: within a week of the deadline a task turns yellow. */
export const DEFAULT_DUE_SOON_DAYS = 7;
/** Days an open task may be late and still show yellow; 0: any overdue open task is red. */
export const DEFAULT_YELLOW_LATE_DAYS = 0;

/** The committee-local dates a classification compares due dates with. */
export interface StatusDates {
  today: CalendarDate;
  /** Open tasks due on or before this date are due soon (today + dueSoonDays). */
  soon: CalendarDate;
  /** Open tasks due before this date are red (today − yellowLateDays). */
  redBefore: CalendarDate;
}

export type StatusDatePoint = keyof StatusDates;
export type DateComparison = '<' | '<=' | '>' | '>=';

/**
 * One cell of the classification: the task is in one of `states`, and (for submitted states) its
 * submission date compares with the due date as `submission` says, and its due date compares with
 * each of the `due` points. The cells are mutually exclusive and cover every state × date.
 */
export interface StatusRule {
  status: TaskStatus;
  light: TrafficLight;
  states: readonly TaskState[];
  /** The first submission's local date (today when unknown) against the due date. */
  submission?: '<=' | '>';
  due?: readonly (readonly [DateComparison, StatusDatePoint])[];
}

export const STATUS_RULES: readonly StatusRule[] = Object.freeze([
  { status: 'cancelled', light: 'grey', states: ['cancelled'] },
  { status: 'done_on_time', light: 'green', states: SUBMITTED_STATES, submission: '<=' },
  { status: 'done_late', light: 'yellow', states: SUBMITTED_STATES, submission: '>' },
  { status: 'overdue', light: 'red', states: WORKING_STATES, due: [['<', 'redBefore']] },
  {
    status: 'overdue',
    light: 'yellow',
    states: WORKING_STATES,
    due: [
      ['<', 'today'],
      ['>=', 'redBefore'],
    ],
  },
  {
    status: 'due_soon',
    light: 'yellow',
    states: WORKING_STATES,
    due: [
      ['>=', 'today'],
      ['<=', 'soon'],
    ],
  },
  { status: 'not_due', light: 'green', states: WORKING_STATES, due: [['>', 'soon']] },
] satisfies StatusRule[]);

function checkNonNegativeInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** The comparison dates as of `now` in the committee's zone. */
export function statusDates(
  now: Date,
  timeZone: string,
  dueSoonDays = DEFAULT_DUE_SOON_DAYS,
  yellowLateDays = DEFAULT_YELLOW_LATE_DAYS,
): StatusDates {
  checkNonNegativeInteger('dueSoonDays', dueSoonDays);
  checkNonNegativeInteger('yellowLateDays', yellowLateDays);
  const today = localDateOf(now, timeZone);
  return { today, soon: addDays(today, dueSoonDays), redBefore: addDays(today, -yellowLateDays) };
}

function holds(a: CalendarDate, op: DateComparison, b: CalendarDate): boolean {
  const c = compareDates(a, b);
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

/** The rule a task falls under (undefined only for a value that is not a task state). */
export function matchStatusRule(
  task: { state: TaskState; dueOn: CalendarDate; submittedOn: CalendarDate | null },
  dates: StatusDates,
): StatusRule | undefined {
  const submittedOn = task.submittedOn ?? dates.today;
  return STATUS_RULES.find(
    (rule) =>
      rule.states.includes(task.state) &&
      (rule.submission === undefined || holds(submittedOn, rule.submission, task.dueOn)) &&
      (rule.due ?? []).every(([op, point]) => holds(task.dueOn, op, dates[point])),
  );
}

export interface TaskStatusInput {
  dueOn: CalendarDate;
  state: TaskState;
  /** Time of the FIRST submission (kept across returns and resubmissions). */
  submittedAt?: Date | null;
  /** Its committee-local date, as stored; derived from submittedAt when not given. */
  submittedOn?: CalendarDate | null;
  now: Date;
  /** The committee's IANA time zone, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** Open tasks with at most this many calendar days left (0 = due today) are 'due_soon'. */
  dueSoonDays?: number;
  /** Open overdue tasks late by at most this many days show yellow instead of red. */
  yellowLateDays?: number;
}

export interface TaskStatusResult {
  status: TaskStatus;
  light: TrafficLight;
  /** Open and not yet due: calendar days until the due date (0 on the due date itself). */
  daysLeft?: number;
  /** overdue: calendar days past the due date so far; done_late: days late at submission. */
  daysLate?: number;
  /** The instant the deadline expires. */
  deadline: Date;
}

export function computeTaskStatus(input: TaskStatusInput): TaskStatusResult {
  const { dueOn, timeZone } = input;
  const dates = statusDates(input.now, timeZone, input.dueSoonDays, input.yellowLateDays);
  const deadline = endOfLocalDay(dueOn, timeZone);
  const submittedOn = input.submittedOn ?? (input.submittedAt ? localDateOf(input.submittedAt, timeZone) : null);
  const rule = matchStatusRule({ state: input.state, dueOn, submittedOn }, dates);
  if (!rule) throw new RangeError(`not a task state: ${String(input.state)}`);
  const { status, light } = rule;
  if (status === 'done_late')
    return { status, light, daysLate: daysBetween(dueOn, submittedOn ?? dates.today), deadline };
  if (status === 'overdue') return { status, light, daysLate: daysBetween(dueOn, dates.today), deadline };
  if (status === 'due_soon' || status === 'not_due')
    return { status, light, daysLeft: daysBetween(dates.today, dueOn), deadline };
  return { status, light, deadline };
}
