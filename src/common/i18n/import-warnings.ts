import type { Locale } from './locale.js';

/**
 * What the plan importer and the task-division reader warn about, in each language. The readers
 * emit a code, its line (or row) and parameters; the message is rendered where the warning leaves
 * the service (the API in the caller's Accept-Language, the CLI in LUOSHI_LANG). `form` picks a
 * variant of one code. A code without a template here keeps the reader's own message.
 */
export type WarningParams = Record<string, string | number | boolean | null | undefined>;
type Template = Record<Locale, (p: WarningParams) => string>;

const s = (v: unknown) => String(v ?? '');
const kindZh = (k: unknown) => (k === 'women' ? '妇女发展规划' : k === 'children' ? '儿童发展规划' : '类别未识别');
const kindEn = (k: unknown) =>
  k === 'women' ? "women's development plan" : k === 'children' ? "children's development plan" : 'kind not recognised';
const listZh = (p: WarningParams) =>
  p.list === 'area' ? '领域' : p.list === 'measures' ? `“${s(p.area)}”策略措施` : `“${s(p.area)}”主要目标`;
const listEn = (p: WarningParams) =>
  p.list === 'area' ? 'area' : p.list === 'measures' ? `measure of "${s(p.area)}"` : `goal of "${s(p.area)}"`;
const repairZh = (p: WarningParams) =>
  [
    p.spam ? `标题中似乎插入了无关文字，识别为“${s(p.spam)}”` : '',
    p.periodTitle ? `规划期括号或连接号缺失，读作“${s(p.periodTitle)}”` : '',
  ]
    .filter(Boolean)
    .join('；');
const repairEn = (p: WarningParams) =>
  [
    p.spam ? `words seem inserted into the title, read as "${s(p.spam)}"` : '',
    p.periodTitle ? `brackets or dash of the period lost, read as "${s(p.periodTitle)}"` : '',
  ]
    .filter(Boolean)
    .join('; ');
const whatEn = (w: unknown) => (w === 'area' ? 'area' : w === 'measure' ? 'measure' : 'goal');
const whatZh = (w: unknown) => (w === 'area' ? '领域' : w === 'measure' ? '措施' : '目标');

