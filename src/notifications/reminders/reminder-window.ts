/**
 * Which due dates have a reminder in a run's window: pure, so the task query can ask for exactly
 * those dates (an index lookup each) instead of scanning every open task.
 */

import { addDays } from '../../common/time/calendar-date.util.js';
import { catchUpTriggers, type ReminderPolicy } from '../domain/reminder-policy.js';
import type { ReminderWindow } from '../../duties/reminders/remindable-task.js';

/** Overdue reminders repeat while a task stays open; beyond this many days late they stop. */
export const OVERDUE_LOOKBACK_DAYS = 3660;

/**
 * Due dates with at least one trigger sent in (previous, today]. A weekend move sends a trigger
 * up to two days after its natural date, hence the two extra days at the near end.
 */
export function reminderWindow(
  previous: string,
  today: string,
  policy: ReminderPolicy,
  lookbackDays = OVERDUE_LOOKBACK_DAYS,
): ReminderWindow {
  const maxBefore = Math.max(0, ...policy.beforeDays);
  const dueFrom = addDays(today, -lookbackDays);
  const dueTo = addDays(today, maxBefore + 2);
  const dueDates: string[] = [];
  if (previous < today) {
    for (let d = dueFrom; d <= dueTo; d = addDays(d, 1)) {
      if (catchUpTriggers(previous, today, d, policy).length > 0) dueDates.push(d);
    }
  }
  return { dueFrom, dueTo, dueDates };
}
