import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitReferencesRegistry } from '../units/unit-references.registry.js';
import { Plan } from '../plans/entities/plan.entity.js';
import { dutyKindLabel } from './domain/duty-kind.js';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { isWorkingState, STATE_PROGRESS_RANK } from './domain/task-lifecycle.js';
import { Task } from './entities/task.entity.js';
import { recordTaskEvents, type NewTaskEvent } from './events/task-event.writer.js';
import { systemReasonText } from './domain/task-event-actions.js';

/**
 * Tasks point at units: a unit with tasks cannot be deleted, and merging units moves its tasks.
 * When both units owe the same duty, the task further along keeps it; the other is kept for the
 * record under a marked key (and cancelled if the unit still owed the work). No work is deleted.
 * Every moved task gets a 'reassigned' event at the injected clock's time; a task of the unit
 * merged into that stays where it was but gives the duty up gets 'cancel' (still open) or
 * 'superseded' (already closed) — it was not moved.
 */
@Injectable()
export class TaskUnitReferences implements OnModuleInit {
  constructor(
    private readonly registry: UnitReferencesRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      name: 'tasks',
      find: (em, unitId, limit) => this.find(em, unitId, limit),
      reassign: (em, from, to, by) => this.reassign(em, from, to, by),
    });
  }

  async find(em: EntityManager, unitId: number, limit: number) {
    const rows = await em
      .createQueryBuilder(Task, 't')
      .leftJoin(Plan, 'p', 'p.id = t.planId')
      .select([
        't.id AS id',
        't.kind AS kind',
        't.year AS year',
        't.state AS state',
        't.title AS title',
        'p.title AS planTitle',
      ])
      .where('t.unitId = :unitId', { unitId })
      .orderBy('t.id')
      .limit(limit)
      .getRawMany<{
        id: number;
        kind: Task['kind'];
        year: number;
        state: string;
        title: string;
        planTitle: string | null;
      }>();
    return rows.map((r) => ({
      kind: 'task',
      taskId: Number(r.id),
      description: `${r.planTitle ? `${r.planTitle}: ` : ''}${r.kind === 'ad_hoc' ? r.title : dutyKindLabel(r.kind)} ${r.year} (task ${r.id}, ${r.state})`,
    }));
  }

  async reassign(em: EntityManager, fromUnitId: number, toUnitId: number, by = 'system'): Promise<number> {
    const at = this.clock.now();
    const tasks = await em.find(Task, { where: { unitId: fromUnitId } });
    const events: NewTaskEvent[] = [];
    const event = (task: Task, details: Record<string, unknown>, cancelled = false, moved = true): NewTaskEvent => ({
      taskId: task.id,
      at,
      actor: by,
      actorRole: 'office',
      action: moved ? 'reassigned' : cancelled ? 'cancel' : 'superseded',
      fromState: cancelled ? task.state : null,
      toState: cancelled ? 'cancelled' : null,
      reason: cancelled ? systemReasonText('units_merged') : null,
      details: { fromUnitId, toUnitId, ...details, ...(cancelled ? { reasonCode: 'units_merged' } : {}) },
    });
    for (const task of tasks) {
      if (!task.dutyKey) {
        await em.update(Task, { id: task.id }, { unitId: toUnitId });
        events.push(event(task, {}));
        continue;
      }
      const key = task.dutyKey.replace(new RegExp(`:u${fromUnitId}$`), `:u${toUnitId}`);
      const other = await em.findOneBy(Task, { committeeId: task.committeeId, dutyKey: key });
      if (!other) {
        await em.update(Task, { id: task.id }, { unitId: toUnitId, dutyKey: key });
        events.push(event(task, {}));
        continue;
      }
      const [keeper, loser] =
        STATE_PROGRESS_RANK[task.state] > STATE_PROGRESS_RANK[other.state] ? [task, other] : [other, task];
      const cancel = isWorkingState(loser.state);
      await em.update(
        Task,
        { id: loser.id },
        {
          unitId: toUnitId,
          dutyKey: `${key}~merged${loser.id}`,
          ...(cancel
            ? {
                state: 'cancelled',
                cancelledAt: at,
                cancelSource: 'merge',
                cancelledReason: systemReasonText('units_merged'),
              }
            : {}),
        },
      );
      events.push(event(loser, { keptBy: keeper.id }, cancel, loser === task));
      if (keeper === task) {
        await em.update(Task, { id: task.id }, { unitId: toUnitId, dutyKey: key });
        events.push(event(task, { replaces: loser.id }));
      }
    }
    await recordTaskEvents(em, events);
    return tasks.length;
  }
}
