import type { Locale } from '../api/types.js';
import { localDateTime } from '../../../src/common/time/calendar-date.util.js';

/** Whole calendar days from `from` to `to` (YYYY-MM-DD strings; no time zone involved). */
export function daysBetween(from: string, to: string): number {
  const a = Date.UTC(+from.slice(0, 4), +from.slice(5, 7) - 1, +from.slice(8, 10));
  const b = Date.UTC(+to.slice(0, 4), +to.slice(5, 7) - 1, +to.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
}

/** YYYY-MM-DD `days` after `date`. */
export function addDays(date: string, days: number): string {
  const d = new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10) + days));
  return d.toISOString().slice(0, 10);
}

/** "还剩 3 天" / "逾期 12 天" / "今天到期" from the server's daysLeft/daysLate (null when n/a). */
export function dueLabel(task: { daysLeft: number | null; daysLate: number | null }, locale: Locale): string {
  const en = locale === 'en';
  if (task.daysLate !== null && task.daysLate > 0)
    return en ? `${task.daysLate} day${task.daysLate === 1 ? '' : 's'} late` : `逾期 ${task.daysLate} 天`;
  if (task.daysLeft === null) return '';
  if (task.daysLeft === 0) return en ? 'due today' : '今天到期';
  return en ? `${task.daysLeft} day${task.daysLeft === 1 ? '' : 's'} left` : `还剩 ${task.daysLeft} 天`;
}

/** Days late of an open task on `today`, 0 when not late. */
export function daysLate(dueOn: string, today: string): number {
  return Math.max(0, daysBetween(dueOn, today));
}

/** Percent with one decimal, '—' when the rate is undefined (nothing expected yet). */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/**
 * An instant from the API (ISO, UTC) as the committee's wall clock reads it: "YYYY-MM-DD HH:mm"
 * (with seconds: "YYYY-MM-DD HH:mm:ss"), by the service's own conversion. Slicing the ISO string
 * would show UTC, eight hours off in Beijing. Without a zone, the browser's own.
 */
export function formatInstant(iso: string | null | undefined, timeZone?: string, seconds = false): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return localDateTime(at, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone, seconds);
}
