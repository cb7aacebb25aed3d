import type { Locale } from './locale.js';

/**
 * Indicator status, qualitative assessments and the reason shown next to the light, in each
 * language. The domain (src/supervision/domain/indicator-status.ts) decides the status and a
 * reason code with parameters; the API says them in the caller's language.
 */
type Params = Record<string, string | number | null | undefined>;

export const INDICATOR_STATUS_LABELS: Record<string, Record<Locale, string>> = {
  met: { 'zh-CN': '已达标', en: 'met' },
  at_risk: { 'zh-CN': '存在风险', en: 'at risk' },
  not_met: { 'zh-CN': '未达标', en: 'not met' },
  no_data: { 'zh-CN': '无数据', en: 'no data' },
  not_evaluable: { 'zh-CN': '无法评估', en: 'not evaluable' },
  conflict: { 'zh-CN': '数据冲突', en: 'conflicting reports' },
  data_incomplete: { 'zh-CN': '数据不全', en: 'data incomplete' },
};

/** 达到 / 基本达到 / 未达到: the words of the assessment itself. */
export const ASSESSMENT_LABELS: Record<string, Record<Locale, string>> = {
  met: { 'zh-CN': '达到', en: 'met' },
  largely_met: { 'zh-CN': '基本达到', en: 'largely met' },
  not_met: { 'zh-CN': '未达到', en: 'not met' },
};

const s = (v: unknown) => String(v ?? '');
const assessed = (p: Params, locale: Locale) => ASSESSMENT_LABELS[s(p.assessment)]?.[locale] ?? s(p.assessment);

const REASONS = {
  assessed_met: { 'zh-CN': () => '评估为达到', en: () => 'assessed as met' },
  assessed_met_reported_at_risk: {
    'zh-CN': () => '评估为达到，但有单位报告该目标存在风险',
    en: () => 'assessed as met, but a unit reported the goal at risk',
  },
  assessed_last_year: {
    'zh-CN': (p) => `规划末年${s(p.year)}年评估为${assessed(p, 'zh-CN')}`,
    en: (p) => `assessed as ${assessed(p, 'en')} in the plan's last year ${s(p.year)}`,
  },
  assessed_years_left: {
    'zh-CN': (p) => `评估为${assessed(p, 'zh-CN')}；距规划期末还有${s(p.years)}年`,
    en: (p) => `assessed as ${assessed(p, 'en')}; ${s(p.years)} year(s) left`,
  },
  no_value: { 'zh-CN': (p) => `${s(p.year)}年没有上报数值`, en: (p) => `no value reported for ${s(p.year)}` },
  target_met: { 'zh-CN': () => '达到目标值', en: () => 'target met' },
  target_met_reported_at_risk: {
    'zh-CN': () => '达到目标值，但有单位报告该目标存在风险',
    en: () => 'target met, but a unit reported the goal at risk',
  },
  not_met_last_year: {
    'zh-CN': (p) => `规划末年${s(p.year)}年未达到目标值`,
    en: (p) => `target not met in the plan's last year ${s(p.year)}`,
  },
  not_yet_met: {
    'zh-CN': (p) => `尚未达到目标值；距规划期末还有${s(p.years)}年`,
    en: (p) => `target not yet met; ${s(p.years)} year(s) left`,
  },
  no_target_value: { 'zh-CN': () => '没有目标值', en: () => 'no target value' },
  no_previous_value: { 'zh-CN': () => '没有上一年的数值', en: () => 'no value for the previous year' },
  previous_zero: { 'zh-CN': () => '上一年的数值为0', en: () => 'previous value is 0' },
  no_baseline_value: {
    'zh-CN': (p) => `没有基期${p.baselineYear ? `${s(p.baselineYear)}年` : ''}的数值`,
    en: (p) => `no value for the baseline year${p.baselineYear ? ` ${s(p.baselineYear)}` : ''}`,
  },
  baseline_zero: { 'zh-CN': () => '基期数值为0', en: () => 'baseline value is 0' },
  qualitative: {
    'zh-CN': () => '定性目标，请填写评估（达到／基本达到／未达到）',
    en: () => 'qualitative target: give an assessment (met / largely met / not met)',
  },
  unknown_comparator: {
    'zh-CN': (p) => `无法识别的比较方式 ${s(p.comparator)}`,
    en: (p) => `unknown comparator ${s(p.comparator)}`,
  },
  conflict: {
    'zh-CN': (p) => `${s(p.units)}个单位上报的${s(p.year)}年数值不一致`,
    en: (p) => `${s(p.units)} units reported different figures for ${s(p.year)}`,
  },
} satisfies Record<string, Record<Locale, (p: Params) => string>>;

/** Every reason the evaluation can give; a code without words here does not compile. */
export type IndicatorReasonCode = keyof typeof REASONS;

export function indicatorStatusLabel(status: string | null | undefined, locale: Locale): string | null {
  return status ? (INDICATOR_STATUS_LABELS[status]?.[locale] ?? status) : null;
}

export function assessmentLabel(assessment: string | null | undefined, locale: Locale): string | null {
  return assessment ? (ASSESSMENT_LABELS[assessment]?.[locale] ?? assessment) : null;
}

/** The reason next to the light, in the reader's language. */
export function indicatorReason(code: IndicatorReasonCode, params: Params | undefined, locale: Locale): string {
  return REASONS[code][locale](params ?? {});
}

export const INDICATOR_REASON_CODES = Object.keys(REASONS) as IndicatorReasonCode[];
