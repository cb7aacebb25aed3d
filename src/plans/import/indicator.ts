/**
 * Indicator targets read from a goal's text, e.g. 孕产妇死亡率下降到12/10万以下 → ≤ 12 per 100,000.
 * Reading is clause by clause (split at 。，；) and deliberately conservative: a target the
 * reader misses can be added by hand, a wrong one would raise false early warnings.
 */

export type IndicatorComparator =
  'lte' | 'gte' | 'about' | 'eq' | 'change_from_baseline' | 'yearly_change' | 'qualitative';
export type IndicatorUnit =
  '%' | '‰' | 'per_100k' | 'per_10k' | 'per_1000' | 'years' | 'count' | 'percentage_points' | 'days' | 'times';

export interface ParsedIndicator {
  /** The words of the text the target was read from. */
  phrase: string;
  /** What is measured, as the text names it (孕产妇死亡率); absent when the clause has no subject. */
  name?: string;
  comparator: IndicatorComparator;
  /** Signed for changes: 下降18% → -18. */
  value?: number;
  unit?: IndicatorUnit | string;
  baselineYear?: number;
  direction?: 'increase' | 'decrease';
}

// A number with its unit: 12/10万, 70%, 3.5‰, 0.5个百分点, 8.5年, 1名.
const VALUE =
  '(\\d+(?:\\.\\d+)?)\\s*(?:[/／]\\s*(10万|十万|100000|万|10000|千|1000))?\\s*(%|％|‰|个百分点|百分点|岁|年|人次|名|个|人|所|家|张|天|次|倍)?';
const QUALIFIER = '(及以下|以下|以内|之内|及以上|以上|左右|上下)?';

const DECREASE_VERBS = [
  '下降到',
  '下降至',
  '降低到',
  '降低至',
  '减少到',
  '减少至',
  '控制在',
  '控制到',
  '不高于',
  '不超过',
  '降到',
  '降至',
  '低于',
];
const INCREASE_VERBS = [
  '提高到',
  '提高至',
  '提升到',
  '提升至',
  '增加到',
  '增加至',
  '增长到',
  '上升到',
  '上升至',
  '不低于',
  '不少于',
  '至少有',
  '达到',
  '超过',
  '高于',
  '至少',
  '达',
];
const STEADY_VERBS = ['保持在', '稳定在', '维持在'];
// A bare change verb before a value is a relative change (提高5个百分点).
const CHANGE_VERBS = ['下降', '降低', '减少', '提高', '提升', '增加', '增长', '上升'];

const byLength = (a: string, b: string) => b.length - a.length;
const TARGET_VERBS = [...DECREASE_VERBS, ...INCREASE_VERBS, ...STEADY_VERBS, ...CHANGE_VERBS].sort(byLength);

const BASELINE_RE = new RegExp(
  `以\\s*(\\d{4})\\s*年(?:为|作为)?基(?:数|线|期|准)年?\\s*(下降|降低|减少|上升|提高|增长|增加|提升)\\s*${VALUE}\\s*${QUALIFIER}`,
);
const YEARLY_RE = new RegExp(
  `(?:每年|年均|年平均|逐年)\\s*(下降|降低|减少|提高|增长|增加|上升|提升)\\s*${VALUE}\\s*${QUALIFIER}`,
);
const RESPECTIVELY_RE = new RegExp(
  `(?:均|各)?分别\\s*(${TARGET_VERBS.join('|')})?\\s*(${VALUE.replace(/\((?!\?)/g, '(?:')}(?:\\s*[、和及与]\\s*${VALUE.replace(/\((?!\?)/g, '(?:')})+)\\s*${QUALIFIER}`,
);
const SINGLE_RE = new RegExp(`(${TARGET_VERBS.join('|')})\\s*${VALUE}\\s*${QUALIFIER}`, 'g');
const VALUE_RE_G = new RegExp(VALUE, 'g');
const QUALITATIVE_RE =
  /(稳中有[升增降]|(?:稳步|持续|逐步|逐年|不断|明显|显著|有所|进一步|大幅)(?:提高|提升|增加|增长|增多|增强|扩大|上升|下降|降低|减少|缩小|改善|优化))[。]?$/;

// Leading words that belong to the sentence, not to the indicator's name.
const NAME_LEAD_RE =
  /^(?:力争|确保|争取|努力|全面|规划周期内|规划期内|其中|并且|并|且|使|让|将|要|到\d{4}年(?:底|末)?|\d{4}年(?:底|末)?|[,，、\s])+/;
