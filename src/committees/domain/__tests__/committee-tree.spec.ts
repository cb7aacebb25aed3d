import { describe, expect, it } from '@jest/globals';
import { descendantsOf, parentCycle } from '../committee-tree.js';

// province 1 ← city 2 ← counties 3, 4; county 5 under county 4; 6 stands alone.
const rows = [
  { id: 1, parentId: null },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 2 },
  { id: 4, parentId: 2 },
  { id: 5, parentId: 4 },
  { id: 6, parentId: null },
];
const parents = new Map(rows.map((r) => [r.id, r.parentId]));

describe('parentCycle', () => {
  it('finds the chain a new parent below the committee would close', () => {
    expect(parentCycle(parents, 2, 5)).toEqual([2, 5, 4, 2]);
    expect(parentCycle(parents, 1, 3)).toEqual([1, 3, 2, 1]);
    expect(parentCycle(parents, 4, 5)).toEqual([4, 5, 4]);
  });
  it('lets a committee move under a sibling, an unrelated tree or its own ancestor', () => {
    expect(parentCycle(parents, 3, 4)).toBeNull();
    expect(parentCycle(parents, 2, 6)).toBeNull();
    expect(parentCycle(parents, 5, 1)).toBeNull();
  });
  it('stops on a cycle above that does not pass through the committee', () => {
    const broken = new Map<number, number | null>([
      [10, 11],
      [11, 10],
      [12, null],
    ]);
    expect(parentCycle(broken, 12, 10)).toBeNull();
  });
});

describe('descendantsOf', () => {
  it('lists children before grandchildren, with their depth', () => {
    expect(descendantsOf(rows, 1)).toEqual([
      { id: 2, depth: 1 },
      { id: 3, depth: 2 },
      { id: 4, depth: 2 },
      { id: 5, depth: 3 },
    ]);
    expect(descendantsOf(rows, 4)).toEqual([{ id: 5, depth: 1 }]);
    expect(descendantsOf(rows, 6)).toEqual([]);
  });
  it('terminates on a cycle in old data', () => {
    expect(
      descendantsOf(
        [
          { id: 1, parentId: 2 },
          { id: 2, parentId: 1 },
        ],
        1,
      ),
    ).toEqual([{ id: 2, depth: 1 }]);
  });
});