export const IMPORT_WARNINGS: Record<string, Template> = {
  // Plan texts (src/plans/import)
  'TITLE_REPAIRED.line': {
    'zh-CN': (p) => `第${s(p.line)}行标题有损：${repairZh(p)}（${kindZh(p.kind)}），请核对。`,
    en: (p) => `line ${s(p.line)}: the title is damaged: ${repairEn(p)} (${kindEn(p.kind)}); please check.`,
  },
  'TITLE_REPAIRED.kindFromAreas': {
    'zh-CN': (p) => `“${s(p.title)}”的标题没有说明类别，按领域名称识别为${kindZh(p.kind)}。`,
    en: (p) => `the title "${s(p.title)}" does not say its kind; read as a ${kindEn(p.kind)} from its area names.`,
  },
  'TITLE_REPAIRED.noKind': {
    'zh-CN': (p) => `“${s(p.title)}”的标题中没有识别出“妇女”或“儿童”，类别未识别（other），请核对标题。`,
    en: (p) =>
      `the title "${s(p.title)}" names neither women nor children; kind not recognised (other), please check the title.`,
  },
  GLUED_PAGE_TITLE: {
    'zh-CN': (p) => `第${s(p.line)}行开头的网页标题“${s(p.pageTitle)}”已去掉。`,
    en: (p) => `line ${s(p.line)}: the web page title "${s(p.pageTitle)}" at its start was removed.`,
  },
  NO_TITLE: {
    'zh-CN': (p) => `第${s(p.line)}行的规划正文前没有找到规划标题。`,
    en: (p) => `line ${s(p.line)}: no plan title before the plan's body.`,
  },
  NO_SECTION_HEADING: {
    'zh-CN': (p) => `第${s(p.line)}行前没有“发展领域、主要目标和策略措施”标题。`,
    en: (p) => `line ${s(p.line)}: no "development areas, main goals and strategic measures" heading before it.`,
  },
  MISSING_AREA: {
    'zh-CN': (p) => `第${s(p.line)}行的条目前没有领域标题，已归入未命名领域。`,
    en: (p) => `line ${s(p.line)}: items before any area heading; put in an unnamed area.`,
  },
  RENUMBERED: {
    'zh-CN': (p) =>
      `第${s(p.line)}行编号“${s(p.printed)}”与前一条（${s(p.prev)}）不连续，按顺序读作第${s(p.number)}条，原编号保留。`,
    en: (p) =>
      `line ${s(p.line)}: number "${s(p.printed)}" does not follow ${s(p.prev)}; read as item ${s(p.number)} by sequence, the printed number kept.`,
  },
  'UNPARSED_LINE.numberOnly': {
    'zh-CN': (p) => `第${s(p.line)}行只有编号“${s(p.number)}”，没有内容。`,
    en: (p) => `line ${s(p.line)}: only the number "${s(p.number)}", no text.`,
  },
  'UNPARSED_LINE.afterWord': {
    'zh-CN': (p) => `第${s(p.line)}行“${s(p.word)}”后的文字没有编号，未读取：“${s(p.text)}”。`,
    en: (p) => `line ${s(p.line)}: the text after "${s(p.word)}" has no number and was not read: "${s(p.text)}".`,
  },
  'UNPARSED_LINE.missingDot': {
    'zh-CN': (p) => `第${s(p.line)}行编号后缺少“.”或“、”，已按第${s(p.number)}条读取，请核对。`,
    en: (p) => `line ${s(p.line)}: no "." or "、" after the number; read as item ${s(p.number)}, please check.`,
  },
  'UNPARSED_LINE.noNumber': {
    'zh-CN': (p) => `第${s(p.line)}行像是编号条目，但没有识别出编号：“${s(p.text)}”。`,
    en: (p) => `line ${s(p.line)}: looks like a numbered item but no number was recognised: "${s(p.text)}".`,
  },
  UNPARSED_LINE: {
    'zh-CN': (p) => `第${s(p.line)}行无法识别：“${s(p.text)}”。`,
    en: (p) => `line ${s(p.line)}: not recognised: "${s(p.text)}".`,
  },
  RUN_TOGETHER: {
    'zh-CN': (p) => `第${s(p.line)}行有${s(p.count)}个条目连在一起（${s(p.first)}—${s(p.last)}），已分开读取。`,
    en: (p) => `line ${s(p.line)}: ${s(p.count)} items run together (${s(p.first)}–${s(p.last)}); read apart.`,
  },
  SPLIT_NUMBER: {
    'zh-CN': (p) => `第${s(p.line)}行编号“${s(p.printed)}.”中间有空格，读作${s(p.number)}。`,
    en: (p) => `line ${s(p.line)}: number "${s(p.printed)}." has a space inside; read as ${s(p.number)}.`,
  },
  CONTINUATION_LINE: {
    'zh-CN': (p) => `第${s(p.line)}行没有编号，已接在第${s(p.previousLine)}行的条目后。`,
    en: (p) => `line ${s(p.line)}: no number; joined to the item of line ${s(p.previousLine)}.`,
  },
  EMPTY_PLAN: {
    'zh-CN': (p) => `第${s(p.line)}行的“${s(p.title)}”后没有找到发展领域和目标。`,
    en: (p) => `line ${s(p.line)}: no areas or goals found after "${s(p.title)}".`,
  },
  TITLE_COMPOSED: {
    'zh-CN': (p) => `没有找到规划标题，按领域和规划期暂定为“${s(p.title)}”，导入后可改名。`,
    en: (p) =>
      `no plan title found; named "${s(p.title)}" from its areas and period for now (it can be renamed after the import).`,
  },
  NO_PERIOD: {
    'zh-CN': (p) => `没有识别出“${s(p.title)}”的规划期（如 2021—2025年 或 “十四五”）。`,
    en: (p) => `no plan period found for "${s(p.title)}" (such as 2021–2025 or the 14th Five-Year Plan).`,
  },
  'NO_PERIOD.error': {
    'zh-CN': (p) =>
      `第${s(p.line)}行“${s(p.title)}”：没有找到规划期（如 2021—2025年、“十四五”或 By 2025），请在文本标题中补上规划期后再导入。`,
    en: (p) =>
      `line ${s(p.line)} "${s(p.title)}": no plan period found (such as 2021–2025, 十四五 or By 2025); add it to the title in the text and import again.`,
  },
  UNKNOWN_UNIT: {
    'zh-CN': (p) => `未知单位“${s(p.name)}”（第${s(p.lines ?? p.line)}行）：请对应到名册中的单位，或确认作为新单位`,
    en: (p) =>
      `unknown unit ${s(p.name)} (line ${s(p.lines ?? p.line)}): map it to a unit of the register or accept it as a new unit`,
  },
  EMPTY_AREA: {
    'zh-CN': (p) => `领域“${s(p.name)}”下没有目标或措施。`,
    en: (p) => `area "${s(p.name)}" has no goals or measures.`,
  },
  MISSING_MARKER: {
    'zh-CN': (p) => `第${s(p.line)}行的条目前没有“主要目标：”或“策略措施：”，已按目标读取。`,
    en: (p) => `line ${s(p.line)}: no "main goals:" or "strategic measures:" before the items; read as goals.`,
  },
  'BAD_ANNOTATION.trailing': {
    'zh-CN': (p) => `第${s(p.line)}行单位注释：注释后还有文字：“${s(p.text)}”`,
    en: (p) => `line ${s(p.line)}: unit annotation: text after the annotation: "${s(p.text)}"`,
  },
  'BAD_ANNOTATION.noUnits': {
    'zh-CN': (p) => `第${s(p.line)}行单位注释：“${s(p.label)}”后没有单位`,
    en: (p) => `line ${s(p.line)}: unit annotation: no unit after "${s(p.label)}"`,
  },
  ANNOTATED_MEASURE: {
    'zh-CN': (p) => `第${s(p.line)}行是策略措施，却带有牵头/责任单位注释；请确认它是否应为目标。`,
    en: (p) =>
      `line ${s(p.line)}: a strategic measure with a lead/responsible annotation; check whether it should be a goal.`,
  },
  NO_ANNOTATIONS: {
    'zh-CN': (p) => `“${s(p.title)}”的目标没有标注牵头单位和责任单位，请手工或用分工表导入。`,
    en: (p) =>
      `the goals of "${s(p.title)}" name no lead or responsible units; assign them by hand or with the task-division sheet.`,
  },
  NO_LEAD: {
    'zh-CN': (p) =>
      `“${s(p.area)}”第${s(p.number)}条目标没有牵头单位${p.annotated ? '' : '（没有单位注释）'}，需要指定督办责任人。`,
    en: (p) =>
      `goal ${s(p.number)} of "${s(p.area)}" has no lead unit${p.annotated ? '' : ' (no unit annotation)'}; someone must answer for it.`,
  },
  DUPLICATE_NUMBER: {
    'zh-CN': (p) => `${listZh(p)}编号 ${s(p.number)} 重复（第${s(p.line)}行）。`,
    en: (p) => `line ${s(p.line)}: ${listEn(p)} number ${s(p.number)} appears twice.`,
  },
  NUMBER_ORDER: {
    'zh-CN': (p) => `${listZh(p)}编号 ${s(p.number)} 出现在 ${s(p.prev)} 之后（第${s(p.line)}行）。`,
    en: (p) => `line ${s(p.line)}: ${listEn(p)} number ${s(p.number)} comes after ${s(p.prev)}.`,
  },
  NUMBER_GAP: {
    'zh-CN': (p) => `${listZh(p)}编号从 ${s(p.prev)} 跳到 ${s(p.number)}（第${s(p.line)}行），按原文保留。`,
    en: (p) => `line ${s(p.line)}: ${listEn(p)} numbers jump from ${s(p.prev)} to ${s(p.number)}; kept as printed.`,
  },
  NO_ISSUE_DATE: {
    'zh-CN': (p) =>
      `“${s(p.title)}”：没有识别出颁布日期（成文日期）。任务期限从颁布日期起算，生成任务前请先填写颁布日期。`,
    en: (p) =>
      `"${s(p.title)}": no issue date found. Deadlines count from the issue date: set it before generating tasks.`,
  },
  SKIPPED_DUPLICATE: {
    'zh-CN': (p) =>
      p.what === 'area'
        ? `领域 ${s(p.area)} 出现两次，第${s(p.line)}行的第二个未导入`
        : `领域 ${s(p.area)} 的${whatZh(p.what)} ${s(p.number)} 出现两次，第${s(p.line)}行未导入`,
    en: (p) =>
      p.what === 'area'
        ? `area ${s(p.area)} appears twice; the second one (line ${s(p.line)}) was not imported`
        : `${whatEn(p.what)} ${s(p.number)} of area ${s(p.area)} appears twice; line ${s(p.line)} was not imported`,
  },
  // Task-division sheets and Word tables (src/plans/task-division)
  AREA_WITHOUT_NUMBER: {
    'zh-CN': (p) => `第${s(p.line)}行：领域“${s(p.area)}”应以序号开头，如“1 妇女与健康”`,
    en: (p) => `row ${s(p.line)}: area "${s(p.area)}" should start with its number, e.g. "1 妇女与健康"`,
  },
  GOAL_NUMBER_NOT_NUMBER: {
    'zh-CN': (p) => `第${s(p.line)}行：目标序号“${s(p.goal)}”不是数字（措施行写作“措施3”）`,
    en: (p) => `row ${s(p.line)}: goal number "${s(p.goal)}" is not a number (a measure row reads 措施3)`,
  },
  UNMATCHED_ROW: {
    'zh-CN': (p) => `第${s(p.line)}行：与本规划的目标都对不上：“${s(p.text)}”`,
    en: (p) => `row ${s(p.line)}: matches no goal of this plan: "${s(p.text)}"`,
  },
  NO_SUCH_GOAL: {
    'zh-CN': (p) => `第${s(p.line)}行：规划的第${s(p.area)}领域没有${p.measure ? '措施' : '目标'} ${s(p.number)}`,
    en: (p) => `row ${s(p.line)}: plan has no ${p.measure ? 'measure' : 'goal'} ${s(p.number)} in area ${s(p.area)}`,
  },
  'UNKNOWN_AREA.row': {
    'zh-CN': (p) => `第${s(p.line)}行：“${s(p.area)}”不是本规划的领域，其下各行按目标文字匹配`,
    en: (p) => `row ${s(p.line)}: area "${s(p.area)}" is not an area of this plan; its rows are matched by goal text`,
  },
  UNKNOWN_AREA: {
    'zh-CN': (p) => `第${s(p.line)}行：“${s(p.area)}”不是本规划的领域，按目标文字匹配`,
    en: (p) => `row ${s(p.line)}: area "${s(p.area)}" is not an area of this plan; matched by goal text`,
  },
  NUMBER_TEXT_DISAGREE: {
    'zh-CN': (p) =>
      `第${s(p.line)}行：序号 ${s(p.printed)} 对应第${s(p.area)}领域目标 ${s(p.printed)}，但文字与目标 ${s(p.matched)} 相符，已按文字对应到目标 ${s(p.matched)}`,
    en: (p) =>
      `row ${s(p.line)}: number ${s(p.printed)} names goal ${s(p.printed)} of area ${s(p.area)}, but its text matches goal ${s(p.matched)}; matched to goal ${s(p.matched)} by text`,
  },
  TEXT_DIFFERS: {
    'zh-CN': (p) =>
      `第${s(p.line)}行：文字与第${s(p.area)}领域目标 ${s(p.printed)}（“${s(p.goalText)}…”）不同，已按序号对应，请核对`,
    en: (p) =>
      `row ${s(p.line)}: the text differs from goal ${s(p.printed)} of area ${s(p.area)} ("${s(p.goalText)}…"); matched by number, please check`,
  },
  ROW_REPLACED: {
    'zh-CN': (p) => `第${s(p.line)}行：第${s(p.area)}领域目标 ${s(p.number)} 已由第${s(p.previous)}行给出，以本行为准`,
    en: (p) =>
      `row ${s(p.line)}: goal ${s(p.number)} of area ${s(p.area)} was already given by row ${s(p.previous)}; this row replaces it`,
  },
};

