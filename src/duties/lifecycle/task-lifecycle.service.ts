import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import { localDateOf, yearOf } from '../../common/time/calendar-date.util.js';
import {
  AppError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  VersionConflictError,
} from '../../common/errors/app-error.js';
import { updateWithVersion } from '../../common/persistence/optimistic-update.util.js';
import { CommitteesService } from '../../committees/committees.service.js';
import { UnitsService } from '../../units/units.service.js';
import { Goal } from '../../plans/entities/goal.entity.js';
import { Measure } from '../../plans/entities/measure.entity.js';
import { Plan } from '../../plans/entities/plan.entity.js';
import {
  actingRole,
  applyTransition,
  checkExtensionRequest,
  decideExtension,
  type ExtensionError,
  type TaskAction,
  type TaskActorRole,
} from '../domain/task-lifecycle.js';
import { Task } from '../entities/task.entity.js';
import { TaskItem } from '../entities/task-item.entity.js';
import { recordTaskEvent as recordEvent } from '../events/task-event.writer.js';
import { ExtensionRequest } from '../entities/extension-request.entity.js';
import { assertOffice, assertSameCommittee, canSeeTask, type Actor } from '../../access/actor.js';
import { actionsFor, applyTaskFilters, TaskQueryService } from '../tasks/task-query.service.js';
import { paginate } from '../../common/pagination/paginate.util.js';
import type { Page } from '../../common/pagination/list-query.dto.js';
import { TaskDecisionHooks } from './task-decision-hooks.js';
import type { CreateAdHocTaskDto, UpdateTaskDto } from './task-action.dto.js';
import type { CreateExtensionRequestDto, DecideExtensionDto, ExtensionFilterDto } from './extension.dto.js';

/** A request of GET /api/extension-requests as it is sent (the web app reads this type): its task's list columns only. */
export type ExtensionRequestRow = Omit<ExtensionRequest, 'task'> & {
  task: Pick<Task, 'id' | 'title' | 'kind' | 'unitId' | 'planId' | 'dueOn' | 'state' | 'year'>;
};

/** The role an actor plays for an action on a task (actingRole); one that may not act keeps its own, and the transition check refuses it. */
function roleFor(actor: Actor, task: Pick<Task, 'unitId'>, action: TaskAction | 'request_extension'): TaskActorRole {
  return actingRole(actor, task, action) ?? actor.role;
}

/**
 * 交办 → 签收 → 办理 → 提交 → 办结 / 退回, cancel and reopen, ad hoc tasks, 延期申请.
 * Moves are the TRANSITIONS table's; each is recorded with who, in which role, why and when.
 */
