import { DEFAULT_LOCALE, type Locale } from './locale.js';

/**
 * Words the service prints outside error messages (sheets, exports, notices, CLI), in each
 * language: one catalogue, so the same thing is named the same way everywhere. Plain data with
 * no imports but the locale: the web app imports it as it is.
 */
export const LABELS = {
  /** Who owns a task that belongs to no unit: the committee's office (the report upward). */
  officeUnit: { 'zh-CN': '妇儿工委办公室', en: 'Committee office' },
  /** The escalation steps a late task reaches: 催办 (urging), then 督办 (supervision). */
  escalationUrge: { 'zh-CN': '催办', en: 'Urged' },
  escalationSupervise: { 'zh-CN': '督办', en: 'Supervised' },
} as const satisfies Record<string, Record<Locale, string>>;

export type LabelKey = keyof typeof LABELS;

export function label(key: LabelKey, locale: Locale = DEFAULT_LOCALE): string {
  return LABELS[key][locale];
}

/**
 * The signature of a committee's notices: "<委员会名称>办公室" in Chinese. In English the
 * committee's (Chinese) name is not translated, so the templates' generic office name is used.
 */
export function committeeOfficeName(committeeName: string, locale: Locale): string | undefined {
  return locale === 'zh-CN' ? `${committeeName}办公室` : undefined;
}