/** The template key of a warning: its code, or code.form for a variant. */
const keyOf = (code: string, params?: WarningParams) => (params?.form ? `${code}.${String(params.form)}` : code);

/** One warning in one language; null when the code has no template (the caller keeps its own message). */
export function importWarningMessage(code: string, params: WarningParams | undefined, locale: Locale): string | null {
  const template = IMPORT_WARNINGS[keyOf(code, params)];
  return template ? template[locale](params ?? {}) : null;
}

/**
 * A warning of the plan-text reader or the task-division sheet: one shape for both, so the API
 * and the CLI render them alike.
 */
export interface ImportWarning {
  /** The 1-based line of the text, or the row of the sheet. */
  line: number;
  /** In Chinese by default; the API and the CLI render it again from code + params in the reader's language. */
  message: string;
  code: string;
  /** What the message says, as data (line included); `form` picks a variant. */
  params: WarningParams;
}

/** A warning as data, with its default (Chinese) message. */
export function importWarning(line: number, code: string, params: WarningParams = {}): ImportWarning {
  const all = { line, ...params };
  return { line, code, params: all, message: importWarningMessage(code, all, 'zh-CN') ?? code };
}

/** The warnings with their message in `locale` (codes, lines and parameters unchanged). */
export function localizeWarnings<W extends { code?: string; params?: WarningParams; message: string }>(
  warnings: readonly W[],
  locale: Locale,
): W[] {
  return warnings.map((w) =>
    w.code ? { ...w, message: importWarningMessage(w.code, w.params, locale) ?? w.message } : w,
  );
}
