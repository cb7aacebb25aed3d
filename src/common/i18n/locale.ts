/**
 * The languages Luoshi speaks to people. Chinese first: zh-CN unless English is asked for
 * (Accept-Language on the API, LUOSHI_LANG or the system locale on the command line).
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** `Accept-Language: en-US,en;q=0.9,zh;q=0.5` → the supported language with the highest weight; zh-CN when none. */
export function localeFromAcceptLanguage(header: string | string[] | undefined | null): Locale {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of value.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const locale: Locale | null = /^en(?:-|$)/i.test(tag.trim())
      ? 'en'
      : /^zh(?:-|$)/i.test(tag.trim())
        ? 'zh-CN'
        : null;
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}

/** The command line's language: LUOSHI_LANG, else LC_ALL / LC_MESSAGES / LANG when they name zh or en, else zh-CN. */
export function localeFromEnv(env: Record<string, string | undefined> = process.env): Locale {
  for (const value of [env.LUOSHI_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG]) {
    if (!value) continue;
    if (/^en(?:[-_.]|$)/i.test(value)) return 'en';
    if (/^zh(?:[-_.]|$)/i.test(value)) return 'zh-CN';
  }
  return DEFAULT_LOCALE;
}
