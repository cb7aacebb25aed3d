import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { Area } from '../../plans/entities/area.entity.js';
import { Goal } from '../../plans/entities/goal.entity.js';
import { Measure } from '../../plans/entities/measure.entity.js';
import { Plan } from '../../plans/entities/plan.entity.js';
import { Unit } from '../../units/unit.entity.js';
import { UnitsService } from '../../units/units.service.js';
import { dutyKindLabel, type DutyKind } from '../../duties/domain/duty-kind.js';
import { Task } from '../../duties/entities/task.entity.js';
import { TaskItem } from '../../duties/entities/task-item.entity.js';
import type { Actor } from '../../access/actor.js';
import {
  TASK_COLUMNS,
  TaskQueryService,
  type SupervisionContext,
  type TaskFilters,
} from '../../duties/tasks/task-query.service.js';
import { SUBMITTED_STATES } from '../../duties/domain/task-lifecycle.js';
import { TASK_STATUSES, TRAFFIC_LIGHTS } from '../../duties/domain/task-status.js';
import {
  daysLateSql,
  lightConditionSql,
  stateInSql,
  statusConditionSql,
  statusSqlParameters,
  type StatusSqlColumns,
} from '../../duties/domain/task-status.sql.js';
import { label } from '../../common/i18n/labels.js';
import { IN_CHUNK, inChunks } from '../../common/persistence/chunks.util.js';
import { compareByRankThenName } from '../domain/unit-order.js';
import {
  rankUnits,
  type RankedUnit,
  type RateGroup,
  type RateGroupBy,
  type RateStats,
  type RateTaskFact,
} from '../domain/rates.js';

/** Key of the office's own tasks (report upward) in unit groups. */
export const OFFICE_KEY = 'office';

export interface LabelledRateGroup extends RateGroup {
  label: string;
}

export interface LightCounts {
  not_due: number;
  due_soon: number;
  overdue: number;
  done_on_time: number;
  done_late: number;
  cancelled: number;
  green: number;
  yellow: number;
  red: number;
  grey: number;
}

export interface Dashboard {
  asOf: Date;
  today: string;
  timeZone: string;
  overall: RateStats;
  lights: LightCounts;
  /** By rank (units with nothing due, and the office, unranked after them), then by name. */
  byUnit: (LabelledRateGroup & { rank: number | null })[];
  byPlan: LabelledRateGroup[];
  byArea: LabelledRateGroup[];
  byKind: LabelledRateGroup[];
}

type RawCounts = Record<
  | 'total'
  | 'cancelled'
  | 'submitted'
  | 'accepted'
  | 'pendingReview'
  | 'onTime'
  | 'late'
  | 'overdueOpen'
  | 'notYetDue'
  | 'daysLateSum',
  string | number | null
>;

/**
 * Completion and on-time rates as SQL aggregates (GROUP BY), so a dashboard over a million task
 * items answers in milliseconds. Each task is classified by the SQL generated from the status
 * rules (duties/domain/task-status.sql.ts), the same rules computeRates (src/supervision/domain/
 * rates.ts) applies through computeTaskStatus.
 * test/e2e/supervision-rates.e2e-spec.ts checks both give the same numbers.
 */
