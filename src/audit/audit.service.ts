import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { paginate } from '../common/pagination/paginate.util.js';
import type { Page } from '../common/pagination/list-query.dto.js';
import { currentRequestContext } from '../access/request-context.js';
import type { Actor } from '../access/actor.js';
import { AuditEntry } from './audit-entry.entity.js';
import ExcelJS from 'exceljs';
import { BadRequestError } from '../common/errors/app-error.js';
import { addDays, isValidCalendarDate, startOfLocalDay } from '../common/time/calendar-date.util.js';
import { formatCsv } from '../common/csv/csv-writer.js';
import { AuditSubscriber } from './audit.subscriber.js';
import { onVersionedUpdate } from '../common/persistence/optimistic-update.util.js';
import type { AuditQueryDto } from './audit.dto.js';
import type { AuditAction } from './audit-labels.js';

export interface AuditRecord {
  action: AuditAction;
  entity: string;
  entityId?: string | number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Defaults to the request's actor. */
  actor?: Pick<Actor, 'userId' | 'login' | 'committeeId'> | null;
  committeeId?: number | null;
  address?: string | null;
}

/** An export holds at most this many entries; narrow the filters for more. */
const MAX_EXPORT_ROWS = 100_000;
const SORTABLE = {
  id: 'entry.id',
  at: 'entry.at',
  action: 'entry.action',
  entity: 'entry.entity',
  userLogin: 'entry.userLogin',
};
/** A changed field holding more than this is cut (a whole plan text does not belong in the trail). */
const MAX_VALUE_CHARS = 2000;

/** Shortens long values so one entry stays small; keeps the rest as it was. */
export function compactValues(values: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!values) return null;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string' && value.length > MAX_VALUE_CHARS) out[key] = `${value.slice(0, MAX_VALUE_CHARS)}…`;
    else out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/**
 * The audit trail: append-only entries written in the transaction of the change they record.
 * Row changes made through TypeORM are recorded by AuditSubscriber; domain acts (login, import,
 * generation, urging…) call record() with the manager of their transaction.
 */
@Injectable()
export class AuditService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    if (!this.dataSource.subscribers.some((s) => s instanceof AuditSubscriber))
      this.dataSource.subscribers.push(new AuditSubscriber((entry, em) => this.record(entry, em)));
    onVersionedUpdate(async (em, table, id, before, after) => {
      const context = currentRequestContext();
      if (!context?.actor || context.bulk) return;
      await this.record({ action: 'update', entity: table, entityId: id, before, after }, em);
    });
  }

  async record(entry: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const context = currentRequestContext();
    const actor = entry.actor === undefined ? context?.actor : entry.actor;
    await manager.save(
      manager.create(AuditEntry, {
        at: this.clock.now(),
        committeeId: entry.committeeId ?? actor?.committeeId ?? null,
        userId: actor?.userId ?? null,
        userLogin: actor?.login ?? 'system',
        address: entry.address ?? context?.address ?? null,
        action: entry.action,
        entity: entry.entity,
        entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
        before: compactValues(entry.before),
        after: compactValues(entry.after),
      }),
    );
  }

  /** `timeZone`: the committee's, for a period given as whole days (from/to YYYY-MM-DD). */
  async list(committeeId: number, query: AuditQueryDto, timeZone: string): Promise<Page<AuditEntry>> {
    return paginate(this.filtered(committeeId, query, timeZone), query, SORTABLE, '-id');
  }

  /** Every entry of the filters, oldest first (exports). */
  async all(
    committeeId: number,
    query: AuditQueryDto,
    limit: number,
    timeZone: string,
  ): Promise<{ rows: AuditEntry[]; total: number }> {
    const qb = this.filtered(committeeId, query, timeZone).orderBy('entry.id', 'ASC');
    const total = await qb.getCount();
    return { rows: total > limit ? [] : await qb.getMany(), total };
  }

  /** The entries of the list's filters as .xlsx or .csv, oldest first; headers in the reader's language. */
  async export(
    committeeId: number,
    query: AuditQueryDto,
    format: 'xlsx' | 'csv',
    locale: 'zh-CN' | 'en',
    timeZone: string,
  ): Promise<{ fileName: string; contentType: string; body: Buffer }> {
    const { rows, total } = await this.all(committeeId, query, MAX_EXPORT_ROWS, timeZone);
    if (total > MAX_EXPORT_ROWS)
      throw new BadRequestError(
        'TOO_MANY_ROWS',
        `the filters select ${total} entries; an export holds at most ${MAX_EXPORT_ROWS}: narrow them (who, from, to …)`,
        { total },
      );
    const headers =
      locale === 'en'
        ? ['Id', 'When (UTC)', 'Who', 'From', 'Action', 'Record', 'Record id', 'Before', 'After']
        : ['序号', '时间（UTC）', '操作人', '来源地址', '操作', '对象', '对象编号', '修改前', '修改后'];
    const table = rows.map((e) => [
      e.id,
      e.at.toISOString(),
      e.userLogin,
      e.address ?? '',
      e.action,
      e.entity,
      e.entityId ?? '',
      e.before ? JSON.stringify(e.before) : '',
      e.after ? JSON.stringify(e.after) : '',
    ]);
    const stamp = this.clock.now().toISOString().slice(0, 10);
    const base = locale === 'en' ? `audit-${stamp}` : `审计记录-${stamp}`;
    if (format === 'csv')
      return {
        fileName: `${base}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: Buffer.from(formatCsv([headers, ...table]), 'utf8'),
      };
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet(locale === 'en' ? 'Audit' : '审计记录', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(headers).font = { bold: true };
    for (const row of table) sheet.addRow(row);
    return {
      fileName: `${base}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: Buffer.from(await wb.xlsx.writeBuffer()),
    };
  }

  private filtered(committeeId: number, query: AuditQueryDto, timeZone: string) {
    const qb = this.dataSource
      .getRepository(AuditEntry)
      .createQueryBuilder('entry')
      .where('entry.committeeId = :committeeId', { committeeId });
    if (query.who) qb.andWhere('entry.userLogin = :who', { who: query.who.trim().toLowerCase() });
    if (query.userId) qb.andWhere('entry.userId = :userId', { userId: query.userId });
    if (query.action) qb.andWhere('entry.action = :action', { action: query.action });
    if (query.entity) qb.andWhere('entry.entity = :entity', { entity: query.entity });
    if (query.entityId) qb.andWhere('entry.entityId = :entityId', { entityId: query.entityId });
    // An instant is taken as it is; a date (the web app's period picker) is a whole day of the
    // committee's calendar, the last one included.
    const { from, to } = query;
    if (from)
      qb.andWhere('entry.at >= :from', {
        from: isValidCalendarDate(from) ? startOfLocalDay(from, timeZone) : new Date(from),
      });
    if (to)
      qb.andWhere('entry.at < :to', {
        to: isValidCalendarDate(to) ? startOfLocalDay(addDays(to, 1), timeZone) : new Date(to),
      });
    return qb;
  }
}
