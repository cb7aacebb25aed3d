import { describe, it, expect } from '@jest/globals';
import {
  DEFAULT_DUE_YEAR_OFFSETS,
  DutyRuleError,
  type DutyRuleSettings,
  type PlanPeriod,
  type ScheduledDuty,
  computeDutySchedule,
  explainDutySchedule,
  firstDutyYear,
  isValidMonthDay,
  midtermYearOf,
  validateDutyRuleSettings,
  validatePlanPeriod,
  dutyRulesFromConfig,
  withDutyRuleDefaults,
} from '../duty-rules.js';
import { configDefaults } from '../../../config/config-defaults.js';

/** The shipped defaults (config/default.yaml: their one home). */
const DEFAULT_DUTY_RULES = dutyRulesFromConfig(configDefaults().duties);

/** Compact form: 'kind period dueOn'. */
const brief = (duties: ScheduledDuty[]): string[] => duties.map((d) => `${d.kind} ${d.period} ${d.dueOn}`);

describe('DEFAULT_DUTY_RULES', () => {
  it('are valid and frozen', () => {
    expect(validateDutyRuleSettings(DEFAULT_DUTY_RULES)).toEqual([]);
    expect(Object.isFrozen(DEFAULT_DUTY_RULES)).toBe(true);
    expect(Object.isFrozen(DEFAULT_DUTY_RULES.annualReport)).toBe(true);
  });

  it('withDutyRuleDefaults fills what the office did not change', () => {
    const rules = withDutyRuleDefaults(DEFAULT_DUTY_RULES, {
      midtermEvaluation: { enabled: true },
      annualReport: { dueMonthDay: '12-20', dueYearOffset: 0 },
    });
    expect(rules.midtermEvaluation).toEqual({ enabled: true, year: null, dueMonthDay: '12-31', dueYearOffset: 0 });
    expect(rules.annualReport).toEqual({ enabled: true, dueMonthDay: '12-20', dueYearOffset: 0 });
    expect(rules.upwardReport).toEqual(DEFAULT_DUTY_RULES.upwardReport);
    expect(DEFAULT_DUTY_RULES.annualReport.dueMonthDay).toBe('01-31');
    expect(withDutyRuleDefaults(DEFAULT_DUTY_RULES)).toEqual(DEFAULT_DUTY_RULES);
  });
});

