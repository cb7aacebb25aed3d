import { describe, expect, it } from '@jest/globals';
import { FixedWindowCounter } from '../fixed-window.js';

describe('FixedWindowCounter', () => {
  it('counts per key within a one-minute window, then starts again', () => {
    const c = new FixedWindowCounter();
    expect(c.count('a', 0)).toBe(0);
    expect([c.hit('a', 0), c.hit('a', 1_000), c.hit('b', 1_000)]).toEqual([1, 2, 1]);
    expect(c.count('a', 59_999)).toBe(2);
    expect(c.retryAfterSeconds('a', 30_000)).toBe(30);
    expect(c.retryAfterSeconds('a', 59_999)).toBe(1);
    expect(c.count('a', 60_000)).toBe(0);
    expect(c.hit('a', 60_000)).toBe(1);
  });

  it('starts a new window when the clock goes back', () => {
    const c = new FixedWindowCounter();
    c.hit('a', 100_000);
    expect(c.count('a', 50_000)).toBe(0);
    expect(c.hit('a', 50_000)).toBe(1);
  });

  it('holds at most maxKeys keys, dropping ended windows first', () => {
    const c = new FixedWindowCounter(60_000, 2);
    c.hit('old', 0);
    c.hit('live', 50_000);
    c.hit('new', 70_000); // full: 'old' has ended and goes
    expect([c.count('old', 70_000), c.count('live', 70_000), c.count('new', 70_000)]).toEqual([0, 1, 1]);
  });
});
