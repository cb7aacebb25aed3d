/**
 * The unit annotation at the end of a goal line:
 *   …水平提升到20%。(牵头单位:自治县卫生健康局;责任单位:自治县总工会、科协、妇联,自治县教育科技局、民政局)
 * Grammar (see domain.md): half- or full-width ( ) : ; , ; the closing bracket is often missing;
 * a list is groups split by , and a group is names split by 、 whose first name is written in full
 * and whose other names inherit its administrative prefix (科协 → 自治县科协).
 */

/** "Every member unit of the committee": expanded from the member register, not from the text. */
export const ALL_MEMBERS = '各成员单位';
const ALL_MEMBERS_RE = /^(?:各|全体|所有)成员单位$/;

export interface UnitAnnotation {
  /** The goal text without the annotation (trimmed). */
  text: string;
  lead: string[];
  responsible: string[];
  allMembersLead: boolean;
  allMembersResponsible: boolean;
  /** A 牵头单位/责任单位 annotation was found. */
  annotated: boolean;
  /** Things the office should look at (text after the annotation, an empty list, …). */
  /** Problems as data: BAD_ANNOTATION warnings (form trailing: text after the annotation; noUnits: a label without units). */
  issues: Array<{ form: 'trailing'; text: string } | { form: 'noUnits'; label: string }>;
}

// Labels seen in county plans; 配合/协办/参与 are other plans' words for 责任单位.
const LABEL = '(牵头单位|责任单位|配合单位|协办单位|参与单位)';
// An annotation opens with a bracket, or (bracket lost) straight after the sentence's full stop.
const OPEN_BRACKET_RE = new RegExp(`[(（【\\[]\\s*${LABEL}\\s*[:：]`, 'g');
const OPEN_BARE_RE = new RegExp(`(?<=。)\\s*${LABEL}\\s*[:：]`);
const LABEL_RE = new RegExp(`${LABEL}\\s*[:：]`, 'g');
const CLOSERS = new Set([')', '）', '】', ']']);
const OPENERS = new Set(['(', '（', '【', '[']);

/** Finds the annotation on a line and splits it into lead and responsible units. */
export function parseAnnotation(line: string): UnitAnnotation {
  const result: UnitAnnotation = {
    text: line.trim(),
    lead: [],
    responsible: [],
    allMembersLead: false,
    allMembersResponsible: false,
    annotated: false,
    issues: [],
  };
  // The annotation is the last thing on the line, so take the last bracketed opener, then walk
  // back over directly preceding groups: (牵头单位:…)(责任单位:…).
  const openers: number[] = [];
  OPEN_BRACKET_RE.lastIndex = 0;
  for (let m = OPEN_BRACKET_RE.exec(line); m; m = OPEN_BRACKET_RE.exec(line)) openers.push(m.index);
  let start: number;
  let bodyStart: number;
  if (openers.length > 0) {
    let idx = openers.length - 1;
    while (idx > 0) {
      const close = closingBracket(line, openers[idx - 1] + 1);
      if (close < 0 || line.slice(close + 1, openers[idx]).trim() !== '') break;
      idx--;
    }
    start = openers[idx];
    bodyStart = start + 1;
  } else {
    const bare = OPEN_BARE_RE.exec(line);
    if (!bare) return result;
    start = bare.index;
    bodyStart = start;
  }

  // Close at the last group's matching bracket, else at end of line (the bracket is often lost).
  const lastClose = closingBracket(line, openers.length > 0 ? openers[openers.length - 1] + 1 : bodyStart);
  const end = lastClose < 0 ? line.length : lastClose;
  const body = line.slice(bodyStart, end);
  const trailing = line.slice(Math.min(end + 1, line.length)).trim();
  const textAfter = trailing !== '' && !/^[。.;；,，、\s]*$/.test(trailing);
  if (textAfter) {
    result.issues.push({ form: 'trailing', text: trailing.slice(0, 40) });
  }

  // Split the body at each label; whatever separates the parts (; , 。) is dropped.
  const parts: { label: string; list: string }[] = [];
  LABEL_RE.lastIndex = 0;
  let prev: { label: string; from: number } | null = null;
  for (let m = LABEL_RE.exec(body); m; m = LABEL_RE.exec(body)) {
    if (prev) parts.push({ label: prev.label, list: body.slice(prev.from, m.index) });
    prev = { label: m[1], from: m.index + m[0].length };
  }
  if (prev) parts.push({ label: prev.label, list: body.slice(prev.from) });

  for (const { label, list } of parts) {
    const { units, allMembers } = expandUnitList(list);
    if (units.length === 0 && !allMembers) result.issues.push({ form: 'noUnits', label });
    if (label === '牵头单位') {
      pushUnique(result.lead, units);
      result.allMembersLead ||= allMembers;
    } else {
      pushUnique(result.responsible, units);
      result.allMembersResponsible ||= allMembers;
    }
  }
  result.annotated = true;
  // Words after the annotation stay in the goal text rather than being lost.
  result.text = (line.slice(0, start) + (textAfter ? ` ${trailing}` : '')).trim();
  return result;
}

