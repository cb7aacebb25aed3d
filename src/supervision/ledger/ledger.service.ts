import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { formatCsv } from '../../common/csv/csv-writer.js';
import { BadRequestError } from '../../common/errors/app-error.js';
import { dutyKindLabel, type DutyKind } from '../../duties/domain/duty-kind.js';
import { TASK_STATE_LABELS } from '../../duties/domain/task-lifecycle.js';
import type { Actor } from '../../access/actor.js';
import { TaskQueryService, type SupervisionContext, type TaskView } from '../../duties/tasks/task-query.service.js';
import type { TaskFilterDto } from '../../duties/tasks/task-query.dto.js';
import type { TaskEscalationMark } from '../../duties/tasks/task-annotations.js';
import type { Locale } from '../../common/i18n/locale.js';
import { label } from '../../common/i18n/labels.js';
import { IN_CHUNK, inChunks } from '../../common/persistence/chunks.util.js';
import { paginate } from '../../common/pagination/paginate.util.js';
import type { Page } from '../../common/pagination/list-query.dto.js';
import type { TrafficLight } from '../../duties/domain/task-status.js';
import { localDateTime } from '../../common/time/calendar-date.util.js';
import { TASK_STATUS_LABELS } from '../domain/status-labels.js';

/** An export holds at most this many rows; narrow the filters for more. */
export const MAX_EXPORT_ROWS = 100_000;

const SORTABLE = {
  id: 'task.id',
  dueOn: 'task.dueOn',
  state: 'task.state',
  kind: 'task.kind',
  year: 'task.year',
  unitId: 'task.unitId',
  planId: 'task.planId',
  submittedAt: 'task.submittedAt',
};

const LIGHT_LABELS: Record<TrafficLight, Record<Locale, string>> = {
  green: { 'zh-CN': '绿', en: 'green' },
  yellow: { 'zh-CN': '黄', en: 'yellow' },
  red: { 'zh-CN': '红', en: 'red' },
  grey: { 'zh-CN': '灰', en: 'grey' },
};
const LIGHT_FILL: Record<TrafficLight, string> = {
  green: 'FFC6EFCE',
  yellow: 'FFFFEB9C',
  red: 'FFFFC7CE',
  grey: 'FFE7E6E6',
};

const COLUMNS: { key: keyof LedgerRow; header: Record<Locale, string>; width: number }[] = [
  { key: 'taskId', header: { 'zh-CN': '任务编号', en: 'Task' }, width: 9 },
  { key: 'plan', header: { 'zh-CN': '规划', en: 'Plan' }, width: 34 },
  { key: 'unit', header: { 'zh-CN': '责任单位', en: 'Unit' }, width: 24 },
  { key: 'kind', header: { 'zh-CN': '事项', en: 'Duty' }, width: 22 },
  { key: 'year', header: { 'zh-CN': '年度', en: 'Year' }, width: 7 },
  { key: 'title', header: { 'zh-CN': '名称', en: 'Title' }, width: 40 },
  { key: 'dueOn', header: { 'zh-CN': '截止日期', en: 'Due' }, width: 12 },
  { key: 'originalDueOn', header: { 'zh-CN': '原定截止', en: 'Original due' }, width: 12 },
  { key: 'state', header: { 'zh-CN': '办理状态', en: 'State' }, width: 10 },
  { key: 'status', header: { 'zh-CN': '督办状态', en: 'Status' }, width: 11 },
  { key: 'light', header: { 'zh-CN': '信号灯', en: 'Light' }, width: 7 },
  { key: 'daysLate', header: { 'zh-CN': '逾期天数', en: 'Days late' }, width: 9 },
  { key: 'submittedAt', header: { 'zh-CN': '首次提交', en: 'First submitted' }, width: 17 },
  { key: 'acceptedAt', header: { 'zh-CN': '办结时间', en: 'Accepted' }, width: 17 },
  { key: 'items', header: { 'zh-CN': '条目完成', en: 'Items done' }, width: 9 },
  { key: 'escalation', header: { 'zh-CN': '催办督办', en: 'Escalation' }, width: 16 },
];

export interface LedgerRow {
  taskId: number;
  plan: string;
  unit: string;
  kind: string;
  year: number;
  title: string;
  dueOn: string;
  originalDueOn: string;
  state: string;
  status: string;
  light: string;
  daysLate: number | null;
  submittedAt: string;
  acceptedAt: string;
  items: string;
  /** The highest 催办/督办 sent for the current due date, with its day ('' when none). */
  escalation: string;
  lightKey: TrafficLight;
}

export interface LedgerFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** 台账: the task list as the office keeps it, on screen (paged) and as .xlsx / .csv (all rows of the same filters). */
@Injectable()
export class LedgerService {
  constructor(private readonly tasks: TaskQueryService) {}

