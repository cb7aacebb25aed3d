import type { Locale } from './locale.js';

/**
 * class-validator's constraints in both languages. Its own messages are English with the
 * property name and the constraint's values filled in ("kind must be one of the following
 * values: a, b"); the values are read back from that message so the catalogue can say the same
 * thing in Chinese.
 */
type Template = (field: string, args: string) => string;
const CATALOGUE: Record<string, Record<Locale, Template>> = {
  isDefined: { 'zh-CN': (f) => `${f}不能为空`, en: (f) => `${f} is required` },
  isNotEmpty: { 'zh-CN': (f) => `${f}不能为空`, en: (f) => `${f} must not be empty` },
  isString: { 'zh-CN': (f) => `${f}必须是文本`, en: (f) => `${f} must be text` },
  isNumber: { 'zh-CN': (f) => `${f}必须是数字`, en: (f) => `${f} must be a number` },
  isInt: { 'zh-CN': (f) => `${f}必须是整数`, en: (f) => `${f} must be a whole number` },
  isBoolean: { 'zh-CN': (f) => `${f}必须是 true 或 false`, en: (f) => `${f} must be true or false` },
  isArray: { 'zh-CN': (f) => `${f}必须是数组`, en: (f) => `${f} must be a list` },
  isEmail: { 'zh-CN': (f) => `${f}必须是有效的电子邮件地址`, en: (f) => `${f} must be a valid e-mail address` },
  isIn: { 'zh-CN': (f, a) => `${f}必须是以下之一：${a}`, en: (f, a) => `${f} must be one of: ${a}` },
  isEnum: { 'zh-CN': (f, a) => `${f}必须是以下之一：${a}`, en: (f, a) => `${f} must be one of: ${a}` },
  min: { 'zh-CN': (f, a) => `${f}不能小于${a}`, en: (f, a) => `${f} must not be less than ${a}` },
  max: { 'zh-CN': (f, a) => `${f}不能大于${a}`, en: (f, a) => `${f} must not be greater than ${a}` },
  minLength: { 'zh-CN': (f, a) => `${f}至少${a}个字符`, en: (f, a) => `${f} must be at least ${a} characters long` },
  maxLength: { 'zh-CN': (f, a) => `${f}最多${a}个字符`, en: (f, a) => `${f} must be at most ${a} characters long` },
  isLength: { 'zh-CN': (f, a) => `${f}的长度必须在${a}个字符之间`, en: (f, a) => `${f} must be ${a} characters long` },
  arrayMaxSize: { 'zh-CN': (f, a) => `${f}最多${a}项`, en: (f, a) => `${f} must have at most ${a} elements` },
  arrayMinSize: { 'zh-CN': (f, a) => `${f}至少${a}项`, en: (f, a) => `${f} must have at least ${a} elements` },
  arrayNotEmpty: { 'zh-CN': (f) => `${f}不能为空`, en: (f) => `${f} must not be empty` },
  isDateString: { 'zh-CN': (f) => `${f}必须是日期（YYYY-MM-DD）`, en: (f) => `${f} must be a date (YYYY-MM-DD)` },
  isISO8601: { 'zh-CN': (f) => `${f}必须是日期（YYYY-MM-DD）`, en: (f) => `${f} must be a date (YYYY-MM-DD)` },
  matches: { 'zh-CN': (f) => `${f}的格式不正确`, en: (f) => `${f} has the wrong format` },
  whitelistValidation: { 'zh-CN': (f) => `不允许的字段：${f}`, en: (f) => `${f} is not an allowed field` },
  nestedValidation: {
    'zh-CN': (f) => `${f}必须是对象或对象数组`,
    en: (f) => `${f} must be an object or a list of objects`,
  },
  isCalendarDate: {
    'zh-CN': (f) => `${f}必须是有效日期（YYYY-MM-DD）`,
    en: (f) => `${f} must be a valid date (YYYY-MM-DD)`,
  },
  isTimeZone: {
    'zh-CN': (f) => `${f}必须是有效的时区名称，如 Asia/Shanghai`,
    en: (f) => `${f} must be an IANA time zone, e.g. Asia/Shanghai`,
  },
  unknownValue: { 'zh-CN': () => `请求内容无法识别`, en: () => `the request body is not recognised` },
};

/** The values in class-validator's English message, e.g. "must not be less than 1" → "1". */
function argsOf(constraint: string, message: string): string {
  const list = /(?:following values:|among) (.*)$/.exec(message)?.[1];
  if (list) return list.split(/,\s*/).join(', ');
  if (constraint === 'isLength') {
    const m = /longer than or equal to (\d+).*shorter than or equal to (\d+)/.exec(message);
    if (m) return `${m[1]}–${m[2]}`;
    const single = /(longer|shorter) than or equal to (\d+)/.exec(message);
    if (single) return single[1] === 'longer' ? `≥${single[2]}` : `≤${single[2]}`;
  }
  return /(-?\d+(?:\.\d+)?)(?!.*\d)/.exec(message)?.[1] ?? '';
}

/**
 * One problem of one field in the asked language. Custom validators of this project already say
 * what they mean; their message is kept for English and prefixed by the field for Chinese when no
 * entry exists.
 */
export function validationProblem(constraint: string, field: string, message: string, locale: Locale): string {
  const entry = CATALOGUE[constraint];
  const property =
    field
      .split(/[.[\]]/)
      .filter(Boolean)
      .at(-1) ?? field;
  if (entry) return entry[locale](property, argsOf(constraint, message));
  return locale === 'en' ? message : `${property}的值无效`;
}