const NAME_TAIL_RE = /(?:以[^以]{1,12}为单位|均|都|总体|分别|稳定|持续|继续|始终|仍|逐步|进一步|要|应|[,，、\s])+$/;
const METRIC_SUFFIX_RE =
  /(死亡率|患病率|发病率|发生率|感染率|传播率|覆盖率|普及率|入学率|入园率|巩固率|参保率|接种率|筛查率|检出率|达标率|近视率|比例|比重)$/;

function unitOf(per: string | undefined, suffix: string | undefined, name: string): IndicatorUnit | string | undefined {
  if (per) {
    if (per === '10万' || per === '十万' || per === '100000') return 'per_100k';
    if (per === '万' || per === '10000') return 'per_10k';
    return 'per_1000';
  }
  if (/每千(?:人口|人|名)/.test(name)) return 'per_1000';
  if (/每万(?:人口|人|名)/.test(name)) return 'per_10k';
  if (/每(?:10|十)万(?:人口|人|名)/.test(name)) return 'per_100k';
  switch (suffix) {
    case undefined:
      return undefined;
    case '%':
    case '％':
      return '%';
    case '‰':
      return '‰';
    case '个百分点':
    case '百分点':
      return 'percentage_points';
    case '岁':
    case '年':
      return 'years';
    case '天':
      return 'days';
    case '倍':
      return 'times';
    default:
      return 'count';
  }
}

function qualifierComparator(q: string | undefined): IndicatorComparator | undefined {
  if (!q) return undefined;
  if (q.endsWith('以下') || q.endsWith('以内') || q === '之内') return 'lte';
  if (q.endsWith('以上')) return 'gte';
  return 'about';
}

// Bounds, not movements: 不少于30% says nothing about where the value is heading.
const BOUND_VERBS = new Set(['不高于', '不超过', '低于', '不低于', '不少于', '至少', '至少有', '超过', '高于']);

function verbDirection(verb: string | undefined): 'increase' | 'decrease' | undefined {
  if (!verb || BOUND_VERBS.has(verb) || STEADY_VERBS.includes(verb)) return undefined;
  if (DECREASE_VERBS.includes(verb) || /[降减]/.test(verb)) return 'decrease';
  return 'increase';
}

/** Drops absent fields so results compare and serialise cleanly. */
function compact(ind: ParsedIndicator): ParsedIndicator {
  const out = { ...ind } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (out[k] === undefined || out[k] === '') delete out[k];
  return out as unknown as ParsedIndicator;
}

function verbComparator(verb: string | undefined): IndicatorComparator | undefined {
  if (verb === '不高于' || verb === '不超过' || verb === '低于') return 'lte';
  if (
    verb === '不低于' ||
    verb === '不少于' ||
    verb === '至少' ||
    verb === '至少有' ||
    verb === '超过' ||
    verb === '高于'
  )
    return 'gte';
  // 达到78.1岁 is a floor to reach; 达到…左右 (about) is decided by the qualifier first.
  if (verb === '达到' || verb === '达') return 'gte';
  return undefined;
}

/** The subject before a verb, without sentence words; start is its offset in `pre`. */
function cleanName(pre: string): { name: string; start: number } {
  const lead = NAME_LEAD_RE.exec(pre);
  const start = lead ? lead[0].length : 0;
  const name = pre.slice(start).replace(NAME_TAIL_RE, '');
  return { name, start };
}

/** Drops a leading verb so 提高农村卫生厕所普及率 can name the next clause's bare 达到85%. */
function subjectOfClause(clause: string): string | undefined {
  const s = clause.replace(/^(?:提高|提升|降低|增加|扩大|减少|保持|推进|推动)/, '').replace(/[。\s]+$/, '');
  return /(?:率|比例|比重|数|水平|年限|寿命)$/.test(s) && s.length <= 40 ? s : undefined;
}

function isYearLike(value: number, suffix: string | undefined): boolean {
  return suffix === '年' && Number.isInteger(value) && value >= 1900 && value <= 2100;
}

function splitNames(pre: string, count: number): string[] {
  let names = pre
    .split('、')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  // 新生儿、婴儿和5岁以下儿童死亡率: split the last piece on 和/及/与 until there is a name per value.
  while (names.length < count) {
    const last = names[names.length - 1] ?? '';
    const m = /^(.+?)[和及与](.+)$/.exec(last);
    if (!m) break;
    names = [...names.slice(0, -1), m[1], m[2]];
  }
  if (names.length > count)
    names = [names.slice(0, names.length - count + 1).join('、'), ...names.slice(names.length - count + 1)];
  // 新生儿、婴儿…死亡率: the shared metric word of the last name goes to names that lack one.
  const metric = METRIC_SUFFIX_RE.exec(names[names.length - 1] ?? '')?.[1];
  if (metric) names = names.map((n) => (/(?:率|比例|比重|数|水平)$/.test(n) ? n : n + metric));
  return names;
}

