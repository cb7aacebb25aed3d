import type { Locale } from '../api/types.js';
import { INDICATOR_ASSESSMENTS, type IndicatorAssessment } from '../../../src/duties/domain/indicator-value.js';
import { ASSESSMENT_LABELS } from '../../../src/common/i18n/indicator-labels.js';

/**
 * How a unit reports an indicator (src/duties/domain/indicator-value.ts, the items DTO): a number in
 * the indicator's unit for a quantitative target, an assessment (达到/基本达到/未达到) with a note for
 * a qualitative one (稳中有升, 逐步提高 …): the service refuses an assessment on a quantitative target.
 */
export interface IndicatorLike {
  id: number;
  name: string | null;
  phrase?: string | null;
  comparator: string;
  value: number | null;
  unit: string | null;
  reported?: number | null;
  assessment?: string | null;
  note?: string | null;
}

export type IndicatorControl = 'number' | 'assessment';
// The service's own list and words (one home each), imported as they are.
export const ASSESSMENTS = INDICATOR_ASSESSMENTS;
export type Assessment = IndicatorAssessment;
const UNIT_NAMES: Record<string, [string, string]> = {
  '%': ['%', '%'],
  '‰': ['‰', '‰'],
  per_100k: ['/10万', 'per 100,000'],
  per_10k: ['/万', 'per 10,000'],
  per_1000: ['‰', 'per 1,000'],
  years: ['年', 'years'],
  days: ['天', 'days'],
  times: ['倍', 'times'],
  count: ['个', 'count'],
  percentage_points: ['个百分点', 'percentage points'],
};
const COMPARATOR_SIGNS: Record<string, string> = { gte: '≥', lte: '≤', about: '≈', eq: '=' };

/** The control the Task page shows for an indicator. */
export function indicatorControl(indicator: Pick<IndicatorLike, 'comparator'>): IndicatorControl {
  return indicator.comparator === 'qualitative' ? 'assessment' : 'number';
}

export function unitLabel(unit: string | null, locale: Locale): string {
  if (!unit) return '';
  const name = UNIT_NAMES[unit];
  return name ? name[locale === 'en' ? 1 : 0] : unit;
}

export function assessmentLabel(assessment: string | null | undefined, locale: Locale): string {
  if (!assessment) return '';
  return (Object.hasOwn(ASSESSMENT_LABELS, assessment) ? ASSESSMENT_LABELS[assessment][locale] : null) ?? assessment;
}

export function assessmentOptions(locale: Locale): Array<{ value: Assessment; label: string }> {
  return ASSESSMENTS.map((a) => ({ value: a, label: assessmentLabel(a, locale) }));
}

/** "目标 ≤12 /10万", "以2020年为基数 -18 %", or for a qualitative target "定性". */
export function targetText(indicator: IndicatorLike, locale: Locale): string {
  const en = locale === 'en';
  if (indicator.comparator === 'qualitative') return en ? 'qualitative' : '定性';
  if (indicator.value === null) return '';
  const unit = unitLabel(indicator.unit, locale);
  return `${en ? 'target' : '目标'} ${COMPARATOR_SIGNS[indicator.comparator] ?? ''}${indicator.value}${unit ? ` ${unit}` : ''}`;
}

/** What was reported, as one line: "12 %" or "基本达到（说明）"; '' when nothing was. */
export function reportedText(indicator: IndicatorLike, locale: Locale): string {
  const parts: string[] = [];
  if (indicator.assessment)
    parts.push(
      assessmentLabel(indicator.assessment, locale) +
        (indicator.note ? (locale === 'en' ? ` (${indicator.note})` : `（${indicator.note}）`) : ''),
    );
  if (indicator.reported !== null && indicator.reported !== undefined) {
    const unit = unitLabel(indicator.unit, locale);
    parts.push(`${indicator.reported}${unit ? ` ${unit}` : ''}`);
  }
  return parts.join(' · ');
}

export interface IndicatorDraft {
  value?: number | null;
  assessment?: Assessment | null;
  note?: string | null;
}

/**
 * The indicatorValues entry to send, or null when nothing changed. The service replaces an
 * indicator's whole report, so an assessment keeps a number reported before and vice versa.
 */
export function indicatorPatch(
  indicator: IndicatorLike,
  draft: IndicatorDraft,
): { indicatorId: number; value: number | null; assessment?: Assessment | null; note?: string | null } | null {
  const before = {
    value: indicator.reported ?? null,
    assessment: (indicator.assessment ?? null) as Assessment | null,
    note: indicator.note ?? null,
  };
  const after = {
    value: draft.value === undefined ? before.value : draft.value,
    assessment: draft.assessment === undefined ? before.assessment : draft.assessment,
    note: draft.note === undefined ? before.note : (draft.note ?? '').trim() || null,
  };
  if (after.value === before.value && after.assessment === before.assessment && after.note === before.note) return null;
  if (indicatorControl(indicator) === 'number') return { indicatorId: indicator.id, value: after.value };
  // A note without an assessment says nothing the service keeps: it is stored with the assessment.
  return {
    indicatorId: indicator.id,
    value: after.value,
    assessment: after.assessment,
    note: after.assessment ? after.note : null,
  };
}
