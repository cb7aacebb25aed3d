import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import type { CalendarDate } from '../../common/time/calendar-date.util.js';
import { NotFoundError } from '../../common/errors/app-error.js';
import { LIKE_ESCAPE, likePattern, orderPage } from '../../common/pagination/paginate.util.js';
import { RawColumns } from '../../common/persistence/raw-columns.util.js';
import { Unit } from '../../units/unit.entity.js';
import { Plan } from '../../plans/entities/plan.entity.js';
import type { Page } from '../../common/pagination/list-query.dto.js';
import { CommitteesService } from '../../committees/committees.service.js';
import type { Committee } from '../../committees/committee.entity.js';
import {
  computeTaskStatus,
  statusDates,
  type TaskStatus,
  type TaskStatusResult,
  type TrafficLight,
} from '../domain/task-status.js';
import {
  lightConditionSql,
  statusConditionSql,
  statusSqlParameters,
  type StatusSqlColumns,
} from '../domain/task-status.sql.js';
import { actionsOnTask, CLOSED_STATES, type TaskAction } from '../domain/task-lifecycle.js';
import { Task } from '../entities/task.entity.js';
import { TaskItem } from '../entities/task-item.entity.js';
import {
  scopeTasks,
  canSeeTask,
  committeeOf,
  assertSameCommittee,
  readsFromAbove,
  type Access,
  type Actor,
} from '../../access/actor.js';
import type { TaskFilterDto } from './task-query.dto.js';
import type { TaskCondition } from '../reminders/remindable-task.js';
import { applyTaskCondition, TaskListAnnotations, type TaskEscalationMark } from './task-annotations.js';

const SORTABLE = {
  id: 'task.id',
  dueOn: 'task.dueOn',
  state: 'task.state',
  kind: 'task.kind',
  year: 'task.year',
  unitId: 'task.unitId',
  planId: 'task.planId',
  createdAt: 'task.createdAt',
  updatedAt: 'task.updatedAt',
  submittedAt: 'task.submittedAt',
};

/** "As of" a request: the committee, its zone, and today there by the injected clock. */
export interface SupervisionContext {
  committee: Committee;
  timeZone: string;
  now: Date;
  today: CalendarDate;
  /** Open tasks due on or before this date are due soon. */
  soon: CalendarDate;
  /** Open tasks due before this date are red (late beyond config duties.yellowLateDays). */
  redBefore: CalendarDate;
  dueSoonDays: number;
  yellowLateDays: number;
}

export type TaskView = Task & {
  status: TaskStatus;
  light: TrafficLight;
  daysLeft: number | null;
  daysLate: number | null;
  deadline: Date;
  allowedActions: TaskAction[];
  itemCounts?: { total: number; done: number };
  /** The highest escalation step taken for the current due date (催办/督办), null when none. */
  escalation?: TaskEscalationMark | null;
  /** Nothing reported: no item marked, written or given a value, and no file. The client warns before submitting such a task. */
  empty?: boolean;
  /** What the office should notice when reviewing: 'empty_submission' for a submitted task with nothing in it. */
  reviewFlags?: ReviewFlag[];
};

export type ReviewFlag = 'empty_submission';

export function reviewFlagsOf(task: Pick<Task, 'state'>, empty: boolean): ReviewFlag[] {
  return task.state === 'submitted' && empty ? ['empty_submission'] : [];
}

/**
 * Reads tasks: the one query every task-derived list starts from (committee, the actor's scope,
 * the common filters), and the supervision status of each task by the injected clock.
 */
