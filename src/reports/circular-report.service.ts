import { committeeOfficeName } from '../common/i18n/labels.js';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { TaskQueryService } from '../duties/tasks/task-query.service.js';
import { CircularFiguresService } from '../supervision/circulars/circular-figures.service.js';
import { RatesService } from '../supervision/rates/rates.service.js';
import { circularDocx, circularFileName, type CircularOverdueTask } from './documents/circular.document.js';
import { allPages, DOCX_TYPE, type ReportFile } from './report-file.js';

/** 通报 as .docx: the e-mailed circular's figures, plus each late unit's overdue tasks and the ranking. */
@Injectable()
export class CircularReportService {
  constructor(
    private readonly figures: CircularFiguresService,
    private readonly tasks: TaskQueryService,
    private readonly rates: RatesService,
  ) {}

  async circular(actor: Actor, query: { committeeId?: number; asOf?: string; planId?: number }): Promise<ReportFile> {
    const ctx = await this.tasks.context(actor, query.committeeId);
    const asOf = query.asOf ?? ctx.today;
    const filter = { committeeId: ctx.committee.id, ...(query.planId ? { planId: query.planId } : {}) };
    // The same figures the e-mailed circular uses (it refuses a day other than today).
    const figures = await this.figures.figures(ctx.committee.id, { asOf, planId: query.planId });
    const [ranking, overdue] = await Promise.all([
      this.rates.ranking(actor, filter),
      allPages((page) => this.tasks.list(actor, { ...filter, status: 'overdue', sort: 'dueOn', page, pageSize: 200 })),
    ]);
    const overdueTasks = new Map<string, CircularOverdueTask[]>();
    for (const t of overdue) {
      if (!t.unit) continue; // the office's own duties are not circulated
      overdueTasks.set(t.unit.name, [
        ...(overdueTasks.get(t.unit.name) ?? []),
        { taskId: t.id, title: t.title, dueOn: t.dueOn, daysLate: t.daysLate ?? 0 },
      ]);
    }
    const maxLate = (name: string) => Math.max(0, ...(overdueTasks.get(name) ?? []).map((t) => t.daysLate));
    const body = await circularDocx({
      committeeName: ctx.committee.name,
      officeName: committeeOfficeName(ctx.committee.name, 'zh-CN') ?? '',
      asOf: figures.asOf,
      ...(figures.scope ? { scope: figures.scope } : {}),
      units: figures.units.map((u) => ({ ...u, maxDaysLate: maxLate(u.unitName) || null })),
      overdueTasks,
      ranking: ranking.map((r) => ({
        rank: r.rank,
        name: r.name,
        expected: r.expected,
        submitted: r.submitted,
        onTimeRate: r.onTimeRate,
        completionRate: r.completionRate,
        overdueOpen: r.overdueOpen,
      })),
    });
    return { fileName: circularFileName(figures.asOf), contentType: DOCX_TYPE, body };
  }
}
