import { describe, expect, it } from '@jest/globals';
import { backoffSeconds } from '../backoff.js';

describe('backoffSeconds', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffSeconds(n, 60, 3600))).toEqual([
      60, 120, 240, 480, 960, 1920, 3600, 3600,
    ]);
    expect(backoffSeconds(1000, 60, 3600)).toBe(3600);
  });

  it('a cap below the base means the base', () => {
    expect(backoffSeconds(3, 60, 10)).toBe(60);
  });

  it('refuses nonsense attempt counts', () => {
    expect(() => backoffSeconds(0, 60, 3600)).toThrow(RangeError);
    expect(() => backoffSeconds(1.5, 60, 3600)).toThrow(RangeError);
  });
});
