/**
 * Pure date rules of the daily scheduler: which local date's slot is due at an instant, and
 * from which date a catch-up starts. No Nest, no database.
 */

import {
  addDays,
  compareDates,
  localDateOf,
  zonedDateTime,
  type CalendarDate,
} from '../common/time/calendar-date.util.js';

export interface DailySchedule {
  /** 'HH:mm' wall-clock time in `timeZone`. */
  time: string;
  /** IANA zone, e.g. Asia/Shanghai. */
  timeZone: string;
}

/**
 * The latest local date whose run time has passed at `now`: today once today's time is reached,
 * otherwise yesterday.
 */
export function latestDueSlot(now: Date, schedule: DailySchedule): CalendarDate {
  const today = localDateOf(now, schedule.timeZone);
  return now.getTime() >= zonedDateTime(today, schedule.time, schedule.timeZone).getTime() ? today : addDays(today, -1);
}

export type SlotDecision =
  | { run: false; reason: 'not-yet' | 'done' }
  | { run: true; slotKey: CalendarDate; previousKey: CalendarDate | null; catchUp: boolean };

/**
 * What to do at `now` given the newest slot ever claimed for the job (`lastKey`):
 * - never ran: run today's slot once its time has come, or at once with `firstRunAnyHour`
 *   (a new installation does not replay the past);
 * - the latest due slot is newer than the last one: run it, covering (previous, due], where
 *   previous is the last slot but at most `maxCatchUpDays` back;
 * - otherwise nothing.
 */
export function decideSlot(
  now: Date,
  schedule: DailySchedule,
  lastKey: CalendarDate | null,
  maxCatchUpDays: number,
  firstRunAnyHour = false,
): SlotDecision {
  const due = latestDueSlot(now, schedule);
  const today = localDateOf(now, schedule.timeZone);
  if (lastKey === null) {
    return due === today || firstRunAnyHour
      ? { run: true, slotKey: today, previousKey: null, catchUp: false }
      : { run: false, reason: 'not-yet' };
  }
  if (compareDates(due, lastKey) <= 0) return { run: false, reason: 'done' };
  const floor = addDays(due, -maxCatchUpDays);
  const previousKey = compareDates(lastKey, floor) < 0 ? floor : lastKey;
  return { run: true, slotKey: due, previousKey, catchUp: compareDates(previousKey, addDays(due, -1)) < 0 };
}