@Injectable()
export class TaskLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tasks: TaskQueryService,
    private readonly committees: CommitteesService,
    private readonly units: UnitsService,
    private readonly decisions: TaskDecisionHooks,
  ) {}

  async act(
    taskId: number,
    action: TaskAction,
    dto: { version: number; reason?: string },
    actor: Actor,
  ): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const task = await this.tasks.get(taskId, actor, em);
      if (dto.version !== task.version) throw new VersionConflictError('Task', taskId, dto.version, task.version);
      const reason = dto.reason?.trim() || null;
      const result = applyTransition(task.state, action, { actorRole: roleFor(actor, task, action), reason });
      if (!result.ok) {
        const allowed = actionsFor(actor, task);
        const details = { taskId, state: task.state, action, allowed };
        if (result.error === 'INVALID_TRANSITION') {
          throw new ConflictError(
            'INVALID_TRANSITION',
            `cannot ${action} a task that is ${task.state}; allowed now: ${allowed.join(', ') || 'nothing'}`,
            details,
          );
        }
        if (result.error === 'FORBIDDEN') {
          throw new AppError(
            403,
            'FORBIDDEN',
            `${actor.role === 'unit' ? 'a unit' : 'the office'} may not ${action} a task; allowed now: ${allowed.join(', ') || 'nothing'}`,
            details,
          );
        }
        throw new BadRequestError('REASON_REQUIRED', `${action} needs a reason`, {
          ...details,
          fields: [{ field: 'reason', problems: ['required'] }],
        });
      }
      const now = this.clock.now();
      const committee = await this.committees.get(task.committeeId);
      const changes: Partial<Task> = { state: result.to };
      if (action === 'acknowledge' || result.implicitlyAcknowledged)
        changes.acknowledgedAt = task.acknowledgedAt ?? now;
      if (action === 'submit') {
        // Timeliness is judged by the first submission; later ones (after a return) only update the last.
        changes.submittedAt = task.submittedAt ?? now;
        changes.submittedOn = task.submittedOn ?? localDateOf(now, committee.timeZone);
        changes.lastSubmittedAt = now;
      }
      if (
        action === 'withdraw' &&
        task.lastSubmittedAt &&
        task.submittedAt &&
        task.lastSubmittedAt.getTime() === task.submittedAt.getTime()
      ) {
        // A withdrawn first submission never stood: timeliness is judged by the next one.
        Object.assign(changes, { submittedAt: null, submittedOn: null, lastSubmittedAt: null });
      }
      if (action === 'accept') changes.acceptedAt = now;
      if (action === 'cancel')
        Object.assign(changes, { cancelledAt: now, cancelSource: 'office', cancelledReason: reason });
      if (action === 'reopen')
        Object.assign(
          changes,
          task.state === 'accepted'
            ? { acceptedAt: null }
            : { cancelledAt: null, cancelSource: null, cancelledReason: null },
        );
      await updateWithVersion(em, Task, 'Task', taskId, dto.version, changes);
      await recordEvent(em, {
        taskId,
        at: now,
        actor: actor.name,
        actorRole: roleFor(actor, task, action),
        action,
        fromState: task.state,
        toState: result.to,
        reason,
        details: await submitDetails(em, this.tasks, action, task.id, result.implicitlyAcknowledged),
      });
      // The unit is told of the office's verdict, in this transaction (outbox).
      if ((action === 'return' || action === 'accept') && task.unitId !== null) {
        await this.decisions.emit(em, {
          kind: action === 'return' ? 'returned' : 'accepted',
          taskId,
          key: `${action}:${taskId}:v${dto.version}`,
          dueOn: task.dueOn,
          reason,
          at: now,
        });
      }
    });
  }

  /** 交办: the office gives a unit a task with a deadline, optionally tied to goals or measures. */
  async createAdHoc(dto: CreateAdHocTaskDto, actor: Actor): Promise<Task> {
    assertOffice(actor, 'assign ad hoc tasks');
    const unit = await this.units.get(dto.unitId).catch((e: unknown) => {
      if (e instanceof NotFoundError)
        throw new BadRequestError('UNKNOWN_UNIT', `no such unit: ${dto.unitId}`, { unitIds: [dto.unitId] });
      throw e;
    });
    const goalIds = [...new Set(dto.goalIds ?? [])];
    const measureIds = [...new Set(dto.measureIds ?? [])];
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (em) => {
      const goals = goalIds.length
        ? await em.find(Goal, { where: { id: In(goalIds) }, select: { id: true, planId: true } })
        : [];
      const measures = measureIds.length
        ? await em.find(Measure, { where: { id: In(measureIds) }, select: { id: true, planId: true } })
        : [];
      const missing = [
        ...goalIds.filter((g) => !goals.some((x) => x.id === g)).map((g) => `goal ${g}`),
        ...measureIds.filter((m) => !measures.some((x) => x.id === m)).map((m) => `measure ${m}`),
      ];
      if (missing.length) throw new BadRequestError('UNKNOWN_TARGET', `no such ${missing.join(', ')}`, { missing });
      const planIds = new Set([...goals, ...measures].map((x) => x.planId));
      if (dto.planId) planIds.add(dto.planId);
      if (planIds.size > 1)
        throw new BadRequestError('MIXED_PLANS', 'the goals and measures of one task must belong to one plan', {
          planIds: [...planIds],
        });
      const planId = planIds.size ? [...planIds][0]! : null;
      if (planId !== null) {
        const plan = await em.findOneBy(Plan, { id: planId });
        if (!plan) throw new BadRequestError('UNKNOWN_PLAN', `no such plan: ${planId}`);
        if (plan.committeeId !== unit.committeeId)
          throw new BadRequestError('OTHER_COMMITTEE', 'the plan and the unit belong to different committees');
      }
      const result = await em.insert(Task, {
        committeeId: unit.committeeId,
        planId,
        unitId: unit.id,
        kind: 'ad_hoc',
        periodKey: 'adhoc',
        year: yearOf(dto.dueOn),
        dutyKey: null,
        title: dto.title,
        description: dto.description ?? null,
        dueOn: dto.dueOn,
        originalDueOn: dto.dueOn,
        state: 'assigned',
        createdBy: actor.name,
        createdAt: now,
        updatedAt: now,
      });
      const taskId = Number(result.identifiers[0]!.id);
      const items = [
        ...goalIds.map((g) => ({
          taskId,
          targetKey: `goal:${g}`,
          goalId: g,
          measureId: null,
          role: 'linked' as const,
        })),
        ...measureIds.map((m) => ({
          taskId,
          targetKey: `measure:${m}`,
          goalId: null,
          measureId: m,
          role: 'linked' as const,
        })),
      ];
      if (items.length) await em.insert(TaskItem, items);
      await recordEvent(em, {
        taskId,
        at: now,
        actor: actor.name,
        actorRole: 'office',
        action: 'assign',
        fromState: null,
        toState: 'assigned',
        reason: null,
        details: { dueOn: dto.dueOn, goalIds, measureIds },
      });
      await this.decisions.emit(em, { kind: 'assigned', taskId, key: `assign:${taskId}`, dueOn: dto.dueOn, at: now });
      return taskId;
    });
    return this.tasks.get(id, actor);
  }

  /** The office edits a task: title and description (ad hoc tasks), or the deadline (any open task). */
  async update(taskId: number, dto: UpdateTaskDto, actor: Actor): Promise<Task> {
    assertOffice(actor, 'edit tasks');
    await this.dataSource.transaction(async (em) => {
      const task = await this.tasks.get(taskId, actor, em);
      if (dto.version !== task.version) throw new VersionConflictError('Task', taskId, dto.version, task.version);
      const changes: Partial<Task> = {};
      if ((dto.title !== undefined || dto.description !== undefined) && task.kind !== 'ad_hoc') {
        throw new ConflictError(
          'NOT_AD_HOC',
          'only ad hoc tasks have an editable title and description; generated ones follow the plan',
        );
      }
      if (dto.title !== undefined) changes.title = dto.title;
      if (dto.description !== undefined) changes.description = dto.description;
      if (dto.dueOn !== undefined && dto.dueOn !== task.dueOn) {
        if (task.state === 'accepted' || task.state === 'cancelled')
          throw new ConflictError('TASK_CLOSED', `the task is ${task.state}; its deadline no longer matters`);
        changes.dueOn = dto.dueOn;
        if (task.kind === 'ad_hoc' && !task.submittedAt) changes.year = yearOf(dto.dueOn);
      }
      if (Object.keys(changes).length === 0) return;
      await updateWithVersion(em, Task, 'Task', taskId, dto.version, changes);
      if (changes.dueOn) {
        await recordEvent(em, {
          taskId,
          at: this.clock.now(),
          actor: actor.name,
          actorRole: 'office',
          action: 'change_due',
          fromState: null,
          toState: null,
          reason: dto.reason?.trim() || null,
          details: { from: task.dueOn, to: changes.dueOn },
        });
        if (task.unitId !== null) {
          await this.decisions.emit(em, {
            kind: 'due_changed',
            taskId,
            key: `due:${taskId}:v${dto.version}`,
            dueOn: changes.dueOn,
            previousDueOn: task.dueOn,
            reason: dto.reason?.trim() || null,
            at: this.clock.now(),
          });
        }
      }
    });
    return this.tasks.get(taskId, actor);
  }

  // -------------------------------------------------------------------------------------------
  // 延期申请
  // -------------------------------------------------------------------------------------------

  async requestExtension(taskId: number, dto: CreateExtensionRequestDto, actor: Actor): Promise<ExtensionRequest> {
    return this.dataSource.transaction(async (em) => {
      const task = await this.tasks.get(taskId, actor, em);
      const role = roleFor(actor, task, 'request_extension');
      const check = checkExtensionRequest({
        taskState: task.state,
        currentDueOn: task.dueOn,
        requestedDueOn: dto.requestedDueOn,
        actorRole: role,
        reason: dto.reason,
      });
      if (!check.ok) throw extensionError(check.error, task);
      if (await em.existsBy(ExtensionRequest, { taskId, state: 'pending' })) {
        throw new ConflictError(
          'EXTENSION_PENDING',
          'this task already has an extension request waiting for the office',
        );
      }
      const now = this.clock.now();
      const result = await em.insert(ExtensionRequest, {
        taskId,
        state: 'pending',
        currentDueOn: task.dueOn,
        requestedDueOn: dto.requestedDueOn,
        reason: dto.reason.trim(),
        requestedBy: actor.name,
        requestedAt: now,
      });
      await recordEvent(em, {
        taskId,
        at: now,
        actor: actor.name,
        actorRole: role,
        action: 'extension_request',
        fromState: null,
        toState: null,
        reason: dto.reason.trim(),
        details: { requestedDueOn: dto.requestedDueOn, dueOn: task.dueOn },
      });
      return em.findOneByOrFail(ExtensionRequest, { id: Number(result.identifiers[0]!.id) });
    });
  }

  async listExtensions(filter: ExtensionFilterDto, actor: Actor): Promise<Page<ExtensionRequestRow>> {
    const ctx = await this.tasks.context(actor, filter.committeeId);
    const qb = this.dataSource
      .createQueryBuilder(ExtensionRequest, 'er')
      .innerJoin('er.task', 'task')
      .addSelect([
        'task.id',
        'task.title',
        'task.kind',
        'task.unitId',
        'task.planId',
        'task.dueOn',
        'task.state',
        'task.year',
      ]);
    applyTaskFilters(qb, actor, filter, ctx);
    if (filter.requestState) qb.andWhere('er.state = :requestState', { requestState: filter.requestState });
    // The inner join always fills `task`, with the columns selected above; TypeORM's entity type cannot say so.
    return paginate(
      qb,
      filter,
      { id: 'er.id', requestedAt: 'er.requestedAt', requestedDueOn: 'er.requestedDueOn', state: 'er.state' },
      '-requestedAt',
    ) as Promise<Page<ExtensionRequestRow>>;
  }

  async decideExtension(requestId: number, dto: DecideExtensionDto, actor: Actor): Promise<ExtensionRequest> {
    return this.dataSource.transaction(async (em) => {
      const request = await em.findOneBy(ExtensionRequest, { id: requestId });
      if (!request) throw new NotFoundError('ExtensionRequest', requestId);
      const task = await em.findOneBy(Task, { id: request.taskId });
      if (!task || !canSeeTask(actor, task)) throw new NotFoundError('ExtensionRequest', requestId);
      assertSameCommittee(actor, task.committeeId, 'ExtensionRequest', requestId);
      const decision = decideExtension({
        requestState: request.state,
        taskState: task.state,
        currentDueOn: task.dueOn,
        requestedDueOn: request.requestedDueOn,
        decision: dto.decision,
        actorRole: actor.role,
        grantedDueOn: dto.grantedDueOn ?? null,
        reason: dto.reason,
      });
      if (!decision.ok) throw extensionError(decision.error, task);
      const now = this.clock.now();
      const reason = dto.reason?.trim() || null;
      const changed = await em
        .createQueryBuilder()
        .update(ExtensionRequest)
        .set({
          state: decision.state,
          grantedDueOn: decision.state === 'approved' ? decision.newDueOn : null,
          decidedBy: actor.name,
          decidedAt: now,
          decisionReason: reason,
        })
        .where("id = :id AND state = 'pending'", { id: requestId })
        .execute();
      if (!changed.affected) throw new ConflictError('NOT_PENDING', 'this request was decided meanwhile');
      if (decision.state === 'approved') {
        await em
          .createQueryBuilder()
          .update(Task)
          .set({ dueOn: decision.newDueOn })
          .where('id = :id', { id: task.id })
          .execute();
      }
      await recordEvent(em, {
        taskId: task.id,
        at: now,
        actor: actor.name,
        actorRole: 'office',
        action: decision.state === 'approved' ? 'extension_approve' : 'extension_reject',
        fromState: null,
        toState: null,
        reason,
        details: {
          requestId,
          requestedDueOn: request.requestedDueOn,
          ...(decision.state === 'approved' ? { from: task.dueOn, to: decision.newDueOn } : {}),
        },
      });
      if (task.unitId !== null) {
        await this.decisions.emit(em, {
          kind: decision.state === 'approved' ? 'extension_approved' : 'extension_rejected',
          taskId: task.id,
          key: `extension:${requestId}`,
          dueOn: decision.state === 'approved' ? decision.newDueOn : task.dueOn,
          previousDueOn: task.dueOn,
          reason,
          at: now,
        });
      }
      return em.findOneByOrFail(ExtensionRequest, { id: requestId });
    });
  }
}