@Injectable()
export class RatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TaskQueryService,
    private readonly units: UnitsService,
  ) {}

  private get sqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  private aggregates(c: StatusSqlColumns): [string, string][] {
    const when = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
    const status = (s: Parameters<typeof statusConditionSql>[0]) => statusConditionSql(s, c);
    return [
      [when(`NOT ${status('cancelled')}`), 'total'],
      [when(status('cancelled')), 'cancelled'],
      [when(stateInSql(c.state, SUBMITTED_STATES)), 'submitted'],
      [when(stateInSql(c.state, ['accepted'])), 'accepted'],
      [when(stateInSql(c.state, ['submitted'])), 'pendingReview'],
      [when(status('done_on_time')), 'onTime'],
      [when(status('done_late')), 'late'],
      [when(status('overdue')), 'overdueOpen'],
      [when(`(${status('due_soon')} OR ${status('not_due')})`), 'notYetDue'],
      [`SUM(${daysLateSql(this.sqlite ? 'sqlite' : 'mysql', c)})`, 'daysLateSum'],
    ];
  }

  private select<T extends object>(
    qb: SelectQueryBuilder<T>,
    c: StatusSqlColumns,
    key: string | null,
    ctx: SupervisionContext,
  ): SelectQueryBuilder<T> {
    if (key) qb.select(key, 'k');
    else qb.select('COUNT(*)', 'n');
    for (const [expr, alias] of this.aggregates(c)) qb.addSelect(expr, alias);
    qb.setParameters(statusSqlParameters(ctx));
    if (key) qb.groupBy(key);
    return qb;
  }

  private static stats(raw: RawCounts): RateStats {
    const n = (k: keyof RawCounts) => Number(raw[k] ?? 0);
    const expected = n('submitted') + n('overdueOpen');
    const lateItems = n('late') + n('overdueOpen');
    return {
      total: n('total'),
      cancelled: n('cancelled'),
      expected,
      submitted: n('submitted'),
      accepted: n('accepted'),
      pendingReview: n('pendingReview'),
      onTime: n('onTime'),
      late: n('late'),
      overdueOpen: n('overdueOpen'),
      notYetDue: n('notYetDue'),
      completionRate: expected === 0 ? null : n('accepted') / expected,
      onTimeRate: expected === 0 ? null : n('onTime') / expected,
      averageDaysLate: lateItems === 0 ? null : n('daysLateSum') / lateItems,
    };
  }

  /** Rates over every task the filters and the actor's scope select. */
  async overall(actor: Actor, filter: TaskFilters, ctx?: SupervisionContext): Promise<RateStats> {
    ctx ??= await this.tasks.context(actor, filter.committeeId);
    const raw = await this.select(
      this.tasks.filtered(actor, filter, ctx),
      TASK_COLUMNS,
      null,
      ctx,
    ).getRawOne<RawCounts>();
    return RatesService.stats(raw ?? ({} as RawCounts));
  }

  /** Rates per unit, plan, area or duty kind, sorted by key (as computeRates sorts them), with labels. */
  async grouped(
    actor: Actor,
    filter: TaskFilters,
    groupBy: RateGroupBy,
    ctx?: SupervisionContext,
  ): Promise<LabelledRateGroup[]> {
    ctx ??= await this.tasks.context(actor, filter.committeeId);
    let rows: (RawCounts & { k: string | number | null })[];
    if (groupBy === 'area') {
      // A task behind goals of several areas counts once in each: distinct (task, area) pairs first.
      const inner = this.tasks
        .filtered(actor, filter, ctx)
        .innerJoin(TaskItem, 'ri', 'ri.taskId = task.id AND ri.active = :riActive', { riActive: true })
        .leftJoin(Goal, 'rg', 'rg.id = ri.goalId')
        .leftJoin(Measure, 'rm', 'rm.id = ri.measureId')
        .select('task.id', 'tid')
        .addSelect('COALESCE(rg.areaId, rm.areaId)', 'aid')
        .addSelect('task.state', 'st')
        .addSelect('task.dueOn', 'due')
        .addSelect('task.submittedOn', 'sub_on')
        .distinct(true);
      const outer = this.dataSource
        .createQueryBuilder()
        .from(`(${inner.getQuery()})`, 'x')
        .setParameters(inner.getParameters())
        .where('x.aid IS NOT NULL');
      rows = await this.select(
        outer,
        { state: 'x.st', dueOn: 'x.due', submittedOn: 'x.sub_on' },
        'x.aid',
        ctx,
      ).getRawMany();
    } else {
      const key = { unit: 'task.unitId', plan: 'task.planId', kind: 'task.kind' }[groupBy];
      rows = await this.select(this.tasks.filtered(actor, filter, ctx), TASK_COLUMNS, key, ctx).getRawMany();
    }
    const groups = rows.map((r) => ({
      key: r.k === null || r.k === undefined ? (groupBy === 'unit' ? OFFICE_KEY : 'none') : String(r.k),
      ...RatesService.stats(r),
    }));
    const labels = await this.labels(
      groupBy,
      groups.map((g) => g.key),
    );
    return groups
      .map((g) => ({ ...g, label: labels.get(g.key) ?? g.key }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async report(actor: Actor, filter: TaskFilters, groupBy: RateGroupBy) {
    const ctx = await this.tasks.context(actor, filter.committeeId);
    const [overall, groups] = await Promise.all([
      this.overall(actor, filter, ctx),
      this.grouped(actor, filter, groupBy, ctx),
    ]);
    return { asOf: ctx.now, today: ctx.today, timeZone: ctx.timeZone, groupBy, overall, groups };
  }

  async dashboard(actor: Actor, filter: TaskFilters): Promise<Dashboard> {
    const ctx = await this.tasks.context(actor, filter.committeeId);
    const [overall, lights, byUnit, byPlan, byArea, byKind] = await Promise.all([
      this.overall(actor, filter, ctx),
      this.lights(actor, filter, ctx),
      this.grouped(actor, filter, 'unit', ctx),
      this.grouped(actor, filter, 'plan', ctx),
      this.grouped(actor, filter, 'area', ctx),
      this.grouped(actor, filter, 'kind', ctx),
    ]);
    const ranks = new Map(
      rankUnits(
        byUnit.filter((g) => g.key !== OFFICE_KEY),
        new Map(byUnit.map((g) => [g.key, g.label])),
      ).map((u) => [u.unitId, u.rank]),
    );
    const rankedUnits = byUnit
      .map((g) => ({ ...g, rank: ranks.get(g.key) ?? null }))
      .sort((a, b) => compareByRankThenName({ rank: a.rank, name: a.label }, { rank: b.rank, name: b.label }));
    return {
      asOf: ctx.now,
      today: ctx.today,
      timeZone: ctx.timeZone,
      overall,
      lights,
      byUnit: rankedUnits,
      byPlan,
      byArea,
      byKind,
    };
  }

  /** Units with something due ranked by on-time rate, completion rate, open overdue tasks; every other current member (isCurrentMember today) follows unranked (rank null). */
  async ranking(actor: Actor, filter: TaskFilters, ctx?: SupervisionContext): Promise<RankedUnit[]> {
    ctx ??= await this.tasks.context(actor, filter.committeeId);
    const groups = (await this.grouped(actor, filter, 'unit', ctx)).filter((g) => g.key !== OFFICE_KEY);
    const names = new Map(groups.map((g) => [g.key, g.label]));
    if (actor.role === 'office' && !filter.unitId) {
      // Members with nothing expected yet still appear (unranked, after the ranked units).
      const members = await this.units.members(ctx.committee.id, ctx.today);
      for (const m of members) {
        if (names.has(String(m.id))) continue;
        names.set(String(m.id), m.name);
        groups.push({ key: String(m.id), label: m.name, ...RatesService.stats({} as RawCounts) });
      }
    }
    return rankUnits(groups, names);
  }

  /** Tasks by status and traffic light (the dashboard's `lights`). */
  async lights(actor: Actor, filter: TaskFilters, ctx?: SupervisionContext): Promise<LightCounts> {
    ctx ??= await this.tasks.context(actor, filter.committeeId);
    const qb = this.tasks.filtered(actor, filter, ctx);
    const when = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
    qb.select('COUNT(*)', 'n');
    for (const s of TASK_STATUSES) qb.addSelect(when(statusConditionSql(s, TASK_COLUMNS)), s);
    for (const l of TRAFFIC_LIGHTS) qb.addSelect(when(lightConditionSql(l, TASK_COLUMNS)), l);
    qb.setParameters(statusSqlParameters(ctx));
    const r = (await qb.getRawOne<Record<string, string | number | null>>()) ?? {};
    const n = (k: string) => Number(r[k] ?? 0);
    return {
      not_due: n('not_due'),
      due_soon: n('due_soon'),
      overdue: n('overdue'),
      done_on_time: n('done_on_time'),
      done_late: n('done_late'),
      cancelled: n('cancelled'),
      green: n('green'),
      yellow: n('yellow'),
      red: n('red'),
      grey: n('grey'),
    };
  }

  /**
   * The same tasks as facts for the pure computeRates (tests compare both; small reports may use it).
   */
  async facts(actor: Actor, filter: TaskFilters): Promise<RateTaskFact[]> {
    const ctx = await this.tasks.context(actor, filter.committeeId);
    const tasks = await this.tasks
      .filtered(actor, filter, ctx)
      .select([
        'task.id',
        'task.unitId',
        'task.planId',
        'task.kind',
        'task.dueOn',
        'task.state',
        'task.submittedAt',
        'task.acceptedAt',
      ])
      .getMany();
    const areas = new Map<number, Set<string>>();
    await inChunks(tasks, IN_CHUNK, async (part) => {
      const rows = await this.dataSource
        .createQueryBuilder(TaskItem, 'i')
        .leftJoin(Goal, 'g', 'g.id = i.goalId')
        .leftJoin(Measure, 'm', 'm.id = i.measureId')
        .select('i.taskId', 'taskId')
        .addSelect('COALESCE(g.areaId, m.areaId)', 'areaId')
        .where({ taskId: In(part.map((t) => t.id)), active: true })
        .getRawMany<{ taskId: number; areaId: number | null }>();
      for (const r of rows)
        if (r.areaId !== null)
          areas.set(Number(r.taskId), (areas.get(Number(r.taskId)) ?? new Set()).add(String(r.areaId)));
    });
    return tasks.map((t: Task) => ({
      unitId: t.unitId === null ? OFFICE_KEY : String(t.unitId),
      planId: t.planId === null ? 'none' : String(t.planId),
      areaIds: [...(areas.get(t.id) ?? [])],
      kind: t.kind,
      dueOn: t.dueOn,
      state: t.state,
      submittedAt: t.submittedAt,
      acceptedAt: t.acceptedAt,
    }));
  }

  private async labels(groupBy: RateGroupBy, keys: string[]): Promise<Map<string, string>> {
    const ids = keys.filter((k) => /^\d+$/.test(k)).map(Number);
    const out = new Map<string, string>();
    if (groupBy === 'kind') for (const k of keys) out.set(k, dutyKindLabel(k as DutyKind));
    if (groupBy === 'unit') {
      out.set(OFFICE_KEY, label('officeUnit'));
      if (ids.length)
        for (const u of await this.dataSource
          .getRepository(Unit)
          .find({ where: { id: In(ids) }, select: { id: true, name: true } }))
          out.set(String(u.id), u.name);
    }
    if (groupBy === 'plan' && ids.length)
      for (const p of await this.dataSource
        .getRepository(Plan)
        .find({ where: { id: In(ids) }, select: { id: true, title: true } }))
        out.set(String(p.id), p.title);
    if (groupBy === 'area' && ids.length)
      for (const a of await this.dataSource
        .getRepository(Area)
        .find({ where: { id: In(ids) }, select: { id: true, number: true, name: true } }))
        out.set(String(a.id), `（${a.number}）${a.name}`);
    return out;
  }
}
