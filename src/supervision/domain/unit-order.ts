/**
 * The one order in which the product lists units next to their figures (ranking, dashboard,
 * circulars): by rank, units without a rank after every ranked one, then by name in Chinese
 * collation (pinyin: 妇联 before 卫健局), never by code point or as text ("1, 10, 2").
 */

const nameCollator = new Intl.Collator('zh-CN');

/** Unit names in Chinese collation; equal names by code point so the order is total. */
export function compareUnitNames(a: string, b: string): number {
  return nameCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Rank ascending (null = not ranked: last), then name. */
export function compareByRankThenName(
  a: { rank: number | null; name: string },
  b: { rank: number | null; name: string },
): number {
  if (a.rank !== b.rank) {
    if (a.rank === null) return 1;
    if (b.rank === null) return -1;
    return a.rank - b.rank;
  }
  return compareUnitNames(a.name, b.name);
}
