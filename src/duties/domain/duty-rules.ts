/**
 * Per-plan rules that turn a plan into dated duties.
 *
 * The plan texts fix only one date ("规划颁布后1个月内" for implementation plans). Every other date
 * is a setting with a documented default the office sees and can change without code.
 */

import {
  type CalendarDate,
  addMonths,
  calendarDate,
  compareDates,
  daysInMonth,
  isValidCalendarDate,
  yearOf,
} from '../../common/time/calendar-date.util.js';
import {
  type DutyAudience,
  type DutyRecipient,
  type ScheduledDutyKind,
  DUTY_KIND_AUDIENCE,
  DUTY_KIND_RECIPIENT,
  DUTY_KINDS,
} from './duty-kind.js';
import { deepFreeze } from './deep-freeze.util.js';

/** 'MM-DD'. '02-29' means the last day of February (clamped in common years). */
export type MonthDay = string;

/** 0: due in the year the duty is about; 1: due in the following year. */
export type DueYearOffset = 0 | 1;

export interface DueRule {
  dueMonthDay: MonthDay;
  /** Absent: the section's DEFAULT_DUE_YEAR_OFFSETS value (config/default.yaml carries no offset). */
  dueYearOffset?: DueYearOffset;
}

export interface DutyRuleSettings {
  implementationPlan: { enabled: boolean; monthsAfterIssue: number };
  /** The report about plan year Y: dueMonthDay of Y + dueYearOffset (default Y+1). */
  annualReport: { enabled: boolean } & DueRule;
  /** Monitoring data for plan year Y: dueMonthDay of Y + dueYearOffset (default Y+1). */
  monitoringData: { enabled: boolean } & DueRule;
  /**
   * 'auto': as the plan's text says (中期评估 asked for or not); for a plan whose text is not known,
   * on for plans of MIDTERM_AUTO_MIN_YEARS years or more. `year` null/absent: the middle
   * year, periodStart + floor((periodEnd − periodStart) / 2). Due: dueMonthDay of year + offset
   * (default 0).
   */
  midtermEvaluation: { enabled: boolean | 'auto'; year?: number | null } & DueRule;
  /** Final evaluation: dueMonthDay of periodEnd + dueYearOffset (default 0, the last plan year). */
  finalEvaluation: { enabled: boolean } & DueRule;
  /** The office's report upward about year Y: dueMonthDay of Y + dueYearOffset (default Y+1). */
  upwardReport: { enabled: boolean } & DueRule;
}

export type DatedSection = Exclude<keyof DutyRuleSettings, 'implementationPlan'>;

/**
 * Which year a month-day falls in when a settings object gives no offset. These are the
 * conventions config/default.yaml's comments state: reports and data about year Y fall due in
 * Y+1; evaluations fall due in the year they concern.
 */
export const DEFAULT_DUE_YEAR_OFFSETS: Readonly<Record<DatedSection, DueYearOffset>> = deepFreeze({
  annualReport: 1,
  monitoringData: 1,
  midtermEvaluation: 0,
  finalEvaluation: 0,
  upwardReport: 1,
});

/** Ten-year plans have a mid-term evaluation; five-year plans often do not (威宁 has none). */
export const MIDTERM_AUTO_MIN_YEARS = 8;

/** The sections of the rules, in the order an office meets them. */
export const DUTY_RULE_SECTIONS = [
  'implementationPlan',
  'annualReport',
  'monitoringData',
  'midtermEvaluation',
  'finalEvaluation',
  'upwardReport',
] as const satisfies readonly (keyof DutyRuleSettings)[];

/** The `duties:` section of the configuration, as far as the rules read it. */
export interface DutyRulesConfig {
  implementationPlan: { enabled: boolean; monthsAfterIssue: number };
  annualReport: { enabled: boolean; dueMonthDay: string };
  monitoringData: { enabled: boolean; dueMonthDay: string };
  midtermEvaluation: { enabled: boolean | 'auto'; dueMonthDay: string };
  finalEvaluation: { enabled: boolean; dueMonthDay: string };
  upwardReport: { enabled: boolean; dueMonthDay: string };
}

/**
 * The rules every plan gets unless the office changes them. The values have one home,
 * config/default.yaml (`duties:`), where their reasons are written: implementation plan 1 month
 * after issue (规划颁布后1个月内); the annual report and monitoring data on year Y in Y+1; the
 * upward report a month after the units' reports; the mid-term evaluation 'auto'; the final
 * evaluation in the last plan year. Here they get the year offsets above and no fixed mid-term year.
 */
