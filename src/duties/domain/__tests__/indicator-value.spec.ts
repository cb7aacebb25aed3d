import { describe, it, expect } from '@jest/globals';
import { indicatorValueProblem } from '../indicator-value.js';

const level = (unit: string | null) => ({ comparator: 'lte', unit });

describe('indicatorValueProblem', () => {
  it('checks a level against the unit of the indicator', () => {
    expect(indicatorValueProblem(level('%'), 70.5)).toBeNull();
    expect(indicatorValueProblem(level('%'), 100)).toBeNull();
    expect(indicatorValueProblem(level('%'), 100.1)).toMatch(/out of range: must be a percentage from 0 to 100/);
    expect(indicatorValueProblem(level('%'), -1)).toMatch(/out of range/);
    expect(indicatorValueProblem(level('‰'), 3.5)).toBeNull();
    expect(indicatorValueProblem(level('‰'), 1200)).toMatch(/per-mille/);
    expect(indicatorValueProblem(level('per_100k'), 12)).toBeNull();
    expect(indicatorValueProblem(level('per_100k'), -0.1)).toMatch(/per 100,000/);
    expect(indicatorValueProblem(level('count'), 3)).toBeNull();
    expect(indicatorValueProblem(level('count'), 2.5)).toMatch(/whole number/);
    expect(indicatorValueProblem(level('years'), 79.8)).toBeNull();
    expect(indicatorValueProblem(level(null), 123456)).toBeNull();
  });

  it('rejects what is not a finite number, or has more decimals than stored', () => {
    expect(indicatorValueProblem(level('%'), Number.NaN)).toMatch(/must be/);
    expect(indicatorValueProblem(level('%'), Number.POSITIVE_INFINITY)).toMatch(/must be/);
    expect(indicatorValueProblem(level('%'), '70' as unknown as number)).toMatch(/must be/);
    expect(indicatorValueProblem(level('%'), 12.34567)).toMatch(/more than 4 decimals/);
  });

  it('change targets: the reported value is the level that year, not the change', () => {
    // 以2020年为基数下降18%: the unit % describes the change; the level may be any rate ≥ 0.
    expect(indicatorValueProblem({ comparator: 'change_from_baseline', unit: '%' }, 350)).toBeNull();
    expect(indicatorValueProblem({ comparator: 'change_from_baseline', unit: '%' }, -1)).toMatch(/at least 0/);
    // 每年降低0.5个百分点: the level is a percentage.
    expect(indicatorValueProblem({ comparator: 'yearly_change', unit: 'percentage_points' }, 40)).toBeNull();
    expect(indicatorValueProblem({ comparator: 'yearly_change', unit: 'percentage_points' }, 140)).toMatch(/0 to 100/);
  });
});