  async page(actor: Actor, filter: TaskFilterDto): Promise<Page<TaskView>> {
    return this.tasks.list(actor, filter);
  }

  async rows(
    actor: Actor,
    filter: TaskFilterDto,
    locale: Locale,
  ): Promise<{ rows: LedgerRow[]; ctx: SupervisionContext }> {
    const ctx = await this.tasks.context(actor, filter.committeeId);
    const qb = this.tasks
      .filtered(actor, filter, ctx, undefined, await this.tasks.escalationCondition(filter, ctx))
      .leftJoin('task.unit', 'unit')
      .addSelect(['unit.id', 'unit.name'])
      .leftJoin('task.plan', 'plan')
      .addSelect(['plan.id', 'plan.title']);
    const total = await qb.getCount();
    if (total > MAX_EXPORT_ROWS) {
      throw new BadRequestError(
        'TOO_MANY_ROWS',
        `the filters select ${total} tasks; an export holds at most ${MAX_EXPORT_ROWS}: narrow them (plan, unit, year …)`,
        { total },
      );
    }
    const { items } = await paginate(qb, { ...filter, page: 1, pageSize: Math.max(total, 1) }, SORTABLE, 'dueOn');
    const counts = new Map<number, { total: number; done: number }>();
    await inChunks(items, IN_CHUNK, async (part) => {
      for (const [k, v] of await this.tasks.itemCounts(part.map((t) => t.id))) counts.set(k, v);
    });
    const escalations = await this.tasks.escalations(items);
    const time = (d: Date | null) => (d ? localDateTime(d, ctx.timeZone) : '');
    const rows = items.map((task): LedgerRow => {
      const s = this.tasks.status(task, ctx);
      const c = counts.get(task.id);
      return {
        taskId: task.id,
        plan: task.plan?.title ?? '',
        unit: task.unit?.name ?? label('officeUnit', locale),
        kind: dutyKindLabel(task.kind as DutyKind, locale),
        year: task.year,
        title: task.title,
        dueOn: task.dueOn,
        originalDueOn: task.originalDueOn,
        state: TASK_STATE_LABELS[task.state][locale],
        status: TASK_STATUS_LABELS[s.status][locale],
        light: LIGHT_LABELS[s.light][locale],
        daysLate: s.daysLate ?? null,
        submittedAt: time(task.submittedAt),
        acceptedAt: time(task.acceptedAt),
        items: c ? `${c.done}/${c.total}` : '0/0',
        escalation: escalationCell(escalations.get(task.id), locale),
        lightKey: s.light,
      };
    });
    return { rows, ctx };
  }

  async export(
    actor: Actor,
    filter: TaskFilterDto,
    format: 'xlsx' | 'csv',
    locale: Locale = 'zh-CN',
  ): Promise<LedgerFile> {
    const { rows, ctx } = await this.rows(actor, filter, locale);
    const stamp = ctx.today;
    const base = locale === 'en' ? `ledger-${stamp}` : `督办台账-${stamp}`;
    if (format === 'csv')
      return { fileName: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(rows, locale) };
    return {
      fileName: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: await toXlsx(rows, filter, ctx, locale),
    };
  }
}

function escalationCell(mark: TaskEscalationMark | undefined, locale: Locale): string {
  if (!mark) return '';
  return `${label(mark.level === 'urge' ? 'escalationUrge' : 'escalationSupervise', locale)} ${mark.on}`;
}

export function toCsv(rows: LedgerRow[], locale: Locale): Buffer {
  // The shared writer neutralises formula-looking cells (CSV injection).
  return Buffer.from(
    formatCsv([COLUMNS.map((c) => c.header[locale]), ...rows.map((row) => COLUMNS.map((c) => row[c.key]))]),
    'utf8',
  );
}

async function toXlsx(
  rows: LedgerRow[],
  filter: TaskFilterDto,
  ctx: SupervisionContext,
  locale: Locale,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Luoshi 落实';
  wb.created = ctx.now;
  const sheet = wb.addWorksheet(locale === 'en' ? 'Ledger' : '督办台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header[locale], key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const { lightKey, ...values } = row;
    const added = sheet.addRow(values);
    added.getCell('light').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILL[lightKey] } };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  const about = wb.addWorksheet(locale === 'en' ? 'Filters' : '筛选条件');
  about.columns = [{ width: 16 }, { width: 50 }];
  about.addRow([locale === 'en' ? 'Committee' : '妇儿工委', ctx.committee.name]);
  about.addRow([locale === 'en' ? 'As of' : '统计时点', `${localDateTime(ctx.now, ctx.timeZone)} (${ctx.timeZone})`]);
  about.addRow([locale === 'en' ? 'Rows' : '行数', rows.length]);
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && key !== 'page' && key !== 'pageSize' && key !== 'format' && key !== 'lang')
      about.addRow([key, String(value)]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
