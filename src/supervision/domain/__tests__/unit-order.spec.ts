import { describe, expect, it } from '@jest/globals';
import { compareByRankThenName, compareUnitNames } from '../unit-order.js';

describe('unit order', () => {
  it('names in Chinese collation (pinyin), not by code point', () => {
    const names = ['自治县卫生健康局', '自治县妇联', '自治县财政局', '自治县残联', '自治县教育科技局'];
    expect([...names].sort(compareUnitNames)).toEqual([
      '自治县财政局',
      '自治县残联',
      '自治县妇联',
      '自治县教育科技局',
      '自治县卫生健康局',
    ]);
    // By code point 卫 U+536B < 妇 U+5987 < 教 U+6559 < 残 U+6B8B < 财 U+8D22: the order a plain sort gives.
    expect([...names].sort()).toEqual([
      '自治县卫生健康局',
      '自治县妇联',
      '自治县教育科技局',
      '自治县残联',
      '自治县财政局',
    ]);
  });

  it('by rank as a number (2 before 10), unranked last, then name', () => {
    const units = [
      { rank: 10, name: '甲' },
      { rank: null, name: '妇联' },
      { rank: 2, name: '卫健局' },
      { rank: 2, name: '妇联' },
      { rank: 1, name: '总工会' },
      { rank: null, name: '残联' },
    ];
    expect(units.sort(compareByRankThenName).map((u) => `${u.rank} ${u.name}`)).toEqual([
      '1 总工会',
      '2 妇联',
      '2 卫健局',
      '10 甲',
      'null 残联',
      'null 妇联',
    ]);
  });
});
