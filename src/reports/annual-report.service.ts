import { label } from '../common/i18n/labels.js';
import { committeeOfficeName } from '../common/i18n/labels.js';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { TaskQueryService } from '../duties/tasks/task-query.service.js';
import { PlansService } from '../plans/plans.service.js';
import { RatesService } from '../supervision/rates/rates.service.js';
import { SupervisionService } from '../supervision/supervision.service.js';
import { annualDocx, annualFileName, monitoringXlsx, type AnnualReportInput } from './documents/annual.document.js';
import { allPages, DOCX_TYPE, XLSX_TYPE, type ReportFile } from './report-file.js';

/** 年度工作报告 for a plan and a year, and its monitoring table as .xlsx. */
@Injectable()
export class AnnualReportService {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly rates: RatesService,
    private readonly tasks: TaskQueryService,
    private readonly plans: PlansService,
  ) {}

  async input(actor: Actor, query: { planId: number; year: number }): Promise<AnnualReportInput> {
    const plan = await this.plans.getPlan(query.planId);
    const ctx = await this.tasks.context(actor, plan.committeeId);
    // goalView checks the year against the plan period (400 outside it).
    // goalView carries each goal's indicators and their status for the year.
    const [view, ranking, open] = await Promise.all([
      this.supervision.goalView(actor, { planId: plan.id, year: query.year }),
      this.rates.ranking(actor, { committeeId: plan.committeeId, planId: plan.id, year: query.year }),
      allPages((page) =>
        this.tasks.list(actor, {
          committeeId: plan.committeeId,
          planId: plan.id,
          year: query.year,
          state: 'open',
          sort: 'dueOn',
          page,
          pageSize: 200,
        }),
      ),
    ]);
    return {
      committeeName: ctx.committee.name,
      officeName: committeeOfficeName(ctx.committee.name, 'zh-CN') ?? '',
      planTitle: plan.title,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      year: query.year,
      asOf: ctx.today,
      goals: view.goals.map((g) => {
        return {
          areaNumber: g.areaNumber,
          areaName: g.areaName,
          goalNumber: g.goalNumber,
          text: g.text,
          lead: g.assigned.lead,
          responsible: g.assigned.responsible,
          allMembersLead: g.assigned.allMembersLead,
          allMembersResponsible: g.assigned.allMembersResponsible,
          reports: [...g.lead, ...g.responsible].map((u) => ({
            unitName: u.unitName,
            role: u.role,
            progress: u.progress,
            narrative: u.narrative,
          })),
          indicators: g.indicators.map((i) => ({
            areaNumber: g.areaNumber,
            goalNumber: g.goalNumber,
            name: i.name ?? i.phrase,
            comparator: i.comparator,
            target: numberOrNull(i.target),
            measure: i.unit,
            previousValue: numberOrNull(i.previousValue),
            value: numberOrNull(i.value),
            status: i.status,
          })),
          indicatorStatus: g.indicatorStatus,
        };
      }),
      rates: ranking.map((r) => ({
        name: r.name,
        expected: r.expected,
        submitted: r.submitted,
        onTimeRate: r.onTimeRate,
        completionRate: r.completionRate,
        overdueOpen: r.overdueOpen,
      })),
      openDuties: open.map((t) => ({
        taskId: t.id,
        unitName: t.unit?.name ?? label('officeUnit', 'zh-CN'),
        title: t.title,
        dueOn: t.dueOn,
        state: t.state,
        daysLate: t.daysLate,
      })),
    };
  }

  async annual(actor: Actor, query: { planId: number; year: number }): Promise<ReportFile> {
    const input = await this.input(actor, query);
    return {
      fileName: annualFileName(input.planTitle, input.year, 'docx'),
      contentType: DOCX_TYPE,
      body: await annualDocx(input),
    };
  }

  async monitoring(actor: Actor, query: { planId: number; year: number }): Promise<ReportFile> {
    const input = await this.input(actor, query);
    return {
      fileName: annualFileName(input.planTitle, input.year, 'xlsx'),
      contentType: XLSX_TYPE,
      body: await monitoringXlsx(input),
    };
  }
}

/** Decimal columns come back as strings from MySQL. */
function numberOrNull(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