function parseNumber(s: string): number {
  return Number.parseFloat(s);
}

/** All indicator targets in a goal text (annotation already removed); null past `max` of them. */
export function extractIndicators(text: string): ParsedIndicator[];
export function extractIndicators(text: string, max: number): ParsedIndicator[] | null;
export function extractIndicators(text: string, max = Infinity): ParsedIndicator[] | null {
  if (!/[\u4e00-\u9fff]/.test(text) && /[A-Za-z]/.test(text)) {
    const english = extractEnglishIndicators(text);
    return english.length > max ? null : english;
  }
  const out: ParsedIndicator[] = [];
  const clauses = text.split(/[。；;，,！!？?]/);
  let previousClause = '';
  for (const rawClause of clauses) {
    const clause = rawClause.trim();
    if (clause === '') continue;
    // One push per item: spreading hundreds of thousands of items overflows the call stack.
    for (const found of extractFromClause(clause, previousClause)) out.push(found);
    if (out.length > max) return null;
    previousClause = clause;
  }
  return out;
}

function extractFromClause(clause: string, previousClause: string): ParsedIndicator[] {
  const out: ParsedIndicator[] = [];
  const fallbackName = () => subjectOfClause(previousClause);

  const baseline = BASELINE_RE.exec(clause);
  if (baseline) {
    const [whole, year, verb, num, per, suffix] = baseline;
    const { name, start } = cleanName(clause.slice(0, baseline.index));
    const direction = verbDirection(verb);
    const value = parseNumber(num);
    out.push(
      compact({
        phrase: clause.slice(start, baseline.index + whole.length),
        name: name || fallbackName(),
        comparator: 'change_from_baseline',
        value: direction === 'decrease' ? -value : value,
        unit: unitOf(per, suffix, name),
        baselineYear: Number(year),
        direction,
      }),
    );
    return out;
  }

  const yearly = YEARLY_RE.exec(clause);
  if (yearly) {
    const [whole, verb, num, per, suffix] = yearly;
    const { name, start } = cleanName(clause.slice(0, yearly.index));
    const direction = verbDirection(verb);
    const value = parseNumber(num);
    out.push(
      compact({
        phrase: clause.slice(start, yearly.index + whole.length),
        name: name || fallbackName(),
        comparator: 'yearly_change',
        value: direction === 'decrease' ? -value : value,
        unit: unitOf(per, suffix, name),
        direction,
      }),
    );
    return out;
  }

  const resp = RESPECTIVELY_RE.exec(clause);
  if (resp) {
    const [whole, verb, list, qualifier] = resp;
    const pre = clause.slice(0, resp.index);
    const { name: subject, start } = cleanName(pre);
    const values = [...list.matchAll(VALUE_RE_G)];
    if (values.length > 12) return out; // no real 分别 list is this long; not worth guessing
    const names = splitNames(subject, values.length);
    const comparator = qualifierComparator(qualifier) ?? verbComparator(verb) ?? 'eq';
    values.forEach((v, i) => {
      const name: string | undefined = names[i]; // fewer names than values: the rest go unnamed
      out.push(
        compact({
          phrase: clause.slice(start, resp.index + whole.length),
          name,
          comparator,
          value: parseNumber(v[1]),
          unit: unitOf(v[2], v[3], name ?? subject),
          direction: verbDirection(verb),
        }),
      );
    });
    return out;
  }

  // Single targets; a clause may hold more than one (…达到92%保证…).
  let from = 0;
  SINGLE_RE.lastIndex = 0;
  for (let m = SINGLE_RE.exec(clause); m; m = SINGLE_RE.exec(clause)) {
    const [whole, verb, num, per, suffix, qualifier] = m;
    const value = parseNumber(num);
    if (isYearLike(value, suffix)) continue;
    const pre = clause.slice(from, m.index);
    let { name, start } = cleanName(pre);
    start += from;
    let end = m.index + whole.length;
    const unit = unitOf(per, suffix, name);
    let comparator: IndicatorComparator = qualifierComparator(qualifier) ?? verbComparator(verb) ?? 'eq';
    let signed = value;
    if (CHANGE_VERBS.includes(verb)) {
      // 下降20% with no 到/至: a change over the plan period, not a level.
      comparator = 'change_from_baseline';
      if (verbDirection(verb) === 'decrease') signed = -value;
    }
    if ((verb === '至少有' || verb === '至少') && unit === 'count') {
      // 村“两委”班子成员中至少有1名女性成员: what is counted follows the number.
      const counted = /^[\u4e00-\u9fff“”"]{1,20}/.exec(clause.slice(end))?.[0] ?? '';
      name = name + counted;
      end += counted.length;
    }
    out.push(
      compact({
        phrase: clause.slice(start, end),
        name: name || fallbackName(),
        comparator,
        value: signed,
        unit,
        direction: verbDirection(verb),
      }),
    );
    from = end;
  }
  if (out.length > 0) return out;

  // 每千人口拥有3岁以下婴幼儿托位数4.5张: a per-population rate stated without a verb is a floor.
  const rate = PER_POPULATION_RE.exec(clause);
  if (rate) {
    const [whole, per, num] = rate;
    const { name: lead, start } = cleanName(clause.slice(0, rate.index));
    const name = (lead + whole.slice(0, whole.length - rate[2].length - rate[3].length)).replace(/\s+$/, '');
    out.push(
      compact({
        phrase: clause.slice(start, rate.index + whole.length),
        name,
        comparator: 'gte',
        value: parseNumber(num),
        unit: /^(?:10|十)万/.test(per) ? 'per_100k' : per === '万' ? 'per_10k' : 'per_1000',
      }),
    );
    return out;
  }

  const q = QUALITATIVE_RE.exec(clause);
  if (q) {
    const { name, start } = cleanName(clause.slice(0, q.index));
    if (name) {
      out.push({
        phrase: clause.slice(start, q.index + q[1].length),
        name,
        comparator: 'qualitative',
        direction: /[降减缩]/.test(q[1]) ? 'decrease' : 'increase',
      });
    }
  }
  return out;
}

const PER_POPULATION_RE =
  /每((?:10|十)万|万|千)(?:人口|人|名儿童|名|儿童|户)?[^，。；]{0,30}?(\d+(?:\.\d+)?)\s*(张|个|名|人)(?![次口])/;

// ---------------------------------------------------------------------------------------------
// English translations: below 12.5/100,000, above 95%, reach about 32%, drop by 20% based on 2020.

const EN_VALUE =
  '(\\d+(?:\\.\\d+)?)\\s*(?:\\/\\s*(100,000|100000|10,000|10000|1,000|1000))?\\s*(%|‰|percentage points?|years?(?: old)?|days?|times)?';
const EN_LTE = 'less than|lower than|below|under|not (?:more|higher) than|no (?:more|higher) than|at most|within';
const EN_GTE = 'more than|above|over|at least|not (?:less|lower) than|no (?:less|lower) than';
const EN_ABOUT = 'about|around|approximately';
const EN_SINGLE_RE = new RegExp(
  `\\b(?:(${EN_LTE})|(${EN_GTE})|(${EN_ABOUT})|(reach(?:es|ed|ing)?|achieve[sd]?|be|is|are|at)(?:\\s+(${EN_LTE})|\\s+(${EN_GTE})|\\s+(${EN_ABOUT}))?)\\s+${EN_VALUE}`,
  'gi',
);
const EN_BASELINE_RE = new RegExp(
  `\\b(drop|decrease|declin|fall|fell|reduc|increas|ris|grow|grew)\\w*\\s+by\\s+${EN_VALUE}\\s+(?:based on|compared (?:with|to)|from|over|relative to)(?: the level of| that of)?\\s+((?:19|20)\\d{2})`,
  'i',
);
const EN_RESPECTIVELY_RE = new RegExp(
  `\\b(${EN_LTE}|${EN_GTE}|${EN_ABOUT})?\\s*((?:${EN_VALUE.replace(/\((?!\?)/g, '(?:')}\\s*(?:,|and)\\s*)+${EN_VALUE.replace(/\((?!\?)/g, '(?:')})\\s*respectively`,
  'i',
);
const EN_VALUE_G = new RegExp(EN_VALUE, 'g');

function enUnit(per: string | undefined, suffix: string | undefined): IndicatorUnit | string | undefined {
  if (per) {
    const n = Number(per.replace(/,/g, ''));
    return n === 100000 ? 'per_100k' : n === 10000 ? 'per_10k' : 'per_1000';
  }
  if (!suffix) return undefined;
  if (suffix === '%') return '%';
  if (suffix === '‰') return '‰';
  if (/^percentage/.test(suffix)) return 'percentage_points';
  if (/^year/.test(suffix)) return 'years';
  if (/^day/.test(suffix)) return 'days';
  return 'times';
}

function enComparator(lte?: string, gte?: string, about?: string): IndicatorComparator {
  return lte ? 'lte' : gte ? 'gte' : about ? 'about' : 'gte';
}

/** The subject: the words of the sentence before the verb, without leading conjunctions. */
function enName(pre: string, wholeSubject = false): string | undefined {
  const s = pre
    .replace(
      /\b(?:has|have|had|will|shall|should|is|are|was|were|be|been|being|remains?|remained|stable|stabilized|maintained|kept|controlled|continues? to|reach(?:es|ed)?|dropped|dropp?ed to|drops? to|reduced to|fall(?:ing)? to|increased to|to|at)\s*$/gi,
      '',
    )
    .replace(
      /\b(?:has|have|will|shall|is|are|remains?|been|be|stable|stabilized|controlled|maintained|kept|dropped|reduced|fall(?:ing|en)?|increased|raised)(?:\s+(?:has|have|will|shall|is|are|remains?|been|be|stable|stabilized|controlled|maintained|kept|dropped|reduced|fall(?:ing|en)?|increased|raised|to|at))*\s*$/i,
      '',
    )
    .replace(wholeSubject ? /^$/ : /^.*?(?:,\s*(?:and\s+)?|;\s*)(?=[^,;]*$)/, '')
    .replace(/^(?:and|the|while|with)\s+/i, '')
    .trim();
  return s.length > 0 && s.length <= 120 ? s : undefined;
}

function extractEnglishIndicators(text: string): ParsedIndicator[] {
  const out: ParsedIndicator[] = [];
  // Sentences: a full stop followed by a space ends one; 12.5 and 100,000 stay whole.
  for (const raw of text.split(/(?<=[.;!?])\s+|;/)) {
    const sentence = raw
      .trim()
      .replace(/\s+([%‰,.])/g, '$1')
      .replace(/\s+/g, ' ');
    if (sentence === '') continue;
    const base = EN_BASELINE_RE.exec(sentence);
    if (base) {
      const [whole, verb, num, per, suffix, year] = base;
      const decrease = /^(?:drop|decrease|declin|fall|fell|reduc)/i.test(verb);
      out.push(
        compact({
          phrase: sentence.slice(0, base.index + whole.length).replace(/^.*?(?:,\s*)(?=[^,]*$)/, ''),
          name: enName(sentence.slice(0, base.index)),
          comparator: 'change_from_baseline',
          value: decrease ? -parseNumber(num) : parseNumber(num),
          unit: enUnit(per, suffix),
          baselineYear: Number(year),
          direction: decrease ? 'decrease' : 'increase',
        }),
      );
      continue;
    }
    const resp = EN_RESPECTIVELY_RE.exec(sentence);
    if (resp) {
      const word = resp[1]?.toLowerCase();
      const comparator: IndicatorComparator = !word
        ? 'eq'
        : new RegExp(`^(?:${EN_LTE})$`, 'i').test(word)
          ? 'lte'
          : new RegExp(`^(?:${EN_GTE})$`, 'i').test(word)
            ? 'gte'
            : 'about';
      const values = [...resp[2].matchAll(EN_VALUE_G)];
      const name = enName(sentence.slice(0, resp.index), true);
      for (const v of values) {
        out.push(
          compact({
            phrase: sentence.slice(0, resp.index + resp[0].length),
            name,
            comparator,
            value: parseNumber(v[1]),
            unit: enUnit(v[2], v[3]),
          }),
        );
      }
      continue;
    }
    EN_SINGLE_RE.lastIndex = 0;
    let from = 0;
    for (let m = EN_SINGLE_RE.exec(sentence); m; m = EN_SINGLE_RE.exec(sentence)) {
      const [whole, lte, gte, about, verb, vLte, vGte, vAbout, num, per, suffix] = m;
      const unit = enUnit(per, suffix);
      // "at 5" or "be 3" without a unit or comparator word is prose, not a target.
      if (!unit && !lte && !gte && !about && !vLte && !vGte && !vAbout) continue;
      if (verb && /^(?:be|is|are|at)$/i.test(verb) && !vLte && !vGte && !vAbout) continue;
      const value = parseNumber(num);
      if (!unit && value >= 1900 && value <= 2100) continue; // a year
      const pre = sentence.slice(from, m.index);
      out.push(
        compact({
          phrase: sentence.slice(from, m.index + whole.length).replace(/^[\s,]+/, ''),
          name: enName(pre),
          comparator: enComparator(lte ?? vLte, gte ?? vGte, about ?? vAbout),
          value,
          unit,
        }),
      );
      from = m.index + whole.length;
    }
  }
  return out;
}