@Injectable()
export class TaskQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly committees: CommitteesService,
    private readonly annotations: TaskListAnnotations,
  ) {}

  async context(actor: Actor, committeeId?: number): Promise<SupervisionContext> {
    // The actor's own committee; only the service itself (CLI, scheduler) may name another.
    const committee = await this.committees.resolve(committeeOf(actor, committeeId, 'read'));
    return this.contextFor(committee);
  }

  contextFor(committee: Committee): SupervisionContext {
    const now = this.clock.now();
    const { dueSoonDays, yellowLateDays } = this.config.duties;
    return {
      committee,
      timeZone: committee.timeZone,
      now,
      ...statusDates(now, committee.timeZone, dueSoonDays, yellowLateDays),
      dueSoonDays,
      yellowLateDays,
    };
  }

  /**
   * Tasks of the context's committee that the actor may see, narrowed by the filters (see
   * applyTaskFilters). The escalation filter is a condition from another module, resolved first
   * (escalationCondition) and passed as `also`; lists that do not pass it ignore that filter.
   */
  filtered(
    actor: Actor,
    filter: TaskFilters,
    ctx: SupervisionContext,
    em: EntityManager = this.dataSource.manager,
    also?: TaskCondition,
  ): SelectQueryBuilder<Task> {
    return applyTaskCondition(applyTaskFilters(em.createQueryBuilder(Task, 'task'), actor, filter, ctx), also);
  }

  /** The condition for the filter `escalation` (undefined without it). */
  escalationCondition(filter: TaskFilters, ctx: SupervisionContext): Promise<TaskCondition | undefined> {
    return this.annotations.escalationCondition(filter.escalation, ctx.committee.id);
  }

  /** The escalation mark of each task (one read for the page); tasks without one are absent. */
  escalations(tasks: ReadonlyArray<Pick<Task, 'id' | 'dueOn'>>): Promise<Map<number, TaskEscalationMark>> {
    return this.annotations.escalations(tasks);
  }

  async list(actor: Actor, filter: TaskFilterDto): Promise<Page<TaskView>> {
    const ctx = await this.context(actor, filter.committeeId);
    const also = await this.escalationCondition(filter, ctx);
    // Raw rows (see RawColumns): the same values as the entities, without TypeORM's hydration.
    // The joins are many-to-one, so LIMIT/OFFSET pages correctly.
    const rows = this.filtered(actor, filter, ctx, undefined, also)
      .select([])
      .leftJoin('task.unit', 'unit')
      .leftJoin('task.plan', 'plan');
    this.raw.task.select(rows, 'task');
    this.raw.unit.select(rows, 'unit');
    this.raw.plan.select(rows, 'plan');
    const { page, pageSize } = orderPage(rows, filter, SORTABLE, 'dueOn');
    const [raw, count] = await Promise.all([
      rows
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .getRawMany<Record<string, unknown>>(),
      this.filtered(actor, filter, ctx, undefined, also).select('COUNT(*)', 'n').getRawOne<{ n: number | string }>(),
    ]);
    const tasks = raw.map(
      (r) => ({ ...this.raw.task.read(r)!, unit: this.raw.unit.read(r), plan: this.raw.plan.read(r) }) as Task,
    );
    const ids = tasks.map((t) => t.id);
    const [counts, touched, escalations] = await Promise.all([
      this.itemCounts(ids),
      this.touchedTasks(ids),
      this.escalations(tasks),
    ]);
    return {
      items: tasks.map((t) => ({
        ...this.view(t, ctx, actor),
        itemCounts: counts.get(t.id) ?? { total: 0, done: 0 },
        empty: !touched.has(t.id),
        reviewFlags: reviewFlagsOf(t, !touched.has(t.id)),
        escalation: escalations.get(t.id) ?? null,
      })),
      total: Number(count?.n ?? 0),
      page,
      pageSize,
    };
  }

  private rawColumns?: { task: RawColumns<Task>; unit: RawColumns<Unit>; plan: RawColumns<Plan> };

  /** The columns the task list answers with (made on first use, once the metadata is built). */
  private get raw() {
    return (this.rawColumns ??= {
      task: new RawColumns(this.dataSource, Task, 't'),
      unit: new RawColumns(this.dataSource, Unit, 'u', ['id', 'name']),
      plan: new RawColumns(this.dataSource, Plan, 'p', ['id', 'title']),
    });
  }

  /**
   * A task the actor may see, or 404; to change it (access 'write', the default) a lower
   * committee's task answers 403 to the office above.
   */
  async get(
    id: number,
    actor: Actor,
    em: EntityManager = this.dataSource.manager,
    access: Access = 'write',
  ): Promise<Task> {
    const task = await em.findOneBy(Task, { id });
    if (!task) throw new NotFoundError('Task', id);
    assertSameCommittee(actor, task.committeeId, 'Task', id, access);
    if (!canSeeTask(actor, task)) throw new NotFoundError('Task', id);
    return task;
  }

  status(
    task: Pick<Task, 'dueOn' | 'state' | 'submittedAt' | 'submittedOn'>,
    ctx: SupervisionContext,
  ): TaskStatusResult {
    return computeTaskStatus({
      dueOn: task.dueOn,
      state: task.state,
      submittedAt: task.submittedAt,
      submittedOn: task.submittedOn,
      now: ctx.now,
      timeZone: ctx.timeZone,
      dueSoonDays: ctx.dueSoonDays,
      yellowLateDays: ctx.yellowLateDays,
    });
  }

  view(task: Task, ctx: SupervisionContext, actor: Actor): TaskView {
    const s = this.status(task, ctx);
    return {
      ...task,
      status: s.status,
      light: s.light,
      daysLeft: s.daysLeft ?? null,
      daysLate: s.daysLate ?? null,
      deadline: s.deadline,
      allowedActions: actionsFor(actor, task),
    };
  }

  /**
   * Tasks in which the unit reported something: an active item marked (progress other than not
   * started), written (a narrative) or given an indicator value or assessment, or a file attached.
   */
  async touchedTasks(taskIds: number[], em: EntityManager = this.dataSource.manager): Promise<Set<number>> {
    const out = new Set<number>();
    if (taskIds.length === 0) return out;
    // One statement for the three ways (a list asks this for every page).
    const ids = taskIds.map(() => '?').join(', ');
    const rows = await em.query<{ task_id: number | string }[]>(
      `SELECT i.task_id FROM duty_task_item i WHERE i.task_id IN (${ids}) AND i.active = 1
         AND (i.progress <> 'not_started' OR (i.narrative IS NOT NULL AND TRIM(i.narrative) <> ''))
       UNION SELECT i.task_id FROM duty_indicator_value v INNER JOIN duty_task_item i ON i.id = v.item_id WHERE i.task_id IN (${ids}) AND i.active = 1
       UNION SELECT a.task_id FROM duty_attachment a WHERE a.task_id IN (${ids})`,
      [...taskIds, ...taskIds, ...taskIds],
    );
    for (const r of rows) out.add(Number(r.task_id));
    return out;
  }

  async itemCounts(taskIds: number[]): Promise<Map<number, { total: number; done: number }>> {
    const out = new Map<number, { total: number; done: number }>();
    if (taskIds.length === 0) return out;
    const rows = await this.dataSource
      .createQueryBuilder(TaskItem, 'i')
      .select('i.taskId', 'taskId')
      .addSelect('COUNT(*)', 'total')
      .addSelect("SUM(CASE WHEN i.progress = 'done' THEN 1 ELSE 0 END)", 'done')
      .where({ taskId: In(taskIds), active: true })
      .groupBy('i.taskId')
      .getRawMany<{ taskId: number; total: string | number; done: string | number }>();
    for (const r of rows) out.set(Number(r.taskId), { total: Number(r.total), done: Number(r.done) });
    return out;
  }
}

