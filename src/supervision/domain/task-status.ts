/**
 * Timeliness of one task and its traffic light.
 *
 * A deadline is the end of the due calendar date in the committee's time zone: due 2025-12-31 in
 * Asia/Shanghai, a submission at 23:59 local is on time, at 00:01 on 1 January (16:01 UTC on
 * 31 December) is late. Day counts are calendar days in that zone, not 24-hour blocks.
 *
 * A task counts as done once a submission stands (state submitted or accepted), timed by its
 * FIRST submission: the office's review time must not make a unit late, and a task returned for
 * rework reopens (it is open and can go overdue) until resubmitted.
 */

import {
  type CalendarDate,
  daysBetween,
  endOfLocalDay,
  localDateOf,
} from '../../common/time/calendar-date.util.js';
import { type TaskState, isSubmittedState } from '../../duties/domain/task-lifecycle.js';

export type TaskStatus = 'not_due' | 'due_soon' | 'overdue' | 'done_on_time' | 'done_late' | 'cancelled';
export type TrafficLight = 'green' | 'yellow' | 'red' | 'grey';

/** Reminder window: within a week of the deadline a task turns yellow. */
export const DEFAULT_DUE_SOON_DAYS = 7;
/** Days an open task may be late and still show yellow; 0: any overdue open task is red. */
export const DEFAULT_YELLOW_LATE_DAYS = 0;

export interface TaskStatusInput {
  dueOn: CalendarDate;
  state: TaskState;
  /** Time of the FIRST submission (kept across returns and resubmissions). */
  submittedAt?: Date | null;
  acceptedAt?: Date | null;
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

function checkNonNegativeInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

export function computeTaskStatus(input: TaskStatusInput): TaskStatusResult {
  const dueSoonDays = input.dueSoonDays ?? DEFAULT_DUE_SOON_DAYS;
  const yellowLateDays = input.yellowLateDays ?? DEFAULT_YELLOW_LATE_DAYS;
  checkNonNegativeInteger('dueSoonDays', dueSoonDays);
  checkNonNegativeInteger('yellowLateDays', yellowLateDays);
  const { dueOn, timeZone } = input;
  const deadline = endOfLocalDay(dueOn, timeZone);

  if (input.state === 'cancelled') return { status: 'cancelled', light: 'grey', deadline };

  if (isSubmittedState(input.state)) {
    // Missing submission time (legacy or imported data): fall back to acceptance, then to now,
    // which can only make the task look later, never earlier, than it was.
    const at = input.submittedAt ?? input.acceptedAt ?? input.now;
    if (at.getTime() <= deadline.getTime()) return { status: 'done_on_time', light: 'green', deadline };
    const daysLate = Math.max(1, daysBetween(dueOn, localDateOf(at, timeZone)));
    return { status: 'done_late', light: 'yellow', daysLate, deadline };
  }

  const today = localDateOf(input.now, timeZone);
  if (input.now.getTime() <= deadline.getTime()) {
    const daysLeft = daysBetween(today, dueOn);
    return daysLeft <= dueSoonDays
      ? { status: 'due_soon', light: 'yellow', daysLeft, deadline }
      : { status: 'not_due', light: 'green', daysLeft, deadline };
  }
  const daysLate = Math.max(1, daysBetween(dueOn, today));
  return { status: 'overdue', light: daysLate <= yellowLateDays ? 'yellow' : 'red', daysLate, deadline };
}
