import { describe, it, expect } from '@jest/globals';
import { type RateGroup, type RateTaskFact, computeRateStats, computeRates, rankUnits } from '../rates.js';

const at = (s: string): Date => new Date(s);
const options = { now: at('2025-06-30T12:00:00+08:00'), timeZone: 'Asia/Shanghai' };

/*
 * Scripted scenario, "now" = 2025-06-30 12:00 Shanghai. Hand-computed per task:
 *  A1 due 03-31, submitted 03-20, accepted             → expected, on time, accepted
 *  A2 due 05-31, submitted 05-31 23:59 local, pending  → expected, on time (edge), pending review
 *  A3 due 09-30, submitted 06-10 (early), accepted     → expected (delivered early), on time, accepted
 *  A4 due 12-20, assigned                              → not yet due, outside the denominator
 *  B1 due 03-31, submitted 04-05 09:00 local, accepted → expected, late 5 days, accepted
 *  B2 due 06-01, first submitted 05-30, returned       → open again: overdue 29 days
 *  B3 due 06-30 (today), in progress                   → not yet due (deadline tonight)
 *  B4 due 04-30, submitted 04-30T16:30Z (= 05-01 00:30 local), accepted → late 1 day
 *  C1 due 04-30, never submitted                       → overdue 61 days
 *  C2 due 06-29, acknowledged                          → overdue 1 day
 *  C3 due 03-31, cancelled                             → excluded
 *  D  has no tasks.
 */
const tasks: (RateTaskFact & { id: string })[] = [
  {
    id: 'A1',
    unitId: 'A',
    planId: 'women',
    areaIds: ['health'],
    kind: 'annual_report',
    dueOn: '2025-03-31',
    state: 'accepted',
    submittedAt: at('2025-03-20T10:00:00+08:00'),
    acceptedAt: at('2025-03-25T10:00:00+08:00'),
  },
  {
    id: 'A2',
    unitId: 'A',
    planId: 'women',
    areaIds: ['health', 'education'],
    kind: 'implementation_plan',
    dueOn: '2025-05-31',
    state: 'submitted',
    submittedAt: at('2025-05-31T23:59:00+08:00'),
    acceptedAt: null,
  },
  {
    id: 'A3',
    unitId: 'A',
    planId: 'children',
    kind: 'monitoring_data',
    dueOn: '2025-09-30',
    state: 'accepted',
    submittedAt: at('2025-06-10T10:00:00+08:00'),
    acceptedAt: at('2025-06-12T10:00:00+08:00'),
  },
  {
    id: 'A4',
    unitId: 'A',
    planId: 'children',
    kind: 'annual_report',
    dueOn: '2025-12-20',
    state: 'assigned',
    submittedAt: null,
    acceptedAt: null,
  },
  {
    id: 'B1',
    unitId: 'B',
    planId: 'women',
    areaIds: ['education'],
    kind: 'annual_report',
    dueOn: '2025-03-31',
    state: 'accepted',
    submittedAt: at('2025-04-05T09:00:00+08:00'),
    acceptedAt: at('2025-04-08T09:00:00+08:00'),
  },
  {
    id: 'B2',
    unitId: 'B',
    planId: 'women',
    kind: 'implementation_plan',
    dueOn: '2025-06-01',
    state: 'returned',
    submittedAt: at('2025-05-30T10:00:00+08:00'),
    acceptedAt: null,
  },
  {
    id: 'B3',
    unitId: 'B',
    planId: 'children',
    kind: 'ad_hoc',
    dueOn: '2025-06-30',
    state: 'in_progress',
    submittedAt: null,
    acceptedAt: null,
  },
  {
    id: 'B4',
    unitId: 'B',
    planId: 'children',
    kind: 'monitoring_data',
    dueOn: '2025-04-30',
    state: 'accepted',
    submittedAt: at('2025-04-30T16:30:00Z'),
    acceptedAt: at('2025-05-06T09:00:00+08:00'),
  },
  {
    id: 'C1',
    unitId: 'C',
    planId: 'women',
    areaIds: [],
    kind: 'annual_report',
    dueOn: '2025-04-30',
    state: 'assigned',
    submittedAt: null,
    acceptedAt: null,
  },
  {
    id: 'C2',
    unitId: 'C',
    planId: 'children',
    kind: 'ad_hoc',
    dueOn: '2025-06-29',
    state: 'acknowledged',
    submittedAt: null,
    acceptedAt: null,
  },
  {
    id: 'C3',
    unitId: 'C',
    planId: 'children',
    kind: 'monitoring_data',
    dueOn: '2025-03-31',
    state: 'cancelled',
    submittedAt: null,
    acceptedAt: null,
  },
];

