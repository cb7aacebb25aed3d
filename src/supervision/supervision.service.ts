import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadRequestError } from '../common/errors/app-error.js';
import { PlansService } from '../plans/plans.service.js';
import { Area } from '../plans/entities/area.entity.js';
import { Goal } from '../plans/entities/goal.entity.js';
import { Indicator } from '../plans/entities/indicator.entity.js';
import { Assignment } from '../plans/entities/assignment.entity.js';
import { Unit } from '../units/unit.entity.js';
import type { DutyKind } from '../duties/domain/duty-kind.js';
import { STATE_PROGRESS_RANK, type TaskState } from '../duties/domain/task-lifecycle.js';
import { TaskItem } from '../duties/entities/task-item.entity.js';
import { IndicatorValue } from '../duties/entities/indicator-value.entity.js';
import { assertSameCommittee, type Actor } from '../access/actor.js';
import { TaskQueryService, type SupervisionContext } from '../duties/tasks/task-query.service.js';
import type { TaskStatus, TrafficLight } from '../duties/domain/task-status.js';
import { compareUnitNames } from './domain/unit-order.js';
import {
  evaluateIndicator,
  goalIndicatorStatus,
  type GoalIndicatorStatus,
  type IndicatorAssessment,
  type IndicatorEvaluation,
  type IndicatorStatus,
} from './domain/indicator-status.js';
import {
  assessmentLabel,
  indicatorReason,
  indicatorStatusLabel,
  type IndicatorReasonCode,
} from '../common/i18n/indicator-labels.js';
import { DEFAULT_LOCALE, type Locale } from '../common/i18n/locale.js';
import { label } from '../common/i18n/labels.js';

export interface GoalUnitStatus {
  unitId: number;
  unitName: string;
  role: string;
  itemId: number;
  progress: string;
  narrative: string | null;
  taskId: number;
  taskState: TaskState;
  status: TaskStatus;
  light: TrafficLight;
}

export interface IndicatorView {
  id: number;
  name: string | null;
  phrase: string;
  comparator: string;
  target: number | null;
  unit: string | null;
  direction: string | null;
  baselineYear: number | null;
  value: number | null;
  /** Qualitative targets: the assessment (met / largely_met / not_met) and what it rests on. */
  assessment: IndicatorAssessment | null;
  note: string | null;
  previousValue: number | null;
  baselineValue: number | null;
  status: IndicatorStatus;
  /** The status, the assessment and the reason in the reader's language (Accept-Language). */
  statusLabel: string;
  assessmentLabel: string | null;
  reason: string;
  /** The reason as data (src/common/i18n/indicator-labels.ts). */
  reasonCode: IndicatorReasonCode;
  reasonParams?: Record<string, string | number | null>;
  /** Units that reported different values (or assessments) for the year: the office settles which holds. */
  conflict: IndicatorReport[] | null;
}

export interface IndicatorReport {
  unitId: number | null;
  unitName: string;
  taskId: number;
  taskState: TaskState;
  value: number | null;
  assessment: IndicatorAssessment | null;
}

export interface GoalView {
  goalId: number;
  areaId: number;
  areaNumber: number;
  areaName: string;
  goalNumber: number;
  text: string;
  /** Units assigned in the plan (各成员单位 shown as allMembers). */
  assigned: { lead: string[]; responsible: string[]; allMembersLead: boolean; allMembersResponsible: boolean };
  lead: GoalUnitStatus[];
  responsible: GoalUnitStatus[];
  indicatorStatus: GoalIndicatorStatus | null;
  indicatorStatusLabel: string | null;
  indicators: IndicatorView[];
}

/** One goal of GET /api/supervision/indicators: its indicators and what they add up to. */
export interface GoalIndicators {
  goalId: number;
  areaNumber: number;
  goalNumber: number;
  text: string;
  status: GoalIndicatorStatus | null;
  statusLabel: string | null;
  indicators: IndicatorView[];
}

