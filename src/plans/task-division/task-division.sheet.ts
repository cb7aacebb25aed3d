/**
 * The task-division sheet (任务分工表): one row per goal with its lead and responsible units, and
 * optionally per measure (策略措施): its number cell reads 措施3 (also 策略措施3, M3).
 * Pure functions: CSV text ↔ table, table ↔ rows. Unit lists use the plan texts' own grammar
 * (、 within a group, ， between groups, prefixes inherited), so a row typed by hand reads like the plan.
 */
import { importWarning, type ImportWarning } from '../../common/i18n/import-warnings.js';
import { ALL_MEMBERS, expandUnitList } from '../import/annotation.js';
import type { Locale } from '../../common/i18n/locale.js';
import { unneutralise } from '../../common/csv/csv-writer.js';

export interface TaskDivisionRow {
  /** Spreadsheet row number (1 = header). */
  line: number;
  areaNumber: number;
  areaName: string;
  /** The goal's number, or the measure's for a measure row. */
  goalNumber: number;
  goalText: string;
  /** 'measure' for a 策略措施 row; absent for a goal row. */
  target?: 'measure';
  leadUnits: string[];
  responsibleUnits: string[];
  allMembersLead: boolean;
  allMembersResponsible: boolean;
}

/** Number cell of a measure row: 措施3 (策略措施3 and M3 are read too). */
export const MEASURE_PREFIX = '措施';
const MEASURE_NUMBER_RE = /^(?:策略)?措施\s*(\d{1,4})$|^M\s*(\d{1,4})$/i;

/** Column headers in the reader's language; import recognises either. */
export const HEADERS: Record<Locale, string[]> = {
  'zh-CN': ['领域', '目标序号', '目标', '牵头单位', '责任单位'],
  en: ['Area', 'Goal', 'Goal text', 'Lead units', 'Responsible units'],
};

/** RFC 4180 CSV: quotes, doubled quotes, newlines inside quotes; a UTF-8 BOM is ignored. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The shared writer: formula-looking cells neutralised (see src/common/csv). */
export { formatCsv } from '../../common/csv/csv-writer.js';

function unitCell(units: string[], allMembers: boolean): string {
  return [...(allMembers ? [ALL_MEMBERS] : []), ...units].join('、');
}

export function tableFromRows(rows: Omit<TaskDivisionRow, 'line'>[], locale: Locale = 'zh-CN'): string[][] {
  return [
    HEADERS[locale],
    ...rows.map((r) => [
      `${r.areaNumber} ${r.areaName}`,
      r.target === 'measure' ? `${MEASURE_PREFIX}${r.goalNumber}` : String(r.goalNumber),
      r.goalText,
      unitCell(r.leadUnits, r.allMembersLead),
      unitCell(r.responsibleUnits, r.allMembersResponsible),
    ]),
  ];
}

/** Reads rows; a bad row is a warning with its row number, never an exception. */
export function rowsFromTable(table: string[][]): { rows: TaskDivisionRow[]; warnings: ImportWarning[] } {
  const rows: TaskDivisionRow[] = [];
  const warnings: ImportWarning[] = [];
  const first = (table[0] ?? []).map((c) => c.trim());
  const hasHeader = first.some((c) => /领域|area|目标|goal|牵头|lead/i.test(c));
  table.forEach((cells, index) => {
    const line = index + 1;
    if (index === 0 && hasHeader) return;
    const [area = '', goal = '', goalText = '', lead = '', responsible = ''] = cells.map((c) =>
      unneutralise((c ?? '').trim()),
    );
    if ([area, goal, lead, responsible].every((c) => c === '')) return;
    const areaMatch = /^\s*[(（]?\s*(\d+|[一二三四五六七八九十]+)\s*[)）.．、]?\s*(.*)$/.exec(area);
    if (!areaMatch) {
      warnings.push(importWarning(line, 'AREA_WITHOUT_NUMBER', { area }));
      return;
    }
    const measure = MEASURE_NUMBER_RE.exec(goal);
    if (!/^\d{1,4}$/.test(goal) && !measure) {
      warnings.push(importWarning(line, 'GOAL_NUMBER_NOT_NUMBER', { goal }));
      return;
    }
    const l = expandUnitList(lead);
    const r = expandUnitList(responsible);
    rows.push({
      line,
      areaNumber: toNumber(areaMatch[1]),
      areaName: areaMatch[2].trim(),
      goalNumber: Number(measure ? (measure[1] ?? measure[2]) : goal),
      goalText,
      leadUnits: l.units,
      responsibleUnits: r.units,
      allMembersLead: l.allMembers,
      allMembersResponsible: r.allMembers,
      ...(measure ? { target: 'measure' as const } : {}),
    });
  });
  return { rows, warnings };
}

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
function toNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + (DIGITS[s[1]] ?? 0);
  if (s.endsWith('十')) return (DIGITS[s[0]] ?? 0) * 10;
  if (s.includes('十')) return (DIGITS[s[0]] ?? 0) * 10 + (DIGITS[s[2]] ?? 0);
  return DIGITS[s] ?? 0;
}
