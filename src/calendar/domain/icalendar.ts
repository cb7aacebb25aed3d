/**
 * iCalendar (RFC 5545) for deadlines: one all-day VEVENT per task, pure (no Nest, no database).
 * Every line ends in CRLF and is folded at 75 octets without splitting a UTF-8 character;
 * TEXT values escape backslash, semicolon, comma and newlines (§3.3.11).
 */

export interface DeadlineEvent {
  /** Stable across exports, so calendar clients update an event instead of adding one. */
  uid: string;
  /** The deadline, a calendar date YYYY-MM-DD (all day). */
  date: string;
  summary: string;
  description?: string | null;
  url?: string | null;
  categories?: string[];
}

export interface CalendarOptions {
  /** PRODID, e.g. "-//Luoshi//Deadlines//ZH". */
  productId: string;
  /** X-WR-CALNAME: the name calendar clients show for the subscription. */
  name: string;
  /** X-WR-TIMEZONE: where the dates are (informative; all-day dates are floating). */
  timeZone?: string;
  /** DTSTAMP of every event: when the feed was made. */
  stamp: Date;
  /** A VALARM this many days before each deadline (0: on the day; null: none). */
  alarmDaysBefore: number | null;
  /** The alarm's text. */
  alarmText?: (event: DeadlineEvent) => string;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** TEXT value escaping (RFC 5545 §3.3.11); other control characters are dropped (not allowed in TEXT). */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')

    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/**
 * Folds one content line: at most 75 octets per physical line, continuation lines start with one
 * space (which counts). Splits only between code points, never inside a multi-byte character.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of the continuation
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** 2024-03-31 → 20240331 (refuses anything that is not a real calendar date). */
export function icsDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (
    !m ||
    Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
  ) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return `${m[1]}${m[2]}${m[3]}`;
}

/** The day after (DTEND of an all-day event is exclusive). */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** 20240205T010000Z */
export function icsDateTimeUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** A URI value: no escaping in iCalendar, but never a line break or a space in it. */
function uri(value: string): string {
  return value.replace(/[\s]/g, (c) => encodeURIComponent(c));
}

export function renderCalendar(events: readonly DeadlineEvent[], options: CalendarOptions): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(options.productId)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
  ];
  if (options.timeZone) lines.push(`X-WR-TIMEZONE:${escapeText(options.timeZone)}`);
  const stamp = icsDateTimeUtc(options.stamp);
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${icsDate(event.date)}`,
      `DTEND;VALUE=DATE:${icsDate(nextDay(event.date))}`,
    );
    lines.push(`SUMMARY:${escapeText(event.summary)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.url) lines.push(`URL:${uri(event.url)}`);
    if (event.categories?.length) lines.push(`CATEGORIES:${event.categories.map(escapeText).join(',')}`);
    lines.push('TRANSP:TRANSPARENT');
    if (options.alarmDaysBefore !== null) {
      const text = options.alarmText ? options.alarmText(event) : event.summary;
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `DESCRIPTION:${escapeText(text)}`,
        `TRIGGER:${options.alarmDaysBefore === 0 ? 'PT0S' : `-P${options.alarmDaysBefore}D`}`,
        'END:VALARM',
      );
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