/** GET /api/supervision/indicators: the indicator status of a plan for one year. */
export interface IndicatorStatusReport {
  planId: number;
  year: number;
  periodEnd: number;
  asOf: Date;
  summary: Record<IndicatorStatus, number>;
  goalSummary: Record<GoalIndicatorStatus, number>;
  /** Indicators two units reported differently: the office's to-do. */
  conflicts: Array<{
    goalId: number;
    areaNumber: number;
    goalNumber: number;
    indicatorId: number;
    name: string;
    reports: IndicatorReport[];
  }>;
  goals: GoalIndicators[];
}

/** Which reported value counts when several units report one indicator: monitoring data first, then the furthest along. */
const KIND_RANK: Partial<Record<DutyKind, number>> = {
  monitoring_data: 3,
  annual_report: 2,
  final_evaluation: 1,
  midterm_evaluation: 1,
};

interface ValueRow {
  indicatorId: number;
  value: number | string | null;
  assessment: IndicatorAssessment | null;
  note: string | null;
  unitId: number | null;
  unitName: string | null;
  taskId: number;
  year: number;
  kind: DutyKind;
  state: TaskState;
  updatedAt: Date | string;
}

/** The goal view and the indicator status of a plan for one year. */
@Injectable()
export class SupervisionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TaskQueryService,
    private readonly plans: PlansService,
  ) {}

  /** For one year: each goal with its lead and responsible units' item status, and its indicators' status. */
  async goalView(
    actor: Actor,
    query: { planId: number; year: number; kind?: DutyKind; unitId?: number },
    locale: Locale = DEFAULT_LOCALE,
  ): Promise<{ planId: number; year: number; kind: DutyKind; asOf: Date; goals: GoalView[] }> {
    const plan = await this.plans.getPlan(query.planId);
    // Another committee's plan does not exist for the caller; a lower committee's may be read.
    assertSameCommittee(actor, plan.committeeId, 'Plan', plan.id, 'read');
    const ctx = await this.tasks.context(actor, plan.committeeId);
    this.checkYear(plan, query.year);
    const kind = query.kind ?? 'annual_report';
    const m = this.dataSource.manager;
    const [areas, goals, assignments, items, indicators] = await Promise.all([
      m.find(Area, { where: { planId: plan.id } }),
      m.find(Goal, { where: { planId: plan.id }, order: { number: 'ASC' } }),
      m.find(Assignment, { where: { planId: plan.id }, relations: { unit: true } }),
      this.tasks
        .filtered(actor, { planId: plan.id, year: query.year, kind, unitId: query.unitId }, ctx)
        .innerJoin(TaskItem, 'i', 'i.taskId = task.id AND i.active = :active AND i.goalId IS NOT NULL', {
          active: true,
        })
        .innerJoin(Unit, 'u', 'u.id = task.unitId')
        .select([
          'i.id AS itemId',
          'i.goalId AS goalId',
          'i.role AS role',
          'i.progress AS progress',
          'i.narrative AS narrative',
          'u.id AS unitId',
          'u.name AS unitName',
        ])
        .addSelect([
          'task.id AS taskId',
          'task.state AS state',
          'task.dueOn AS dueOn',
          'task.submittedAt AS submittedAt',
          'task.submittedOn AS submittedOn',
        ])
        .getRawMany<Record<string, unknown>>(),
      this.indicatorViews(actor, plan, query.year, ctx, locale),
    ]);
    const areaOf = new Map(areas.map((a) => [a.id, a]));
    const unitStatus = (r: Record<string, unknown>): GoalUnitStatus => {
      const task = {
        dueOn: dateString(r.dueOn),
        state: r.state as TaskState,
        submittedAt: toDate(r.submittedAt),
        submittedOn: r.submittedOn == null ? null : dateString(r.submittedOn),
      };
      const s = this.tasks.status(task, ctx);
      return {
        unitId: Number(r.unitId),
        unitName: String(r.unitName),
        role: String(r.role),
        itemId: Number(r.itemId),
        progress: String(r.progress),
        narrative: (r.narrative as string | null) ?? null,
        taskId: Number(r.taskId),
        taskState: task.state,
        status: s.status,
        light: s.light,
      };
    };
    const byGoal = new Map<number, GoalUnitStatus[]>();
    for (const r of items) byGoal.set(Number(r.goalId), [...(byGoal.get(Number(r.goalId)) ?? []), unitStatus(r)]);
    const sortUnits = (list: GoalUnitStatus[]) => list.sort((a, b) => compareUnitNames(a.unitName, b.unitName));
    const views = goals
      .map((g): GoalView => {
        const own = assignments.filter((a) => a.goalId === g.id);
        const names = (role: string) => own.filter((a) => a.role === role && a.unit).map((a) => a.unit!.name);
        const units = byGoal.get(g.id) ?? [];
        const goalIndicators = indicators.get(g.id) ?? [];
        const area = areaOf.get(g.areaId);
        return {
          goalId: g.id,
          areaId: g.areaId,
          areaNumber: area?.number ?? 0,
          areaName: area?.name ?? '',
          goalNumber: g.number,
          text: g.text,
          assigned: {
            lead: names('lead'),
            responsible: names('responsible'),
            allMembersLead: own.some((a) => a.allMembers && a.role === 'lead'),
            allMembersResponsible: own.some((a) => a.allMembers && a.role === 'responsible'),
          },
          lead: sortUnits(units.filter((u) => u.role === 'lead')),
          responsible: sortUnits(units.filter((u) => u.role === 'responsible')),
          indicatorStatus: goalIndicatorStatus(goalIndicators.map((i) => i.status)),
          indicatorStatusLabel: indicatorStatusLabel(goalIndicatorStatus(goalIndicators.map((i) => i.status)), locale),
          indicators: goalIndicators,
        };
      })
      .sort((a, b) => a.areaNumber - b.areaNumber || a.goalNumber - b.goalNumber);
    return { planId: plan.id, year: query.year, kind, asOf: ctx.now, goals: views };
  }

  /** Indicator status per goal for one year: met / at risk / not met (and no data, not evaluable). */
  async indicatorStatus(
    actor: Actor,
    query: { planId: number; year: number },
    locale: Locale = DEFAULT_LOCALE,
  ): Promise<IndicatorStatusReport> {
    const plan = await this.plans.getPlan(query.planId);
    // Another committee's plan does not exist for the caller; a lower committee's may be read.
    assertSameCommittee(actor, plan.committeeId, 'Plan', plan.id, 'read');
    const ctx = await this.tasks.context(actor, plan.committeeId);
    this.checkYear(plan, query.year);
    const [views, goals, areas] = await Promise.all([
      this.indicatorViews(actor, plan, query.year, ctx, locale),
      this.dataSource.getRepository(Goal).find({ where: { planId: plan.id } }),
      this.dataSource.getRepository(Area).find({ where: { planId: plan.id } }),
    ]);
    const areaOf = new Map(areas.map((a) => [a.id, a]));
    const out = goals
      .filter((g) => views.has(g.id))
      .map((g): GoalIndicators => {
        const indicators = views.get(g.id)!;
        const status = goalIndicatorStatus(indicators.map((i) => i.status));
        return {
          goalId: g.id,
          areaNumber: areaOf.get(g.areaId)?.number ?? 0,
          goalNumber: g.number,
          text: g.text,
          status,
          statusLabel: indicatorStatusLabel(status, locale),
          indicators,
        };
      })
      .sort((a, b) => a.areaNumber - b.areaNumber || a.goalNumber - b.goalNumber);
    const summary: Record<IndicatorStatus, number> = {
      met: 0,
      at_risk: 0,
      not_met: 0,
      no_data: 0,
      not_evaluable: 0,
      conflict: 0,
    };
    const goalSummary: Record<GoalIndicatorStatus, number> = {
      met: 0,
      at_risk: 0,
      not_met: 0,
      no_data: 0,
      not_evaluable: 0,
      conflict: 0,
      data_incomplete: 0,
    };
    for (const g of out) {
      for (const i of g.indicators) summary[i.status]++;
      if (g.status) goalSummary[g.status]++;
    }
    // The office's to-do: indicators two units reported differently.
    const conflicts = out.flatMap((g) =>
      g.indicators
        .filter((i) => i.conflict)
        .map((i) => ({
          goalId: g.goalId,
          areaNumber: g.areaNumber,
          goalNumber: g.goalNumber,
          indicatorId: i.id,
          name: i.name ?? i.phrase,
          reports: i.conflict!,
        })),
    );
    return {
      planId: plan.id,
      year: query.year,
      periodEnd: plan.periodEnd,
      asOf: ctx.now,
      summary,
      goalSummary,
      conflicts,
      goals: out,
    };
  }

  private checkYear(plan: { periodStart: number; periodEnd: number }, year: number): void {
    if (year < plan.periodStart || year > plan.periodEnd) {
      throw new BadRequestError(
        'VALIDATION_FAILED',
        `year ${year} is outside the plan period ${plan.periodStart}–${plan.periodEnd}`,
        { fields: [{ field: 'year', problems: [`${plan.periodStart}..${plan.periodEnd}`] }] },
      );
    }
  }

  /** goalId → its indicators evaluated for the year, from the values units reported (within the actor's scope). */
  private async indicatorViews(
    actor: Actor,
    plan: { id: number; periodEnd: number },
    year: number,
    ctx: SupervisionContext,
    locale: Locale,
  ): Promise<Map<number, IndicatorView[]>> {
    const indicators = await this.dataSource
      .getRepository(Indicator)
      .createQueryBuilder('ind')
      .innerJoin(Goal, 'g', 'g.id = ind.goalId')
      .where('g.planId = :planId', { planId: plan.id })
      .orderBy('ind.goalId')
      .addOrderBy('ind.position')
      .getMany();
    if (indicators.length === 0) return new Map();
    const years = [
      ...new Set([year, year - 1, ...indicators.flatMap((i) => (i.baselineYear ? [i.baselineYear] : []))]),
    ];
    const rows = await this.tasks
      .filtered(actor, { planId: plan.id }, ctx)
      .innerJoin(TaskItem, 'i', 'i.taskId = task.id AND i.active = :active', { active: true })
      .innerJoin(IndicatorValue, 'v', 'v.itemId = i.id')
      .andWhere('task.year IN (:...years)', { years })
      .andWhere("task.state <> 'cancelled'")
      .leftJoin(Unit, 'vu', 'vu.id = task.unitId')
      .select([
        'v.indicatorId AS indicatorId',
        'v.value AS value',
        'v.assessment AS assessment',
        'v.note AS note',
        'task.year AS year',
        'task.kind AS kind',
        'task.state AS state',
        'i.updatedAt AS updatedAt',
      ])
      .addSelect(['task.unitId AS unitId', 'vu.name AS unitName', 'task.id AS taskId'])
      .getRawMany<ValueRow>();
    // Per (indicator, year): each unit's own best report, then the best of those.
    const rank = (r: ValueRow) => [
      KIND_RANK[r.kind] ?? 0,
      STATE_PROGRESS_RANK[r.state] ?? 0,
      new Date(r.updatedAt).getTime(),
    ];
    const perUnit = new Map<string, Map<string, ValueRow>>();
    for (const r of rows) {
      const key = `${r.indicatorId}|${r.year}`;
      const units = perUnit.get(key) ?? new Map<string, ValueRow>();
      perUnit.set(key, units);
      const unitKey = String(r.unitId ?? 'office');
      const current = units.get(unitKey);
      if (!current || compareRanks(rank(r), rank(current)) > 0) units.set(unitKey, r);
    }
    const best = new Map<string, ValueRow>();
    const conflicts = new Map<string, IndicatorReport[]>();
    const numberOf = (r: ValueRow) => (r.value === null || r.value === undefined ? null : Number(r.value));
    for (const [key, units] of perUnit) {
      const reports = [...units.values()];
      best.set(
        key,
        reports.reduce((a, b) => (compareRanks(rank(b), rank(a)) > 0 ? b : a)),
      );
      // Two units, two different figures for one indicator and year: not for the lead to win silently.
      if (new Set(reports.map((r) => `${numberOf(r)}|${r.assessment ?? ''}`)).size > 1) {
        conflicts.set(
          key,
          reports
            .map((r) => ({
              unitId: r.unitId === null ? null : Number(r.unitId),
              unitName: r.unitName ?? label('officeUnit'),
              taskId: Number(r.taskId),
              taskState: r.state,
              value: numberOf(r),
              assessment: r.assessment ?? null,
            }))
            .sort((a, b) => compareUnitNames(a.unitName, b.unitName)),
        );
      }
    }
    const rowOf = (indicatorId: number, y: number | null) => (y === null ? undefined : best.get(`${indicatorId}|${y}`));
    const valueOf = (indicatorId: number, y: number | null) => {
      const r = rowOf(indicatorId, y);
      return r ? numberOf(r) : null;
    };
    const atRisk = new Set(
      (
        await this.tasks
          .filtered(actor, { planId: plan.id, year }, ctx)
          .innerJoin(TaskItem, 'i', "i.taskId = task.id AND i.active = :active AND i.progress = 'at_risk'", {
            active: true,
          })
          .select('DISTINCT i.goalId', 'goalId')
          .getRawMany<{ goalId: number | null }>()
      ).map((r) => Number(r.goalId)),
    );
    const out = new Map<number, IndicatorView[]>();
    for (const ind of indicators) {
      const value = valueOf(ind.id, year);
      const reported = rowOf(ind.id, year);
      const previousValue = valueOf(ind.id, year - 1);
      const baselineValue = valueOf(ind.id, ind.baselineYear);
      const conflict = conflicts.get(`${ind.id}|${year}`) ?? null;
      const evaluation: IndicatorEvaluation = conflict
        ? {
            status: 'conflict' as const,
            reasonCode: 'conflict',
            reasonParams: { units: conflict.length, year },
          }
        : evaluateIndicator(
            {
              comparator: ind.comparator,
              value: ind.value,
              unit: ind.unit,
              direction: ind.direction,
              baselineYear: ind.baselineYear,
            },
            {
              year,
              periodEnd: plan.periodEnd,
              value,
              previousValue,
              baselineValue,
              reportedAtRisk: atRisk.has(ind.goalId),
              assessment: reported?.assessment ?? null,
            },
          );
      const view: IndicatorView = {
        id: ind.id,
        name: ind.name,
        phrase: ind.phrase,
        comparator: ind.comparator,
        target: ind.value,
        unit: ind.unit,
        direction: ind.direction,
        baselineYear: ind.baselineYear,
        value,
        assessment: reported?.assessment ?? null,
        note: reported?.note ?? null,
        previousValue,
        baselineValue,
        ...evaluation,
        statusLabel: indicatorStatusLabel(evaluation.status, locale)!,
        assessmentLabel: assessmentLabel(reported?.assessment, locale),
        reason: indicatorReason(evaluation.reasonCode, evaluation.reasonParams, locale),
        conflict,
      };
      out.set(ind.goalId, [...(out.get(ind.goalId) ?? []), view]);
    }
    return out;
  }
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Raw DATE values: a string on SQLite, a Date (UTC midnight, the connection runs in Z) on MySQL. */
export function dateString(v: unknown): string {
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
}

/** Raw DATETIME values: a string on SQLite ('YYYY-MM-DD HH:MM:SS.ffffff', UTC), a Date on MySQL. */
export function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d{2}:\d{2}$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}
