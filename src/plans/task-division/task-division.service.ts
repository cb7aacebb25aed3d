import { localizeWarnings } from '../../common/i18n/import-warnings.js';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import { officeLimits, type AppConfig } from '../../config/app-config.js';
import { OfficeFileError, parseOfficeFile, type OfficeLimits } from '../../common/office/office-parse.js';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource, In } from 'typeorm';
import { BadRequestError } from '../../common/errors/app-error.js';
import { UnitsService } from '../../units/units.service.js';
import { Assignment, type AssignmentRole } from '../entities/assignment.entity.js';
import { wantedAssignments } from '../import/plan-import.service.js';
import { Goal } from '../entities/goal.entity.js';
import type { Measure } from '../entities/measure.entity.js';
import { PlansService } from '../plans.service.js';
import { guessUnitKind } from '../import/unit-kind.util.js';
import { inTransactionOrDryRun } from '../../common/persistence/dry-run.util.js';
import { importWarning, type ImportWarning } from '../../common/i18n/import-warnings.js';
import {
  formatCsv,
  parseCsv,
  rowsFromTable,
  tableFromRows,
  type TaskDivisionRow,
  HEADERS,
} from './task-division.sheet.js';
import { readDocxTables } from './docx-tables.reader.js';
import { rowsFromWordTables, tableFromTabText, type PlanGoalRef, type UnmatchedRow } from './word-table.js';
import type { Locale } from '../../common/i18n/locale.js';
import { ArchiveError, inspectZip } from '../../common/office/zip-inspect.js';

export type SheetFormat = 'csv' | 'xlsx';

export interface TaskDivisionResult {
  dryRun: boolean;
  rows: number;
  goalsChanged: number;
  /** Measure (策略措施) rows whose units changed. */
  measuresChanged: number;
  added: number;
  removed: number;
  unknownUnits: { name: string; lines: number[] }[];
  newUnits: string[];
  warnings: ImportWarning[];
  /** Word / tab-separated tables: rows that match no goal of the plan. */
  unmatchedRows: UnmatchedRow[];
  /** Goals of the plan that have no lead unit once the sheet is applied. */
  goalsWithoutLead: { areaNumber: number; goalNumber: number; text: string }[];
}

const MAX_SHEET_BYTES = 5 * 1024 * 1024;