export type TaskFilters = Omit<TaskFilterDto, 'page' | 'pageSize' | 'sort'>;

/**
 * Restricts a query with a `task` alias to the context's committee, the rows the actor may see
 * (scopeTasks) and the filters. Every list over tasks (tasks, ledger and export, rates, ranking,
 * goal view, extension requests) goes through here.
 */
export function applyTaskFilters<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  actor: Actor,
  filter: TaskFilters,
  ctx: SupervisionContext,
): SelectQueryBuilder<T> {
  qb.andWhere('task.committeeId = :committeeId', { committeeId: ctx.committee.id });
  scopeTasks(qb, 'task', actor);
  if (filter.planId) qb.andWhere('task.planId = :planId', { planId: filter.planId });
  if (filter.unitId) qb.andWhere('task.unitId = :unitId', { unitId: filter.unitId });
  if (filter.kind) qb.andWhere('task.kind = :kind', { kind: filter.kind });
  if (filter.year) qb.andWhere('task.year = :year', { year: filter.year });
  if (filter.state === 'open') qb.andWhere('task.state NOT IN (:...closed)', { closed: CLOSED_STATES });
  else if (filter.state) qb.andWhere('task.state = :state', { state: filter.state });
  if (filter.dueFrom) qb.andWhere('task.dueOn >= :dueFrom', { dueFrom: filter.dueFrom });
  if (filter.dueTo) qb.andWhere('task.dueOn <= :dueTo', { dueTo: filter.dueTo });
  if (filter.q) qb.andWhere(`task.title LIKE :q ${LIKE_ESCAPE}`, { q: likePattern(filter.q) });
  if (filter.status)
    qb.andWhere(statusConditionSql(filter.status, TASK_COLUMNS)).setParameters(statusSqlParameters(ctx));
  if (filter.light) qb.andWhere(lightConditionSql(filter.light, TASK_COLUMNS)).setParameters(statusSqlParameters(ctx));
  return qb;
}

/** The status columns of the `task` alias, for the generated status SQL. */
export const TASK_COLUMNS: StatusSqlColumns = Object.freeze({
  state: 'task.state',
  dueOn: 'task.dueOn',
  submittedOn: 'task.submittedOn',
});

/**
 * The actions an actor may take on a task now: the lifecycle's rule (actionsOnTask), except that a
 * committee one level up only reads a lower committee's tasks.
 */
export function actionsFor(
  actor: Actor,
  task: Pick<Task, 'state' | 'unitId'> & { committeeId?: number },
): TaskAction[] {
  if (task.committeeId !== undefined && readsFromAbove(actor, task.committeeId)) return [];
  return actionsOnTask(actor, task);
}
