import { compareDates, type CalendarDate } from '../../common/time/calendar-date.util.js';

/** The membership fields of a unit (the entity fits). */
export interface Membership {
  isMember: boolean;
  /** First day of membership (inclusive); null: since always. */
  memberSince: CalendarDate | null;
  /** Last day of membership (inclusive); null: open-ended. */
  memberUntil: CalendarDate | null;
}

/**
 * Is the unit a member of the committee on this (committee-local) day? What 各成员单位 expands to
 * in duty generation, the member list (circulars, demo accounts) and the ranking's unranked rows:
 * marked a member, and the day within its membership dates, both ends inclusive.
 */
export function isCurrentMember(unit: Membership, day: CalendarDate): boolean {
  if (!unit.isMember) return false;
  if (unit.memberSince && compareDates(unit.memberSince, day) > 0) return false;
  if (unit.memberUntil && compareDates(unit.memberUntil, day) < 0) return false;
  return true;
}
