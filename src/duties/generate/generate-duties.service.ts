import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import { localDateOf, yearOf } from '../../common/time/calendar-date.util.js';
import { CommitteesService } from '../../committees/committees.service.js';
import { ConflictError } from '../../common/errors/app-error.js';
import { PlansService } from '../../plans/plans.service.js';
import { Plan } from '../../plans/entities/plan.entity.js';
import { Area } from '../../plans/entities/area.entity.js';
import { Goal } from '../../plans/entities/goal.entity.js';
import { Indicator } from '../../plans/entities/indicator.entity.js';
import { Assignment } from '../../plans/entities/assignment.entity.js';
import { Unit } from '../../units/unit.entity.js';
import { isCurrentMember } from '../../units/domain/membership.js';
import { dutyKindLabel } from '../domain/duty-kind.js';
import type { SkippedDuty } from '../domain/duty-rules.js';
import { Task } from '../entities/task.entity.js';
import { TaskItem } from '../entities/task-item.entity.js';
import { TaskEvent } from '../entities/task-event.entity.js';
import { recordTaskEvents, type NewTaskEvent } from '../events/task-event.writer.js';
import { assertOffice, committeeOf, type Actor, assertSameCommittee } from '../../access/actor.js';
import { DutyRulesService } from '../rules/duty-rules.service.js';
import { desiredTasks, diffDuties, type CancelReason, type DesiredTask, type ExistingTask, type Holding } from './duty-diff.js';

/** Rows per multi-row INSERT: well inside SQLite's and MySQL's statement limits. */
const CHUNK = 500;

export interface GeneratedTaskRef {
  taskId: number | null;
  kind: string;
  periodKey: string;
  year: number;
  unitId: number | null;
  unitName: string;
  dueOn: string;
}

export interface GenerationReport {
  planId: number;
  planTitle: string;
  dryRun: boolean;
  added: (GeneratedTaskRef & { items: number })[];
  moved: (GeneratedTaskRef & { from: string; to: string; ruleDueOn: string })[];
  cancelled: (GeneratedTaskRef & { reason: CancelReason })[];
  revived: GeneratedTaskRef[];
  /** No longer applies, but a submission stands: left as it was. */
  keptSubmitted: (GeneratedTaskRef & { reason: CancelReason })[];
  items: { added: number; deactivated: number; reactivated: number };
  unchanged: number;
  /** Goals nobody leads: they still need an owner (the office should assign one). */
  goalsWithoutLead: { goalId: number; areaNumber: number; areaName: string; goalNumber: number; text: string }[];
  /** Duties the rules leave out for this plan, and why. */
  skipped: SkippedDuty[];
}

class DryRunRollback extends Error {
  constructor(readonly report: GenerationReport) {
    super('dry run');
  }
}

/**
 * Turns a plan into tasks: idempotent and incremental (see duty-diff.ts for the rules).
 * One transaction per plan; inserts are multi-row and chunked.
 */