/** The event's details: an implicit acknowledgement, and a submission with nothing in it (the office sees it in the history). */
async function submitDetails(
  em: EntityManager,
  tasks: TaskQueryService,
  action: TaskAction,
  taskId: number,
  implicitlyAcknowledged: boolean,
): Promise<Record<string, unknown> | null> {
  const details: Record<string, unknown> = {};
  if (implicitlyAcknowledged) details.implicitlyAcknowledged = true;
  if (action === 'submit' && !(await tasks.touchedTasks([taskId], em)).has(taskId)) details.empty = true;
  return Object.keys(details).length ? details : null;
}

function extensionError(error: ExtensionError, task: Task): AppError {
  const details = { taskId: task.id, state: task.state, dueOn: task.dueOn };
  switch (error) {
    case 'FORBIDDEN':
      return new AppError(403, 'FORBIDDEN', 'units ask for extensions; the office decides them', details);
    case 'TASK_NOT_OPEN':
      return new ConflictError('TASK_NOT_OPEN', `the task is ${task.state}: no deadline left to extend`, details);
    case 'NOT_PENDING':
      return new ConflictError('NOT_PENDING', 'this request was already decided', details);
    case 'INVALID_DATE':
      return new BadRequestError('INVALID_DATE', 'the new deadline must be a calendar date YYYY-MM-DD', details);
    case 'DATE_NOT_LATER':
      return new BadRequestError(
        'DATE_NOT_LATER',
        `the new deadline must be after the current one (${task.dueOn})`,
        details,
      );
    case 'REASON_REQUIRED':
      return new BadRequestError('REASON_REQUIRED', 'a reason is required', {
        ...details,
        fields: [{ field: 'reason', problems: ['required'] }],
      });
  }
}
