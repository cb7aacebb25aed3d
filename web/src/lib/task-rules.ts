/** Items a unit has not touched yet: no progress beyond "not started", no narrative, no indicator value or assessment. */
export function untouchedItems<
  T extends {
    active: boolean;
    progress: string;
    narrative: string | null;
    indicators: Array<{ reported: number | null; assessment?: string | null }>;
  },
>(items: T[]): T[] {
  return items.filter(
    (i) =>
      i.active &&
      i.progress === 'not_started' &&
      !(i.narrative ?? '').trim() &&
      !i.indicators.some((x) => x.reported !== null || !!x.assessment),
  );
}
