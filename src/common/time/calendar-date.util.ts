/**
 * Calendar dates and committee-local time.
 *
 * Due dates are calendar dates ('YYYY-MM-DD'), not instants: a duty "due 2025-12-31" expires at
 * the end of that day in the committee's own time zone, whatever zone the server runs in.
 * Date arithmetic is done on UTC epoch days so it never depends on the host zone; conversions
 * between calendar dates and instants go through Intl.DateTimeFormat so any IANA zone works,
 * DST zones included.
 */

/** A calendar date written 'YYYY-MM-DD' (years 0001–9999). */
export type CalendarDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MS_PER_DAY = 86_400_000;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in month `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function tryParse(date: unknown): Ymd | null {
  if (typeof date !== 'string') return null;
  const match = DATE_RE.exec(date);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < MIN_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

function parse(date: CalendarDate): Ymd {
  const ymd = tryParse(date);
  if (!ymd) throw new RangeError(`Invalid calendar date: ${JSON.stringify(date)} (expected YYYY-MM-DD)`);
  return ymd;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function format({ y, m, d }: Ymd): CalendarDate {
  if (y < MIN_YEAR || y > MAX_YEAR) throw new RangeError(`Calendar date out of range: year ${y}`);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** UTC milliseconds of a wall-clock reading; setUTCFullYear because Date.UTC maps years 0–99 to 19xx. */
function utcMs(y: number, m: number, d: number, h = 0, mi = 0, s = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date.getTime();
}

function toEpochDay(ymd: Ymd): number {
  return Math.round(utcMs(ymd.y, ymd.m, ymd.d) / MS_PER_DAY);
}

function fromEpochDay(epochDay: number): CalendarDate {
  const date = new Date(epochDay * MS_PER_DAY);
  return format({ y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() });
}

export function isValidCalendarDate(value: unknown): value is CalendarDate {
  return tryParse(value) !== null;
}

/** Builds a calendar date from its parts; throws on an impossible date. */
export function calendarDate(year: number, month: number, day: number): CalendarDate {
  const date = format({ y: year, m: month, d: day });
  parse(date);
  return date;
}

export function yearOf(date: CalendarDate): number {
  return parse(date).y;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  if (!Number.isInteger(days)) throw new RangeError(`addDays: days must be an integer, got ${days}`);
  return fromEpochDay(toEpochDay(parse(date)) + days);
}

/**
 * Adds calendar months, clamping to the end of the target month, as an office reads
 * "one month after 31 January": 2023-01-31 + 1 → 2023-02-28, 2024-01-31 + 1 → 2024-02-29.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  if (!Number.isInteger(months)) throw new RangeError(`addMonths: months must be an integer, got ${months}`);
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return format({ y: year, m: month, d: Math.min(d, daysInMonth(year, month)) });
}

/** -1, 0 or 1, usable as a sort comparator. */
export function compareDates(a: CalendarDate, b: CalendarDate): -1 | 0 | 1 {
  parse(a);
  parse(b);
  // Zero-padded ISO dates order lexicographically.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** b − a in whole days (positive when b is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return toEpochDay(parse(b)) - toEpochDay(parse(a));
}

/** Day of the week as in Date#getDay: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CalendarDate): number {
  return new Date(toEpochDay(parse(date)) * MS_PER_DAY).getUTCDay();
}

/** Saturday or Sunday. */
export function isWeekend(date: CalendarDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

// ---------------------------------------------------------------------------------------------
// Time zones
// ---------------------------------------------------------------------------------------------

// Building an Intl.DateTimeFormat is costly; dashboards convert thousands of instants.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23', // not hour12:false, which some engines render midnight as "24"
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new RangeError(`Invalid time zone: ${JSON.stringify(timeZone)}`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock extends Ymd {
  h: number;
  mi: number;
  s: number;
}

/**
 * Memo of pure zone conversions, per zone: formatToParts costs microseconds and a list computes
 * the same few deadlines (a handful of due dates) and the same "now" for every row. Bounded: a
 * table that grows past the limit starts over.
 */
const MEMO_LIMIT = 4096;
const wallClocks = new Map<string, Map<number, Readonly<WallClock>>>();
const dayStarts = new Map<string, Map<CalendarDate, number>>();

function memoOf<K, V>(memos: Map<string, Map<K, V>>, timeZone: string): Map<K, V> {
  let memo = memos.get(timeZone);
  if (!memo) {
    formatterFor(timeZone); // throws on an unknown zone, which then gets no table
    memos.set(timeZone, (memo = new Map()));
  } else if (memo.size >= MEMO_LIMIT) memo.clear();
  return memo;
}

function wallClockOf(ms: number, timeZone: string): Readonly<WallClock> {
  if (!Number.isFinite(ms)) throw new RangeError('Invalid instant');
  const memo = memoOf(wallClocks, timeZone);
  let wall = memo.get(ms);
  if (!wall) {
    const parts = formatterFor(timeZone).formatToParts(new Date(ms));
    const get = (type: Intl.DateTimeFormatPartTypes): number =>
      Number(parts.find((p) => p.type === type)?.value ?? NaN);
    wall = Object.freeze({
      y: get('year'),
      m: get('month'),
      d: get('day'),
      h: get('hour'),
      mi: get('minute'),
      s: get('second'),
    });
    memo.set(ms, wall);
  }
  return wall;
}

/** Offset of the zone from UTC at an instant, in ms (Asia/Shanghai: +8 h). */
function offsetAt(ms: number, timeZone: string): number {
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  const w = wallClockOf(wholeSecond, timeZone);
  return utcMs(w.y, w.m, w.d, w.h, w.mi, w.s) - wholeSecond;
}

/**
 * The instant a wall-clock reading denotes in a zone. Ambiguous readings (clocks turned back)
 * resolve to the earlier instant; readings inside a gap (clocks turned forward) move forward by
 * the gap, so a midnight that does not exist yields the first instant of that day.
 */
function wallClockToInstant(y: number, m: number, d: number, h: number, mi: number, timeZone: string): number {
  const wall = utcMs(y, m, d, h, mi);
  // Offsets a day either side bracket any single transition near this reading.
  const before = offsetAt(wall - MS_PER_DAY, timeZone);
  const after = offsetAt(wall + MS_PER_DAY, timeZone);
  const candidates = [wall - before, wall - after].filter((c) => offsetAt(c, timeZone) === wall - c);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before;
}

/** The calendar date an instant falls on in a zone. */
export function localDateOf(instant: Date, timeZone: string): CalendarDate {
  const w = wallClockOf(instant.getTime(), timeZone);
  return format(w);
}

/** 'YYYY-MM-DD HH:mm' (with seconds: 'YYYY-MM-DD HH:mm:ss') on a zone's wall clock. */
export function localDateTime(instant: Date, timeZone: string, seconds = false): string {
  const w = wallClockOf(instant.getTime(), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${format(w)} ${two(w.h)}:${two(w.mi)}${seconds ? `:${two(w.s)}` : ''}`;
}