/** Index of the bracket closing the group whose body starts at `from`, or -1. */
function closingBracket(line: string, from: number): number {
  let depth = 0;
  for (let i = from; i < line.length; i++) {
    const ch = line[i];
    if (OPENERS.has(ch)) depth++;
    else if (CLOSERS.has(ch)) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function pushUnique(into: string[], items: string[]): void {
  for (const it of items) if (!into.includes(it)) into.push(it);
}

/**
 * `自治县总工会、科协、妇联,自治县教育科技局、民政局` → five full unit names.
 * `各成员单位` is reported as allMembers and not returned as a unit.
 */
export function expandUnitList(list: string): { units: string[]; allMembers: boolean } {
  const units: string[] = [];
  let allMembers = false;
  const cleaned = list
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/^[;；,，、:：。.]+|[;；,，、:：。.)）】\](（【[]+$/g, '');
  for (const group of cleaned.split(/[,，]/)) {
    const names = group
      .split(/[、]/)
      .map((n) => n.replace(/^[“"‘']+|[”"’'。.]+$/g, '').replace(/(.{2,})等$/, '$1'))
      .filter((n) => n !== '');
    if (names.length === 0) continue;
    const headPrefix = detectAreaPrefix(names[0])?.area ?? '';
    names.forEach((name, i) => {
      if (ALL_MEMBERS_RE.test(name)) {
        allMembers = true;
        return;
      }
      const full = i === 0 || headPrefix === '' || hasOwnPrefix(name) ? name : headPrefix + name;
      if (!units.includes(full)) units.push(full);
    });
  }
  return { units, allMembers };
}

// Party / league wrappers around an area name: 中共威宁自治县委…, 共青团自治县委.
const ORG_WRAPPER_RE = /^(?:中国共产党|中共|共青团)/;
// Longer designations first so 自治县 wins over 县.
const DESIGNATIONS = ['自治县', '自治州', '自治区', '自治旗', '县', '市', '区', '州', '省', '旗', '盟'];
const SINGLE_DESIGNATION = new Set(['县', '市', '区', '州', '省']);
// Words that contain a designation character but are not an area: 城市管理局, 社区…, 开发区管委会.
const NOT_AN_AREA_SUFFIX = [
  '城市',
  '都市',
  '超市',
  '集市',
  '上市',
  '社区',
  '园区',
  '景区',
  '林区',
  '山区',
  '牧区',
  '矿区',
  '库区',
  '城区',
  '辖区',
  '地区',
  '片区',
  '街区',
  '校区',
  '小区',
  '开发区',
  '示范区',
  '保护区',
  '试验区',
  '实验区',
  '民盟',
  '联盟',
  '红旗',
  '国旗',
  '党旗',
];
// A designation followed by these is a word, not an area: 市场监管局, 县域, 县级医院.
const NOT_AN_AREA_NEXT = new Set(['场', '域', '级']);
const CJK = /^[\u4e00-\u9fff]*$/;

/**
 * The administrative-area prefix of a unit name, e.g. 自治县 for 自治县委宣传部 or 共青团自治县委,
 * 洪洞县 for 洪洞县妇联, 市 for 市生态环境局威宁分局; null for 市场监管局, 团委, 人民法院.
 * `area` never includes 委: a 自治县委宣传部 head distributes 自治县, not 自治县委.
 */
export function detectAreaPrefix(name: string): { area: string; offset: number } | null {
  const wrapper = ORG_WRAPPER_RE.exec(name);
  const offset = wrapper ? wrapper[0].length : 0;
  const rest = name.slice(offset);
  // Place names run to 7 characters before the designation (黔南布依族苗族自治州).
  for (let k = 0; k <= 7 && k < rest.length; k++) {
    const place = rest.slice(0, k);
    if (!CJK.test(place)) return null;
    for (const d of DESIGNATIONS) {
      if (!rest.startsWith(d, k)) continue;
      if (k === 0 && (d === '旗' || d === '盟')) continue;
      let area = place + d;
      // 贵州省, 杭州市: a one-character designation inside the place name extends to the next one.
      while (
        area.length < rest.length &&
        SINGLE_DESIGNATION.has(rest[area.length]) &&
        SINGLE_DESIGNATION.has(area[area.length - 1])
      ) {
        const longer = area + rest[area.length];
        if (NOT_AN_AREA_NEXT.has(rest[longer.length] ?? '')) break;
        area = longer;
      }
      if (NOT_AN_AREA_SUFFIX.some((w) => area.endsWith(w))) continue;
      const next = rest[area.length] ?? '';
      if (next === '' || NOT_AN_AREA_NEXT.has(next)) continue;
      return { area, offset };
    }
  }
  return null;
}

/** A later name in a group that names its own area keeps it (市生态环境局威宁分局). */
function hasOwnPrefix(name: string): boolean {
  return ORG_WRAPPER_RE.test(name) || detectAreaPrefix(name) !== null;
}