describe('computeDutySchedule', () => {
  it('2021–2025 plan issued 2023-05-05 (威府发〔2023〕4号): duties from 2023, no mid-term, final 2025', () => {
    const plan = { periodStart: 2021, periodEnd: 2025, issuedOn: '2023-05-05' };
    const { duties, skipped } = explainDutySchedule(plan, DEFAULT_DUTY_RULES);
    expect(brief(duties)).toEqual([
      'implementation_plan once 2023-06-05',
      'annual_report 2023 2024-01-31',
      'monitoring_data 2023 2024-01-31',
      'upward_report 2023 2024-02-28',
      'annual_report 2024 2025-01-31',
      'monitoring_data 2024 2025-01-31',
      'upward_report 2024 2025-02-28',
      'final_evaluation final-2025 2025-12-31',
      'annual_report 2025 2026-01-31',
      'monitoring_data 2025 2026-01-31',
      'upward_report 2025 2026-02-28',
    ]);
    expect(skipped).toEqual([
      {
        kind: 'midterm_evaluation',
        period: 'midterm-2023',
        year: 2023,
        dueOn: '2023-12-31',
        reason: 'midterm_auto_off',
      },
    ]);
    expect(duties.some((d) => d.kind === 'midterm_evaluation')).toBe(false);
    expect(duties.find((d) => d.kind === 'implementation_plan')).toEqual({
      kind: 'implementation_plan',
      period: 'once',
      year: null,
      dueOn: '2023-06-05',
      audience: 'member_units_with_goals',
      recipient: 'committee_office',
    });
    expect(duties.find((d) => d.kind === 'monitoring_data')).toMatchObject({
      year: 2023,
      audience: 'lead_units_with_indicators',
      recipient: 'statistics_bureau',
    });
    expect(duties.find((d) => d.kind === 'upward_report')).toMatchObject({
      audience: 'office',
      recipient: 'upper_committee',
    });
    expect(duties.find((d) => d.kind === 'final_evaluation')).toMatchObject({
      year: 2025,
      audience: 'member_units_with_goals',
      recipient: 'committee',
    });
  });

  it('2021–2030 plan: mid-term evaluation on by default, in 2025', () => {
    const plan = { periodStart: 2021, periodEnd: 2030, issuedOn: '2022-03-08' };
    const duties = computeDutySchedule(plan, DEFAULT_DUTY_RULES);
    expect(
      brief(
        duties.filter(
          (d) => d.kind === 'midterm_evaluation' || d.kind === 'final_evaluation' || d.kind === 'implementation_plan',
        ),
      ),
    ).toEqual([
      'implementation_plan once 2022-04-08',
      'midterm_evaluation midterm-2025 2025-12-31',
      'final_evaluation final-2030 2030-12-31',
    ]);
    const years = (kind: string): (number | null)[] => duties.filter((d) => d.kind === kind).map((d) => d.year);
    const expectedYears = [2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030];
    expect(years('annual_report')).toEqual(expectedYears);
    expect(years('monitoring_data')).toEqual(expectedYears);
    expect(years('upward_report')).toEqual(expectedYears);
    expect(duties).toHaveLength(1 + 9 * 3 + 1 + 1);
    // Sorted by due date.
    expect(duties.map((d) => d.dueOn)).toEqual([...duties.map((d) => d.dueOn)].sort());
    // Keys are unique per kind.
    expect(new Set(duties.map((d) => `${d.kind}/${d.period}`)).size).toBe(duties.length);
  });

  it('no issue date: annual duties from periodStart, implementation plan left out and explained', () => {
    const plan = { periodStart: 2021, periodEnd: 2025, issuedOn: null };
    const { duties, skipped } = explainDutySchedule(plan, DEFAULT_DUTY_RULES);
    expect(duties.some((d) => d.kind === 'implementation_plan')).toBe(false);
    expect(skipped).toContainEqual({
      kind: 'implementation_plan',
      period: 'once',
      year: null,
      dueOn: null,
      reason: 'no_issue_date',
    });
    expect(duties.filter((d) => d.kind === 'annual_report').map((d) => d.period)).toEqual([
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
    ]);
    expect(duties).toHaveLength(5 * 3 + 1);
  });

  it('implementation plan: one calendar month, clamped to month end', () => {
    const implDue = (issuedOn: string, periodStart = 2021, periodEnd = 2030): string | undefined =>
      computeDutySchedule({ periodStart, periodEnd, issuedOn }, DEFAULT_DUTY_RULES).find(
        (d) => d.kind === 'implementation_plan',
      )?.dueOn;
    expect(implDue('2023-01-31')).toBe('2023-02-28');
    expect(implDue('2024-01-31')).toBe('2024-02-29');
    expect(implDue('2023-12-15')).toBe('2024-01-15');
    const twoMonths = withDutyRuleDefaults(DEFAULT_DUTY_RULES, { implementationPlan: { monthsAfterIssue: 2 } });
    const duties = computeDutySchedule({ periodStart: 2021, periodEnd: 2030, issuedOn: '2023-12-31' }, twoMonths);
    expect(duties.find((d) => d.kind === 'implementation_plan')?.dueOn).toBe('2024-02-29');
  });

  it('mid-term switch: forced on for a five-year plan, off for a ten-year plan, year override', () => {
    const five = { periodStart: 2021, periodEnd: 2025, issuedOn: '2021-09-01' };
    const ten = { periodStart: 2021, periodEnd: 2030, issuedOn: '2021-09-01' };
    const on = withDutyRuleDefaults(DEFAULT_DUTY_RULES, { midtermEvaluation: { enabled: true } });
    const off = withDutyRuleDefaults(DEFAULT_DUTY_RULES, { midtermEvaluation: { enabled: false } });
    const mid = (plan: PlanPeriod, rules: DutyRuleSettings): string[] =>
      brief(computeDutySchedule(plan, rules).filter((d) => d.kind === 'midterm_evaluation'));
    expect(mid(five, on)).toEqual(['midterm_evaluation midterm-2023 2023-12-31']);
    expect(mid(ten, off)).toEqual([]);
    // Turned off explicitly: nothing to explain.
    expect(explainDutySchedule(ten, off).skipped).toEqual([]);
    expect(
      mid(ten, withDutyRuleDefaults(DEFAULT_DUTY_RULES, { midtermEvaluation: { year: 2026, dueMonthDay: '06-30' } })),
    ).toEqual(['midterm_evaluation midterm-2026 2026-06-30']);
    expect(midtermYearOf({ periodStart: 2021, periodEnd: 2030 }, DEFAULT_DUTY_RULES)).toBe(2025);
    expect(midtermYearOf({ periodStart: 2011, periodEnd: 2020 }, DEFAULT_DUTY_RULES)).toBe(2015);
    expect(midtermYearOf({ periodStart: 2021, periodEnd: 2025 }, DEFAULT_DUTY_RULES)).toBe(2023);
    // 'auto' threshold: 8 years on, 7 off.
    expect(mid({ periodStart: 2021, periodEnd: 2028, issuedOn: null }, DEFAULT_DUTY_RULES)).toEqual([
      'midterm_evaluation midterm-2024 2024-12-31',
    ]);
    expect(mid({ periodStart: 2021, periodEnd: 2027, issuedOn: null }, DEFAULT_DUTY_RULES)).toEqual([]);
  });

  it("mid-term 'auto' follows the plan's text: on when it asks for 中期评估, off when it names only 终期评估; the office's rules win", () => {
    const mid = (plan: PlanPeriod, rules: DutyRuleSettings = DEFAULT_DUTY_RULES): string[] =>
      brief(computeDutySchedule(plan, rules).filter((d) => d.kind === 'midterm_evaluation'));
    const fiveAsking = { periodStart: 2021, periodEnd: 2025, issuedOn: '2021-09-01', midtermInText: true };
    const tenSilent = { periodStart: 2021, periodEnd: 2030, issuedOn: '2021-09-01', midtermInText: false };
    // A five-year plan whose text asks for one: the middle year, 2021 + ⌊4/2⌋ = 2023.
    expect(mid(fiveAsking)).toEqual(['midterm_evaluation midterm-2023 2023-12-31']);
    expect(explainDutySchedule(fiveAsking, DEFAULT_DUTY_RULES).midterm).toEqual({
      enabled: true,
      source: 'plan_text',
      year: 2023,
    });
    // A ten-year plan whose text names only the final evaluation: none, explained.
    expect(mid(tenSilent)).toEqual([]);
    expect(explainDutySchedule(tenSilent, DEFAULT_DUTY_RULES)).toMatchObject({
      midterm: { enabled: false, source: 'plan_text', year: 2025 },
      skipped: [
        {
          kind: 'midterm_evaluation',
          period: 'midterm-2025',
          year: 2025,
          dueOn: '2025-12-31',
          reason: 'midterm_not_in_text',
        },
      ],
    });
    // The office changes the choice in the rules: on, in another year; or off.
    expect(
      mid(tenSilent, withDutyRuleDefaults(DEFAULT_DUTY_RULES, { midtermEvaluation: { enabled: true, year: 2026 } })),
    ).toEqual(['midterm_evaluation midterm-2026 2026-12-31']);
    expect(
      explainDutySchedule(
        fiveAsking,
        withDutyRuleDefaults(DEFAULT_DUTY_RULES, { midtermEvaluation: { enabled: false } }),
      ),
    ).toMatchObject({ midterm: { enabled: false, source: 'rules' }, skipped: [] });
    // Text not known (a plan typed in): the plan's length decides.
    expect(
      explainDutySchedule(
        { periodStart: 2021, periodEnd: 2025, issuedOn: null, midtermInText: null },
        DEFAULT_DUTY_RULES,
      ).midterm,
    ).toEqual({ enabled: false, source: 'plan_length', year: 2023 });
  });

  it('duties due on or before the issue date are dropped and explained', () => {
    // A ten-year plan issued after its mid-term date owes no mid-term evaluation.
    const late = explainDutySchedule(
      { periodStart: 2021, periodEnd: 2030, issuedOn: '2026-03-01' },
      DEFAULT_DUTY_RULES,
    );
    expect(late.duties.some((d) => d.kind === 'midterm_evaluation')).toBe(false);
    expect(late.skipped).toEqual([
      {
        kind: 'midterm_evaluation',
        period: 'midterm-2025',
        year: 2025,
        dueOn: '2025-12-31',
        reason: 'due_on_or_before_issue',
      },
    ]);
    // Same-year due dates: a plan issued on 20 December misses a 12-20 annual report of that year only.
    const sameYear = withDutyRuleDefaults(DEFAULT_DUTY_RULES, {
      annualReport: { dueMonthDay: '12-20', dueYearOffset: 0 },
    });
    const { duties, skipped } = explainDutySchedule(
      { periodStart: 2021, periodEnd: 2025, issuedOn: '2023-12-20' },
      sameYear,
    );
    expect(skipped).toContainEqual({
      kind: 'annual_report',
      period: '2023',
      year: 2023,
      dueOn: '2023-12-20',
      reason: 'due_on_or_before_issue',
    });
    expect(brief(duties.filter((d) => d.kind === 'annual_report'))).toEqual([
      'annual_report 2024 2024-12-20',
      'annual_report 2025 2025-12-20',
    ]);
    // Due the next year: still owed.
    expect(brief(duties.filter((d) => d.year === 2023))).toEqual([
      'monitoring_data 2023 2024-01-31',
      'upward_report 2023 2024-02-28',
    ]);
  });

  it('settings shaped like config/default.yaml (no offsets) give the default schedule', () => {
    const fromConfig: DutyRuleSettings = {
      implementationPlan: { enabled: true, monthsAfterIssue: 1 },
      annualReport: { enabled: true, dueMonthDay: '01-31' },
      monitoringData: { enabled: true, dueMonthDay: '01-31' },
      midtermEvaluation: { enabled: 'auto', dueMonthDay: '12-31' },
      finalEvaluation: { enabled: true, dueMonthDay: '12-31' },
      upwardReport: { enabled: true, dueMonthDay: '02-28' },
    };
    expect(validateDutyRuleSettings(fromConfig)).toEqual([]);
    for (const plan of [
      { periodStart: 2021, periodEnd: 2025, issuedOn: '2023-05-05' },
      { periodStart: 2021, periodEnd: 2030, issuedOn: null },
    ]) {
      expect(explainDutySchedule(plan, fromConfig)).toEqual(explainDutySchedule(plan, DEFAULT_DUTY_RULES));
    }
    expect(DEFAULT_DUE_YEAR_OFFSETS).toEqual({
      annualReport: 1,
      monitoringData: 1,
      midtermEvaluation: 0,
      finalEvaluation: 0,
      upwardReport: 1,
    });
  });

  it('issued before the period starts: annual duties from periodStart', () => {
    const plan = { periodStart: 2021, periodEnd: 2025, issuedOn: '2020-12-01' };
    expect(firstDutyYear(plan)).toBe(2021);
    const duties = computeDutySchedule(plan, DEFAULT_DUTY_RULES);
    expect(duties[0]).toMatchObject({ kind: 'implementation_plan', dueOn: '2021-01-01' });
    expect(duties.filter((d) => d.kind === 'annual_report').map((d) => d.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
  });

  it("'02-29' means the end of February", () => {
    const rules = withDutyRuleDefaults(DEFAULT_DUTY_RULES, {
      monitoringData: { dueMonthDay: '02-29', dueYearOffset: 1 },
    });
    const due = computeDutySchedule({ periodStart: 2023, periodEnd: 2024, issuedOn: null }, rules)
      .filter((d) => d.kind === 'monitoring_data')
      .map((d) => d.dueOn);
    expect(due).toEqual(['2024-02-29', '2025-02-28']);
  });

  it('disabled kinds produce nothing', () => {
    const rules = withDutyRuleDefaults(DEFAULT_DUTY_RULES, {
      annualReport: { enabled: false },
      monitoringData: { enabled: false },
      upwardReport: { enabled: false },
      implementationPlan: { enabled: false },
      finalEvaluation: { enabled: false },
    });
    expect(
      computeDutySchedule({ periodStart: 2021, periodEnd: 2030, issuedOn: '2021-06-01' }, rules).map((d) => d.kind),
    ).toEqual(['midterm_evaluation']);
  });

  it('throws DutyRuleError on invalid plan or rules', () => {
    expect(() =>
      computeDutySchedule({ periodStart: 2025, periodEnd: 2021, issuedOn: null }, DEFAULT_DUTY_RULES),
    ).toThrow(DutyRuleError);
    expect(() =>
      computeDutySchedule({ periodStart: 2021, periodEnd: 2025, issuedOn: '2023-02-30' }, DEFAULT_DUTY_RULES),
    ).toThrow(/issuedOn/);
    const badYear = withDutyRuleDefaults(DEFAULT_DUTY_RULES, { midtermEvaluation: { enabled: true, year: 2031 } });
    try {
      computeDutySchedule({ periodStart: 2021, periodEnd: 2030, issuedOn: null }, badYear);
      throw new Error('expected a DutyRuleError');
    } catch (e) {
      expect(e).toBeInstanceOf(DutyRuleError);
      expect((e as DutyRuleError).errors).toEqual([
        'midtermEvaluation.year: 2031 is not allowed (allowed: null (middle year) or 2021..2030)',
      ]);
    }
  });
});

describe('validateDutyRuleSettings', () => {
  it('names key, value and what is allowed', () => {
    const errors = validateDutyRuleSettings({
      implementationPlan: { enabled: 'yes', monthsAfterIssue: 0 },
      annualReport: { enabled: true, dueMonthDay: '13-01', dueYearOffset: 0 },
      monitoringData: { enabled: true, dueMonthDay: '02-30', dueYearOffset: 2 },
      midtermEvaluation: { enabled: 'sometimes', year: 2025.5, dueMonthDay: '11-30', dueYearOffset: 0 },
      finalEvaluation: { enabled: true, dueMonthDay: '1130', dueYearOffset: 0 },
    });
    expect(errors).toEqual([
      'implementationPlan.enabled: "yes" is not allowed (allowed: true | false)',
      'implementationPlan.monthsAfterIssue: 0 is not allowed (allowed: an integer 1..12)',
      "annualReport.dueMonthDay: \"13-01\" is not allowed (allowed: 'MM-DD', e.g. '12-20')",
      "monitoringData.dueMonthDay: \"02-30\" is not allowed (allowed: 'MM-DD', e.g. '12-20')",
      'monitoringData.dueYearOffset: 2 is not allowed (allowed: 0 | 1 (or absent for the default))',
      "finalEvaluation.dueMonthDay: \"1130\" is not allowed (allowed: 'MM-DD', e.g. '12-20')",
      'upwardReport: undefined is not allowed (allowed: an object)',
      'midtermEvaluation.enabled: "sometimes" is not allowed (allowed: true | false | \'auto\')',
      'midtermEvaluation.year: 2025.5 is not allowed (allowed: null (middle year) or a year of the plan period)',
    ]);
  });

  it('non-objects', () => {
    expect(validateDutyRuleSettings(null)).toEqual(['settings: null is not allowed (allowed: an object)']);
  });

  it('mid-term year is checked against the plan only when a plan is given', () => {
    const rules = withDutyRuleDefaults(DEFAULT_DUTY_RULES, { midtermEvaluation: { year: 2019 } });
    expect(validateDutyRuleSettings(rules)).toEqual([]);
    expect(validateDutyRuleSettings(rules, { periodStart: 2021, periodEnd: 2025 })).toHaveLength(1);
  });

  it('isValidMonthDay', () => {
    expect(isValidMonthDay('02-29')).toBe(true);
    expect(isValidMonthDay('04-31')).toBe(false);
    expect(isValidMonthDay('12-31')).toBe(true);
    expect(isValidMonthDay('00-10')).toBe(false);
    expect(isValidMonthDay('1-1')).toBe(false);
  });

  it('validatePlanPeriod', () => {
    expect(validatePlanPeriod({ periodStart: 2021, periodEnd: 2025, issuedOn: '2023-05-05' })).toEqual([]);
    expect(validatePlanPeriod({ periodStart: 2021.5, periodEnd: 2020, issuedOn: 'May 2023' })).toHaveLength(3);
  });
});
