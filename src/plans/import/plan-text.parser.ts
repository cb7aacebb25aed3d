/**
 * Reads the text of a published women's / children's development plan (one notice may carry
 * both) into plans → areas (领域) → goals (主要目标) and measures (策略措施).
 *
 * Pure: no Nest, no database. Messy input (web-page debris, lost brackets, numbering gaps,
 * stray word-processor marks) yields warnings with 1-based line numbers, never an exception;
 * the only errors are an empty text (EMPTY_FILE), a text with no plan in it (NO_PLAN), and a text
 * past the bounds below (TOO_LARGE, LINE_TOO_LONG, TOO_MANY_GOALS, TOO_MANY_INDICATORS).
 */
import { ALL_MEMBERS, parseAnnotation } from './annotation.js';
import { PlanImportError } from './import-error.js';
import { extractIndicators, type ParsedIndicator } from './indicator.js';

export type { ParsedIndicator } from './indicator.js';

/**
 * Bounds on what one text may produce, far above any published plan (a county's women's and
 * children's plans together are ~60 000 characters, ~150 goals, lines under 2 000 characters,
 * a few indicators per goal); past them the import is refused with a 400 instead of spending
 * minutes and gigabytes on it.
 */
export const PARSE_LIMITS = { maxChars: 4_000_000, maxLineChars: 100_000, maxGoalsPerPlan: 2_000, maxIndicatorsPerGoal: 200 } as const;

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
  | 'NO_PERIOD';

export interface ParsedWarning {
  line: number;
  message: string;
  code: ParsedWarningCode | string;
}

export interface ParsedGoal {
  number: number;
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
  areas: ParsedArea[];
}

export interface ParsedDocument {
  plans: ParsedPlan[];
  warnings: ParsedWarning[];
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

function isDebrisLine(s: string): boolean {
  if (DEBRIS_LINE_RE.test(s)) return true;
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

const TITLE_SHAPE_RE = /^(.{2,50}?(?:规划|纲要))\s*([（(][^（）()]{0,30}[)）])?$/;
const TITLE_FORBIDDEN_RE = /[《》。，,；;：:！？]|^[一二三四五六七八九十]+[、.．]|^[(（][一二三四五六七八九十]+[)）]|^\d/;

function toAsciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

function planTitle(s: string): { title: string; kind: ParsedPlanKind } | null {
  if (s.length > 70 || TITLE_FORBIDDEN_RE.test(s)) return null;
  const m = TITLE_SHAPE_RE.exec(s);
  if (!m) return null;
  const head = m[1];
  if (!/(?:妇女|儿童|发展).{0,12}(?:规划|纲要)$/.test(head)) return null;
  const women = head.includes('妇女');
  const children = head.includes('儿童');
  return { title: s, kind: women && !children ? 'women' : children && !women ? 'children' : 'other' };
}

const FIVE_YEAR: Record<string, [number, number]> = {
  十一五: [2006, 2010],
  十二五: [2011, 2015],
  十三五: [2016, 2020],
  十四五: [2021, 2025],
  十五五: [2026, 2030],
};
const PERIOD_RE = /((?:19|20)\d{2})\s*[—–\-－~～至到]{1,3}\s*((?:19|20)\d{2})/;

function periodOf(s: string): [number, number] | null {
  const m = PERIOD_RE.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (b >= a && b - a <= 20) return [a, b];
  }
  const fy = /十[一二三四五]五/.exec(s);
  return fy ? FIVE_YEAR[fy[0]] : null;
}

// ---------------------------------------------------------------------------------------------
// Notice metadata: 文号 and issue date, read from the text before the first plan.

const DOC_NUMBER_RE = /[\u4e00-\u9fff]{1,12}[〔［\[【(（]\s*(?:19|20)\d{2}\s*[〕］\]】)）]\s*\d{1,4}\s*号/;
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
  raw: string;
  line: number;
  markerMissing: boolean;
}

interface MeasureDraft {
  number: number;
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
  period: [number, number] | null;
  /** Lines of text seen before the plan section, searched for a period when the title has none. */
  preamble: string[];
  stage: 'preamble' | 'body' | 'done';
  areas: AreaDraft[];
  pendingArea: { number: number; name: string; line: number } | null;
  mode: 'none' | 'goals' | 'measures';
  last: GoalDraft | MeasureDraft | null;
  warnings: ParsedWarning[];
}

