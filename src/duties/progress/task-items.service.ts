import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import { AppError, BadRequestError, ConflictError, NotFoundError } from '../../common/errors/app-error.js';
import { updateWithVersion } from '../../common/persistence/optimistic-update.util.js';
import { Indicator } from '../../plans/entities/indicator.entity.js';
import { indicatorValueProblem } from '../domain/indicator-value.js';
import { Task } from '../entities/task.entity.js';
import { TaskItem } from '../entities/task-item.entity.js';
import { IndicatorValue } from '../entities/indicator-value.entity.js';
import type { Actor } from '../../access/actor.js';
import { TaskQueryService } from '../tasks/task-query.service.js';
import { recordTaskEvent } from '../events/task-event.writer.js';
import { actingRole, checkWork, WORKING_STATES } from '../domain/task-lifecycle.js';
import type { IndicatorValueDto, UpdateItemProgressDto } from './task-progress.dto.js';

/**
 * Work on a task (办理): who may write to it now. The owing unit, while the task is in its hands
 * (assigned … in progress, or returned); for the office's own report upward, the office.
 */
export function assertWorkable(task: Task, actor: Actor, what: string): void {
  const problem = checkWork(actor, task);
  if (problem === 'FORBIDDEN')
    throw new AppError(403, 'FORBIDDEN', `only the unit that owes the task may ${what}`, { taskId: task.id });
  if (problem === 'TASK_NOT_EDITABLE') {
    throw new ConflictError(
      'TASK_NOT_EDITABLE',
      `the task is ${task.state}: ${what} is possible while it is ${WORKING_STATES.join(', ')}`,
      { taskId: task.id, state: task.state },
    );
  }
}

/** Editing an item of an assigned or acknowledged task means the unit is working on it (办理中). */
export async function startImplicitly(em: EntityManager, task: Task, actor: Actor, at: Date): Promise<void> {
  if (task.state !== 'assigned' && task.state !== 'acknowledged') return;
  const result = await em
    .createQueryBuilder()
    .update(Task)
    .set({ state: 'in_progress', acknowledgedAt: task.acknowledgedAt ?? at })
    .where('id = :id AND state IN (:...from)', { id: task.id, from: ['assigned', 'acknowledged'] })
    .execute();
  if (result.affected) {
    await recordTaskEvent(em, {
      taskId: task.id,
      at,
      actor: actor.name,
      actorRole: actingRole(actor, task, 'start') ?? actor.role,
      action: 'start',
      fromState: task.state,
      toState: 'in_progress',
      reason: null,
      details: { implicit: true },
    });
  }
}

export interface ItemUpdateResult {
  item: TaskItem & {
    indicatorValues: { indicatorId: number; value: number | null; assessment?: string; note?: string }[];
  };
  task: { id: number; state: string; version: number };
}

/** Per-item progress: status, narrative and the year's indicator values. */
@Injectable()
export class TaskItemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tasks: TaskQueryService,
  ) {}

  async update(taskId: number, itemId: number, dto: UpdateItemProgressDto, actor: Actor): Promise<ItemUpdateResult> {
    await this.dataSource.transaction(async (em) => {
      const task = await this.tasks.get(taskId, actor, em);
      const item = await em.findOneBy(TaskItem, { id: itemId, taskId });
      if (!item) throw new NotFoundError('TaskItem', itemId);
      assertWorkable(task, actor, 'report progress');
      if (!item.active)
        throw new ConflictError(
          'ITEM_INACTIVE',
          'the unit no longer holds this goal; the item is kept for the record only',
          { itemId },
        );
      const values = dto.indicatorValues ?? [];
      if (values.length) await this.checkValues(em, item, values);
      const changes: Partial<TaskItem> = { updatedBy: actor.name };
      if (dto.progress !== undefined) changes.progress = dto.progress;
      if (dto.narrative !== undefined) changes.narrative = dto.narrative;
      await updateWithVersion(em, TaskItem, 'TaskItem', itemId, dto.version, changes);
      for (const v of values) {
        await em.delete(IndicatorValue, { itemId, indicatorId: v.indicatorId });
        const value = v.value ?? null;
        const assessment = v.assessment ?? null;
        if (value !== null || assessment !== null)
          await em.insert(IndicatorValue, {
            itemId,
            indicatorId: v.indicatorId,
            value,
            assessment,
            note: v.note?.trim() || null,
          });
      }
      await startImplicitly(em, task, actor, this.clock.now());
    });
    return this.result(taskId, itemId);
  }

  private async checkValues(em: EntityManager, item: TaskItem, values: IndicatorValueDto[]): Promise<void> {
    const ids = values.map((v) => v.indicatorId);
    if (new Set(ids).size !== ids.length)
      throw new BadRequestError('VALIDATION_FAILED', 'an indicator appears twice in indicatorValues');
    const indicators = item.goalId ? await em.find(Indicator, { where: { goalId: item.goalId, id: In(ids) } }) : [];
    const byId = new Map(indicators.map((i) => [i.id, i]));
    const fields: { field: string; problems: string[] }[] = [];
    values.forEach((v, index) => {
      const indicator = byId.get(v.indicatorId);
      if (!indicator)
        fields.push({
          field: `indicatorValues[${index}].indicatorId`,
          problems: [`indicator ${v.indicatorId} is not an indicator of this item's goal`],
        });
      else {
        if (v.value !== null && v.value !== undefined) {
          const problem = indicatorValueProblem(indicator, v.value);
          if (problem)
            fields.push({
              field: `indicatorValues[${index}].value`,
              problems: [`${indicator.name ?? indicator.phrase} (${indicator.unit ?? 'no unit'}): ${problem}`],
            });
        }
        // A number decides a quantitative target; only a qualitative one is assessed in words.
        if (v.assessment && indicator.comparator !== 'qualitative') {
          fields.push({
            field: `indicatorValues[${index}].assessment`,
            problems: [
              `${indicator.name ?? indicator.phrase}: an assessment is for qualitative targets; report the value`,
            ],
          });
        }
      }
    });
    if (fields.length)
      throw new BadRequestError(
        'INVALID_INDICATOR_VALUE',
        `invalid indicator values: ${fields.map((f) => f.problems[0]).join('; ')}`,
        { fields },
      );
  }

  private async result(taskId: number, itemId: number): Promise<ItemUpdateResult> {
    const item = await this.dataSource.getRepository(TaskItem).findOneByOrFail({ id: itemId });
    const values = await this.dataSource
      .getRepository(IndicatorValue)
      .find({ where: { itemId }, order: { indicatorId: 'ASC' } });
    const task = await this.dataSource
      .getRepository(Task)
      .findOneOrFail({ where: { id: taskId }, select: { id: true, state: true, version: true } });
    // assessment and note only where given: a quantitative value reads as before.
    const view = (v: IndicatorValue) => ({
      indicatorId: v.indicatorId,
      value: v.value,
      ...(v.assessment ? { assessment: v.assessment } : {}),
      ...(v.note ? { note: v.note } : {}),
    });
    return { item: { ...item, indicatorValues: values.map(view) }, task };
  }
}
