/**
 * Checks a value a unit reports for an indicator against what the indicator measures.
 *
 * For level targets (≤, ≥, ≈, =) the value is in the indicator's own unit: a percentage is
 * 0–100, a per-mille 0–1000, a rate per 100,000 at least 0, a count a whole number ≥ 0, and so on.
 * For change targets (以2020年为基数下降18%, 每年降低0.5个百分点) the unit describes the change,
 * not the level; what a unit reports is still the level that year, which can only be checked to be
 * a number ≥ 0 (a percentage-point change is a change of a percentage: its level is 0–100).
 */

/** What a unit reports for a qualitative target: met (达到), largely met (基本达到), not met (未达到). */
export const INDICATOR_ASSESSMENTS = ['met', 'largely_met', 'not_met'] as const;
export type IndicatorAssessment = (typeof INDICATOR_ASSESSMENTS)[number];

export interface IndicatorShape {
  comparator: string;
  unit: string | null;
}

interface Range {
  min: number;
  max?: number;
  integer?: boolean;
  label: string;
}

const LEVEL_RANGES: Record<string, Range> = {
  '%': { min: 0, max: 100, label: 'a percentage from 0 to 100' },
  '‰': { min: 0, max: 1000, label: 'a per-mille value from 0 to 1000' },
  per_100k: { min: 0, max: 100_000, label: 'a rate per 100,000 from 0 to 100000' },
  per_10k: { min: 0, max: 10_000, label: 'a rate per 10,000 from 0 to 10000' },
  per_1000: { min: 0, max: 1000, label: 'a rate per 1,000 from 0 to 1000' },
  years: { min: 0, max: 150, label: 'a number of years from 0 to 150' },
  days: { min: 0, max: 3660, label: 'a number of days from 0 to 3660' },
  times: { min: 0, label: 'a multiple, at least 0' },
  count: { min: 0, integer: true, label: 'a whole number, at least 0' },
  percentage_points: { min: 0, max: 100, label: 'a percentage from 0 to 100' },
};

const ANY_LEVEL: Range = { min: 0, label: 'a number, at least 0' };
const CHANGE_COMPARATORS = new Set(['change_from_baseline', 'yearly_change']);
/** DECIMAL(14,4) holds this much. */
const MAX_STORABLE = 9_999_999_999;

/** The range a reported value must lie in, as words for the error message. */
export function indicatorValueRange(indicator: IndicatorShape): Range {
  if (CHANGE_COMPARATORS.has(indicator.comparator)) {
    return indicator.unit === 'percentage_points' ? LEVEL_RANGES['%']! : ANY_LEVEL;
  }
  return (indicator.unit && LEVEL_RANGES[indicator.unit]) || ANY_LEVEL;
}

/** null when the value fits the indicator; otherwise a message naming what is allowed. */
export function indicatorValueProblem(indicator: IndicatorShape, value: unknown): string | null {
  const range = indicatorValueRange(indicator);
  if (typeof value !== 'number' || !Number.isFinite(value)) return `must be ${range.label}`;
  if (value < range.min || (range.max !== undefined && value > range.max) || Math.abs(value) > MAX_STORABLE) {
    return `${value} is out of range: must be ${range.label}`;
  }
  if (range.integer && !Number.isInteger(value)) return `${value} is not allowed: must be ${range.label}`;
  if (Math.round(value * 10_000) / 10_000 !== value) return `${value} has more than 4 decimals`;
  return null;
}
