import { describe, expect, it } from '@jest/globals';
import { decideSlot, latestDueSlot } from '../daily-slots.js';

const SH = { time: '09:00', timeZone: 'Asia/Shanghai' };
const at = (iso: string) => new Date(iso);

describe('latestDueSlot', () => {
  it('is today from the sending time on, in the committee zone, whatever the host zone', () => {
    expect(latestDueSlot(at('2025-06-05T00:59:59Z'), SH)).toBe('2025-06-04'); // 08:59:59 in Shanghai
    expect(latestDueSlot(at('2025-06-05T01:00:00Z'), SH)).toBe('2025-06-05'); // 09:00
    expect(latestDueSlot(at('2025-06-04T16:30:00Z'), SH)).toBe('2025-06-04'); // 00:30 on the 5th local: yesterday's slot
  });

  it('follows DST zones', () => {
    const ny = { time: '09:00', timeZone: 'America/New_York' };
    expect(latestDueSlot(at('2025-03-10T12:59:00Z'), ny)).toBe('2025-03-09'); // 08:59 EDT
    expect(latestDueSlot(at('2025-03-10T13:00:00Z'), ny)).toBe('2025-03-10');
  });
});

describe('decideSlot', () => {
  it("a new installation waits for today's time and does not replay the past", () => {
    expect(decideSlot(at('2025-06-05T00:00:00Z'), SH, null, 31)).toEqual({ run: false, reason: 'not-yet' });
    expect(decideSlot(at('2025-06-05T01:00:00Z'), SH, null, 31)).toEqual({
      run: true,
      slotKey: '2025-06-05',
      previousKey: null,
      catchUp: false,
    });
  });

  it("with firstRunAnyHour a new installation runs today's slot at once, and the next one at the hour", () => {
    expect(decideSlot(at('2025-06-05T00:00:00Z'), SH, null, 31, true)).toEqual({
      run: true,
      slotKey: '2025-06-05',
      previousKey: null,
      catchUp: false,
    });
    expect(decideSlot(at('2025-06-05T00:30:00Z'), SH, '2025-06-05', 31, true)).toEqual({ run: false, reason: 'done' });
    expect(decideSlot(at('2025-06-06T00:30:00Z'), SH, '2025-06-05', 31, true)).toEqual({ run: false, reason: 'done' });
    expect(decideSlot(at('2025-06-06T01:00:00Z'), SH, '2025-06-05', 31, true)).toMatchObject({
      run: true,
      slotKey: '2025-06-06',
    });
  });

  it('runs the next day once, then nothing until the day after', () => {
    expect(decideSlot(at('2025-06-06T01:00:00Z'), SH, '2025-06-05', 31)).toEqual({
      run: true,
      slotKey: '2025-06-06',
      previousKey: '2025-06-05',
      catchUp: false,
    });
    expect(decideSlot(at('2025-06-06T09:00:00Z'), SH, '2025-06-06', 31)).toEqual({ run: false, reason: 'done' });
    expect(decideSlot(at('2025-06-07T00:59:00Z'), SH, '2025-06-06', 31)).toEqual({ run: false, reason: 'done' });
  });

  it('after an outage one slot covers every missed day, at most maxCatchUpDays back', () => {
    expect(decideSlot(at('2025-06-10T02:00:00Z'), SH, '2025-06-05', 31)).toEqual({
      run: true,
      slotKey: '2025-06-10',
      previousKey: '2025-06-05',
      catchUp: true,
    });
    // Started at 08:00 after the outage: yesterday's slot runs now, covering the days before it too.
    expect(decideSlot(at('2025-06-10T00:00:00Z'), SH, '2025-06-05', 31)).toEqual({
      run: true,
      slotKey: '2025-06-09',
      previousKey: '2025-06-05',
      catchUp: true,
    });
    expect(decideSlot(at('2025-08-10T02:00:00Z'), SH, '2025-06-05', 31)).toEqual({
      run: true,
      slotKey: '2025-08-10',
      previousKey: '2025-07-10',
      catchUp: true,
    });
  });
});
