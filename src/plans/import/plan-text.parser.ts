/**
 * Reads the text of a published women's / children's development plan (one notice may carry
 * both) into plans → areas (领域) → goals (主要目标) and measures (策略措施).
 *
 * Pure: no Nest, no database. Messy input (web-page debris, lost brackets, numbering gaps,
 * stray word-processor marks) yields warnings with 1-based line numbers, never an exception;
 * the only errors are an empty text (EMPTY_FILE), a text with no plan in it (NO_PLAN), and a text
 * past the bounds below (TOO_LARGE, LINE_TOO_LONG, TOO_MANY_GOALS, TOO_MANY_INDICATORS).
 */
import { importWarning, type ImportWarning, type WarningParams } from '../../common/i18n/import-warnings.js';
import { ALL_MEMBERS, parseAnnotation } from './annotation.js';
import { PlanImportError, isPlanImportError } from './import-error.js';
import { refuseInterpretationByHeading, refuseNonPlan } from './document-kind.js';
import { extractIndicators, type ParsedIndicator } from './indicator.js';

export type { ParsedIndicator } from './indicator.js';

/**
 * Bounds on what one text may produce, far above any published plan (a county's women's and
 * children's plans together are ~60 000 characters, ~150 goals, lines under 2 000 characters,
 * a few indicators per goal); past them the import is refused with a 400 instead of spending
 * minutes and gigabytes on it.
 */
export const PARSE_LIMITS = {
  maxChars: 4_000_000,
  maxLineChars: 100_000,
  maxGoalsPerPlan: 2_000,
  maxIndicatorsPerGoal: 200,
} as const;

export type ParsedWarningCode =
  | 'NO_LEAD' // an annotated plan's goal without a lead unit: it still needs an owner
  | 'NO_ANNOTATIONS' // a plan whose goals carry no units at all: assign by hand or spreadsheet
  | 'NUMBER_GAP'
  | 'DUPLICATE_NUMBER'
  | 'NUMBER_ORDER'
  | 'UNPARSED_LINE'
  | 'BAD_ANNOTATION'
  | 'ANNOTATED_MEASURE'
  | 'MISSING_MARKER'
  | 'MISSING_AREA'
  | 'CONTINUATION_LINE'
  | 'EMPTY_AREA'
  | 'EMPTY_PLAN'
  | 'NO_SECTION_HEADING'
  | 'NO_TITLE'
  | 'NO_PERIOD'
  | 'TITLE_REPAIRED' // lost brackets or dash, or words inserted by a mirror site: title rebuilt, check it
  | 'TITLE_COMPOSED' // no title line: one was composed from the areas and period
  | 'RENUMBERED' // printed number broken or restarting: counted by sequence, printed number kept
  | 'SPLIT_NUMBER' // 1 3. read as 13
  | 'RUN_TOGETHER' // several items printed on one line, split
  | 'GLUED_PAGE_TITLE'; // the web page's title stuck to the first sentence

export interface ParsedGoal {
  number: number;
  /** As printed, when it differs from `number` (broken or restarting numbering). */
  printedNumber?: string;
  text: string;
  line: number;
  leadUnits: string[];
  responsibleUnits: string[];
  /** 牵头单位:各成员单位 — expand from the member register. Not repeated in leadUnits. */
  allMembersLead: boolean;
  /** 责任单位:各成员单位 — expand from the member register. Not repeated in responsibleUnits. */
  allMembersResponsible: boolean;
  annotated: boolean;
  indicators: ParsedIndicator[];
}

export interface ParsedMeasure {
  number: number;
  printedNumber?: string;
  text: string;
  line: number;
}

export interface ParsedArea {
  /** As printed: （三） → 3. */
  number: number;
  name: string;
  line: number;
  goals: ParsedGoal[];
  measures: ParsedMeasure[];
}

export type ParsedPlanKind = 'women' | 'children' | 'other';

export interface ParsedPlan {
  title: string;
  kind: ParsedPlanKind;
  periodStart: number;
  periodEnd: number;
  /** YYYY-MM-DD: the date the notice was signed (成文日期), else the page's metadata date. */
  issuedOn: string | null;
  documentNumber: string | null;
  line: number;
  /** 'en' for an English translation: goal texts stay in the text's language. */
  language: 'zh' | 'en';
  areas: ParsedArea[];
  /** What the text says about a mid-term evaluation (midtermEvaluationOf); null: it does not say. */
  midtermEvaluation: boolean | null;
}

export interface ParsedDocument {
  plans: ParsedPlan[];
  warnings: ImportWarning[];
}

// ---------------------------------------------------------------------------------------------
// Line cleaning

/** Word-processor and web-page leftovers inside a line. */
const INLINE_DEBRIS_RE = /\[(?:bookmark|_?GoBack|endnoteRef|footnoteRef)[^\]]{0,80}\]|[\u200b-\u200d\u2060\ufeff]/gi;
const BULLET_RE = /^[•·●○■□◆◇▪▫►▶‣⁃∙★☆◎※]+\s*/;
/** Whole lines that belong to the web page around the document, not to the document. */
const DEBRIS_LINE_RE =
  /我要打印|\[关闭\]|【关闭】|【打印】|视力保护色|您当前的位置|当前位置[:：]|分享到|扫一扫|浏览次数|访问量|责任编辑|版权所有|ICP备|公网安备|网站标识码|上一篇|下一篇|相关链接|字号[:：]\s*[[【]/;

function cleanLine(raw: string): string {
  let s = raw.replace(INLINE_DEBRIS_RE, '');
  s = s.replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '');
  s = s.replace(BULLET_RE, '');
  return s;
}

/** English web-page leftovers (blog templates around a translated plan). */
const EN_DEBRIS_LINE_RE =
  /^(?:rate this post|leave a (?:comment|reply)|table of contents|share this:?|related posts?:?|previous post|next post|click to (?:share|print).*|posted in .{0,60}|tags?:.{0,80})$/i;

