/**
 * Whether an indicator's target is met, from the values units reported (预警: early warning on
 * targets unlikely to be met).
 *
 * - met: the year's value satisfies the target.
 * - at_risk: it does not yet, and the plan period is still running (or the unit itself marked
 *   the goal at risk while the value still satisfies the target).
 * - not_met: it does not, and the year is the plan's last (or later): no time is left.
 * - no_data: nobody reported a value for the year.
 * - not_evaluable: a qualitative target without an assessment, or a change target whose reference
 *   value (previous year, baseline year) was never reported.
 * - conflict: two units reported different values for the year; the office must settle which holds.
 *
 * Qualitative targets (稳中有升, 逐步提高 …) take an assessment instead of a number: 达到 met,
 * 基本达到 at risk (not met in the plan's last year), 未达到 at risk (not met in the last year).
 */

// The assessments a unit reports are the duties module's (it stores them); evaluated here.
import { INDICATOR_ASSESSMENTS, type IndicatorAssessment } from '../../duties/domain/indicator-value.js';
import type { IndicatorReasonCode } from '../../common/i18n/indicator-labels.js';

export type IndicatorStatus = 'met' | 'at_risk' | 'not_met' | 'no_data' | 'not_evaluable' | 'conflict';

/** A goal is met only when every indicator is; missing, unevaluable or conflicting data makes it 'data_incomplete'. */
export type GoalIndicatorStatus = IndicatorStatus | 'data_incomplete';

export { INDICATOR_ASSESSMENTS, type IndicatorAssessment };

export interface IndicatorTarget {
  comparator: 'lte' | 'gte' | 'about' | 'eq' | 'change_from_baseline' | 'yearly_change' | 'qualitative' | string;
  /** Target value; signed for changes (下降18% → −18). */
  value: number | null;
  unit: string | null;
  direction: 'increase' | 'decrease' | null;
  baselineYear: number | null;
}

export interface IndicatorObservation {
  year: number;
  periodEnd: number;
  value: number | null;
  /** The value reported for the year before (yearly changes, qualitative trends). */
  previousValue?: number | null;
  /** The value reported for the baseline year (changes from a baseline). */
  baselineValue?: number | null;
  /** A unit marked the goal at risk. */
  reportedAtRisk?: boolean;
  /** A qualitative target's assessment for the year (达到 / 基本达到 / 未达到). */
  assessment?: IndicatorAssessment | null;
}

export interface IndicatorEvaluation {
  status: IndicatorStatus;
  /**
   * Why, as data: a code of src/common/i18n/indicator-labels.ts (its one home of words, which the
   * API says in the reader's language) and its parameters.
   */
  reasonCode: IndicatorReasonCode;
  reasonParams?: Record<string, string | number | null>;
}

/** Not evaluable, and why. */
type Unevaluable = { code: IndicatorReasonCode; params?: Record<string, string | number | null> };
const unevaluable = (code: IndicatorReasonCode, params?: Record<string, string | number | null>): Unevaluable => ({
  code,
  ...(params ? { params } : {}),
});

/** ≈ 35% (达到35%左右) is met within 5% of the target either way. */
export const ABOUT_TOLERANCE = 0.05;

const EPSILON = 1e-9;

/** How far the value moved from a reference, in the unit of the target. */
function change(value: number, reference: number, unit: string | null): number | null {
  // A relative target (以2020年为基数下降18%) is a percentage of the reference level;
  // percentage points and plain units are differences.
  if (unit === '%') return reference === 0 ? null : ((value - reference) / Math.abs(reference)) * 100;
  return value - reference;
}

function reaches(actual: number, target: number, direction: 'increase' | 'decrease' | null): boolean {
  // The sign of the target says the direction when the text did not.
  const decrease = direction ? direction === 'decrease' : target < 0;
  return decrease ? actual <= target + EPSILON : actual >= target - EPSILON;
}