/** Export and import of a plan's 任务分工表 (.xlsx or .csv), for plans whose text names no units. */
@Injectable()
export class TaskDivisionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: PlansService,
    private readonly units: UnitsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async export(
    planId: number,
    format: SheetFormat,
    locale: Locale = 'zh-CN',
  ): Promise<{ body: Buffer; fileName: string; contentType: string }> {
    const tree = await this.plans.getTree(planId);
    const row = (
      area: { number: number; name: string },
      target: { number: number; text: string; assignments: Assignment[] },
      measure: boolean,
    ) => {
      const names = (role: AssignmentRole) =>
        target.assignments.filter((a) => a.role === role && a.unit).map((a) => a.unit!.name);
      const all = (role: AssignmentRole) => target.assignments.some((a) => a.role === role && a.allMembers);
      return {
        areaNumber: area.number,
        areaName: area.name,
        goalNumber: target.number,
        goalText: target.text,
        leadUnits: names('lead'),
        responsibleUnits: names('responsible'),
        allMembersLead: all('lead'),
        allMembersResponsible: all('responsible'),
        ...(measure ? { target: 'measure' as const } : {}),
      };
    };
    // Goals, then the area's measures (策略措施): an office may assign those too, or leave them empty.
    const rows = tree.areas.flatMap((area) => [
      ...area.goals.map((g) => row(area, g, false)),
      ...area.measures.map((m) => row(area, m, true)),
    ]);
    const table = tableFromRows(rows, locale);
    const base = `task-division-plan-${planId}`;
    if (format === 'csv')
      return {
        body: Buffer.from(formatCsv(table), 'utf8'),
        fileName: `${base}.csv`,
        contentType: 'text/csv; charset=utf-8',
      };
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(locale === 'en' ? 'Task division' : '任务分工');
    table.forEach((r) => sheet.addRow(r));
    sheet.getRow(1).font = { bold: true };
    [18, 10, 60, 30, 50].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    return {
      body,
      fileName: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }

  /**
   * Replaces the units of every goal the sheet lists (goals it does not list keep theirs).
   * dryRun reports what would change; unknown unit names stop a real import unless accepted.
   */
  async import(
    planId: number,
    bytes: Uint8Array,
    fileName: string | undefined,
    options: { dryRun: boolean; acceptNewUnits: boolean },
  ): Promise<TaskDivisionResult> {
    if (bytes.length === 0) throw new BadRequestError('EMPTY_FILE', 'the sheet is empty');
    if (bytes.length > MAX_SHEET_BYTES)
      throw new BadRequestError('TOO_LARGE', `the sheet is larger than ${MAX_SHEET_BYTES / 1024 / 1024} MB`);
    const plan = await this.plans.getPlan(planId);
    const tree = await this.plans.getTree(planId);
    const source = await readSource(bytes, fileName, officeLimits(this.config));
    let rows: TaskDivisionRow[];
    let warnings: ImportWarning[];
    let unmatchedRows: UnmatchedRow[] = [];
    if (source.kind === 'sheet') {
      ({ rows, warnings } = rowsFromTable(source.table));
      if (rows.length === 0)
        throw new BadRequestError(
          'NO_ROWS',
          'the sheet has no goal rows (columns: area, goal number, goal text, lead units, responsible units)',
          { warnings },
        );
    } else {
      const goals: PlanGoalRef[] = tree.areas.flatMap((a) =>
        a.goals.map((g) => ({ areaNumber: a.number, areaName: a.name, goalNumber: g.number, text: g.text })),
      );
      const read = rowsFromWordTables(source.tables, goals);
      if (!read.headerFound) {
        throw new BadRequestError(
          'NO_HEADER',
          'no task-division table found: expected a header row such as 序号 | 主要目标 | 牵头单位 | 责任单位',
        );
      }
      if (read.rows.length === 0) {
        throw new BadRequestError('NO_ROWS', `none of the table's rows matches a goal of plan ${planId}`, {
          unmatchedRows: read.unmatched,
        });
      }
      ({ rows, warnings } = read);
      unmatchedRows = read.unmatched;
      for (const u of unmatchedRows) warnings.push(importWarning(u.line, 'UNMATCHED_ROW', { text: u.text }));
    }
    const goalByKey = new Map(tree.areas.flatMap((a) => a.goals.map((g) => [`${a.number}/${g.number}`, g] as const)));
    const measureByKey = new Map(
      tree.areas.flatMap((a) => a.measures.map((m) => [`${a.number}/${m.number}`, m] as const)),
    );
    const index = await this.units.nameIndex(plan.committeeId);
    const unknown = new Map<string, number[]>();
    for (const row of rows) {
      for (const name of [...row.leadUnits, ...row.responsibleUnits])
        if (!index.has(name)) unknown.set(name, [...(unknown.get(name) ?? []), row.line]);
    }
    if (!options.dryRun && unknown.size > 0 && !options.acceptNewUnits) {
      throw new BadRequestError(
        'UNKNOWN_UNITS',
        `unknown unit names: ${[...unknown].map(([n, l]) => `${n} (row ${l[0]})`).join(', ')}; add them to the register (or as aliases) or accept them as new units`,
        {
          units: [...unknown].map(([name, lines]) => ({ name, lines })),
        },
      );
    }
    const result: TaskDivisionResult = {
      dryRun: options.dryRun,
      rows: rows.length,
      goalsChanged: 0,
      measuresChanged: 0,
      added: 0,
      removed: 0,
      unknownUnits: [...unknown].map(([name, lines]) => ({ name, lines })),
      newUnits: [],
      warnings: [...warnings],
      unmatchedRows,
      goalsWithoutLead: [],
    };
    const work = async (em: import('typeorm').EntityManager) => {
      // A dry run creates the new units too (rolled back), so it counts exactly the assignments the
      // commit with acceptNewUnits makes; unknownUnits still says the commit needs that acceptance.
      if (options.acceptNewUnits || options.dryRun) {
        for (const name of unknown.keys()) {
          const unit = await this.units.create(
            { committeeId: plan.committeeId, name, kind: guessUnitKind(name), isMember: true },
            em,
          );
          index.set(name, unit);
          result.newUnits.push(name);
        }
      }
      const current = await em.find(Assignment, { where: { planId } });
      for (const row of rows) {
        const measure = row.target === 'measure';
        const found = (measure ? measureByKey : goalByKey).get(`${row.areaNumber}/${row.goalNumber}`) as
          Goal | Measure | undefined;
        if (!found) {
          result.warnings.push(
            importWarning(row.line, 'NO_SUCH_GOAL', { measure, number: row.goalNumber, area: row.areaNumber }),
          );
          continue;
        }
        const want = wantedAssignments(row, (name) => index.get(name)?.id);
        const target = measure ? { goalId: null, measureId: found.id } : { goalId: found.id, measureId: null };
        const { added, removed } = await this.plans.syncTargetAssignments(em, planId, target, want, current);
        if ((added || removed) && measure) result.measuresChanged++;
        else if (added || removed) result.goalsChanged++;
        result.added += added;
        result.removed += removed;
      }
      // Still inside the transaction, so a dry run reports what a commit would leave.
      const goalIds = [...goalByKey.values()].map((g) => g.id);
      const led = new Set(
        (await em.find(Assignment, { where: { planId, role: 'lead', goalId: In(goalIds.concat(-1)) } })).map(
          (a) => a.goalId,
        ),
      );
      for (const area of tree.areas) {
        for (const g of area.goals)
          if (!led.has(g.id))
            result.goalsWithoutLead.push({ areaNumber: area.number, goalNumber: g.number, text: g.text.slice(0, 60) });
      }
    };
    await inTransactionOrDryRun(this.dataSource, options.dryRun, work);
    result.warnings.sort((a, b) => a.line - b.line);
    return result;
  }
}

