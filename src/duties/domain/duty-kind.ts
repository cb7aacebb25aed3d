/**
 * Kinds of duty a plan creates (from 三、组织实施 and 四、监测评估 of the plan texts), plus ad hoc
 * assignments (交办) the office makes by hand.
 */

import { deepFreeze } from './deep-freeze.util.js';

export const DUTY_KINDS = [
  'implementation_plan',
  'annual_report',
  'monitoring_data',
  'midterm_evaluation',
  'final_evaluation',
  'upward_report',
  'ad_hoc',
] as const;

export type DutyKind = (typeof DUTY_KINDS)[number];

/** Kinds the schedule derives from a plan; ad hoc duties are created by the office. */
export type ScheduledDutyKind = Exclude<DutyKind, 'ad_hoc'>;

import type { Locale } from '../../common/i18n/locale.js';

export type { Locale };

export interface DutyKindLabels {
  'zh-CN': string;
  en: string;
}

export const DUTY_KIND_LABELS: Readonly<Record<DutyKind, Readonly<DutyKindLabels>>> = deepFreeze({
  implementation_plan: { 'zh-CN': '实施方案', en: 'Implementation plan' },
  annual_report: {
    'zh-CN': '年度报告（规划落实情况和下一年工作安排）',
    en: "Annual report (implementation and next year's work)",
  },
  monitoring_data: { 'zh-CN': '年度监测数据', en: 'Annual monitoring data' },
  midterm_evaluation: { 'zh-CN': '中期评估报告', en: 'Mid-term evaluation report' },
  final_evaluation: { 'zh-CN': '终期评估报告', en: 'Final evaluation report' },
  upward_report: {
    'zh-CN': '向上级妇儿工委年度报告',
    en: 'Annual report to the higher-level committee',
  },
  ad_hoc: { 'zh-CN': '交办事项', en: 'Ad hoc assignment' },
});

/** Who owes a scheduled duty. */
export type DutyAudience = 'member_units_with_goals' | 'lead_units_with_indicators' | 'office';

/** Who receives it. */
export type DutyRecipient = 'committee_office' | 'committee' | 'statistics_bureau' | 'upper_committee';

export const DUTY_KIND_AUDIENCE: Readonly<Record<ScheduledDutyKind, DutyAudience>> = deepFreeze({
  implementation_plan: 'member_units_with_goals',
  annual_report: 'member_units_with_goals',
  // Monitoring data follow the indicators; the lead unit of a goal answers for its numbers.
  monitoring_data: 'lead_units_with_indicators',
  midterm_evaluation: 'member_units_with_goals',
  final_evaluation: 'member_units_with_goals',
  upward_report: 'office',
});

export const DUTY_KIND_RECIPIENT: Readonly<Record<ScheduledDutyKind, DutyRecipient>> = deepFreeze({
  implementation_plan: 'committee_office',
  annual_report: 'committee',
  monitoring_data: 'statistics_bureau',
  midterm_evaluation: 'committee',
  final_evaluation: 'committee',
  upward_report: 'upper_committee',
});

export function isDutyKind(value: unknown): value is DutyKind {
  return typeof value === 'string' && (DUTY_KINDS as readonly string[]).includes(value);
}

export function dutyKindLabel(kind: DutyKind, locale: Locale = 'zh-CN'): string {
  return DUTY_KIND_LABELS[kind][locale];
}