function satisfied(target: IndicatorTarget, obs: IndicatorObservation & { value: number }): boolean | Unevaluable {
  const t = target.value;
  const v = obs.value;
  switch (target.comparator) {
    case 'lte':
      return t === null ? unevaluable('no_target_value') : v <= t + EPSILON;
    case 'gte':
      return t === null ? unevaluable('no_target_value') : v >= t - EPSILON;
    case 'about':
      return t === null ? unevaluable('no_target_value') : Math.abs(v - t) <= Math.abs(t) * ABOUT_TOLERANCE + EPSILON;
    case 'eq':
      // 提升到20% / 下降到12: a target to reach; without a direction, a value to hold (≈).
      if (t === null) return unevaluable('no_target_value');
      if (target.direction === 'increase') return v >= t - EPSILON;
      if (target.direction === 'decrease') return v <= t + EPSILON;
      return Math.abs(v - t) <= Math.abs(t) * ABOUT_TOLERANCE + EPSILON;
    case 'yearly_change': {
      if (t === null) return unevaluable('no_target_value');
      if (obs.previousValue === null || obs.previousValue === undefined) return unevaluable('no_previous_value');
      const moved = change(v, obs.previousValue, target.unit);
      return moved === null ? unevaluable('previous_zero') : reaches(moved, t, target.direction);
    }
    case 'change_from_baseline': {
      if (t === null) return unevaluable('no_target_value');
      if (obs.baselineValue === null || obs.baselineValue === undefined)
        return unevaluable('no_baseline_value', { baselineYear: target.baselineYear });
      const moved = change(v, obs.baselineValue, target.unit);
      return moved === null ? unevaluable('baseline_zero') : reaches(moved, t, target.direction);
    }
    case 'qualitative': {
      // 稳中有升 / 持续下降: judged on the trend against the previous year, when both exist.
      if (!target.direction || obs.previousValue === null || obs.previousValue === undefined)
        return unevaluable('qualitative');
      return target.direction === 'increase' ? v >= obs.previousValue - EPSILON : v <= obs.previousValue + EPSILON;
    }
    default:
      return unevaluable('unknown_comparator', { comparator: target.comparator });
  }
}

function evaluateAssessment(assessment: IndicatorAssessment, obs: IndicatorObservation): IndicatorEvaluation {
  if (assessment === 'met') {
    return obs.reportedAtRisk
      ? {
          status: 'at_risk',
          reasonCode: 'assessed_met_reported_at_risk',
        }
      : { status: 'met', reasonCode: 'assessed_met' };
  }
  return obs.year >= obs.periodEnd
    ? {
        status: 'not_met',
        reasonCode: 'assessed_last_year',
        reasonParams: { assessment, year: obs.periodEnd },
      }
    : {
        status: 'at_risk',
        reasonCode: 'assessed_years_left',
        reasonParams: { assessment, years: obs.periodEnd - obs.year },
      };
}

export function evaluateIndicator(target: IndicatorTarget, obs: IndicatorObservation): IndicatorEvaluation {
  // An assessment is what a qualitative target is judged by; a number only shows its trend.
  if (target.comparator === 'qualitative' && obs.assessment) return evaluateAssessment(obs.assessment, obs);
  if (obs.value === null || obs.value === undefined)
    return {
      status: 'no_data',
      reasonCode: 'no_value',
      reasonParams: { year: obs.year },
    };
  const ok = satisfied(target, { ...obs, value: obs.value });
  if (typeof ok === 'object')
    return {
      status: 'not_evaluable',
      reasonCode: ok.code,
      ...(ok.params ? { reasonParams: ok.params } : {}),
    };
  if (ok) {
    return obs.reportedAtRisk
      ? {
          status: 'at_risk',
          reasonCode: 'target_met_reported_at_risk',
        }
      : { status: 'met', reasonCode: 'target_met' };
  }
  return obs.year >= obs.periodEnd
    ? {
        status: 'not_met',
        reasonCode: 'not_met_last_year',
        reasonParams: { year: obs.periodEnd },
      }
    : {
        status: 'at_risk',
        reasonCode: 'not_yet_met',
        reasonParams: { years: obs.periodEnd - obs.year },
      };
}

const SEVERITY: Record<IndicatorStatus, number> = {
  not_met: 5,
  at_risk: 4,
  conflict: 3,
  met: 2,
  not_evaluable: 1,
  no_data: 0,
};

/** The worst of several statuses (not met > at risk > conflict > met > not evaluable > no data). */
export function worstIndicatorStatus(statuses: readonly IndicatorStatus[]): IndicatorStatus | null {
  if (statuses.length === 0) return null;
  return statuses.reduce((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst));
}

/**
 * A goal's status from its indicators: not met or at risk when any is; met only when every
 * indicator has a value (or assessment) that meets its target; no data or not evaluable when all
 * indicators are so; anything else (some met, some missing, unevaluable or conflicting) is
 * 'data_incomplete' — never 'met'.
 */
export function goalIndicatorStatus(statuses: readonly IndicatorStatus[]): GoalIndicatorStatus | null {
  if (statuses.length === 0) return null;
  if (statuses.includes('not_met')) return 'not_met';
  if (statuses.includes('at_risk')) return 'at_risk';
  for (const same of ['met', 'no_data', 'not_evaluable', 'conflict'] as const)
    if (statuses.every((s) => s === same)) return same;
  return 'data_incomplete';
}
