import { describe, expect, it } from '@jest/globals';
import { IN_CHUNK, SQL_VARIABLE_LIMIT, inChunks, rowsPerInsert } from '../chunks.util.js';

describe('inChunks', () => {
  it('calls fn on consecutive slices of at most size items, in order, and returns their results', async () => {
    const seen: number[][] = [];
    const out = await inChunks([1, 2, 3, 4, 5, 6, 7], 3, async (part) => {
      seen.push(part);
      return part.reduce((a, b) => a + b, 0);
    });
    expect(seen).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(out).toEqual([6, 15, 7]);
  });

  it('runs one slice at a time (the slices share a transaction)', async () => {
    let running = 0;
    let most = 0;
    await inChunks([...Array(10).keys()], 2, async () => {
      most = Math.max(most, ++running);
      await Promise.resolve();
      running--;
    });
    expect(most).toBe(1);
  });

  it('calls nothing for an empty list', async () => {
    let calls = 0;
    expect(await inChunks([], IN_CHUNK, async () => ++calls)).toEqual([]);
    expect(calls).toBe(0);
  });

  it('refuses a size that would loop forever or skip items', async () => {
    await expect(inChunks([1], 0, async () => 1)).rejects.toThrow(RangeError);
    await expect(inChunks([1], 1.5, async () => 1)).rejects.toThrow(RangeError);
  });
});

describe('rowsPerInsert', () => {
  it('keeps rows × columns within the bound parameters of one statement', () => {
    for (const columns of [1, 8, 17, 40, 70, 200]) {
      const rows = rowsPerInsert(columns);
      expect(rows * columns).toBeLessThanOrEqual(SQL_VARIABLE_LIMIT);
      expect(rows).toBeGreaterThanOrEqual(1);
    }
    expect(rowsPerInsert(17)).toBe(500);
    expect(rowsPerInsert(100)).toBe(327);
    expect(rowsPerInsert(40_000)).toBe(1);
  });

  it('refuses a width that is not a positive integer', () => {
    expect(() => rowsPerInsert(0)).toThrow(RangeError);
  });
});