@Injectable()
export class GenerateDutiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly plans: PlansService,
    private readonly committees: CommitteesService,
    private readonly rules: DutyRulesService,
  ) {}

  /** Every active plan of a committee (default: the installation's), or one plan. */
  async generate(options: { planId?: number; committeeId?: number; dryRun?: boolean }, actor: Actor): Promise<GenerationReport[]> {
    assertOffice(actor, 'generate duties');
    if (options.planId !== undefined) return [await this.generatePlan(options.planId, actor, options.dryRun ?? false)];
    const committee = await this.committees.resolve(committeeOf(actor, options.committeeId));
    const plans = await this.dataSource.getRepository(Plan).find({ where: { committeeId: committee.id, status: 'active' }, order: { id: 'ASC' } });
    // Refuse before writing anything rather than generate some plans and guess for others.
    const undated = plans.filter((p) => p.issuedOn === null);
    if (undated.length) throw issueDateMissing(undated);
    const reports: GenerationReport[] = [];
    for (const plan of plans) reports.push(await this.generatePlan(plan.id, actor, options.dryRun ?? false));
    return reports;
  }

  async generatePlan(planId: number, actor: Actor, dryRun = false): Promise<GenerationReport> {
    try {
      return await this.dataSource.transaction(async (em) => {
        const report = await this.run(em, planId, actor, dryRun);
        if (dryRun) throw new DryRunRollback(report);
        return report;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) return error.report;
      throw error;
    }
  }

  private async run(em: EntityManager, planId: number, actor: Actor, dryRun: boolean): Promise<GenerationReport> {
    const plan = await this.plans.getPlan(planId, em);
    assertSameCommittee(actor, plan.committeeId, 'Plan', planId);
    // Every deadline of the first years counts from the issue date: without it, generation would
    // skip the implementation plan and make reports on years before the plan existed, already overdue.
    if (plan.issuedOn === null) throw issueDateMissing([plan]);
    const committee = await this.committees.get(plan.committeeId);
    const now = this.clock.now();
    const today = localDateOf(now, committee.timeZone);
    const explanation = this.rules.explain(plan, await this.rules.effective(plan, em));

    const [assignments, goals, areas, indicatorGoals, units] = await Promise.all([
      em.find(Assignment, { where: { planId }, select: { id: true, goalId: true, measureId: true, unitId: true, allMembers: true, role: true, targetKey: true } }),
      em.find(Goal, { where: { planId }, select: { id: true, areaId: true, number: true, text: true } }),
      em.find(Area, { where: { planId }, select: { id: true, number: true, name: true } }),
      em
        .createQueryBuilder(Indicator, 'ind')
        .innerJoin(Goal, 'g', 'g.id = ind.goalId')
        .where('g.planId = :planId', { planId })
        .select('DISTINCT ind.goalId', 'goalId')
        .getRawMany<{ goalId: number }>(),
      em.find(Unit, { where: { committeeId: plan.committeeId }, select: { id: true, name: true, isMember: true, memberSince: true, memberUntil: true } }),
    ]);
    const members = units.filter((u) => isCurrentMember(u, today));
    const holdings: Holding[] = [];
    for (const a of assignments) {
      const owners = a.allMembers ? members.map((m) => m.id) : a.unitId !== null ? [a.unitId] : [];
      for (const unitId of owners) holdings.push({ unitId, targetKey: a.targetKey, goalId: a.goalId, measureId: a.measureId, role: a.role });
    }
    const desired = desiredTasks(planId, explanation.duties, holdings, new Set(indicatorGoals.map((r) => Number(r.goalId))));
    const existing = await this.existingTasks(em, planId);
    const diff = diffDuties(desired, existing, new Set(explanation.duties.map((d) => `${d.kind}|${d.period}`)));

    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const byId = new Map(existing.map((t) => [t.id, t]));
    const ref = (t: { id?: number; kind: string; periodKey: string; unitId: number | null; dueOn: string; year?: number | null }): GeneratedTaskRef => ({
      taskId: t.id ?? null,
      kind: t.kind,
      periodKey: t.periodKey,
      year: t.year ?? yearOf(t.dueOn),
      unitId: t.unitId,
      unitName: t.unitId === null ? 'office' : (unitName.get(t.unitId) ?? `unit ${t.unitId}`),
      dueOn: t.dueOn,
    });
    const existingRef = (id: number) => {
      const t = byId.get(id)!;
      return ref({ ...t, year: t.year });
    };

    const at = now;
    const event = (taskId: number, action: string, fromState: string | null, toState: string | null, reason: string | null, details: Record<string, unknown> | null) =>
      ({ taskId, at, actor: actor.name, actorRole: 'system', action, fromState, toState, reason, details }) as Partial<TaskEvent>;
    const events: Partial<TaskEvent>[] = [];

    // New tasks, then their items (ids read back by duty key: portable across engines).
    const created = await this.insertTasks(em, plan, diff.create, actor, now);
    const newItems: Partial<TaskItem>[] = [];
    for (const want of diff.create) {
      const taskId = created.get(want.dutyKey)!;
      for (const item of want.items) newItems.push({ taskId, targetKey: item.targetKey, goalId: item.goalId, measureId: item.measureId, role: item.role, active: true, progress: 'not_started' });
      events.push(event(taskId, 'generate', null, 'assigned', null, { dueOn: want.dueOn, items: want.items.length }));
    }
    for (const { taskId, item } of diff.itemsToAdd) {
      newItems.push({ taskId, targetKey: item.targetKey, goalId: item.goalId, measureId: item.measureId, role: item.role, active: true, progress: 'not_started' });
    }
    await this.insertChunked(em, TaskItem, newItems);

    for (const move of diff.moves) {
      await em.createQueryBuilder().update(Task).set({ dueOn: move.to, originalDueOn: move.ruleDueOn }).where('id = :id', { id: move.taskId }).execute();
      events.push(event(move.taskId, 'move_due', null, null, 'the duty rules give a new date', { from: move.from, to: move.to, ruleDueOn: move.ruleDueOn }));
    }
    for (const revive of diff.revive) {
      await em
        .createQueryBuilder()
        .update(Task)
        .set({ state: 'assigned', dueOn: revive.dueOn, originalDueOn: revive.dueOn, cancelledAt: null, cancelSource: null, cancelledReason: null })
        .where('id = :id', { id: revive.taskId })
        .execute();
      events.push(event(revive.taskId, 'revive', 'cancelled', 'assigned', 'the duty applies again', { dueOn: revive.dueOn }));
    }
    const reasons = new Map<CancelReason, number[]>();
    for (const c of diff.cancel) reasons.set(c.reason, [...(reasons.get(c.reason) ?? []), c.taskId]);
    for (const [reason, ids] of reasons) {
      for (let i = 0; i < ids.length; i += CHUNK) {
        await em
          .createQueryBuilder()
          .update(Task)
          .set({ state: 'cancelled', cancelledAt: at, cancelSource: 'generation', cancelledReason: CANCEL_TEXT[reason] })
          .where({ id: In(ids.slice(i, i + CHUNK)) })
          .execute();
      }
    }
    for (const c of diff.cancel) events.push(event(c.taskId, 'cancel', byId.get(c.taskId)!.state, 'cancelled', CANCEL_TEXT[c.reason], null));
    await this.setActive(em, diff.itemsToDeactivate, false);
    await this.setActive(em, diff.itemsToReactivate, true);
    // Item changes of a task are changes of the task: its version moves so stale editors learn of them.
    const touched = [...new Set([...diff.itemsToAdd.map((i) => i.taskId), ...(await this.taskIdsOfItems(em, [...diff.itemsToDeactivate, ...diff.itemsToReactivate]))])].filter(
      (id) => !diff.moves.some((m) => m.taskId === id) && !diff.revive.some((r) => r.taskId === id),
    );
    for (let i = 0; i < touched.length; i += CHUNK) {
      await em.createQueryBuilder().update(Task).set({ version: () => 'version + 1' }).where({ id: In(touched.slice(i, i + CHUNK)) }).execute();
    }
    await recordTaskEvents(em, events as NewTaskEvent[]);

    const areaOf = new Map(areas.map((a) => [a.id, a]));
    const led = new Set(assignments.filter((a) => a.role === 'lead' && a.goalId !== null).map((a) => a.goalId));
    const goalsWithoutLead = goals
      .filter((g) => !led.has(g.id))
      .map((g) => ({ goalId: g.id, areaNumber: areaOf.get(g.areaId)?.number ?? 0, areaName: areaOf.get(g.areaId)?.name ?? '', goalNumber: g.number, text: g.text }))
      .sort((a, b) => a.areaNumber - b.areaNumber || a.goalNumber - b.goalNumber);

    return {
      planId,
      planTitle: plan.title,
      dryRun,
      added: diff.create.map((t) => ({ ...ref({ ...t, id: created.get(t.dutyKey) }), items: t.items.length })),
      moved: diff.moves.map((m) => ({ ...existingRef(m.taskId), from: m.from, to: m.to, ruleDueOn: m.ruleDueOn })),
      cancelled: diff.cancel.map((c) => ({ ...existingRef(c.taskId), reason: c.reason })),
      revived: diff.revive.map((r) => ({ ...existingRef(r.taskId), dueOn: r.dueOn })),
      keptSubmitted: diff.kept.map((k) => ({ ...existingRef(k.taskId), reason: k.reason })),
      items: { added: newItems.length, deactivated: diff.itemsToDeactivate.length, reactivated: diff.itemsToReactivate.length },
      unchanged: diff.unchanged,
      goalsWithoutLead,
      skipped: explanation.skipped,
    };
  }

  private async existingTasks(em: EntityManager, planId: number): Promise<(ExistingTask & { year: number })[]> {
    const tasks = await em.find(Task, {
      where: { planId, dutyKey: Not(IsNull()) },
      select: { id: true, dutyKey: true, kind: true, periodKey: true, year: true, unitId: true, state: true, dueOn: true, originalDueOn: true, cancelSource: true },
    });
    const items = tasks.length
      ? await em
          .createQueryBuilder(TaskItem, 'i')
          .innerJoin(Task, 't', 't.id = i.taskId')
          .where('t.planId = :planId AND t.dutyKey IS NOT NULL', { planId })
          .select(['i.id AS id', 'i.taskId AS taskId', 'i.targetKey AS targetKey', 'i.role AS role', 'i.active AS active'])
          .getRawMany<{ id: number; taskId: number; targetKey: string; role: string; active: number | boolean }>()
      : [];
    const byTask = new Map<number, ExistingTask['items']>();
    for (const i of items) {
      const list = byTask.get(Number(i.taskId)) ?? [];
      list.push({ id: Number(i.id), targetKey: i.targetKey, role: i.role, active: Boolean(Number(i.active)) });
      byTask.set(Number(i.taskId), list);
    }
    return tasks.map((t) => ({ ...t, dutyKey: t.dutyKey!, items: byTask.get(t.id) ?? [] }));
  }

  private async insertTasks(em: EntityManager, plan: Plan, create: DesiredTask[], actor: Actor, now: Date): Promise<Map<string, number>> {
    const rows: Partial<Task>[] = create.map((t) => ({
      committeeId: plan.committeeId,
      planId: plan.id,
      unitId: t.unitId,
      kind: t.kind,
      periodKey: t.periodKey,
      year: t.year ?? yearOf(t.dueOn),
      dutyKey: t.dutyKey,
      title: taskTitle(t.kind, t.year),
      description: null,
      dueOn: t.dueOn,
      originalDueOn: t.dueOn,
      state: 'assigned',
      createdBy: actor.name,
      // Assigned "now" by the injected clock (reminders count from it), not by the database's clock.
      createdAt: now,
      updatedAt: now,
      version: 1,
    }));
    await this.insertChunked(em, Task, rows);
    const keys = create.map((t) => t.dutyKey);
    const ids = new Map<string, number>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const found = await em.find(Task, { where: { committeeId: plan.committeeId, dutyKey: In(keys.slice(i, i + CHUNK)) }, select: { id: true, dutyKey: true } });
      for (const t of found) ids.set(t.dutyKey!, t.id);
    }
    return ids;
  }

  private async insertChunked<T extends object>(em: EntityManager, entity: new () => T, rows: Partial<T>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      // updateEntity(false): no read-back of generated columns row by row.
      await em.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + CHUNK) as never).updateEntity(false).execute();
    }
  }

  private async setActive(em: EntityManager, ids: number[], active: boolean): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      await em.createQueryBuilder().update(TaskItem).set({ active }).where({ id: In(ids.slice(i, i + CHUNK)) }).execute();
    }
  }

  private async taskIdsOfItems(em: EntityManager, itemIds: number[]): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < itemIds.length; i += CHUNK) {
      const rows = await em.find(TaskItem, { where: { id: In(itemIds.slice(i, i + CHUNK)) }, select: { id: true, taskId: true } });
      out.push(...rows.map((r) => r.taskId));
    }
    return out;
  }
}

function issueDateMissing(plans: Pick<Plan, 'id' | 'title'>[]): ConflictError {
  const names = plans.map((p) => `plan ${p.id} ${p.title}`).join(', ');
  return new ConflictError('ISSUE_DATE_MISSING', `${names}: no issue date (颁布日期); set the issue date first (PATCH /api/plans/:id with issuedOn), then generate`, {
    plans: plans.map((p) => ({ planId: p.id, title: p.title })),
  });
}

const CANCEL_TEXT: Record<CancelReason, string> = {
  duty_no_longer_scheduled: 'no longer applies: the duty rules no longer call for it',
  unit_no_longer_holds_goals: 'no longer applies: the unit no longer holds goals that call for it',
};

/** e.g. 年度报告（规划落实情况和下一年工作安排）（2023年）. */
export function taskTitle(kind: Parameters<typeof dutyKindLabel>[0], year: number | null): string {
  const label = dutyKindLabel(kind);
  return year === null || kind === 'implementation_plan' ? label : `${label}（${year}年）`;
}
