import { describe, it, expect } from '@jest/globals';
import { CLOCK, FixedClock, OffsetClock, SystemClock, clockFromEnv, parseInstant } from '../clock.js';

describe('clocks', () => {
  it('CLOCK is a symbol token', () => {
    expect(typeof CLOCK).toBe('symbol');
    expect(CLOCK.description).toBe('CLOCK');
  });

  it('SystemClock returns the current time', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('FixedClock stays put until set or advanced', () => {
    const clock = new FixedClock('2025-12-31T23:59:00+08:00');
    expect(clock.now().toISOString()).toBe('2025-12-31T15:59:00.000Z');
    clock.now().setTime(0); // a caller mutating its copy must not move the clock
    expect(clock.now().toISOString()).toBe('2025-12-31T15:59:00.000Z');
    expect(clock.advance(2 * 60_000).toISOString()).toBe('2025-12-31T16:01:00.000Z');
    clock.set(new Date('2026-03-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-03-01T00:00:00.000Z');
    clock.set(0);
    expect(clock.now().getTime()).toBe(0);
    expect(() => clock.advance(Number.NaN)).toThrow(RangeError);
  });

  it('OffsetClock starts at the given instant and runs in real time', () => {
    let real = 1_000_000;
    const clock = new OffsetClock('2025-06-30T09:00:00+08:00', () => real);
    expect(clock.now().toISOString()).toBe('2025-06-30T01:00:00.000Z');
    real += 90_000;
    expect(clock.now().toISOString()).toBe('2025-06-30T01:01:30.000Z');
  });

  it('clockFromEnv: unset → system clock, set → offset clock', () => {
    expect(clockFromEnv(undefined)).toBeInstanceOf(SystemClock);
    expect(clockFromEnv('  ')).toBeInstanceOf(SystemClock);
    const clock = clockFromEnv('2025-12-31T12:00:00Z', () => 5);
    expect(clock).toBeInstanceOf(OffsetClock);
    expect(clock.now().toISOString()).toBe('2025-12-31T12:00:00.000Z');
    expect(() => clockFromEnv('yesterday')).toThrow(RangeError);
  });

  it('parseInstant insists on an explicit zone', () => {
    expect(parseInstant('2025-12-31T23:59+08:00').toISOString()).toBe('2025-12-31T15:59:00.000Z');
    expect(parseInstant('2025-12-31T23:59:59.5Z').toISOString()).toBe('2025-12-31T23:59:59.500Z');
    expect(() => parseInstant('2025-12-31T23:59')).toThrow(RangeError);
    expect(() => parseInstant('2025-12-31')).toThrow(RangeError);
    expect(() => parseInstant('2025-02-30T10:00:00Z')).toThrow(RangeError);
    expect(() => parseInstant(new Date(Number.NaN))).toThrow(RangeError);
  });
});