function isDebrisLine(s: string): boolean {
  if (DEBRIS_LINE_RE.test(s) || EN_DEBRIS_LINE_RE.test(s)) return true;
  // Site navigation: 中央人民政府 | 贵州省人民政府 | …
  return (s.match(/\s\|\s/g)?.length ?? 0) >= 2 || /\s»\s/.test(s);
}

// ---------------------------------------------------------------------------------------------
// Line shapes

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一…九十九 → 1…99; NaN for anything else. */
export function chineseNumeral(s: string): number {
  if (s === '') return Number.NaN;
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 && CN_DIGITS[s] ? CN_DIGITS[s] : Number.NaN;
  const tens = ten === 0 ? 1 : CN_DIGITS[s.slice(0, ten)];
  const unitsPart = s.slice(ten + 1);
  const units = unitsPart === '' ? 0 : CN_DIGITS[unitsPart];
  if (!tens || units === undefined || s.slice(0, ten).length > 1 || unitsPart.length > 1) return Number.NaN;
  return tens * 10 + units;
}

const TOP_HEADING_RE = /^([一二三四五六七八九十]{1,3})\s*[、.．,，]\s*(.*)$/;
const PLAN_SECTION_RE = /主要目标|策略措施|发展领域|主要任务|目标和措施/;
const AREA_RE = /^[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*(.+)$/;
const MARKER_RE = /^(主要目标|策略措施|主要措施|具体措施|工作措施)\s*[:：]?\s*(.*)$/;
const NUMBERED_RE = /^([0-9０-９]{1,3})\s*[.．、]\s*(.*)$/;
// A number with its separator lost (7强化社会救助…): an item only if it is the expected next one.
const LOOSE_NUMBER_RE = /^([0-9０-９]{1,3})(?![0-9０-９.．、%％‰])\s*(\S.*)$/;

// A period after the title, intact （2021—2030年） or damaged in copying: 20212030年), (2021-2030, 2021 2030.
const TITLE_SHAPE_RE =
  /^(.{2,50}?(?:规划|纲要))\s*(?:([（(][^（）()]{0,30}[)）])|[（(]?\s*((?:19|20)\d{2})\s*[—–\-－~～至到]{0,3}\s*((?:19|20)\d{2})\s*年?\s*[)）]?)?$/;
const TITLE_FORBIDDEN_RE =
  /[《》。，,；;：:！？]|^[一二三四五六七八九十]+[、.．]|^[(（][一二三四五六七八九十]+[)）]|^\d/;
const KIND_WORDS_RE = /妇女|儿童/;

function toAsciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

export interface TitleReading {
  title: string;
  kind: ParsedPlanKind;
  /** What was repaired, for a TITLE_REPAIRED warning; absent when the line was intact. */
  repaired?: { spam?: string; periodTitle?: string };
  period?: [number, number];
}

function kindOf(head: string): ParsedPlanKind {
  const women = head.includes('妇女') || /\bwomen\b|\bwomen[’'`]s\b/i.test(head);
  const children = head.includes('儿童') || /\bchild(?:ren)?\b|\bchildren[’'`]s\b/i.test(head);
  return women && !children ? 'women' : children && !women ? 'children' : 'other';
}

/**
 * Mirror sites insert words into titles (上饶市儿半岛体育童发展规划). When the head names neither
 * 妇女 nor 儿童, try taking out one run of 2–8 characters that leaves one of them before 发展/规划.
 */
function despam(head: string): string | null {
  if (KIND_WORDS_RE.test(head)) return null;
  for (let len = 2; len <= 8; len++) {
    for (let i = 1; i + len < head.length; i++) {
      const candidate = head.slice(0, i) + head.slice(i + len);
      if (/(?:妇女|儿童)(?:事业)?(?:发展)?(?:规划|纲要)/.test(candidate)) return candidate;
    }
  }
  return null;
}

/** A plan title line (Chinese or English), possibly damaged; null for anything else. */
export function planTitle(s: string): TitleReading | null {
  return chineseTitle(s) ?? englishTitle(s);
}

function chineseTitle(s: string): TitleReading | null {
  if (s.length > 70 || TITLE_FORBIDDEN_RE.test(s)) return null;
  const m = TITLE_SHAPE_RE.exec(s);
  if (!m) return null;
  let head = m[1].trim();
  if (!/(?:妇女|儿童|发展).{0,12}(?:规划|纲要)$/.test(head)) return null;
  const notes: { spam?: string; periodTitle?: string } = {};
  const clean = despam(head);
  if (clean) {
    notes.spam = clean;
    head = clean;
  }
  let title = head + (m[2] ?? '');
  let period: [number, number] | undefined;
  if (m[3] && m[4]) {
    const a = Number(m[3]);
    const b = Number(m[4]);
    if (b >= a && b - a <= 20) {
      period = [a, b];
      title = `${head}（${a}—${b}年）`;
      const intact = new RegExp(`^[（(]${a}\\s*[—–\\-－~～至到]{1,2}\\s*${b}年[)）]$`);
      if (!intact.test(s.slice(m[1].length).trim())) notes.periodTitle = title;
    } else return null;
  }
  return { title, kind: kindOf(head), period, repaired: notes.spam || notes.periodTitle ? notes : undefined };
}

// Huozhou City’s “14th Five-Year Plan” for Children’s Development; Women's Development Plan (2021-2025).
const EN_TITLE_RE =
  /(?:plan|outline|program(?:me)?)[”"’']?\s+(?:for|on)\s+(?:the\s+)?(?:development of\s+)?(?:women|children)|(?:women|children)[’'`]?s?[’'`]?\s+development\s+(?:plan|outline|program(?:me)?)/i;

function englishTitle(s: string): TitleReading | null {
  if (s.length > 160 || /[\u4e00-\u9fff]/.test(s) || /[.;:]$/.test(s) || /^[(（\d]/.test(s)) return null;
  if (!EN_TITLE_RE.test(s) || s.split(/\s+/).length > 22) return null;
  return { title: s.replace(/\s+/g, ' '), kind: kindOf(s) };
}

const FIVE_YEAR: Record<string, [number, number]> = {
  十一五: [2006, 2010],
  十二五: [2011, 2015],
  十三五: [2016, 2020],
  十四五: [2021, 2025],
  十五五: [2026, 2030],
};
const EN_ORDINALS: Record<string, number> = {
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
};
const PERIOD_RE = /((?:19|20)\d{2})\s*[—–\-－~～至到]{1,3}\s*((?:19|20)\d{2})/;
const EN_FIVE_YEAR_RE =
  /\b(1[1-5])(?:st|nd|rd|th)\s+five[-\s]year\s+plan|\b(eleventh|twelfth|thirteenth|fourteenth|fifteenth)\s+five[-\s]year\s+plan/i;
// The year a plan's goals are for: 到2025年, By 2025.
const TARGET_YEAR_RE = /(?:^|[^\d])(?:到|至)\s*((?:19|20)\d{2})\s*年|\bby\s+(?:the\s+end\s+of\s+)?((?:19|20)\d{2})\b/i;

const ANY_FIVE_YEAR_RE = new RegExp(`十[一二三四五]五|${EN_FIVE_YEAR_RE.source}`, 'gi');

function fiveYearOf(s: string): [number, number] | null {
  const fy = /十[一二三四五]五/.exec(s);
  if (fy) return FIVE_YEAR[fy[0]];
  const en = EN_FIVE_YEAR_RE.exec(s);
  if (!en) return null;
  const n = en[1] ? Number(en[1]) : EN_ORDINALS[en[2].toLowerCase()];
  const start = 2006 + (n - 11) * 5;
  return [start, start + 4];
}

function periodOf(s: string): [number, number] | null {
  const m = PERIOD_RE.exec(toAsciiDigits(s));
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (b >= a && b - a <= 20) return [a, b];
  }
  return fiveYearOf(s);
}

/**
 * The period of a plan whose title has none, from the text before its body. Texts look back
 * (“十三五”期间…, the national outline 2021—2030) before they state their own target year
 * (到2025年, By 2025), so a target year picks the range or five-year plan that ends in it.
 */
function periodFromPreamble(lines: string[]): [number, number] | null {
  const ranges: [number, number][] = [];
  const fiveYears: [number, number][] = [];
  let target: number | null = null;
  for (const s of lines) {
    const r = PERIOD_RE.exec(s);
    if (r && Number(r[2]) >= Number(r[1]) && Number(r[2]) - Number(r[1]) <= 20)
      ranges.push([Number(r[1]), Number(r[2])]);
    const all = s.match(ANY_FIVE_YEAR_RE) ?? [];
    for (const f of all) {
      const p = fiveYearOf(f);
      if (p) fiveYears.push(p);
    }
    const t = TARGET_YEAR_RE.exec(s);
    if (t) target = Math.max(target ?? 0, Number(t[1] ?? t[2]));
  }
  if (target !== null) {
    // The last target year a plan states is its end (到2025年… 到2030年 in a ten-year plan).
    const hit = ranges.find((r) => r[1] === target) ?? fiveYears.find((r) => r[1] === target);
    return hit ?? [target - 4, target];
  }
  if (ranges.length) return ranges[0];
  if (fiveYears.length) return fiveYears.reduce((a, b) => (b[0] > a[0] ? b : a));
  return null;
}

// ---------------------------------------------------------------------------------------------
// Notice metadata: 文号 and issue date, read from the text before the first plan.

const DOC_NUMBER_RE = /[\u4e00-\u9fff]{1,12}[〔［[【(（]\s*(?:19|20)\d{2}\s*[〕］\]】)）]\s*\d{1,4}\s*号/;
const DATE_RES = [
  /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/,
  /((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/,
];

function validDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function dateIn(s: string): string | null {
  for (const re of DATE_RES) {
    const m = re.exec(s);
    if (m) {
      const d = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
      if (d) return d;
    }
  }
  return null;
}

/**
 * A signature date whose 年/月/日 were lost in copying (2023年5月5日 → 202355): accepted only
 * when exactly one split of the digits is a real date.
 */
function damagedDate(s: string): string | null {
  const m = /^((?:19|20)\d{2})(\d{2,4})$/.exec(s);
  if (!m) return null;
  const rest = m[2];
  const found = new Set<string>();
  for (let i = 1; i < rest.length; i++) {
    const month = rest.slice(0, i);
    const day = rest.slice(i);
    if (month.length > 2 || day.length > 2) continue;
    const d = validDate(Number(m[1]), Number(month), Number(day));
    if (d) found.add(d);
  }
  return found.size === 1 ? [...found][0] : null;
}

interface NoticeMeta {
  documentNumber: string | null;
  issuedOn: string | null;
}

/** A line that is nothing but a date (2023-05-22, 2023年5月5日, or the damaged 202355). */
function standaloneDate(value: string): string | null {
  const v = value.replace(/\s+/g, '');
  if (/^[\d年月日\-/.]+$/.test(v)) return dateIn(v) ?? damagedDate(v);
  return null;
}

function readNotice(lines: string[]): NoticeMeta {
  let documentNumber: string | null = null;
  let signed: string | null = null; // a date alone under the issuer: the notice's own date
  let labelledIssue: string | null = null; // 成文日期 / 印发日期 / 发文日期
  let labelledOther: string | null = null; // 生成日期 / 发布日期: when the web page was made
  let anyDate: string | null = null;
  let prevLabel = ''; // page metadata puts the label and its value on separate lines
  for (const s of lines) {
    if (s === '') continue;
    documentNumber ??= DOC_NUMBER_RE.exec(s)?.[0].replace(/\s+/g, '') ?? null;
    const labelOnly = /^(.{1,8})[:：]$/.exec(s);
    if (labelOnly) {
      prevLabel = labelOnly[1].replace(/\s+/g, '');
      continue;
    }
    const inline = /^(.{1,8}?)[:：]\s*(.+)$/.exec(s);
    const label = inline ? inline[1].replace(/\s+/g, '') : prevLabel;
    prevLabel = '';
    const date = standaloneDate(inline ? inline[2] : s);
    if (!date) {
      anyDate ??= dateIn(s);
      continue;
    }
    if (label === '') signed ??= date;
    else if (/成文|印发|发文|签发/.test(label)) labelledIssue ??= date;
    else labelledOther ??= date;
  }
  return { documentNumber, issuedOn: labelledIssue ?? signed ?? labelledOther ?? anyDate };
}

// ---------------------------------------------------------------------------------------------
// The parser

interface GoalDraft {
  number: number;
  printed?: string;
  raw: string;
  line: number;
  markerMissing: boolean;
}

interface MeasureDraft {
  number: number;
  printed?: string;
  raw: string;
  line: number;
}

interface AreaDraft {
  number: number;
  name: string;
  line: number;
  goals: GoalDraft[];
  measures: MeasureDraft[];
}

interface PlanDraft {
  title: string;
  kind: ParsedPlanKind;
  line: number;
  language: 'zh' | 'en';
  period: [number, number] | null;
  /** Lines of text seen before the plan section, searched for a period when the title has none. */
  preamble: string[];
  stage: 'preamble' | 'body' | 'done';
  areas: AreaDraft[];
  pendingArea: { number: number; name: string; line: number } | null;
  mode: 'none' | 'goals' | 'measures';
  last: GoalDraft | MeasureDraft | null;
  warnings: ImportWarning[];
}

function newPlan(title: TitleReading | null, line: number, language: 'zh' | 'en', preamble: string[] = []): PlanDraft {
  const d: PlanDraft = {
    title: title?.title ?? '',
    kind: title?.kind ?? 'other',
    line,
    language,
    period: title ? (title.period ?? periodOf(title.title)) : null,
    preamble: preamble.slice(-200),
    stage: 'preamble',
    areas: [],
    pendingArea: null,
    mode: 'none',
    last: null,
    warnings: [],
  };
  if (title?.repaired)
    d.warnings.push(importWarning(line, 'TITLE_REPAIRED', { form: 'line', ...title.repaired, kind: title.kind }));
  return d;
}

function areaHeading(s: string): { number: number; name: string } | null {
  const m = AREA_RE.exec(s);
  if (m) {
    const name = m[2].replace(/[:：\s]+$/, '').trim();
    if (name === '' || name.length > 40 || /[。；;]/.test(name)) return null;
    const n = chineseNumeral(m[1]);
    return Number.isNaN(n) ? null : { number: n, name };
  }
  // English: (1) Women and health, ( 3) …, ( 3 ) … — a short name, not a sentence.
  const en = EN_AREA_RE.exec(s);
  if (!en) return null;
  const name = en[2].trim();
  if (name.length > 80 || /[.;:]\s|[.;]$/.test(name) || name.split(/\s+/).length > 10) return null;
  return { number: Number(en[1]), name };
}

// English translations: same structure, other words.
const EN_AREA_RE = /^[(（]\s*(\d{1,2})\s*[)）]\s*([A-Za-z][^\u4e00-\u9fff]*)$/;
const EN_SECTION_RE =
  /^(?:(?:\d{1,2}|[IVX]{1,4})\s*[.．、]\s*)?(?:development\s+areas?|areas?\s+of\s+development|(?:main|major)\s+(?:goals|targets|objectives)\s+and\s+(?:strategic\s+)?measures)\b/i;
const EN_END_RE =
  /^(?:(?:\d{1,2}|[IVX]{1,4})\s*[.．、]\s*)?(?:organi[sz]ation\s+and\s+implementation|monitoring\s+and\s+evaluation|safeguard\s+measures|implementation\s+(?:guarantees?|safeguards?)|guarantee\s+measures)\s*$/i;
const EN_MARKER_RE =
  /^((?:main|major|key)\s+(?:targets?|goals?|objectives?)|strategic\s+measures|strategies\s+and\s+measures|policy\s+measures|measures)\s*(?:[:：]\s*(.*)|$)/i;
// A line that introduces a goal list without a bare 主要目标： heading (…领域主要目标设置情况：).
const GOALS_INTRO_RE = /主要目标[^。：:]{0,20}[：:]$/;
const MEASURES_INTRO_RE = /策略措施[^。：:]{0,20}[：:]$/;
const EXCERPT_TITLE_RE = /《([^《》]{4,60})》/;
// 1 3. for 13: a number split by a space in translation.
const SPLIT_NUMBER_RE = /^(\d)\s(\d)\s*[.．]\s*(\S.*)$/;
// Several items on one line: the next number after a sentence end and 2+ spaces (or right after 。).
const RUN_TOGETHER_RE = /(?:[.!?;。；！？]\s{2,}|。)(\d{1,2})\s*[.．、](?!\d)\s*(?=\S)/g;

const isEnglishLine = (s: string) => /[A-Za-z]{3,}/.test(s) && !/[\u4e00-\u9fff]/.test(s);

/**
 * A web page's title stuck to the start of a line (`Unique small business ideas … Women are…`):
 * a short line among the first ones that is also the start of a longer line. Returns the title.
 */
function gluedPageTitle(lines: string[]): string | null {
  const first = lines
    .map((s, i) => [s, i] as const)
    .filter(([s]) => s !== '')
    .slice(0, 10);
  for (const [s] of first) {
    if (
      s.length < 8 ||
      s.length > 100 ||
      !/^[A-Za-z]/.test(s) ||
      planTitle(s) ||
      EN_AREA_RE.test(s) ||
      NUMBERED_RE.test(s)
    )
      continue;
    const glued = s + ' ';
    if (lines.some((l) => l.length > glued.length && l.startsWith(glued))) return s;
  }
  return null;
}

/** Parses plan text (LF or CRLF) into plans; see the module comment for what it tolerates. */
export function parsePlanText(text: string): ParsedDocument {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new PlanImportError('EMPTY_FILE', '文本为空。The text is empty.');
  }
  if (text.length > PARSE_LIMITS.maxChars) {
    throw new PlanImportError(
      'TOO_LARGE',
      `文本有 ${text.length} 个字符，超过上限 ${PARSE_LIMITS.maxChars}。The text has ${text.length} characters; the limit is ${PARSE_LIMITS.maxChars}.`,
    );
  }
  const rawLines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const long = rawLines.findIndex((l) => l.length > PARSE_LIMITS.maxLineChars);
  if (long >= 0) {
    throw new PlanImportError(
      'LINE_TOO_LONG',
      `第${long + 1}行有 ${rawLines[long].length} 个字符，超过每行上限 ${PARSE_LIMITS.maxLineChars}。Line ${long + 1} has ${rawLines[long].length} characters; the limit is ${PARSE_LIMITS.maxLineChars}.`,
      { line: long + 1 },
    );
  }
  const lines = rawLines.map((raw) => {
    const s = cleanLine(raw);
    return isDebrisLine(s) ? '' : s;
  });

  const warnings: ImportWarning[] = [];
  const pageTitle = gluedPageTitle(lines);
  if (pageTitle) {
    lines.forEach((s, i) => {
      if (s === pageTitle) lines[i] = '';
      else if (s.startsWith(pageTitle + ' ')) {
        lines[i] = s.slice(pageTitle.length + 1).trim();
        warnings.push(importWarning(i + 1, 'GLUED_PAGE_TITLE', { pageTitle: pageTitle.slice(0, 40) }));
      }
    });
  }
  refuseInterpretationByHeading(lines);
  let doc: ParsedDocument;
  try {
    doc = parseLines(lines, warnings);
  } catch (error) {
    if (isPlanImportError(error) && error.code === 'NO_PLAN') refuseNonPlan(text, 0);
    throw error;
  }
  refuseNonPlan(
    text,
    doc.plans.reduce((n, p) => n + allGoals(p).length, 0),
  );
  return doc;
}

function parseLines(lines: string[], warnings: ImportWarning[]): ParsedDocument {
  const drafts: PlanDraft[] = [];
  let plan: PlanDraft | null = null;
  let firstTitleIndex = -1;
  /** Text outside any plan: the preamble of a plan found without a title. */
  let loose: string[] = [];

  const warn = (p: PlanDraft | null, line: number, code: ParsedWarningCode, params: WarningParams = {}) => {
    (p ? p.warnings : warnings).push(importWarning(line, code, params));
  };

  const startSection = (p: PlanDraft) => {
    p.stage = 'body';
    p.mode = 'none';
    p.last = null;
  };

  const openArea = (p: PlanDraft, number: number, name: string, line: number) => {
    p.areas.push({ number, name, line, goals: [], measures: [] });
    p.mode = 'none';
    p.last = null;
  };

  const untitledPlan = (lineNo: number, language: 'zh' | 'en'): PlanDraft => {
    const p = newPlan(null, lineNo, language, loose);
    drafts.push(p);
    loose = [];
    warn(p, lineNo, 'NO_TITLE');
    return p;
  };

  const bodyStartsHere = (p: PlanDraft, lineNo: number) => {
    // No 二、…主要目标和策略措施 heading, but the plan's body is plainly here.
    startSection(p);
    warn(p, lineNo, 'NO_SECTION_HEADING');
    if (p.pendingArea) {
      openArea(p, p.pendingArea.number, p.pendingArea.name, p.pendingArea.line);
      p.pendingArea = null;
    }
  };

  const addItem = (p: PlanDraft, printed: string, number: number, rest: string, lineNo: number) => {
    if (p.areas.length === 0) {
      // Goals before any （一） heading: keep them in a nameless area rather than lose them.
      openArea(p, 1, '', lineNo);
      warn(p, lineNo, 'MISSING_AREA');
    }
    const area = p.areas[p.areas.length - 1];
    const list: (GoalDraft | MeasureDraft)[] = p.mode === 'measures' ? area.measures : area.goals;
    const prev = list.length > 0 ? list[list.length - 1].number : 0;
    let n = number;
    let shown: string | undefined = printed !== String(number) ? printed : undefined;
    if (n <= prev) {
      // A restart (after a truncated item) or a repeat: count by sequence, keep what was printed.
      n = prev + 1;
      shown = printed;
      warn(p, lineNo, 'RENUMBERED', { printed, prev, number: n });
    }
    if (p.mode === 'measures') {
      const m: MeasureDraft = { number: n, printed: shown, raw: rest, line: lineNo };
      area.measures.push(m);
      p.last = m;
    } else {
      const g: GoalDraft = { number: n, printed: shown, raw: rest, line: lineNo, markerMissing: p.mode === 'none' };
      area.goals.push(g);
      p.last = g;
    }
  };

  const handleItem = (p: PlanDraft, numberText: string, rest: string, lineNo: number, printed?: string) => {
    const number = Number(toAsciiDigits(numberText));
    if (rest.trim() === '') {
      warn(p, lineNo, 'UNPARSED_LINE', { form: 'numberOnly', number: numberText });
      return;
    }
    // Items run together on one line: split at the next expected numbers only.
    const pieces: { printed: string; number: number; text: string }[] = [];
    let current = { printed: printed ?? numberText, number, text: rest };
    let expected = number + 1;
    RUN_TOGETHER_RE.lastIndex = 0;
    let from = 0;
    for (let m = RUN_TOGETHER_RE.exec(rest); m; m = RUN_TOGETHER_RE.exec(rest)) {
      if (Number(m[1]) !== expected) continue;
      const cut = m.index + m[0].length - m[0].replace(/^[.!?;。；！？]?\s*/, '').length;
      pieces.push({ ...current, text: rest.slice(from, cut).trim() });
      from = m.index + m[0].length;
      current = { printed: m[1], number: expected, text: '' };
      expected++;
    }
    pieces.push({ ...current, text: rest.slice(from).trim() });
    if (pieces.length > 1)
      warn(p, lineNo, 'RUN_TOGETHER', {
        count: pieces.length,
        first: pieces[0].printed,
        last: pieces[pieces.length - 1].printed,
      });
    for (const piece of pieces) addItem(p, piece.printed, piece.number, piece.text, lineNo);
  };

  for (let i = 0; i < lines.length; i++) {
    const s = lines[i];
    const lineNo = i + 1;
    if (s === '') continue;
    const english = isEnglishLine(s);

    const title = planTitle(s);
    if (title) {
      if (firstTitleIndex < 0) firstTitleIndex = i;
      if (plan && plan.stage === 'preamble' && plan.areas.length === 0 && plan.title === title.title) continue; // repeated title
      plan = newPlan(title, lineNo, english ? 'en' : 'zh');
      drafts.push(plan);
      loose = [];
      continue;
    }

    // An excerpt from a news page: 本期推出《某市儿童发展规划（2021—2030年）》儿童与安全领域主要目标设置情况：
    const excerpt = EXCERPT_TITLE_RE.exec(s);
    if (excerpt && (GOALS_INTRO_RE.test(s) || MEASURES_INTRO_RE.test(s))) {
      const quoted = planTitle(excerpt[1].trim());
      if (quoted) {
        if (!plan || plan.title !== quoted.title) {
          if (firstTitleIndex < 0) firstTitleIndex = i;
          plan = newPlan(quoted, lineNo, 'zh');
          drafts.push(plan);
          loose = [];
        }
        startSection(plan);
        const after = s.slice(excerpt.index + excerpt[0].length);
        const name = /^(.{2,20}?)领域/.exec(after)?.[1] ?? '';
        const known = plan.areas.find((a) => a.name === name && name !== '');
        if (!known) openArea(plan, plan.areas.length + 1, name, lineNo);
        plan.mode = GOALS_INTRO_RE.test(s) ? 'goals' : 'measures';
        plan.last = null;
        continue;
      }
    }

    const top = TOP_HEADING_RE.exec(s);
    const enSection = !top && EN_SECTION_RE.test(s);
    const enEnd = !top && !enSection && EN_END_RE.test(s);
    if (top || enSection || enEnd) {
      if ((top && PLAN_SECTION_RE.test(top[2])) || enSection) {
        if (!plan || plan.stage === 'done') plan = untitledPlan(lineNo, enSection ? 'en' : 'zh');
        if (plan.stage === 'body') {
          // A second 主要目标 section inside one plan: keep reading into the same plan.
          plan.mode = 'none';
          plan.last = null;
        } else startSection(plan);
        continue;
      }
      if (plan && plan.stage === 'body') {
        plan.stage = 'done'; // 三、组织实施 and what follows are not goals
        plan.last = null;
      }
      if ((!plan || plan.stage === 'done') && loose.length < 400) loose.push(s);
      continue;
    }

    if (!plan || plan.stage === 'done') {
      if (loose.length < 400) loose.push(s);
      continue;
    }

    const area = areaHeading(s);
    if (area) {
      if (plan.stage === 'body') openArea(plan, area.number, area.name, lineNo);
      else plan.pendingArea = { ...area, line: lineNo };
      continue;
    }

    const marker = MARKER_RE.exec(s);
    const enMarker = marker ? null : EN_MARKER_RE.exec(s);
    if (marker || enMarker) {
      if (plan.stage === 'preamble') bodyStartsHere(plan, lineNo);
      const word = marker ? marker[1] : enMarker![1];
      plan.mode = word === '主要目标' || /targets?|goals?|objectives?/i.test(word) ? 'goals' : 'measures';
      plan.last = null;
      const rest = (marker ? marker[2] : (enMarker![2] ?? '')).trim();
      if (rest !== '') {
        const item = NUMBERED_RE.exec(rest);
        if (item) handleItem(plan, item[1], item[2], lineNo);
        else warn(plan, lineNo, 'UNPARSED_LINE', { form: 'afterWord', word, text: rest.slice(0, 30) });
      }
      continue;
    }

    if (
      (GOALS_INTRO_RE.test(s) || MEASURES_INTRO_RE.test(s)) &&
      s.length <= 60 &&
      (plan.stage === 'body' || plan.pendingArea)
    ) {
      // 本领域主要目标如下： introduces the list as a bare 主要目标： would.
      if (plan.stage === 'preamble') bodyStartsHere(plan, lineNo);
      plan.mode = GOALS_INTRO_RE.test(s) ? 'goals' : 'measures';
      plan.last = null;
      continue;
    }

    if (plan.stage === 'preamble') {
      if (plan.preamble.length < 200) plan.preamble.push(s);
      continue;
    }

    const split = SPLIT_NUMBER_RE.exec(s);
    if (split && plan.mode !== 'none') {
      const printed = `${split[1]} ${split[2]}`;
      warn(plan, lineNo, 'SPLIT_NUMBER', { printed, number: split[1] + split[2] });
      handleItem(plan, split[1] + split[2], split[3], lineNo, printed);
      continue;
    }

    const item = NUMBERED_RE.exec(s);
    if (item) {
      handleItem(plan, item[1], item[2], lineNo);
      continue;
    }

    if (plan.areas.length === 0 || plan.mode === 'none') continue; // an area's introduction
    const looseNumber = LOOSE_NUMBER_RE.exec(s);
    if (looseNumber) {
      const area = plan.areas[plan.areas.length - 1];
      const list = plan.mode === 'measures' ? area.measures : area.goals;
      const expected = (list.length > 0 ? list[list.length - 1].number : 0) + 1;
      if (Number(toAsciiDigits(looseNumber[1])) === expected) {
        handleItem(plan, looseNumber[1], looseNumber[2], lineNo);
        warn(plan, lineNo, 'UNPARSED_LINE', { form: 'missingDot', number: expected });
        continue;
      }
      if (plan.last === null) {
        warn(plan, lineNo, 'UNPARSED_LINE', { form: 'noNumber', text: s.slice(0, 30) });
        continue;
      }
    }
    if (plan.last) {
      // A wrapped item (or its annotation on a line of its own) continues the previous one.
      plan.last.raw += plan.language === 'en' ? ' ' + s : s;
      warn(plan, lineNo, 'CONTINUATION_LINE', { previousLine: plan.last.line });
    } else {
      warn(plan, lineNo, 'UNPARSED_LINE', { text: s.slice(0, 30) });
    }
  }

  const notice = readNotice(firstTitleIndex >= 0 ? lines.slice(0, firstTitleIndex) : []);
  const plans: ParsedPlan[] = [];
  for (const [i, d] of drafts.entries()) {
    const goalCount = d.areas.reduce((n, a) => n + a.goals.length + a.measures.length, 0);
    if (goalCount > PARSE_LIMITS.maxGoalsPerPlan) {
      throw new PlanImportError(
        'TOO_MANY_GOALS',
        `第${d.line}行起的规划有 ${goalCount} 条目标和措施，超过上限 ${PARSE_LIMITS.maxGoalsPerPlan}。The plan starting on line ${d.line} has ${goalCount} goals and measures; the limit is ${PARSE_LIMITS.maxGoalsPerPlan}.`,
        { line: d.line },
      );
    }
    const built = finishPlan(d, notice);
    // The plan's own text runs to the next plan's title (its 监测评估 section comes after the goals).
    built.midtermEvaluation = midtermEvaluationOf(
      lines.slice(d.line - 1, drafts[i + 1] ? drafts[i + 1]!.line - 1 : lines.length),
    );
    if (built.areas.length === 0) {
      // A title (e.g. quoted in the notice) with no body after it.
      if (d.title !== '') warnings.push(importWarning(d.line, 'EMPTY_PLAN', { title: d.title }));
      continue;
    }
    plans.push(built);
    for (const w of d.warnings) warnings.push(w);
  }
  if (plans.length === 0) {
    throw new PlanImportError(
      'NO_PLAN',
      '没有找到规划正文（“（一）…”领域下的“主要目标”“策略措施”）。No plan found: expected areas such as （一）妇女与健康 with 主要目标 and 策略措施.',
    );
  }
  warnings.sort((a, b) => a.line - b.line);
  return { plans, warnings };
}

/**
 * Whether a plan's text asks for a mid-term evaluation: true for 中期评估 / 中期和终期评估
 * (洪洞: "对规划实施实行年度监测、中期评估、终期评估"), false when it names only the final one
 * (威宁: "实行年度监测、终期评估"), null when it names neither.
 */
export function midtermEvaluationOf(lines: readonly string[]): boolean | null {
  const text = lines.join('\n');
  if (/中期(?:[、和及与]终期)?评估/.test(text)) return true;
  if (/终期评估/.test(text)) return false;
  return null;
}

/** Kind from the area names when the title does not say (women / children). */
function kindFromAreas(areas: AreaDraft[]): ParsedPlanKind {
  let women = 0;
  let children = 0;
  for (const a of areas) {
    if (/妇女|女性|\bwomen\b|\bwomen[’'`]s\b/i.test(a.name)) women++;
    if (/儿童|未成年|\bchild(?:ren)?\b|\bchildren[’'`]s\b|\bminors?\b/i.test(a.name)) children++;
  }
  if (women > children && women >= areas.length / 2) return 'women';
  if (children > women && children >= areas.length / 2) return 'children';
  return 'other';
}

function finishPlan(d: PlanDraft, notice: NoticeMeta): ParsedPlan {
  const warn = (line: number, code: ParsedWarningCode, params: WarningParams = {}) =>
    d.warnings.push(importWarning(line, code, params));
  const period = d.period ?? periodFromPreamble(d.preamble);
  if (d.kind === 'other' && d.areas.length > 0) {
    const fromAreas = kindFromAreas(d.areas);
    if (fromAreas !== 'other') {
      d.kind = fromAreas;
      if (d.title !== '') warn(d.line, 'TITLE_REPAIRED', { form: 'kindFromAreas', title: d.title, kind: fromAreas });
    }
  }
  if (d.kind === 'other' && d.title !== '' && d.areas.length > 0 && !/妇女|儿童|women|child/i.test(d.title)) {
    // Not silently: a title naming neither women nor children is likely damaged.
    warn(d.line, 'TITLE_REPAIRED', { form: 'noKind', title: d.title });
  }
  if (d.title === '' && d.areas.length > 0) {
    // The plan still needs a name: composed, flagged, to be renamed by the office if wanted.
    const years = period
      ? d.language === 'en'
        ? ` (${period[0]}–${period[1]})`
        : `（${period[0]}—${period[1]}年）`
      : '';
    const base =
      d.language === 'en'
        ? d.kind === 'women'
          ? "Women's Development Plan"
          : d.kind === 'children'
            ? "Children's Development Plan"
            : 'Development Plan'
        : d.kind === 'women'
          ? '妇女发展规划'
          : d.kind === 'children'
            ? '儿童发展规划'
            : '发展规划';
    d.title = base + years;
    warn(d.line, 'TITLE_COMPOSED', { title: d.title });
  }
  if (!period && d.areas.length > 0) warn(d.line, 'NO_PERIOD', { title: d.title });

  const areas: ParsedArea[] = [];
  let annotatedGoals = 0;
  let prevAreaNumber = 0;
  for (const a of d.areas) {
    if (a.goals.length === 0 && a.measures.length === 0) {
      warn(a.line, 'EMPTY_AREA', { name: a.name });
      continue;
    }
    if (a.name !== '') {
      checkNumber(prevAreaNumber, a.number, a.line, { list: 'area' }, warn);
      prevAreaNumber = a.number;
    }
    const goals: ParsedGoal[] = [];
    let prev = 0;
    const seen = new Set<number>();
    for (const g of a.goals) {
      checkNumber(prev, g.number, g.line, { list: 'goals', area: a.name }, warn, seen);
      prev = g.number;
      seen.add(g.number);
      if (g.markerMissing) warn(g.line, 'MISSING_MARKER');
      const ann = parseAnnotation(g.raw);
      for (const issue of ann.issues) warn(g.line, 'BAD_ANNOTATION', { ...issue });
      if (ann.annotated) annotatedGoals++;
      const text = d.language === 'en' ? ann.text.replace(/\s+/g, ' ').trim() : ann.text;
      const indicators = extractIndicators(text, PARSE_LIMITS.maxIndicatorsPerGoal);
      if (indicators === null) {
        throw new PlanImportError(
          'TOO_MANY_INDICATORS',
          `第${g.line}行的目标有超过 ${PARSE_LIMITS.maxIndicatorsPerGoal} 个指标。The goal on line ${g.line} has more than ${PARSE_LIMITS.maxIndicatorsPerGoal} indicators.`,
          { line: g.line },
        );
      }
      goals.push({
        number: g.number,
        ...(g.printed !== undefined ? { printedNumber: g.printed } : {}),
        text,
        line: g.line,
        leadUnits: ann.lead,
        responsibleUnits: ann.responsible,
        allMembersLead: ann.allMembersLead,
        allMembersResponsible: ann.allMembersResponsible,
        annotated: ann.annotated,
        indicators,
      });
    }
    const measures: ParsedMeasure[] = [];
    prev = 0;
    seen.clear();
    for (const m of a.measures) {
      checkNumber(prev, m.number, m.line, { list: 'measures', area: a.name }, warn, seen);
      prev = m.number;
      seen.add(m.number);
      if (parseAnnotation(m.raw).annotated) warn(m.line, 'ANNOTATED_MEASURE');
      const text = d.language === 'en' ? m.raw.replace(/\s+/g, ' ').trim() : m.raw.trim();
      measures.push({
        number: m.number,
        ...(m.printed !== undefined ? { printedNumber: m.printed } : {}),
        text,
        line: m.line,
      });
    }
    areas.push({ number: a.number, name: a.name, line: a.line, goals, measures });
  }

  // Units are flagged only where the plan annotates at all; otherwise one notice for the plan.
  if (annotatedGoals === 0 && areas.some((a) => a.goals.length > 0)) {
    warn(d.line, 'NO_ANNOTATIONS', { title: d.title });
  } else {
    for (const a of areas) {
      for (const g of a.goals) {
        if (g.leadUnits.length === 0 && !g.allMembersLead) {
          warn(g.line, 'NO_LEAD', { area: a.name, number: g.number, annotated: g.annotated });
        }
      }
    }
  }

  return {
    title: d.title,
    kind: d.kind,
    periodStart: period ? period[0] : 0,
    periodEnd: period ? period[1] : 0,
    issuedOn: notice.issuedOn,
    documentNumber: notice.documentNumber,
    line: d.line,
    language: d.language,
    areas,
    midtermEvaluation: null,
  };
}

function checkNumber(
  prev: number,
  n: number,
  line: number,
  what: { list: 'area' | 'goals' | 'measures'; area?: string },
  warn: (line: number, code: ParsedWarningCode, params?: WarningParams) => void,
  seen?: Set<number>,
): void {
  if (seen?.has(n) || n === prev) warn(line, 'DUPLICATE_NUMBER', { ...what, number: n });
  else if (n < prev) warn(line, 'NUMBER_ORDER', { ...what, number: n, prev });
  else if (n > prev + 1) warn(line, 'NUMBER_GAP', { ...what, number: n, prev });
}

// ---------------------------------------------------------------------------------------------
// Helpers for tests, previews and the import summary

export function allGoals(plan: ParsedPlan): ParsedGoal[] {
  return plan.areas.flatMap((a) => a.goals);
}

export function allMeasures(plan: ParsedPlan): ParsedMeasure[] {
  return plan.areas.flatMap((a) => a.measures);
}

/** Unit × goal slots; 各成员单位 counts once per goal. */
export function countUnitSlots(goals: ParsedGoal[]): { lead: number; responsible: number } {
  let lead = 0;
  let responsible = 0;
  for (const g of goals) {
    lead += g.leadUnits.length + (g.allMembersLead ? 1 : 0);
    responsible += g.responsibleUnits.length + (g.allMembersResponsible ? 1 : 0);
  }
  return { lead, responsible };
}

/** Sorted distinct unit strings as written (after prefix distribution), 各成员单位 included. */
export function distinctUnits(goals: ParsedGoal[]): string[] {
  const set = new Set<string>();
  for (const g of goals) {
    for (const u of [...g.leadUnits, ...g.responsibleUnits]) set.add(u);
    if (g.allMembersLead || g.allMembersResponsible) set.add(ALL_MEMBERS);
  }
  return [...set].sort();
}
