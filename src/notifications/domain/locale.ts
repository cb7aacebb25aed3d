/**
 * Languages notifications are written in. Chinese is the default because offices and most
 * liaisons read Chinese; English is chosen per recipient.
 */
export const NOTIFICATION_LOCALES = ['zh-CN', 'en'] as const;
export type NotificationLocale = (typeof NOTIFICATION_LOCALES)[number];
export const DEFAULT_LOCALE: NotificationLocale = 'zh-CN';

/** Maps a stored preference ('en', 'en-GB', 'zh', null, …) to a supported locale. */
export function normalizeLocale(value: unknown): NotificationLocale {
  if (typeof value === 'string' && /^en(?:[-_]|$)/i.test(value.trim())) return 'en';
  return DEFAULT_LOCALE;
}