type Source = { kind: 'sheet'; table: string[][] } | { kind: 'document'; tables: string[][][] };

/**
 * Our own sheet (.xlsx, .csv) has fixed columns; a Word document (.docx) or the same table
 * pasted as tab-separated text (.txt, .tsv) is read by its header row and matched by goal text.
 */
async function readSource(bytes: Uint8Array, fileName: string | undefined, limits: OfficeLimits): Promise<Source> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const name = fileName ?? '';
  if (isZip && !/\.xlsx$/i.test(name)) {
    // Checked as an archive (sizes, ratio, entries, depth) before anything expands it.
    try {
      inspectZip(bytes, limits);
    } catch (error) {
      if (error instanceof ArchiveError) throw new BadRequestError(error.code, error.message);
      throw error;
    }
    const tables = await readDocxTables(bytes);
    if (tables) return { kind: 'document', tables };
    if (/\.docx$/i.test(name))
      throw new BadRequestError(
        'UNREADABLE_DOCUMENT',
        'the file is a zip archive but not a Word .docx document (no word/document.xml)',
      );
  }
  const table = await readTable(bytes, fileName, limits);
  if (!isZip) {
    const text = table.map((r) => r.join(',')).join('\n');
    if (/\.(?:txt|tsv)$/i.test(name) || (text.includes('\t') && !/\.csv$/i.test(name)))
      return { kind: 'document', tables: [tableFromTabText(await decodeText(bytes))] };
  }
  return { kind: 'sheet', table };
}

async function decodeText(bytes: Uint8Array): Promise<string> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const iconv = await import('iconv-lite');
    return iconv.default.decode(Buffer.from(bytes), 'gb18030');
  }
}

async function readTable(bytes: Uint8Array, fileName: string | undefined, limits: OfficeLimits): Promise<string[][]> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip || /\.xlsx$/i.test(fileName ?? '')) {
    try {
      // Checked as an archive, then read in a worker thread; formula cells give their cached value.
      return (await parseOfficeFile('xlsx', bytes, limits, HEADERS['zh-CN'].length)).table;
    } catch (error) {
      if (error instanceof OfficeFileError)
        throw new BadRequestError(
          error.code === 'NOT_AN_ARCHIVE' ? 'UNREADABLE_SHEET' : error.code,
          error.message,
          error.details,
        );
      throw error;
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const iconv = await import('iconv-lite');
    text = iconv.default.decode(Buffer.from(bytes), 'gb18030');
  }
  if (text.includes('\u0000')) throw new BadRequestError('BINARY_FILE', 'the file is neither .xlsx nor CSV text');
  return parseCsv(text);
}

/** The result with its warnings said in `locale` (rendered from code + params; rows keep their numbers). */
export function resultInLanguage(result: TaskDivisionResult, locale: Locale): TaskDivisionResult {
  return { ...result, warnings: localizeWarnings(result.warnings, locale) };
}
