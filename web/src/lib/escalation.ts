import type { EscalationFilter, Locale, TaskEscalationMark } from '../api/types.js';
import { label, type LabelKey } from '../../../src/common/i18n/labels.js';

// The words are the server's (its catalogue is plain data the app imports); the colours are the app's.
const LEVEL: Record<TaskEscalationMark['level'], { label: LabelKey; color: string }> = {
  urge: { label: 'escalationUrge', color: 'orange' },
  supervise: { label: 'escalationSupervise', color: 'red' },
};

/**
 * "催办 2024-02-08" / "督办 2024-02-20": the step the server says was actually taken for the
 * task's current due date (never guessed from days late), null when none.
 */
export function escalationText(mark: TaskEscalationMark | null | undefined, locale: Locale): string | null {
  if (!mark) return null;
  return `${label(LEVEL[mark.level].label, locale)} ${mark.on}`;
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
