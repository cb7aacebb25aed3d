import { describe, it, expect } from '@jest/globals';
import {
  evaluateIndicator,
  goalIndicatorStatus,
  worstIndicatorStatus,
  type IndicatorTarget,
} from '../indicator-status.js';

const target = (t: Partial<IndicatorTarget>): IndicatorTarget => ({
  comparator: 'lte',
  value: 12,
  unit: 'per_100k',
  direction: null,
  baselineYear: null,
  ...t,
});
const obs = (value: number | null, year = 2024, extra = {}) => ({ year, periodEnd: 2025, value, ...extra });

describe('evaluateIndicator', () => {
  it('≤ / ≥ targets: met, at risk while the period runs, not met in the last year', () => {
    expect(evaluateIndicator(target({}), obs(11.8)).status).toBe('met');
    expect(evaluateIndicator(target({}), obs(12)).status).toBe('met');
    expect(evaluateIndicator(target({}), obs(13.5))).toEqual({
      status: 'at_risk',
      reasonCode: 'not_yet_met',
      reasonParams: { years: 1 },
    });
    expect(evaluateIndicator(target({}), obs(13.5, 2025)).status).toBe('not_met');
    expect(evaluateIndicator(target({ comparator: 'gte', value: 70, unit: '%' }), obs(69.9)).status).toBe('at_risk');
    expect(evaluateIndicator(target({ comparator: 'gte', value: 70, unit: '%' }), obs(70)).status).toBe('met');
    expect(evaluateIndicator(target({}), obs(null)).status).toBe('no_data');
  });

  it('≈ targets within 5%; "reach" targets (提升到20%) by their direction', () => {
    expect(evaluateIndicator(target({ comparator: 'about', value: 35, unit: '%' }), obs(33.4)).status).toBe('met');
    expect(evaluateIndicator(target({ comparator: 'about', value: 35, unit: '%' }), obs(33)).status).toBe('at_risk');
    expect(
      evaluateIndicator(target({ comparator: 'eq', value: 20, unit: '%', direction: 'increase' }), obs(25)).status,
    ).toBe('met');
    expect(
      evaluateIndicator(target({ comparator: 'eq', value: 20, unit: '%', direction: 'increase' }), obs(18)).status,
    ).toBe('at_risk');
    expect(
      evaluateIndicator(target({ comparator: 'eq', value: 5, unit: '‰', direction: 'decrease' }), obs(4.2)).status,
    ).toBe('met');
  });

  it('changes: against the previous year (每年降低0.5个百分点) or the baseline year (以2020年为基数下降18%)', () => {
    const yearly = target({
      comparator: 'yearly_change',
      value: -0.5,
      unit: 'percentage_points',
      direction: 'decrease',
    });
    expect(evaluateIndicator(yearly, obs(40, 2024, { previousValue: 40.6 })).status).toBe('met');
    expect(evaluateIndicator(yearly, obs(40.3, 2024, { previousValue: 40.6 })).status).toBe('at_risk');
    expect(evaluateIndicator(yearly, obs(40)).status).toBe('not_evaluable');
    const baseline = target({
      comparator: 'change_from_baseline',
      value: -18,
      unit: '%',
      direction: 'decrease',
      baselineYear: 2020,
    });
    expect(evaluateIndicator(baseline, obs(80, 2025, { baselineValue: 100 })).status).toBe('met');
    expect(evaluateIndicator(baseline, obs(85, 2025, { baselineValue: 100 })).status).toBe('not_met');
    expect(evaluateIndicator(baseline, obs(85, 2025))).toEqual({
      status: 'not_evaluable',
      reasonCode: 'no_baseline_value',
      reasonParams: { baselineYear: 2020 },
    });
  });

  it('qualitative targets by the trend when both years are known; a unit reporting the goal at risk wins over a met value', () => {
    const rising = target({ comparator: 'qualitative', value: null, unit: null, direction: 'increase' });
    expect(evaluateIndicator(rising, obs(5, 2024, { previousValue: 4 })).status).toBe('met');
    expect(evaluateIndicator(rising, obs(3, 2024, { previousValue: 4 })).status).toBe('at_risk');
    expect(evaluateIndicator(rising, obs(3)).status).toBe('not_evaluable');
    expect(evaluateIndicator(target({}), obs(10, 2024, { reportedAtRisk: true })).status).toBe('at_risk');
  });

  it('a goal takes its worst indicator', () => {
    expect(worstIndicatorStatus(['met', 'no_data', 'at_risk'])).toBe('at_risk');
    expect(worstIndicatorStatus(['met', 'not_met'])).toBe('not_met');
    expect(worstIndicatorStatus(['no_data', 'not_evaluable'])).toBe('not_evaluable');
    expect(worstIndicatorStatus([])).toBeNull();
  });

  it('a goal is met only when every indicator has a value meeting its target; otherwise data incomplete', () => {
    expect(goalIndicatorStatus(['met', 'no_data'])).toBe('data_incomplete');
    expect(goalIndicatorStatus(['no_data', 'met'])).toBe('data_incomplete');
    expect(goalIndicatorStatus(['met', 'not_evaluable'])).toBe('data_incomplete');
    expect(goalIndicatorStatus(['met', 'conflict'])).toBe('data_incomplete');
    expect(goalIndicatorStatus(['no_data', 'not_evaluable'])).toBe('data_incomplete');
    expect(goalIndicatorStatus(['met', 'met'])).toBe('met');
    expect(goalIndicatorStatus(['met'])).toBe('met');
    expect(goalIndicatorStatus(['no_data', 'no_data'])).toBe('no_data');
    expect(goalIndicatorStatus(['not_evaluable'])).toBe('not_evaluable');
    expect(goalIndicatorStatus(['conflict'])).toBe('conflict');
    expect(goalIndicatorStatus(['met', 'no_data', 'at_risk'])).toBe('at_risk');
    expect(goalIndicatorStatus(['at_risk', 'not_met', 'no_data'])).toBe('not_met');
    expect(goalIndicatorStatus([])).toBeNull();
  });

  it('a qualitative target is judged by its assessment: 达到 met, 基本达到 and 未达到 at risk, not met in the last year', () => {
    const q = target({ comparator: 'qualitative', value: null, unit: null, direction: null });
    expect(evaluateIndicator(q, { year: 2024, periodEnd: 2025, value: null, assessment: 'met' })).toEqual({
      status: 'met',
      reasonCode: 'assessed_met',
    });
    expect(evaluateIndicator(q, { year: 2024, periodEnd: 2025, value: null, assessment: 'largely_met' })).toEqual({
      status: 'at_risk',
      reasonCode: 'assessed_years_left',
      reasonParams: { assessment: 'largely_met', years: 1 },
    });
    expect(evaluateIndicator(q, { year: 2025, periodEnd: 2025, value: null, assessment: 'largely_met' })).toEqual({
      status: 'not_met',
      reasonCode: 'assessed_last_year',
      reasonParams: { assessment: 'largely_met', year: 2025 },
    });
    expect(evaluateIndicator(q, { year: 2025, periodEnd: 2025, value: null, assessment: 'not_met' }).status).toBe(
      'not_met',
    );
    expect(
      evaluateIndicator(q, { year: 2024, periodEnd: 2025, value: null, assessment: 'met', reportedAtRisk: true })
        .status,
    ).toBe('at_risk');
    expect(evaluateIndicator(q, { year: 2024, periodEnd: 2025, value: null }).status).toBe('no_data');
    // An assessment on a quantitative target does not replace its value.
    expect(evaluateIndicator(target({}), { year: 2024, periodEnd: 2025, value: null, assessment: 'met' }).status).toBe(
      'no_data',
    );
  });
});