const byKey = (groups: RateGroup[]): Record<string, RateGroup> => Object.fromEntries(groups.map((g) => [g.key, g]));

describe('rates: scripted scenario', () => {
  const units = byKey(computeRates(tasks, { ...options, groupBy: 'unit', includeKeys: ['A', 'B', 'C', 'D'] }));

  it('unit A: early, on-time-at-the-edge and pending submissions', () => {
    expect(units.A).toEqual({
      key: 'A',
      total: 4,
      cancelled: 0,
      expected: 3,
      submitted: 3,
      accepted: 2,
      pendingReview: 1,
      onTime: 3,
      late: 0,
      overdueOpen: 0,
      notYetDue: 1,
      completionRate: 2 / 3,
      onTimeRate: 1,
      averageDaysLate: null,
    });
  });

  it('unit B: late submissions and a returned task overdue', () => {
    expect(units.B).toMatchObject({
      total: 4,
      expected: 3,
      submitted: 2,
      accepted: 2,
      pendingReview: 0,
      onTime: 0,
      late: 2,
      overdueOpen: 1,
      notYetDue: 1,
    });
    expect(units.B!.completionRate).toBeCloseTo(2 / 3);
    expect(units.B!.onTimeRate).toBe(0);
    expect(units.B!.averageDaysLate).toBeCloseTo((5 + 1 + 29) / 3);
  });

  it('unit C never submits: open overdue tasks fill the denominator, so it does not look perfect', () => {
    expect(units.C).toEqual({
      key: 'C',
      total: 2,
      cancelled: 1,
      expected: 2,
      submitted: 0,
      accepted: 0,
      pendingReview: 0,
      onTime: 0,
      late: 0,
      overdueOpen: 2,
      notYetDue: 0,
      completionRate: 0,
      onTimeRate: 0,
      averageDaysLate: (61 + 1) / 2,
    });
  });

  it('unit D has nothing expected: null rates, not 0 or 1', () => {
    expect(units.D).toMatchObject({
      total: 0,
      expected: 0,
      completionRate: null,
      onTimeRate: null,
      averageDaysLate: null,
    });
  });

  it('per plan', () => {
    const plans = byKey(computeRates(tasks, { ...options, groupBy: 'plan' }));
    expect(Object.keys(plans)).toEqual(['children', 'women']);
    expect(plans.women).toMatchObject({
      total: 5,
      expected: 5,
      accepted: 2,
      onTime: 2,
      late: 1,
      overdueOpen: 2,
      completionRate: 0.4,
      onTimeRate: 0.4,
    });
    expect(plans.women!.averageDaysLate).toBeCloseTo((5 + 29 + 61) / 3);
    expect(plans.children).toMatchObject({
      total: 5,
      cancelled: 1,
      expected: 3,
      accepted: 2,
      onTime: 1,
      late: 1,
      overdueOpen: 1,
      notYetDue: 2,
      averageDaysLate: 1,
    });
    expect(plans.children!.completionRate).toBeCloseTo(2 / 3);
    expect(plans.children!.onTimeRate).toBeCloseTo(1 / 3);
  });

  it('per area: a task of two areas counts in both; tasks without areas are left out', () => {
    const areas = byKey(computeRates(tasks, { ...options, groupBy: 'area' }));
    expect(Object.keys(areas)).toEqual(['education', 'health']);
    expect(areas.health).toMatchObject({
      expected: 2,
      onTime: 2,
      accepted: 1,
      pendingReview: 1,
      onTimeRate: 1,
      completionRate: 0.5,
    });
    expect(areas.education).toMatchObject({
      expected: 2,
      onTime: 1,
      late: 1,
      accepted: 1,
      onTimeRate: 0.5,
      completionRate: 0.5,
      averageDaysLate: 5,
    });
  });

  it('per kind', () => {
    const kinds = byKey(computeRates(tasks, { ...options, groupBy: 'kind' }));
    expect(kinds.annual_report).toMatchObject({
      total: 4,
      expected: 3,
      accepted: 2,
      onTime: 1,
      late: 1,
      overdueOpen: 1,
      notYetDue: 1,
    });
    expect(kinds.monitoring_data).toMatchObject({
      total: 2,
      cancelled: 1,
      expected: 2,
      onTime: 1,
      late: 1,
      accepted: 2,
      completionRate: 1,
      onTimeRate: 0.5,
    });
    expect(kinds.ad_hoc).toMatchObject({ total: 2, expected: 1, overdueOpen: 1, notYetDue: 1, onTimeRate: 0 });
  });

  it('overall', () => {
    const all = computeRateStats(tasks, options);
    expect(all).toMatchObject({
      total: 10,
      cancelled: 1,
      expected: 8,
      submitted: 5,
      accepted: 4,
      onTime: 3,
      late: 2,
      overdueOpen: 3,
      notYetDue: 2,
    });
    expect(all.completionRate).toBe(0.5);
    expect(all.onTimeRate).toBe(3 / 8);
    expect(all.averageDaysLate).toBeCloseTo((5 + 1 + 29 + 61 + 1) / 5);
  });

  it('a day later B3 becomes overdue and joins the denominator', () => {
    const later = byKey(
      computeRates(tasks, { now: at('2025-07-01T00:00:00+08:00'), timeZone: 'Asia/Shanghai', groupBy: 'unit' }),
    );
    expect(later.B).toMatchObject({ expected: 4, overdueOpen: 2, notYetDue: 0 });
    expect(later.B!.completionRate).toBe(0.5);
  });

  it('ranking: on-time rate, then completion, then open overdue, then name; units with nothing due are not ranked', () => {
    const ranked = rankUnits(Object.values(units), {
      A: '自治县妇联',
      B: '自治县教育科技局',
      C: '自治县卫生健康局',
      D: '自治县民政局',
    });
    expect(ranked.map((u) => [u.rank, u.unitId, u.name])).toEqual([
      [1, 'A', '自治县妇联'],
      [2, 'B', '自治县教育科技局'], // on-time 0 like C, but completion 2/3 > 0
      [3, 'C', '自治县卫生健康局'],
      [null, 'D', '自治县民政局'],
    ]);
  });
});