/** The hour (0–23) an instant shows on a wall clock in a zone. */
export function localHourOf(instant: Date, timeZone: string): number {
  return wallClockOf(instant.getTime(), timeZone).h;
}

/** The first instant of a calendar date in a zone (not always 00:00 where DST starts at midnight). */
export function startOfLocalDay(date: CalendarDate, timeZone: string): Date {
  const memo = memoOf(dayStarts, timeZone);
  let start = memo.get(date);
  if (start === undefined) {
    const { y, m, d } = parse(date);
    start = wallClockToInstant(y, m, d, 0, 0, timeZone);
    memo.set(date, start);
  }
  return new Date(start);
}

/**
 * The last millisecond of a calendar date in a zone: the instant a deadline on that date expires.
 * Computed as "next day's start − 1 ms" so 23- and 25-hour DST days come out right.
 */
export function endOfLocalDay(date: CalendarDate, timeZone: string): Date {
  return new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
}

/** The instant of 'HH:mm' on a calendar date in a zone (ambiguous → earlier, gap → shifted forward). */
export function zonedDateTime(date: CalendarDate, time: string, timeZone: string): Date {
  const { y, m, d } = parse(date);
  const match = TIME_RE.exec(time);
  if (!match) throw new RangeError(`Invalid time of day: ${JSON.stringify(time)} (expected HH:mm)`);
  return new Date(wallClockToInstant(y, m, d, Number(match[1]), Number(match[2]), timeZone));
}
