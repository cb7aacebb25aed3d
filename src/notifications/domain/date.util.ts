/**
 * Private calendar-date helpers for notifications ('YYYY-MM-DD' strings).
 *
 * Kept local on purpose: the shared calendar util is being rewritten concurrently and this
 * folder needs only a handful of operations. Arithmetic runs on UTC epoch days, so results
 * never depend on the host's time zone.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_RE.exec(value);
  if (!match) return false;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function assertDate(value: string, what = 'date'): void {
  if (!isValidDate(value)) throw new RangeError(`Invalid ${what}: ${JSON.stringify(value)} (expected YYYY-MM-DD)`);
}

/** Days since 1970-01-01 (UTC). setUTCFullYear because Date.UTC maps years 0–99 to 19xx. */
export function toEpochDay(date: string): number {
  assertDate(date);
  const [y, m, d] = date.split('-').map(Number);
  const ms = new Date(0).setUTCFullYear(y, m - 1, d);
  return Math.round(ms / MS_PER_DAY);
}

export function fromEpochDay(epochDay: number): string {
  const date = new Date(epochDay * MS_PER_DAY);
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** to − from in whole days (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** 0 = Sunday … 6 = Saturday, as Date#getDay. */
export function dayOfWeek(date: string): number {
  return new Date(toEpochDay(date) * MS_PER_DAY).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}
