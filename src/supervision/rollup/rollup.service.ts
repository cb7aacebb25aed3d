import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource, In } from 'typeorm';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import { assertOffice, type Actor } from '../../access/actor.js';
import { CommitteesService } from '../../committees/committees.service.js';
import { Plan } from '../../plans/entities/plan.entity.js';
import { Task } from '../../duties/entities/task.entity.js';
import { Attachment } from '../../duties/entities/attachment.entity.js';
import { TASK_STATE_LABELS, type TaskState } from '../../duties/domain/task-lifecycle.js';
import type { Locale } from '../../common/i18n/locale.js';
import type { DutyKind } from '../../duties/domain/duty-kind.js';
import { formatCsv } from '../../common/csv/csv-writer.js';
import type { DownloadFile } from '../../common/http/download.js';
import type { RateStats } from '../domain/rates.js';
import { RatesService, type LightCounts } from '../rates/rates.service.js';
import { TaskQueryService } from '../../duties/tasks/task-query.service.js';

export interface UpwardReport {
  taskId: number;
  year: number;
  title: string;
  dueOn: string;
  state: TaskState;
  submittedAt: Date | null;
  attachments: Array<{ id: number; fileName: string; size: number }>;
}

export interface RollupRow {
  committeeId: number;
  name: string;
  level: string;
  /** 1: a child of the asking committee, 2: a grandchild… */
  depth: number;
  parentId: number;
  parentName: string;
  timeZone: string;
  today: string;
  plans: Array<{ id: number; title: string; periodStart: number; periodEnd: number; status: string }>;
  overall: RateStats;
  lights: LightCounts;
  /** The committee's annual reports upward (向上级妇儿工委年度报告), newest first. */
  upwardReports: UpwardReport[];
}

export interface Rollup {
  asOf: Date;
  committee: { id: number; name: string; level: string };
  filter: { year?: number; kind?: DutyKind };
  rows: RollupRow[];
}

/**
 * The committees below the asker's, side by side: plans, completion and on-time rates, overdue
 * counts, and the reports they sent upward — read as the lower committees' viewer (access/actor.ts
 * readsFromAbove), never written.
 */
