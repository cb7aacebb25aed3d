import type { EscalationFilter, Locale, TaskEscalationMark } from '../api/types.js';

const LEVEL: Record<TaskEscalationMark['level'], { zh: string; en: string; color: string }> = {
  urge: { zh: '催办', en: 'Urged', color: 'orange' },
  supervise: { zh: '督办', en: 'Supervised', color: 'red' },
};

/**
 * "催办 2024-02-08" / "督办 2024-02-20": the step the server says was actually taken for the
 * task's current due date (never guessed from days late), null when none.
 */
export function escalationText(mark: TaskEscalationMark | null | undefined, locale: Locale): string | null {
  if (!mark) return null;
  const l = LEVEL[mark.level];
  return `${locale === 'en' ? l.en : l.zh} ${mark.on}`;
}

export function escalationColor(mark: TaskEscalationMark): string {
  return LEVEL[mark.level].color;
}

/** The 督办台账 escalation filter: 全部 (no parameter) / 未催办 / 已催办 / 已督办. */
export function escalationFilterOptions(locale: Locale): Array<{ value: EscalationFilter | 'all'; label: string }> {
  const en = locale === 'en';
  return [
    { value: 'all', label: en ? 'Any escalation' : '全部' },
    { value: 'none', label: en ? 'Not urged' : '未催办' },
    { value: 'urge', label: en ? 'Urged' : '已催办' },
    { value: 'supervise', label: en ? 'Supervised' : '已督办' },
  ];
}

/** The query value for a choice of the filter ('all' drops the parameter; anything unknown too). */
export function escalationQuery(choice: string | null | undefined): EscalationFilter | undefined {
  return choice === 'none' || choice === 'urge' || choice === 'supervise' ? choice : undefined;
}