function newPlan(title: string, kind: ParsedPlanKind, line: number): PlanDraft {
  return {
    title,
    kind,
    line,
    period: periodOf(title),
    preamble: [],
    stage: 'preamble',
    areas: [],
    pendingArea: null,
    mode: 'none',
    last: null,
    warnings: [],
  };
}

function areaHeading(s: string): { number: number; name: string } | null {
  const m = AREA_RE.exec(s);
  if (!m) return null;
  const name = m[2].replace(/[:：\s]+$/, '').trim();
  if (name === '' || name.length > 40 || /[。；;]/.test(name)) return null;
  const n = chineseNumeral(m[1]);
  return Number.isNaN(n) ? null : { number: n, name };
}

/** Parses plan text (LF or CRLF) into plans; see the module comment for what it tolerates. */
export function parsePlanText(text: string): ParsedDocument {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new PlanImportError('EMPTY_FILE', '文本为空。The text is empty.');
  }
  if (text.length > PARSE_LIMITS.maxChars) {
    throw new PlanImportError('TOO_LARGE', `文本有 ${text.length} 个字符，超过上限 ${PARSE_LIMITS.maxChars}。The text has ${text.length} characters; the limit is ${PARSE_LIMITS.maxChars}.`);
  }
  const rawLines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const long = rawLines.findIndex((l) => l.length > PARSE_LIMITS.maxLineChars);
  if (long >= 0) {
    throw new PlanImportError('LINE_TOO_LONG', `第${long + 1}行有 ${rawLines[long].length} 个字符，超过每行上限 ${PARSE_LIMITS.maxLineChars}。Line ${long + 1} has ${rawLines[long].length} characters; the limit is ${PARSE_LIMITS.maxLineChars}.`, { line: long + 1 });
  }
  const lines = rawLines.map((raw) => {
    const s = cleanLine(raw);
    return isDebrisLine(s) ? '' : s;
  });

  const warnings: ParsedWarning[] = [];
  const drafts: PlanDraft[] = [];
  let plan: PlanDraft | null = null;
  let firstTitleIndex = -1;

  const warn = (p: PlanDraft | null, line: number, code: ParsedWarningCode, message: string) => {
    (p ? p.warnings : warnings).push({ line, code, message });
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

  const handleItem = (p: PlanDraft, numberText: string, rest: string, lineNo: number) => {
    if (p.areas.length === 0) {
      // Goals before any （一） heading: keep them in a nameless area rather than lose them.
      openArea(p, 1, '', lineNo);
      warn(p, lineNo, 'MISSING_AREA', `第${lineNo}行的条目前没有领域标题，已归入未命名领域。`);
    }
    const area = p.areas[p.areas.length - 1];
    const number = Number(toAsciiDigits(numberText));
    if (rest.trim() === '') {
      warn(p, lineNo, 'UNPARSED_LINE', `第${lineNo}行只有编号“${numberText}”，没有内容。`);
      return;
    }
    if (p.mode === 'measures') {
      const m: MeasureDraft = { number, raw: rest, line: lineNo };
      area.measures.push(m);
      p.last = m;
    } else {
      const g: GoalDraft = { number, raw: rest, line: lineNo, markerMissing: p.mode === 'none' };
      area.goals.push(g);
      p.last = g;
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const s = lines[i];
    const lineNo = i + 1;
    if (s === '') continue;

    const title = planTitle(s);
    if (title) {
      if (firstTitleIndex < 0) firstTitleIndex = i;
      if (plan && plan.stage === 'preamble' && plan.areas.length === 0 && plan.title === title.title) continue; // repeated title
      plan = newPlan(title.title, title.kind, lineNo);
      drafts.push(plan);
      continue;
    }

    const top = TOP_HEADING_RE.exec(s);
    if (top) {
      if (PLAN_SECTION_RE.test(top[2])) {
        if (!plan || plan.stage === 'done') {
          plan = newPlan('', 'other', lineNo);
          drafts.push(plan);
          warn(plan, lineNo, 'NO_TITLE', `第${lineNo}行的规划正文前没有找到规划标题。`);
        }
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
      continue;
    }

    if (!plan || plan.stage === 'done') continue;

    const area = areaHeading(s);
    if (area) {
      if (plan.stage === 'body') openArea(plan, area.number, area.name, lineNo);
      else plan.pendingArea = { ...area, line: lineNo };
      continue;
    }

    const marker = MARKER_RE.exec(s);
    if (marker) {
      if (plan.stage === 'preamble') {
        // No 二、…主要目标和策略措施 heading, but the plan's body is plainly here.
        startSection(plan);
        warn(plan, lineNo, 'NO_SECTION_HEADING', `第${lineNo}行前没有“发展领域、主要目标和策略措施”标题。`);
        if (plan.pendingArea) {
          openArea(plan, plan.pendingArea.number, plan.pendingArea.name, plan.pendingArea.line);
          plan.pendingArea = null;
        }
      }
      plan.mode = marker[1] === '主要目标' ? 'goals' : 'measures';
      plan.last = null;
      const rest = marker[2].trim();
      if (rest !== '') {
        const item = NUMBERED_RE.exec(rest);
        if (item) handleItem(plan, item[1], item[2], lineNo);
        else warn(plan, lineNo, 'UNPARSED_LINE', `第${lineNo}行“${marker[1]}”后的文字没有编号，未读取：“${rest.slice(0, 30)}”。`);
      }
      continue;
    }

    if (plan.stage === 'preamble') {
      if (plan.preamble.length < 200) plan.preamble.push(s);
      continue;
    }

    const item = NUMBERED_RE.exec(s);
    if (item) {
      handleItem(plan, item[1], item[2], lineNo);
      continue;
    }

    if (plan.areas.length === 0 || plan.mode === 'none') continue; // an area's introduction
    const loose = LOOSE_NUMBER_RE.exec(s);
    if (loose) {
      const area = plan.areas[plan.areas.length - 1];
      const list = plan.mode === 'measures' ? area.measures : area.goals;
      const expected = (list.length > 0 ? list[list.length - 1].number : 0) + 1;
      if (Number(toAsciiDigits(loose[1])) === expected) {
        handleItem(plan, loose[1], loose[2], lineNo);
        warn(plan, lineNo, 'UNPARSED_LINE', `第${lineNo}行编号后缺少“.”或“、”，已按第${expected}条读取，请核对。`);
        continue;
      }
      if (plan.last === null) {
        warn(plan, lineNo, 'UNPARSED_LINE', `第${lineNo}行像是编号条目，但没有识别出编号：“${s.slice(0, 30)}”。`);
        continue;
      }
    }
    if (plan.last) {
      // A wrapped item (or its annotation on a line of its own) continues the previous one.
      plan.last.raw += s;
      warn(plan, lineNo, 'CONTINUATION_LINE', `第${lineNo}行没有编号，已接在第${plan.last.line}行的条目后。`);
    } else {
      warn(plan, lineNo, 'UNPARSED_LINE', `第${lineNo}行无法识别：“${s.slice(0, 30)}”。`);
    }
  }

  const notice = readNotice(firstTitleIndex >= 0 ? lines.slice(0, firstTitleIndex) : []);
  const plans: ParsedPlan[] = [];
  for (const d of drafts) {
    const goalCount = d.areas.reduce((n, a) => n + a.goals.length + a.measures.length, 0);
    if (goalCount > PARSE_LIMITS.maxGoalsPerPlan) {
      throw new PlanImportError('TOO_MANY_GOALS', `第${d.line}行起的规划有 ${goalCount} 条目标和措施，超过上限 ${PARSE_LIMITS.maxGoalsPerPlan}。The plan starting on line ${d.line} has ${goalCount} goals and measures; the limit is ${PARSE_LIMITS.maxGoalsPerPlan}.`, { line: d.line });
    }
    const built = finishPlan(d, notice);
    if (built.areas.length === 0) {
      // A title (e.g. quoted in the notice) with no body after it.
      if (d.title !== '') warnings.push({ line: d.line, code: 'EMPTY_PLAN', message: `第${d.line}行的“${d.title}”后没有找到发展领域和目标。` });
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

function finishPlan(d: PlanDraft, notice: NoticeMeta): ParsedPlan {
  const warn = (line: number, code: ParsedWarningCode, message: string) => d.warnings.push({ line, code, message });
  let period = d.period;
  if (!period) {
    for (const s of d.preamble) {
      period = periodOf(s);
      if (period) break;
    }
  }
  if (!period && d.areas.length > 0) warn(d.line, 'NO_PERIOD', `没有识别出“${d.title}”的规划期（如 2021—2025年 或 “十四五”）。`);

  const areas: ParsedArea[] = [];
  let annotatedGoals = 0;
  let prevAreaNumber = 0;
  for (const a of d.areas) {
    if (a.goals.length === 0 && a.measures.length === 0) {
      warn(a.line, 'EMPTY_AREA', `领域“${a.name}”下没有目标或措施。`);
      continue;
    }
    if (a.name !== '') {
      checkNumber(prevAreaNumber, a.number, a.line, `领域`, warn);
      prevAreaNumber = a.number;
    }
    const goals: ParsedGoal[] = [];
    let prev = 0;
    const seen = new Set<number>();
    for (const g of a.goals) {
      checkNumber(prev, g.number, g.line, `“${a.name}”主要目标`, warn, seen);
      prev = g.number;
      seen.add(g.number);
      if (g.markerMissing) warn(g.line, 'MISSING_MARKER', `第${g.line}行的条目前没有“主要目标：”或“策略措施：”，已按目标读取。`);
      const ann = parseAnnotation(g.raw);
      for (const issue of ann.issues) warn(g.line, 'BAD_ANNOTATION', `第${g.line}行单位注释：${issue}`);
      if (ann.annotated) annotatedGoals++;
      const indicators = extractIndicators(ann.text, PARSE_LIMITS.maxIndicatorsPerGoal);
      if (indicators === null) {
        throw new PlanImportError('TOO_MANY_INDICATORS', `第${g.line}行的目标有超过 ${PARSE_LIMITS.maxIndicatorsPerGoal} 个指标。The goal on line ${g.line} has more than ${PARSE_LIMITS.maxIndicatorsPerGoal} indicators.`, { line: g.line });
      }
      goals.push({
        number: g.number,
        text: ann.text,
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
      checkNumber(prev, m.number, m.line, `“${a.name}”策略措施`, warn, seen);
      prev = m.number;
      seen.add(m.number);
      if (parseAnnotation(m.raw).annotated) warn(m.line, 'ANNOTATED_MEASURE', `第${m.line}行是策略措施，却带有牵头/责任单位注释；请确认它是否应为目标。`);
      measures.push({ number: m.number, text: m.raw.trim(), line: m.line });
    }
    areas.push({ number: a.number, name: a.name, line: a.line, goals, measures });
  }

  // Units are flagged only where the plan annotates at all; otherwise one notice for the plan.
  if (annotatedGoals === 0 && areas.some((a) => a.goals.length > 0)) {
    warn(d.line, 'NO_ANNOTATIONS', `“${d.title}”的目标没有标注牵头单位和责任单位，请手工或用分工表导入。`);
  } else {
    for (const a of areas) {
      for (const g of a.goals) {
        if (g.leadUnits.length === 0 && !g.allMembersLead) {
          warn(g.line, 'NO_LEAD', `“${a.name}”第${g.number}条目标没有牵头单位${g.annotated ? '' : '（没有单位注释）'}，需要指定督办责任人。`);
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
    areas,
  };
}

function checkNumber(
  prev: number,
  n: number,
  line: number,
  what: string,
  warn: (line: number, code: ParsedWarningCode, message: string) => void,
  seen?: Set<number>,
): void {
  if (seen?.has(n) || n === prev) warn(line, 'DUPLICATE_NUMBER', `${what}编号 ${n} 重复（第${line}行）。`);
  else if (n < prev) warn(line, 'NUMBER_ORDER', `${what}编号 ${n} 出现在 ${prev} 之后（第${line}行）。`);
  else if (n > prev + 1) warn(line, 'NUMBER_GAP', `${what}编号从 ${prev} 跳到 ${n}（第${line}行），按原文保留。`);
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
