import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import { officeLimits, type AppConfig } from '../../config/app-config.js';
import { OfficeFileError, parseOfficeFile, type OfficeLimits } from '../../common/office/office-parse.js';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource, In } from 'typeorm';
import { BadRequestError } from '../../common/errors/app-error.js';
import { UnitsService } from '../../units/units.service.js';
import { Unit } from '../../units/unit.entity.js';
import { Assignment, type AssignmentRole } from '../entities/assignment.entity.js';
import { wantedAssignments } from '../import/plan-import.service.js';
import { Goal } from '../entities/goal.entity.js';
import { PlansService } from '../plans.service.js';
import { guessUnitKind } from '../import/unit-kind.util.js';
import { inTransactionOrDryRun } from '../../common/persistence/dry-run.util.js';
import { HEADER, formatCsv, parseCsv, rowsFromTable, tableFromRows, type SheetWarning } from './task-division.sheet.js';

export type SheetFormat = 'csv' | 'xlsx';

export interface TaskDivisionResult {
  dryRun: boolean;
  rows: number;
  goalsChanged: number;
  added: number;
  removed: number;
  unknownUnits: { name: string; lines: number[] }[];
  newUnits: string[];
  warnings: SheetWarning[];
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

  async export(planId: number, format: SheetFormat): Promise<{ body: Buffer; fileName: string; contentType: string }> {
    const tree = await this.plans.getTree(planId);
    const rows = tree.areas.flatMap((area) =>
      area.goals.map((goal) => {
        const names = (role: AssignmentRole) => goal.assignments.filter((a) => a.role === role && a.unit).map((a) => a.unit!.name);
        const all = (role: AssignmentRole) => goal.assignments.some((a) => a.role === role && a.allMembers);
        return {
          areaNumber: area.number, areaName: area.name, goalNumber: goal.number, goalText: goal.text,
          leadUnits: names('lead'), responsibleUnits: names('responsible'), allMembersLead: all('lead'), allMembersResponsible: all('responsible'),
        };
      }),
    );
    const table = tableFromRows(rows);
    const base = `task-division-plan-${planId}`;
    if (format === 'csv') return { body: Buffer.from(formatCsv(table), 'utf8'), fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8' };
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('任务分工');
    table.forEach((r) => sheet.addRow(r));
    sheet.getRow(1).font = { bold: true };
    [18, 10, 60, 30, 50].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    return { body, fileName: `${base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  }

  /**
   * Replaces the units of every goal the sheet lists (goals it does not list keep theirs).
   * dryRun reports what would change; unknown unit names stop a real import unless accepted.
   */
  async import(planId: number, bytes: Uint8Array, fileName: string | undefined, options: { dryRun: boolean; acceptNewUnits: boolean }): Promise<TaskDivisionResult> {
    if (bytes.length === 0) throw new BadRequestError('EMPTY_FILE', 'the sheet is empty');
    if (bytes.length > MAX_SHEET_BYTES) throw new BadRequestError('TOO_LARGE', `the sheet is larger than ${MAX_SHEET_BYTES / 1024 / 1024} MB`);
    const table = await readTable(bytes, fileName, officeLimits(this.config));
    const { rows, warnings } = rowsFromTable(table);
    if (rows.length === 0) throw new BadRequestError('NO_ROWS', 'the sheet has no goal rows (columns: area, goal number, goal text, lead units, responsible units)', { warnings });
    const plan = await this.plans.getPlan(planId);
    const tree = await this.plans.getTree(planId);
    const goalByKey = new Map(tree.areas.flatMap((a) => a.goals.map((g) => [`${a.number}/${g.number}`, g] as const)));
    const index = await this.units.nameIndex(plan.committeeId);
    const unknown = new Map<string, number[]>();
    for (const row of rows) {
      for (const name of [...row.leadUnits, ...row.responsibleUnits]) if (!index.has(name)) unknown.set(name, [...(unknown.get(name) ?? []), row.line]);
    }
    if (!options.dryRun && unknown.size > 0 && !options.acceptNewUnits) {
      throw new BadRequestError('UNKNOWN_UNITS', `unknown unit names: ${[...unknown].map(([n, l]) => `${n} (row ${l[0]})`).join(', ')}; add them to the register (or as aliases) or accept them as new units`, {
        units: [...unknown].map(([name, lines]) => ({ name, lines })),
      });
    }
    const result: TaskDivisionResult = {
      dryRun: options.dryRun, rows: rows.length, goalsChanged: 0, added: 0, removed: 0,
      unknownUnits: [...unknown].map(([name, lines]) => ({ name, lines })), newUnits: [], warnings: [...warnings],
    };
    const work = async (em: import('typeorm').EntityManager) => {
      if (options.acceptNewUnits) {
        for (const name of unknown.keys()) {
          const unit = await em.save(em.create(Unit, { committeeId: plan.committeeId, name, kind: guessUnitKind(name), isMember: true }));
          index.set(name, unit);
          result.newUnits.push(name);
        }
      }
      const current = await em.find(Assignment, { where: { planId, goalId: In([...goalByKey.values()].map((g) => g.id).concat(-1)) } });
      for (const row of rows) {
        const goal = goalByKey.get(`${row.areaNumber}/${row.goalNumber}`) as Goal | undefined;
        if (!goal) {
          result.warnings.push({ line: row.line, message: `row ${row.line}: plan has no goal ${row.goalNumber} in area ${row.areaNumber}` });
          continue;
        }
        const want = wantedAssignments(row, (name) => index.get(name)?.id);
        const { added, removed } = await this.plans.syncTargetAssignments(em, planId, { goalId: goal.id, measureId: null }, want, current);
        if (added || removed) result.goalsChanged++;
        result.added += added;
        result.removed += removed;
      }
    };
    await inTransactionOrDryRun(this.dataSource, options.dryRun, work);
    result.warnings.sort((a, b) => a.line - b.line);
    return result;
  }
}

async function readTable(bytes: Uint8Array, fileName: string | undefined, limits: OfficeLimits): Promise<string[][]> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip || /\.xlsx$/i.test(fileName ?? '')) {
    try {
      // Checked as an archive, then read in a worker thread; formula cells give their cached value.
      return (await parseOfficeFile('xlsx', bytes, limits, HEADER.length)).table;
    } catch (error) {
      if (error instanceof OfficeFileError) throw new BadRequestError(error.code === 'NOT_AN_ARCHIVE' ? 'UNREADABLE_SHEET' : error.code, error.message, error.details);
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
