/**
 * Whether an indicator's target is met, from the values units reported (预警: early warning on
 * targets unlikely to be met).
 *
 * - met: the year's value satisfies the target.
 * - at_risk: it does not yet, and the plan period is still running (or the unit itself marked
 *   the goal at risk while the value still satisfies the target).
 * - not_met: it does not, and the year is the plan's last (or later): no time is left.
 * - no_data: nobody reported a value for the year.
 * - not_evaluable: a qualitative target, or a change target whose reference value (previous year,
 *   baseline year) was never reported.
 */

export type IndicatorStatus = 'met' | 'at_risk' | 'not_met' | 'no_data' | 'not_evaluable';

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
}

export interface IndicatorEvaluation {
  status: IndicatorStatus;
  /** Why, in a few words (shown next to the light). */
  reason: string;
}

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

function satisfied(target: IndicatorTarget, obs: IndicatorObservation & { value: number }): boolean | string {
  const t = target.value;
  const v = obs.value;
  switch (target.comparator) {
    case 'lte':
      return t === null ? 'no target value' : v <= t + EPSILON;
    case 'gte':
      return t === null ? 'no target value' : v >= t - EPSILON;
    case 'about':
      return t === null ? 'no target value' : Math.abs(v - t) <= Math.abs(t) * ABOUT_TOLERANCE + EPSILON;
    case 'eq':
      // 提升到20% / 下降到12: a target to reach; without a direction, a value to hold (≈).
      if (t === null) return 'no target value';
      if (target.direction === 'increase') return v >= t - EPSILON;
      if (target.direction === 'decrease') return v <= t + EPSILON;
      return Math.abs(v - t) <= Math.abs(t) * ABOUT_TOLERANCE + EPSILON;
    case 'yearly_change': {
      if (t === null) return 'no target value';
      if (obs.previousValue === null || obs.previousValue === undefined) return 'no value for the previous year';
      const moved = change(v, obs.previousValue, target.unit);
      return moved === null ? 'previous value is 0' : reaches(moved, t, target.direction);
    }
    case 'change_from_baseline': {
      if (t === null) return 'no target value';
      if (obs.baselineValue === null || obs.baselineValue === undefined) return `no value for the baseline year${target.baselineYear ? ` ${target.baselineYear}` : ''}`;
      const moved = change(v, obs.baselineValue, target.unit);
      return moved === null ? 'baseline value is 0' : reaches(moved, t, target.direction);
    }
    case 'qualitative': {
      // 稳中有升 / 持续下降: judged on the trend against the previous year, when both exist.
      if (!target.direction || obs.previousValue === null || obs.previousValue === undefined) return 'qualitative target';
      return target.direction === 'increase' ? v >= obs.previousValue - EPSILON : v <= obs.previousValue + EPSILON;
    }
    default:
      return `unknown comparator ${target.comparator}`;
  }
}

export function evaluateIndicator(target: IndicatorTarget, obs: IndicatorObservation): IndicatorEvaluation {
  if (obs.value === null || obs.value === undefined) return { status: 'no_data', reason: `no value reported for ${obs.year}` };
  const ok = satisfied(target, { ...obs, value: obs.value });
  if (typeof ok === 'string') return { status: 'not_evaluable', reason: ok };
  if (ok) {
    return obs.reportedAtRisk ? { status: 'at_risk', reason: 'target met, but a unit reported the goal at risk' } : { status: 'met', reason: 'target met' };
  }
  return obs.year >= obs.periodEnd
    ? { status: 'not_met', reason: `target not met in the plan's last year ${obs.periodEnd}` }
    : { status: 'at_risk', reason: `target not yet met; ${obs.periodEnd - obs.year} year(s) left` };
}

const SEVERITY: Record<IndicatorStatus, number> = { not_met: 4, at_risk: 3, met: 2, not_evaluable: 1, no_data: 0 };

/** A goal's status: its worst indicator (not met > at risk > met > not evaluable > no data). */
export function worstIndicatorStatus(statuses: readonly IndicatorStatus[]): IndicatorStatus | null {
  if (statuses.length === 0) return null;
  return statuses.reduce((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst));
}
