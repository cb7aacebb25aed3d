/**
 * Languages notifications are written in: the service's languages (common/i18n/locale.ts).
 * Chinese is the default because offices and most liaisons read Chinese; English is chosen per
 * recipient.
 */
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../common/i18n/locale.js';

export { DEFAULT_LOCALE };
export const NOTIFICATION_LOCALES = LOCALES;
export type NotificationLocale = Locale;

/** Maps a stored preference ('en', 'en-GB', 'zh', null, …) to a supported locale. */
export function normalizeLocale(value: unknown): NotificationLocale {
  if (typeof value === 'string' && /^en(?:[-_]|$)/i.test(value.trim())) return 'en';
  return DEFAULT_LOCALE;
}
