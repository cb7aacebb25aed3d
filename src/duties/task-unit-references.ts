import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UnitReferencesRegistry } from '../units/unit-references.registry.js';
import { Plan } from '../plans/entities/plan.entity.js';
import { dutyKindLabel } from './domain/duty-kind.js';
import type { TaskState } from './domain/task-lifecycle.js';
import { Task } from './entities/task.entity.js';

/** How far a task has come: on a merge collision the one further along keeps the duty. */
const PROGRESS_RANK: Record<TaskState, number> = { cancelled: 0, assigned: 1, acknowledged: 2, in_progress: 3, returned: 4, submitted: 5, accepted: 6 };
const OPEN_FOR_CANCEL: TaskState[] = ['assigned', 'acknowledged', 'in_progress', 'returned'];

/**
 * Tasks point at units: a unit with tasks cannot be deleted, and merging units moves its tasks.
 * When both units owe the same duty, the task further along keeps it; the other is kept for the
 * record under a marked key (and cancelled if still open). No work is deleted.
 */
@Injectable()
export class TaskUnitReferences implements OnModuleInit {
  constructor(private readonly registry: UnitReferencesRegistry) {}

  onModuleInit(): void {
    this.registry.register({ name: 'tasks', find: (em, unitId, limit) => this.find(em, unitId, limit), reassign: (em, from, to) => this.reassign(em, from, to) });
  }

  async find(em: EntityManager, unitId: number, limit: number) {
    const rows = await em
      .createQueryBuilder(Task, 't')
      .leftJoin(Plan, 'p', 'p.id = t.planId')
      .select(['t.id AS id', 't.kind AS kind', 't.year AS year', 't.state AS state', 't.title AS title', 'p.title AS planTitle'])
      .where('t.unitId = :unitId', { unitId })
      .orderBy('t.id')
      .limit(limit)
      .getRawMany<{ id: number; kind: Task['kind']; year: number; state: string; title: string; planTitle: string | null }>();
    return rows.map((r) => ({
      kind: 'task',
      taskId: Number(r.id),
      description: `${r.planTitle ? `${r.planTitle}: ` : ''}${r.kind === 'ad_hoc' ? r.title : dutyKindLabel(r.kind)} ${r.year} (task ${r.id}, ${r.state})`,
    }));
  }

  async reassign(em: EntityManager, fromUnitId: number, toUnitId: number): Promise<number> {
    const tasks = await em.find(Task, { where: { unitId: fromUnitId } });
    for (const task of tasks) {
      if (!task.dutyKey) {
        await em.update(Task, { id: task.id }, { unitId: toUnitId });
        continue;
      }
      const key = task.dutyKey.replace(new RegExp(`:u${fromUnitId}$`), `:u${toUnitId}`);
      const other = await em.findOneBy(Task, { committeeId: task.committeeId, dutyKey: key });
      if (!other) {
        await em.update(Task, { id: task.id }, { unitId: toUnitId, dutyKey: key });
        continue;
      }
      const [keeper, loser] = PROGRESS_RANK[task.state] > PROGRESS_RANK[other.state] ? [task, other] : [other, task];
      await em.update(Task, { id: loser.id }, {
        unitId: toUnitId,
        dutyKey: `${key}~merged${loser.id}`,
        ...(OPEN_FOR_CANCEL.includes(loser.state) ? { state: 'cancelled', cancelledAt: new Date(), cancelSource: 'merge', cancelledReason: 'units merged: the other unit\'s task carries this duty' } : {}),
      });
      if (keeper === task) await em.update(Task, { id: task.id }, { unitId: toUnitId, dutyKey: key });
    }
    return tasks.length;
  }
}