@Injectable()
export class RollupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly committees: CommitteesService,
    private readonly rates: RatesService,
    private readonly tasks: TaskQueryService,
  ) {}

  async rollup(actor: Actor, filter: { year?: number; kind?: DutyKind; committeeId?: number }): Promise<Rollup> {
    assertOffice(actor, 'see the committees below');
    // The service itself (CLI) names the committee; a user gets their own.
    const top = await this.committees.resolve(actor.committeeId ?? filter.committeeId);
    const below = await this.committees.descendants(top.id);
    const names = new Map([[top.id, top.name], ...below.map((b) => [b.committee.id, b.committee.name] as const)]);
    const ids = below.map((b) => b.committee.id);
    const [plans, upward] = await Promise.all([
      ids.length
        ? this.dataSource
            .getRepository(Plan)
            .find({ where: { committeeId: In(ids) }, order: { periodStart: 'DESC', id: 'ASC' } })
        : [],
      this.upwardReports(ids),
    ]);
    const rows: RollupRow[] = [];
    for (const { committee, depth, parentId } of below) {
      const taskFilter = { committeeId: committee.id, year: filter.year, kind: filter.kind };
      // Only the dashboard's overall rates and lights, as of the committee already loaded: the actor
      // reads every committee below (readsFromAbove), so context() would resolve this same one.
      const ctx = this.tasks.contextFor(committee);
      const [overall, lights] = await Promise.all([
        this.rates.overall(actor, taskFilter, ctx),
        this.rates.lights(actor, taskFilter, ctx),
      ]);
      rows.push({
        committeeId: committee.id,
        name: committee.name,
        level: committee.level,
        depth,
        parentId,
        parentName: names.get(parentId) ?? '',
        timeZone: committee.timeZone,
        today: ctx.today,
        plans: plans
          .filter((p) => p.committeeId === committee.id)
          .map((p) => ({
            id: p.id,
            title: p.title,
            periodStart: p.periodStart,
            periodEnd: p.periodEnd,
            status: p.status,
          })),
        overall,
        lights,
        upwardReports: upward.get(committee.id) ?? [],
      });
    }
    return {
      asOf: this.clock.now(),
      committee: { id: top.id, name: top.name, level: top.level },
      filter: { year: filter.year, kind: filter.kind },
      rows,
    };
  }

  /** The upward report tasks of these committees (the office's own duty, unit null), with their files. */
  private async upwardReports(committeeIds: number[]): Promise<Map<number, UpwardReport[]>> {
    const out = new Map<number, UpwardReport[]>();
    if (committeeIds.length === 0) return out;
    const tasks = await this.dataSource
      .getRepository(Task)
      .find({ where: { committeeId: In(committeeIds), kind: 'upward_report' }, order: { year: 'DESC', id: 'DESC' } });
    const files = tasks.length
      ? await this.dataSource
          .getRepository(Attachment)
          .find({ where: { taskId: In(tasks.map((t) => t.id)) }, order: { id: 'ASC' } })
      : [];
    // Grouped once (each list stays in id order, as queried) instead of a scan of all files per task.
    const filesOf = new Map<number, Attachment[]>();
    for (const f of files) {
      const list = filesOf.get(f.taskId);
      if (list) list.push(f);
      else filesOf.set(f.taskId, [f]);
    }
    for (const t of tasks) {
      if (t.state === 'cancelled') continue;
      const list = out.get(t.committeeId) ?? [];
      list.push({
        taskId: t.id,
        year: t.year,
        title: t.title,
        dueOn: t.dueOn,
        state: t.state,
        submittedAt: t.submittedAt,
        attachments: (filesOf.get(t.id) ?? []).map((f) => ({ id: f.id, fileName: f.fileName, size: f.size })),
      });
      out.set(t.committeeId, list);
    }
    return out;
  }

  async export(
    actor: Actor,
    filter: { year?: number; kind?: DutyKind; committeeId?: number },
    format: 'csv' | 'xlsx',
    locale: 'zh-CN' | 'en',
  ): Promise<DownloadFile> {
    const rollup = await this.rollup(actor, filter);
    const table = rollupTable(rollup, locale);
    const base = `${locale === 'en' ? 'rollup' : '下级工委汇总'}-${rollup.committee.id}${filter.year ? `-${filter.year}` : ''}`;
    if (format === 'csv')
      return {
        fileName: `${base}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: Buffer.from(formatCsv(table), 'utf8'),
      };
    const wb = new ExcelJS.Workbook();
    wb.created = rollup.asOf;
    const sheet = wb.addWorksheet(locale === 'en' ? 'Roll-up' : '下级工委汇总', {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    for (const row of table) sheet.addRow(row.map((c) => (c === null ? '' : c)));
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((col, i) => (col.width = i === 0 ? 34 : i === 4 ? 40 : 12));
    return {
      fileName: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: Buffer.from(await wb.xlsx.writeBuffer()),
    };
  }
}

const rate = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/** One line per committee below: the figures the dashboard shows, as a table (header first). */
export function rollupTable(rollup: Rollup, locale: Locale): Array<Array<string | number | null>> {
  const zh = locale === 'zh-CN';
  const header = zh
    ? [
        '工委',
        '层级',
        '上级',
        '今日',
        '规划',
        '应报任务',
        '已报送',
        '已通过',
        '按时',
        '逾期报送',
        '逾期未报',
        '按时率(%)',
        '完成率(%)',
        '向上报告',
      ]
    : [
        'Committee',
        'Level',
        'Parent',
        'Today',
        'Plans',
        'Expected',
        'Submitted',
        'Accepted',
        'On time',
        'Late',
        'Overdue open',
        'On-time rate (%)',
        'Completion rate (%)',
        'Reports upward',
      ];
  const upward = (r: RollupRow) =>
    r.upwardReports
      .map(
        (u) =>
          `${u.year}: ${TASK_STATE_LABELS[u.state as TaskState]?.[locale] ?? u.state}${u.attachments.length ? ` (${u.attachments.length})` : ''}`,
      )
      .join('; ');
  return [
    header,
    ...rollup.rows.map((r) => [
      `${'  '.repeat(r.depth - 1)}${r.name}`,
      r.level,
      r.parentName,
      r.today,
      r.plans.map((p) => p.title).join('; '),
      r.overall.expected,
      r.overall.submitted,
      r.overall.accepted,
      r.overall.onTime,
      r.overall.late,
      r.overall.overdueOpen,
      rate(r.overall.onTimeRate),
      rate(r.overall.completionRate),
      upward(r),
    ]),
  ];
}