describe('rankUnits', () => {
  const group = (
    key: string,
    onTimeRate: number | null,
    completionRate: number | null,
    overdueOpen: number,
  ): RateGroup => ({
    key,
    total: 0,
    cancelled: 0,
    expected: onTimeRate === null ? 0 : 4,
    submitted: 0,
    accepted: 0,
    pendingReview: 0,
    onTime: 0,
    late: 0,
    overdueOpen,
    notYetDue: 0,
    completionRate,
    onTimeRate,
    averageDaysLate: null,
  });

  it('ties share a rank; names (pinyin order) break ties for display only', () => {
    const ranked = rankUnits(
      [
        group('w', 0.5, 0.5, 1),
        group('f', 0.5, 0.5, 1),
        group('x', 0.5, 0.5, 0),
        group('top', 1, 1, 0),
        group('none', null, null, 0),
        group('low', 0.5, 0.25, 0),
      ],
      new Map([
        ['w', '卫健局'],
        ['f', '妇联'],
        ['x', '乡村振兴局'],
        ['top', '总工会'],
        ['none', '残联'],
        ['low', '法院'],
      ]),
    );
    expect(ranked.map((u) => `${u.rank} ${u.name}`)).toEqual([
      '1 总工会',
      '2 乡村振兴局',
      '3 妇联',
      '3 卫健局',
      '5 法院',
      'null 残联',
    ]);
  });

  it('a unit with nothing due yet is not ranked below units whose every task is overdue; the unranked are listed apart by name', () => {
    const ranked = rankUnits(
      [
        group('late1', 0, 0, 3),
        group('ext', null, null, 0),
        group('late2', 0, 0, 5),
        group('ok', 1, 1, 0),
        group('ext2', null, null, 0),
      ],
      new Map([
        ['late1', '自治县民政局'],
        ['late2', '自治县财政局'],
        ['ok', '自治县妇联'],
        ['ext', '自治县卫生健康局'],
        ['ext2', '自治县残联'],
      ]),
    );
    expect(ranked.map((u) => `${u.rank} ${u.name}`)).toEqual([
      '1 自治县妇联',
      '2 自治县民政局',
      '3 自治县财政局',
      'null 自治县残联',
      'null 自治县卫生健康局',
    ]);
  });

  it('names default to the unit id; prototype keys are not names', () => {
    const ranked = rankUnits([group('constructor', 1, 1, 0), group('b', 1, 1, 0)]);
    expect(ranked.map((u) => u.name)).toEqual(['b', 'constructor']);
    expect(ranked.map((u) => u.rank)).toEqual([1, 1]);
  });
});