export function dutyRulesFromConfig(d: DutyRulesConfig): DutyRuleSettings {
  const dated = <K extends DatedSection>(key: K) => ({
    enabled: d[key].enabled,
    dueMonthDay: d[key].dueMonthDay as MonthDay,
    dueYearOffset: DEFAULT_DUE_YEAR_OFFSETS[key],
  });
  return deepFreeze({
    implementationPlan: {
      enabled: d.implementationPlan.enabled,
      monthsAfterIssue: d.implementationPlan.monthsAfterIssue,
    },
    annualReport: dated('annualReport'),
    monitoringData: dated('monitoringData'),
    midtermEvaluation: { ...dated('midtermEvaluation'), year: null },
    finalEvaluation: dated('finalEvaluation'),
    upwardReport: dated('upwardReport'),
  }) as DutyRuleSettings;
}

export type DutyRuleSettingsPatch = { [K in keyof DutyRuleSettings]?: Partial<DutyRuleSettings[K]> };

/** Stored settings may be partial (only what the office changed): fill the rest from the defaults. */
export function withDutyRuleDefaults(defaults: DutyRuleSettings, patch: DutyRuleSettingsPatch = {}): DutyRuleSettings {
  const merged = {} as Record<string, unknown>;
  for (const key of DUTY_RULE_SECTIONS) merged[key] = { ...defaults[key], ...(patch[key] ?? {}) };
  return merged as unknown as DutyRuleSettings;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

export interface PlanPeriod {
  periodStart: number;
  periodEnd: number;
  issuedOn: CalendarDate | null;
  /** The plan's text asks for a mid-term evaluation (true), names only the final one (false), or is not known (null/absent). */
  midtermInText?: boolean | null;
}

const MONTH_DAY_RE = /^(\d{2})-(\d{2})$/;
const MAX_MONTHS_AFTER_ISSUE = 12;

export function isValidMonthDay(value: unknown): value is MonthDay {
  if (typeof value !== 'string') return false;
  const match = MONTH_DAY_RE.exec(value);
  if (!match) return false;
  const m = Number(match[1]);
  const d = Number(match[2]);
  // Checked against a leap year so '02-29' is accepted (it clamps to 02-28 in common years).
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(2024, m);
}

function describe(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/**
 * Problems with a settings object (typically parsed JSON), one message per problem naming the
 * key, the value given and what is allowed. With a plan, also checks the mid-term year lies in
 * the plan period. Empty array = valid.
 */
export function validateDutyRuleSettings(
  settings: unknown,
  plan?: Pick<PlanPeriod, 'periodStart' | 'periodEnd'>,
): string[] {
  const errors: string[] = [];
  const fail = (key: string, value: unknown, allowed: string): void => {
    errors.push(`${key}: ${describe(value)} is not allowed (allowed: ${allowed})`);
  };
  if (typeof settings !== 'object' || settings === null) {
    fail('settings', settings, 'an object');
    return errors;
  }
  const s = settings as Record<string, unknown>;
  const section = (key: keyof DutyRuleSettings): Record<string, unknown> | null => {
    const value = s[key];
    if (typeof value !== 'object' || value === null) {
      fail(key, value, 'an object');
      return null;
    }
    return value as Record<string, unknown>;
  };
  const checkBoolean = (key: string, value: unknown): void => {
    if (typeof value !== 'boolean') fail(key, value, 'true | false');
  };
  const checkDue = (key: string, sec: Record<string, unknown>): void => {
    if (!isValidMonthDay(sec.dueMonthDay)) fail(`${key}.dueMonthDay`, sec.dueMonthDay, "'MM-DD', e.g. '12-20'");
    if (sec.dueYearOffset !== undefined && sec.dueYearOffset !== 0 && sec.dueYearOffset !== 1) {
      fail(`${key}.dueYearOffset`, sec.dueYearOffset, '0 | 1 (or absent for the default)');
    }
  };

  const impl = section('implementationPlan');
  if (impl) {
    checkBoolean('implementationPlan.enabled', impl.enabled);
    const months = impl.monthsAfterIssue;
    if (typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > MAX_MONTHS_AFTER_ISSUE) {
      fail('implementationPlan.monthsAfterIssue', months, `an integer 1..${MAX_MONTHS_AFTER_ISSUE}`);
    }
  }
  for (const key of ['annualReport', 'monitoringData', 'finalEvaluation', 'upwardReport'] as const) {
    const sec = section(key);
    if (!sec) continue;
    checkBoolean(`${key}.enabled`, sec.enabled);
    checkDue(key, sec);
  }
  const mid = section('midtermEvaluation');
  if (mid) {
    if (mid.enabled !== true && mid.enabled !== false && mid.enabled !== 'auto') {
      fail('midtermEvaluation.enabled', mid.enabled, "true | false | 'auto'");
    }
    checkDue('midtermEvaluation', mid);
    const year = mid.year;
    if (year !== undefined && year !== null) {
      if (typeof year !== 'number' || !Number.isInteger(year)) {
        fail('midtermEvaluation.year', year, 'null (middle year) or a year of the plan period');
      } else if (plan && (year < plan.periodStart || year > plan.periodEnd)) {
        fail('midtermEvaluation.year', year, `null (middle year) or ${plan.periodStart}..${plan.periodEnd}`);
      }
    }
  }
  return errors;
}

export function validatePlanPeriod(plan: PlanPeriod): string[] {
  const errors: string[] = [];
  const { periodStart, periodEnd, issuedOn } = plan;
  if (!Number.isInteger(periodStart) || periodStart < 1900 || periodStart > 2999) {
    errors.push(`periodStart: ${describe(periodStart)} is not allowed (allowed: a year 1900..2999)`);
  }
  if (!Number.isInteger(periodEnd) || periodEnd < periodStart) {
    errors.push(`periodEnd: ${describe(periodEnd)} is not allowed (allowed: a year >= periodStart)`);
  }
  if (issuedOn !== null && !isValidCalendarDate(issuedOn)) {
    errors.push(`issuedOn: ${describe(issuedOn)} is not allowed (allowed: null or 'YYYY-MM-DD')`);
  }
  return errors;
}

export class DutyRuleError extends RangeError {
  constructor(readonly errors: string[]) {
    super(`Invalid duty rules or plan: ${errors.join('; ')}`);
    this.name = 'DutyRuleError';
  }
}

// ---------------------------------------------------------------------------------------------
// Schedule
// ---------------------------------------------------------------------------------------------

export interface ScheduledDuty {
  kind: ScheduledDutyKind;
  /** Stable key within the kind: 'once' | '2023' | 'midterm-2025' | 'final-2025'. */
  period: string;
  /** The plan year the duty is about; null for the implementation plan. */
  year: number | null;
  dueOn: CalendarDate;
  audience: DutyAudience;
  recipient: DutyRecipient;
}

export type SkipReason =
  /** Implementation plan: its deadline counts from the issue date, which is not recorded. */
  | 'no_issue_date'
  /** The due date falls on or before the issue date: the duty cannot be owed. */
  | 'due_on_or_before_issue'
  /** Mid-term evaluation 'auto', the text is not known and the plan is shorter than MIDTERM_AUTO_MIN_YEARS. */
  | 'midterm_auto_off'
  /** Mid-term evaluation 'auto' and the plan's text names no mid-term evaluation. */
  | 'midterm_not_in_text';

export interface SkippedDuty {
  kind: ScheduledDutyKind;
  period: string;
  year: number | null;
  dueOn: CalendarDate | null;
  reason: SkipReason;
}

export interface DutyScheduleExplanation {
  /** Whether the plan owes a mid-term evaluation, in which year, and why (shown to the office, which may change it in the rules). */
  midterm: MidtermDecision;
  duties: ScheduledDuty[];
  /** Duties the rules would create but did not, with why: to show the office. */
  skipped: SkippedDuty[];
}

function dueIn(year: number, rules: DutyRuleSettings, section: DatedSection): CalendarDate {
  const rule = rules[section];
  const [m, d] = rule.dueMonthDay.split('-').map(Number) as [number, number];
  const dueYear = year + (rule.dueYearOffset ?? DEFAULT_DUE_YEAR_OFFSETS[section]);
  return calendarDate(dueYear, m, Math.min(d, daysInMonth(dueYear, m)));
}

export function midtermYearOf(plan: Pick<PlanPeriod, 'periodStart' | 'periodEnd'>, rules: DutyRuleSettings): number {
  const configured = rules.midtermEvaluation.year;
  if (configured !== undefined && configured !== null) return configured;
  // 2021–2030 → 2025, 2021–2025 → 2023.
  return plan.periodStart + Math.floor((plan.periodEnd - plan.periodStart) / 2);
}

/** Where the mid-term decision comes from: the office's rules, the plan's text, or (text unknown) the plan's length. */
export type MidtermSource = 'rules' | 'plan_text' | 'plan_length';

export interface MidtermDecision {
  enabled: boolean;
  source: MidtermSource;
  year: number;
}

export function midtermDecision(
  plan: Pick<PlanPeriod, 'periodStart' | 'periodEnd' | 'midtermInText'>,
  rules: DutyRuleSettings,
): MidtermDecision {
  const enabled = rules.midtermEvaluation.enabled;
  const year = midtermYearOf(plan, rules);
  if (enabled !== 'auto') return { enabled, source: 'rules', year };
  if (plan.midtermInText === true || plan.midtermInText === false)
    return { enabled: plan.midtermInText, source: 'plan_text', year };
  return { enabled: plan.periodEnd - plan.periodStart + 1 >= MIDTERM_AUTO_MIN_YEARS, source: 'plan_length', year };
}

export function isMidtermEnabled(
  plan: Pick<PlanPeriod, 'periodStart' | 'periodEnd' | 'midtermInText'>,
  rules: DutyRuleSettings,
): boolean {
  return midtermDecision(plan, rules).enabled;
}

/**
 * First plan year with annual duties: the issue year (a 2021–2025 plan issued May 2023 starts in
 * 2023: nobody can owe a report on 2021 for a plan that did not exist), never before periodStart;
 * periodStart when the issue date is unknown.
 */
export function firstDutyYear(plan: PlanPeriod): number {
  if (plan.issuedOn === null) return plan.periodStart;
  return Math.max(plan.periodStart, yearOf(plan.issuedOn));
}

const KIND_ORDER = new Map<string, number>(DUTY_KINDS.map((k, i) => [k, i]));

/** computeDutySchedule, plus the duties left out and why. Throws DutyRuleError on invalid input. */
export function explainDutySchedule(plan: PlanPeriod, rules: DutyRuleSettings): DutyScheduleExplanation {
  const errors = [...validatePlanPeriod(plan), ...validateDutyRuleSettings(rules, plan)];
  if (errors.length > 0) throw new DutyRuleError(errors);

  const duties: ScheduledDuty[] = [];
  const skipped: SkippedDuty[] = [];
  const add = (kind: ScheduledDutyKind, period: string, year: number | null, dueOn: CalendarDate): void => {
    // A duty due on or before the issue date cannot be owed (e.g. a 2021–2030 plan issued in
    // 2026 owes no mid-term evaluation due 2025-12-31).
    if (plan.issuedOn !== null && compareDates(dueOn, plan.issuedOn) <= 0) {
      skipped.push({ kind, period, year, dueOn, reason: 'due_on_or_before_issue' });
      return;
    }
    duties.push({
      kind,
      period,
      year,
      dueOn,
      audience: DUTY_KIND_AUDIENCE[kind],
      recipient: DUTY_KIND_RECIPIENT[kind],
    });
  };

  if (rules.implementationPlan.enabled) {
    if (plan.issuedOn === null) {
      skipped.push({ kind: 'implementation_plan', period: 'once', year: null, dueOn: null, reason: 'no_issue_date' });
    } else {
      add('implementation_plan', 'once', null, addMonths(plan.issuedOn, rules.implementationPlan.monthsAfterIssue));
    }
  }

  for (let year = firstDutyYear(plan); year <= plan.periodEnd; year++) {
    if (rules.annualReport.enabled) add('annual_report', String(year), year, dueIn(year, rules, 'annualReport'));
    if (rules.monitoringData.enabled) add('monitoring_data', String(year), year, dueIn(year, rules, 'monitoringData'));
    if (rules.upwardReport.enabled) add('upward_report', String(year), year, dueIn(year, rules, 'upwardReport'));
  }

  const midterm = midtermDecision(plan, rules);
  const midYear = midterm.year;
  if (midterm.enabled) {
    add('midterm_evaluation', `midterm-${midYear}`, midYear, dueIn(midYear, rules, 'midtermEvaluation'));
  } else if (midterm.source !== 'rules') {
    skipped.push({
      kind: 'midterm_evaluation',
      period: `midterm-${midYear}`,
      year: midYear,
      dueOn: dueIn(midYear, rules, 'midtermEvaluation'),
      reason: midterm.source === 'plan_text' ? 'midterm_not_in_text' : 'midterm_auto_off',
    });
  }

  if (rules.finalEvaluation.enabled) {
    add('final_evaluation', `final-${plan.periodEnd}`, plan.periodEnd, dueIn(plan.periodEnd, rules, 'finalEvaluation'));
  }

  duties.sort(
    (a, b) =>
      compareDates(a.dueOn, b.dueOn) ||
      (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0) ||
      a.period.localeCompare(b.period),
  );
  return { midterm, duties, skipped };
}

/** The dated duties a plan creates, sorted by due date. Throws DutyRuleError on invalid input. */
export function computeDutySchedule(plan: PlanPeriod, rules: DutyRuleSettings): ScheduledDuty[] {
  return explainDutySchedule(plan, rules).duties;
}
