import { describe, it, expect } from '@jest/globals';
import {
  addDays,
  addMonths,
  calendarDate,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  endOfLocalDay,
  isValidCalendarDate,
  isValidTimeZone,
  localDateOf,
  localDateTime,
  localHourOf,
  startOfLocalDay,
  yearOf,
  zonedDateTime,
} from '../calendar-date.util.js';

const iso = (d: Date): string => d.toISOString();

describe('isValidCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-28', true],
    ['2025-12-31', true],
    ['0001-01-01', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2023-13-01', false],
    ['2023-00-10', false],
    ['2023-04-31', false],
    ['2023-1-01', false],
    ['2023-01-01T00:00', false],
    ['0000-01-01', false],
    [' 2023-01-01', false],
    [20230101, false],
    [null, false],
  ])('%p → %p', (value, expected) => {
    expect(isValidCalendarDate(value)).toBe(expected);
  });
});

describe('date arithmetic', () => {
  it('addDays crosses month, year and leap day', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(addDays('2025-06-15', 0)).toBe('2025-06-15');
  });

  it('handles years below 100 (Date.UTC would map them to 19xx)', () => {
    expect(addDays('0050-03-01', -1)).toBe('0050-02-28');
    expect(addMonths('0099-12-31', 1)).toBe('0100-01-31');
  });

  it('addMonths clamps to the end of the target month', () => {
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-05-05', 1)).toBe('2023-06-05');
    expect(addMonths('2023-08-31', 1)).toBe('2023-09-30');
    expect(addMonths('2023-12-15', 1)).toBe('2024-01-15');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', -13)).toBe('2022-12-31');
    expect(addMonths('2023-01-31', 0)).toBe('2023-01-31');
  });

  it('compareDates orders dates', () => {
    expect(compareDates('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareDates('2025-01-02', '2025-01-01')).toBe(1);
    expect(compareDates('2025-01-01', '2025-01-01')).toBe(0);
    expect(['2025-03-01', '2024-12-31', '2025-01-15'].sort(compareDates)).toEqual([
      '2024-12-31',
      '2025-01-15',
      '2025-03-01',
    ]);
  });

  it('daysBetween is b − a', () => {
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2025-12-31')).toBe(-1);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
    expect(daysBetween('2025-04-30', '2025-06-30')).toBe(61);
  });

  it('dayOfWeek: 0 = Sunday', () => {
    expect(dayOfWeek('2025-12-31')).toBe(3);
    expect(dayOfWeek('2026-01-04')).toBe(0);
    expect(dayOfWeek('2024-02-29')).toBe(4);
  });

  it('helpers', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2023, 4)).toBe(30);
    expect(calendarDate(2025, 3, 9)).toBe('2025-03-09');
    expect(() => calendarDate(2023, 2, 29)).toThrow(RangeError);
    expect(yearOf('2023-05-05')).toBe(2023);
  });

  it('rejects invalid input', () => {
    expect(() => addDays('2023-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2023-02-01', 1.5)).toThrow(RangeError);
    expect(() => addMonths('2023/01/31', 1)).toThrow(RangeError);
    expect(() => daysBetween('2023-01-01', 'tomorrow')).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('month lengths (issue 10: November was given 31 days)', () => {
  it('gives every month its length, November 30', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
  });

  it('has no 31 November, and a month after 31 October ends on 30 November', () => {
    expect(isValidCalendarDate('2025-11-30')).toBe(true);
    expect(isValidCalendarDate('2025-11-31')).toBe(false);
    expect(addMonths('2025-10-31', 1)).toBe('2025-11-30');
    expect(addDays('2025-11-30', 1)).toBe('2025-12-01');
    expect(daysBetween('2025-11-01', '2025-12-01')).toBe(30);
  });
});

describe('time zones', () => {
  it('isValidTimeZone', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone(8)).toBe(false);
    expect(isValidTimeZone(undefined)).toBe(false);
  });

  it('localDateOf depends on the zone, not the host', () => {
    const instant = new Date('2025-12-31T16:01:00Z'); // 2026-01-01 00:01 in Shanghai
    expect(localDateOf(instant, 'Asia/Shanghai')).toBe('2026-01-01');
    expect(localDateOf(instant, 'UTC')).toBe('2025-12-31');
    expect(localDateOf(instant, 'America/New_York')).toBe('2025-12-31');
    expect(localHourOf(instant, 'Asia/Shanghai')).toBe(0);
    expect(localHourOf(instant, 'UTC')).toBe(16);
    expect(localHourOf(new Date('2025-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe(0);
    expect(localDateTime(new Date('2025-12-31T16:00:05Z'), 'Asia/Shanghai')).toBe('2026-01-01 00:00');
    expect(localDateTime(new Date('2025-12-31T16:00:05Z'), 'Asia/Shanghai', true)).toBe('2026-01-01 00:00:05');
    expect(localDateTime(instant, 'America/New_York')).toBe('2025-12-31 11:01');
  });

  it('Asia/Shanghai day bounds', () => {
    expect(iso(startOfLocalDay('2025-12-31', 'Asia/Shanghai'))).toBe('2025-12-30T16:00:00.000Z');
    expect(iso(endOfLocalDay('2025-12-31', 'Asia/Shanghai'))).toBe('2025-12-31T15:59:59.999Z');
    expect(localDateOf(endOfLocalDay('2025-12-31', 'Asia/Shanghai'), 'Asia/Shanghai')).toBe('2025-12-31');
    expect(localDateOf(new Date(endOfLocalDay('2025-12-31', 'Asia/Shanghai').getTime() + 1), 'Asia/Shanghai')).toBe(
      '2026-01-01',
    );
  });

  it('America/New_York: 23-hour and 25-hour days', () => {
    // 2025-03-09: clocks jump 02:00 EST → 03:00 EDT.
    expect(iso(startOfLocalDay('2025-03-09', 'America/New_York'))).toBe('2025-03-09T05:00:00.000Z');
    expect(iso(endOfLocalDay('2025-03-09', 'America/New_York'))).toBe('2025-03-10T03:59:59.999Z');
    expect(iso(endOfLocalDay('2025-03-08', 'America/New_York'))).toBe('2025-03-09T04:59:59.999Z');
    // 2025-11-02: clocks fall back 02:00 EDT → 01:00 EST.
    expect(iso(startOfLocalDay('2025-11-02', 'America/New_York'))).toBe('2025-11-02T04:00:00.000Z');
    expect(iso(endOfLocalDay('2025-11-02', 'America/New_York'))).toBe('2025-11-03T04:59:59.999Z');
    const length = (d: string): number =>
      (endOfLocalDay(d, 'America/New_York').getTime() + 1 - startOfLocalDay(d, 'America/New_York').getTime()) /
      3_600_000;
    expect(length('2025-03-09')).toBe(23);
    expect(length('2025-11-02')).toBe(25);
    expect(length('2025-07-01')).toBe(24);
  });

  it('America/Santiago: a day whose midnight does not exist starts at 01:00', () => {
    // 2024-09-08: clocks jump from 24:00 (-04) to 01:00 (-03).
    const start = startOfLocalDay('2024-09-08', 'America/Santiago');
    expect(iso(start)).toBe('2024-09-08T04:00:00.000Z');
    expect(localHourOf(start, 'America/Santiago')).toBe(1);
    expect(localDateOf(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2024-09-07');
    // 2024-04-06: 24:00 (-03) falls back to 23:00 (-04); the repeated hour belongs to the 6th.
    expect(iso(endOfLocalDay('2024-04-06', 'America/Santiago'))).toBe('2024-04-07T03:59:59.999Z');
  });

  it('zonedDateTime resolves wall-clock readings', () => {
    expect(iso(zonedDateTime('2025-12-31', '09:00', 'Asia/Shanghai'))).toBe('2025-12-31T01:00:00.000Z');
    expect(iso(zonedDateTime('2025-07-01', '00:00', 'America/New_York'))).toBe('2025-07-01T04:00:00.000Z');
    // In the spring-forward gap: moved forward by the gap (02:30 → 03:30 EDT).
    expect(iso(zonedDateTime('2025-03-09', '02:30', 'America/New_York'))).toBe('2025-03-09T07:30:00.000Z');
    // In the repeated hour: the earlier (EDT) reading.
    expect(iso(zonedDateTime('2025-11-02', '01:30', 'America/New_York'))).toBe('2025-11-02T05:30:00.000Z');
    expect(() => zonedDateTime('2025-12-31', '24:00', 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => zonedDateTime('2025-12-31', '9:00', 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => zonedDateTime('2025-12-31', '09:00', 'Nowhere/City')).toThrow(RangeError);
  });

  it('round-trips every day of a DST year', () => {
    for (let d = '2024-01-01'; d <= '2024-12-31'; d = addDays(d, 1)) {
      for (const tz of ['America/New_York', 'Europe/Berlin', 'Asia/Shanghai', 'Australia/Lord_Howe']) {
        const start = startOfLocalDay(d, tz);
        const end = endOfLocalDay(d, tz);
        expect(localDateOf(start, tz)).toBe(d);
        expect(localDateOf(end, tz)).toBe(d);
        expect(localDateOf(new Date(start.getTime() - 1), tz)).toBe(addDays(d, -1));
        expect(localDateOf(new Date(end.getTime() + 1), tz)).toBe(addDays(d, 1));
      }
    }
  });

  it('answers again from its memo with fresh copies, and stays right past the memo size', () => {
    const first = endOfLocalDay('2024-03-10', 'America/New_York');
    first.setTime(0); // a caller changing its Date must not change the next answer
    expect(iso(endOfLocalDay('2024-03-10', 'America/New_York'))).toBe('2024-03-11T03:59:59.999Z');
    expect(iso(startOfLocalDay('2024-03-10', 'America/New_York'))).toBe('2024-03-10T05:00:00.000Z');
    // More distinct days and instants than the memo holds (it starts over), checked against the rule.
    for (let d = '2000-01-01', i = 0; i < 6000; d = addDays(d, 1), i++) {
      const start = startOfLocalDay(d, 'Europe/Berlin');
      expect(localDateOf(start, 'Europe/Berlin')).toBe(d);
      expect(localDateOf(new Date(start.getTime() - 1), 'Europe/Berlin')).toBe(addDays(d, -1));
    }
    expect(() => startOfLocalDay('2024-03-10', 'Nowhere/City')).toThrow(RangeError);
    expect(() => localDateOf(new Date(0), 'Nowhere/City')).toThrow(RangeError);
  });
});
