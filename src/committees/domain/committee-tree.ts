/** The committee hierarchy (county → city → province): pure rules over (id, parentId) pairs. */
/**
 * The chain that would close if `childId` got `parentId` as its parent: parentId, its parent, …
 * up to childId (then a cycle), or null when the chain ends at the top.
 */
export function parentCycle(
  parents: ReadonlyMap<number, number | null>,
  childId: number,
  parentId: number,
): number[] | null {
  const path = [childId, parentId];
  const seen = new Set<number>([parentId]);
  let at: number | null | undefined = parents.get(parentId);
  while (at !== null && at !== undefined) {
    path.push(at);
    if (at === childId) return path;
    if (seen.has(at)) return null; // an older cycle above, not through this committee
    seen.add(at);
    at = parents.get(at);
  }
  return null;
}

/** Breadth-first: children before grandchildren; a cycle in old data cannot loop. */
export function descendantsOf(
  rows: ReadonlyArray<{ id: number; parentId: number | null }>,
  rootId: number,
): Array<{ id: number; depth: number }> {
  const out: Array<{ id: number; depth: number }> = [];
  const seen = new Set<number>([rootId]);
  let level = [rootId];
  for (let depth = 1; level.length; depth++) {
    const next = rows
      .filter((r) => r.parentId !== null && level.includes(r.parentId) && !seen.has(r.id))
      .map((r) => r.id);
    for (const id of next) {
      seen.add(id);
      out.push({ id, depth });
    }
    level = next;
  }
  return out;
}
