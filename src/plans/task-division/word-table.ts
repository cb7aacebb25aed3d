/**
 * Task-division tables as offices receive them (任务分工方案 / 目标责任分解 in Word, or the same
 * table pasted as tab-separated text): a header row such as 序号 | 主要目标 | 牵头单位 | 责任单位,
 * area rows spanning the table or an area column merged down, goal cells of several paragraphs,
 * unit lists in the annotation grammar. Pure: tables in, rows matched to the plan's goals out.
 */
import { expandUnitList } from '../import/annotation.js';
import { chineseNumeral } from '../import/plan-text.parser.js';
import type { TaskDivisionRow } from './task-division.sheet.js';
import { importWarning, type ImportWarning } from '../../common/i18n/import-warnings.js';

export interface PlanGoalRef {
  areaNumber: number;
  areaName: string;
  goalNumber: number;
  text: string;
}

export interface UnmatchedRow {
  line: number;
  text: string;
}

type Role = 'number' | 'area' | 'goal' | 'lead' | 'responsible' | 'ignore';

function roleOf(header: string): Role | null {
  const h = header.replace(/\s+/g, '');
  if (h === '') return null;
  if (/^(?:序号|编号|No\.?|#)$/i.test(h)) return 'number';
  if (/领域|^area/i.test(h)) return 'area';
  if (/牵头/.test(h) || /^lead/i.test(h)) return 'lead';
  if (/主要责任单位|主责单位/.test(h)) return 'lead'; // demoted to responsible when a 牵头 column exists
  if (/责任单位|责任部门|配合单位|协办单位|参与单位|协同单位|^responsib/i.test(h)) return 'responsible';
  if (/目标|任务|^goal/i.test(h)) return 'goal';
  if (/备注|说明|^note/i.test(h)) return 'ignore';
  return null;
}

interface Columns {
  number: number;
  area: number;
  goal: number;
  lead: number[];
  responsible: number[];
}

function headerColumns(row: string[]): Columns | null {
  const roles = row.map((c) => roleOf(c));
  if (!roles.includes('goal') || !roles.includes('lead')) return null;
  const cols: Columns = {
    number: roles.indexOf('number'),
    area: roles.indexOf('area'),
    goal: roles.indexOf('goal'),
    lead: [],
    responsible: [],
  };
  const hasLeadWord = row.some((c) => /牵头|^lead/i.test(c.trim()));
  roles.forEach((r, i) => {
    if (r === 'lead') (hasLeadWord && /主要责任单位|主责单位/.test(row[i]) ? cols.responsible : cols.lead).push(i);
    if (r === 'responsible') cols.responsible.push(i);
  });
  return cols.lead.length ? cols : null;
}

const AREA_LABEL_RE =
  /^\s*(?:[(（]\s*([一二三四五六七八九十]{1,3}|\d{1,2})\s*[)）]|([一二三四五六七八九十]{1,3}|\d{1,2})\s*[、.．])?\s*(.*?)\s*(?:领域)?\s*$/;

function parseAreaLabel(s: string): { number: number | null; name: string } {
  const m = AREA_LABEL_RE.exec(s.replace(/\n/g, ''))!;
  const raw = m[1] ?? m[2];
  const n = raw === undefined ? Number.NaN : /^\d+$/.test(raw) ? Number(raw) : chineseNumeral(raw);
  return { number: Number.isNaN(n) ? null : n, name: m[3].replace(/领域$/, '').trim() };
}

/** The areas of the national women's and children's plans (2021–2030) that local plans follow. */
const KNOWN_AREA_NAME = /^(?:妇女|儿童)(?:与|参与)[\u4e00-\u9fa5]{1,8}$|^women (?:and|in) |^children and /i;

const norm = (s: string) => s.replace(/[\s\p{P}\p{S}\d]/gu, '').toLowerCase();

/** Dice coefficient over character bigrams of the normalised texts (0–1). */
export function textSimilarity(a: string, b: string): number {
  const x = norm(a);
  const y = norm(b);
  if (x === '' || y === '') return 0;
  if (x === y) return 1;
  if (x.length > 12 && y.length > 12 && (x.includes(y) || y.includes(x))) return 0.9;
  const grams = (s: string) => {
    const m = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const gx = grams(x);
  const gy = grams(y);
  let both = 0;
  for (const [g, n] of gx) both += Math.min(n, gy.get(g) ?? 0);
  const total = Math.max(1, x.length - 1 + y.length - 1);
  return (2 * both) / total;
}

const AGREE = 0.5;

function unitCell(cells: string[], cols: number[]): string {
  // Paragraphs in a unit cell are separate groups, as ， separates them in the plans.
  return cols
    .map((c) => (cells[c] ?? '').trim())
    .filter((c) => c !== '')
    .join('，')
    .replace(/\n+/g, '，');
}

function joinParagraphs(s: string): string {
  const parts = s
    .split('\n')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  // Chinese paragraphs join directly; English ones with a space.
  return parts.reduce(
    (acc, p) => (acc === '' ? p : /[A-Za-z0-9,;.]$/.test(acc) && /^[A-Za-z]/.test(p) ? `${acc} ${p}` : acc + p),
    '',
  );
}

/**
 * Reads the tables and matches each row to a goal: by area and printed number, confirmed by
 * the goal text; a number whose text disagrees is matched by text instead, with a warning.
 */
export function rowsFromWordTables(
  tables: string[][][],
  goals: PlanGoalRef[],
): { rows: TaskDivisionRow[]; warnings: ImportWarning[]; unmatched: UnmatchedRow[]; headerFound: boolean } {
  const rows: TaskDivisionRow[] = [];
  const warnings: ImportWarning[] = [];
  const unmatched: UnmatchedRow[] = [];
  const areaNumbers = [...new Set(goals.map((g) => g.areaNumber))];
  const areaName = new Map(goals.map((g) => [g.areaNumber, g.areaName] as const));
  let cols: Columns | null = null;
  let width = 0;
  let line = 0;
  let currentArea: number | null = null;
  let headerFound = false;
  const taken = new Map<string, number>();

  const findArea = (label: string): number | null => {
    const { number, name } = parseAreaLabel(label);
    if (name !== '') {
      const byName = areaNumbers.find((n) => norm(areaName.get(n) ?? '') === norm(name));
      if (byName !== undefined) return byName;
      const close = areaNumbers
        .map((n) => [n, textSimilarity(areaName.get(n) ?? '', name)] as const)
        .sort((a, b) => b[1] - a[1])[0];
      if (close && close[1] >= 0.6) return close[0];
    }
    return number !== null && areaNumbers.includes(number) ? number : null;
  };

  /**
   * A lone cell is an area heading only in an area's form: a name ending in 领域, a Chinese
   * ordinal (一、… / （一）…), an area name of this plan, or one of the national plans' area names
   * (妇女与健康, 儿童与安全 …). Short goal text (降低新生儿死亡率) or an Arabic goal number
   * (1.孕产妇死亡率…) is a goal row whose unit cells are empty, never an area.
   */
  const isAreaForm = (label: string): boolean => {
    const s = label.replace(/\n/g, '').trim();
    if (
      /领域\s*$/.test(s) ||
      /^[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]|^[一二三四五六七八九十]{1,3}\s*[、.．]/.test(s)
    )
      return true;
    const { name } = parseAreaLabel(s);
    if (name === '') return false;
    if (
      areaNumbers.some(
        (n) => norm(areaName.get(n) ?? '') === norm(name) || textSimilarity(areaName.get(n) ?? '', name) >= 0.6,
      )
    )
      return true;
    return KNOWN_AREA_NAME.test(name);
  };

  for (const table of tables) {
    for (const cells of table) {
      line++;
      const header = headerColumns(cells);
      if (header) {
        cols = header;
        width = cells.length;
        headerFound = true;
        continue;
      }
      if (!cols) continue; // title rows above the header
      const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
      if (filled.length === 0) continue;
      const distinct = new Set(filled);
      const unitsEmpty = [...cols.lead, ...cols.responsible].every((c) => (cells[c] ?? '').trim() === '');
      const lone = filled[0];
      const looksLikeArea = isAreaForm(lone);
      if (
        distinct.size === 1 &&
        unitsEmpty &&
        looksLikeArea &&
        (cells.length < width || filled.length < cells.length)
      ) {
        // A row spanning the table (or a one-cell line of text): an area heading.
        const area = findArea(filled[0]);
        if (area === null)
          warnings.push(importWarning(line, 'UNKNOWN_AREA', { form: 'row', area: filled[0].slice(0, 30) }));
        currentArea = area;
        continue;
      }
      if (cols.area >= 0 && (cells[cols.area] ?? '').trim() !== '') {
        const area = findArea(cells[cols.area]);
        if (area === null && !/^\d+$/.test(cells[cols.area].trim()))
          warnings.push(importWarning(line, 'UNKNOWN_AREA', { area: cells[cols.area].trim().slice(0, 30) }));
        currentArea = area;
      }
      let goalText = joinParagraphs(cells[cols.goal] ?? '');
      let printed: number | null = null;
      const lead = /^([0-9０-９]{1,3})\s*[.．、]\s*/.exec(goalText);
      if (lead) {
        printed = Number(lead[1].replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
        goalText = goalText.slice(lead[0].length);
      }
      const numberCell = cols.number >= 0 ? (cells[cols.number] ?? '').trim().replace(/[.．、]$/, '') : '';
      if (printed === null && /^\d{1,3}$/.test(numberCell)) printed = Number(numberCell);
      if (goalText === '' && printed === null) continue;

      const inArea = goals.filter((g) => currentArea === null || g.areaNumber === currentArea);
      let goal = printed !== null && currentArea !== null ? inArea.find((g) => g.goalNumber === printed) : undefined;
      if (goal && goalText !== '' && textSimilarity(goal.text, goalText) < AGREE) {
        const best = bestByText(inArea, goalText);
        if (best && best.goalNumber !== goal.goalNumber) {
          warnings.push(
            importWarning(line, 'NUMBER_TEXT_DISAGREE', { printed, area: goal.areaNumber, matched: best.goalNumber }),
          );
          goal = best;
        } else {
          warnings.push(
            importWarning(line, 'TEXT_DIFFERS', { printed, area: goal.areaNumber, goalText: goal.text.slice(0, 20) }),
          );
        }
      } else if (!goal && goalText !== '') {
        goal = bestByText(inArea, goalText) ?? (currentArea !== null ? bestByText(goals, goalText) : undefined);
      }
      if (!goal) {
        unmatched.push({ line, text: (printed !== null ? `${printed}. ` : '') + goalText.slice(0, 60) });
        continue;
      }
      const key = `${goal.areaNumber}/${goal.goalNumber}`;
      if (taken.has(key))
        warnings.push(
          importWarning(line, 'ROW_REPLACED', {
            number: goal.goalNumber,
            area: goal.areaNumber,
            previous: taken.get(key),
          }),
        );
      taken.set(key, line);
      const l = expandUnitList(unitCell(cells, cols.lead));
      const r = expandUnitList(unitCell(cells, cols.responsible));
      rows.push({
        line,
        areaNumber: goal.areaNumber,
        areaName: goal.areaName,
        goalNumber: goal.goalNumber,
        goalText,
        leadUnits: l.units,
        responsibleUnits: r.units,
        allMembersLead: l.allMembers,
        allMembersResponsible: r.allMembers,
      });
    }
  }
  return { rows, warnings, unmatched, headerFound };
}

function bestByText(goals: PlanGoalRef[], text: string): PlanGoalRef | undefined {
  let best: PlanGoalRef | undefined;
  let score = AGREE;
  for (const g of goals) {
    const s = textSimilarity(g.text, text);
    if (s >= score) {
      best = g;
      score = s;
    }
  }
  return best;
}

/** The same table pasted as text: one row per line, cells separated by tabs. */
export function tableFromTabText(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.split('\t').map((c) => c.trim()));
}
