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

/**
 * A task's heading: its title, with the year after it for a yearly task whose title does not
 * already name it (generated titles do, "年度报告（2023年）"; a renamed one may not).
 */
export function taskHeading(task: { title: string; periodKey: string; year: number | null }): string {
  if (task.periodKey === 'once' || !task.year || task.title.includes(String(task.year))) return task.title;
  return `${task.title} · ${task.year}`;
}
