import { In, type EntityManager } from 'typeorm';
import { yearOf } from '../../common/time/calendar-date.util.js';
import { IN_CHUNK, inChunks, rowsPerInsert } from '../../common/persistence/chunks.util.js';
import type { Plan } from '../../plans/entities/plan.entity.js';
import type { Actor } from '../../access/actor.js';
import { dutyKindLabel } from '../domain/duty-kind.js';
import { Task } from '../entities/task.entity.js';
import { TaskItem } from '../entities/task-item.entity.js';
import { recordTaskEvents, type NewTaskEvent } from '../events/task-event.writer.js';
import { systemReasonText, type SystemReason, type TaskEventAction } from '../domain/task-event-actions.js';
import type { CancelReason, DesiredTask, DutyDiff, ExistingTask } from './duty-diff.js';

export interface ApplyContext {
  plan: Plan;
  actor: Actor;
  /** The injected clock's now: the time of every row and event written. */
  now: Date;
  existing: ReadonlyMap<number, ExistingTask>;
}

export interface AppliedDiff {
  /** Ids of the tasks created, by duty key (read back by key: portable across engines). */
  created: Map<string, number>;
  itemsAdded: number;
}

/** Writes a diff in the caller's transaction: new tasks and items, moved, revived and cancelled tasks, item switches, events. */
export async function applyDutyDiff(em: EntityManager, ctx: ApplyContext, diff: DutyDiff): Promise<AppliedDiff> {
  const { actor, now: at } = ctx;
  // The service's own reasons: its English sentence, and the code the history words it by.
  const event = (
    taskId: number,
    action: TaskEventAction,
    fromState: string | null,
    toState: string | null,
    reason: SystemReason | null,
    details: Record<string, unknown> | null,
  ): NewTaskEvent => ({
    taskId,
    at,
    actor: actor.name,
    actorRole: 'system',
    action,
    fromState,
    toState,
    reason: reason && systemReasonText(reason),
    details: reason ? { ...details, reasonCode: reason } : details,
  });
  const events: NewTaskEvent[] = [];

  const created = await insertTasks(em, ctx, diff.create);
  const newItems: Partial<TaskItem>[] = [];
  const itemRow = (taskId: number, item: DesiredTask['items'][number]): Partial<TaskItem> => ({
    taskId,
    targetKey: item.targetKey,
    goalId: item.goalId,
    measureId: item.measureId,
    role: item.role,
    active: true,
    progress: 'not_started',
  });
  for (const want of diff.create) {
    const taskId = created.get(want.dutyKey)!;
    for (const item of want.items) newItems.push(itemRow(taskId, item));
    events.push(event(taskId, 'generate', null, 'assigned', null, { dueOn: want.dueOn, items: want.items.length }));
  }
  for (const { taskId, item } of diff.itemsToAdd) newItems.push(itemRow(taskId, item));
  await insertRows(em, TaskItem, newItems);

  for (const move of diff.moves) {
    await em
      .createQueryBuilder()
      .update(Task)
      .set({ dueOn: move.to, originalDueOn: move.ruleDueOn })
      .where('id = :id', { id: move.taskId })
      .execute();
    events.push(
      event(move.taskId, 'move_due', null, null, 'rules_new_date', {
        from: move.from,
        to: move.to,
        ruleDueOn: move.ruleDueOn,
      }),
    );
  }
  for (const revive of diff.revive) {
    await em
      .createQueryBuilder()
      .update(Task)
      .set({
        state: 'assigned',
        dueOn: revive.dueOn,
        originalDueOn: revive.dueOn,
        cancelledAt: null,
        cancelSource: null,
        cancelledReason: null,
      })
      .where('id = :id', { id: revive.taskId })
      .execute();
    events.push(event(revive.taskId, 'revive', 'cancelled', 'assigned', 'duty_applies_again', { dueOn: revive.dueOn }));
  }
  const reasons = new Map<CancelReason, number[]>();
  for (const c of diff.cancel) reasons.set(c.reason, [...(reasons.get(c.reason) ?? []), c.taskId]);
  for (const [reason, ids] of reasons) {
    await inChunks(ids, IN_CHUNK, (part) =>
      em
        .createQueryBuilder()
        .update(Task)
        .set({
          state: 'cancelled',
          cancelledAt: at,
          cancelSource: 'generation',
          cancelledReason: systemReasonText(reason),
        })
        .where({ id: In(part) })
        .execute(),
    );
  }
  for (const c of diff.cancel)
    events.push(event(c.taskId, 'cancel', ctx.existing.get(c.taskId)!.state, 'cancelled', c.reason, null));
  await setActive(em, diff.itemsToDeactivate, false);
  await setActive(em, diff.itemsToReactivate, true);
  // Item changes of a task are changes of the task: its version moves so stale editors learn of them.
  const rewritten = new Set([...diff.moves.map((m) => m.taskId), ...diff.revive.map((r) => r.taskId)]);
  const touched = [
    ...new Set([
      ...diff.itemsToAdd.map((i) => i.taskId),
      ...(await taskIdsOfItems(em, [...diff.itemsToDeactivate, ...diff.itemsToReactivate])),
    ]),
  ].filter((id) => !rewritten.has(id));
  await inChunks(touched, IN_CHUNK, (part) =>
    em
      .createQueryBuilder()
      .update(Task)
      .set({ version: () => 'version + 1' })
      .where({ id: In(part) })
      .execute(),
  );
  await recordTaskEvents(em, events);
  return { created, itemsAdded: newItems.length };
}

async function insertTasks(em: EntityManager, ctx: ApplyContext, create: DesiredTask[]): Promise<Map<string, number>> {
  const { plan, actor, now } = ctx;
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
  await insertRows(em, Task, rows);
  const ids = new Map<string, number>();
  await inChunks(
    create.map((t) => t.dutyKey),
    IN_CHUNK,
    async (keys) => {
      const found = await em.find(Task, {
        where: { committeeId: plan.committeeId, dutyKey: In(keys) },
        select: { id: true, dutyKey: true },
      });
      for (const t of found) ids.set(t.dutyKey!, t.id);
    },
  );
  return ids;
}

/** Multi-row INSERTs sized to the widest row; updateEntity(false): no read-back of generated columns row by row. */
async function insertRows<T extends object>(em: EntityManager, entity: new () => T, rows: Partial<T>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = em.connection.getMetadata(entity).columns.length;
  await inChunks(rows, rowsPerInsert(columns), (part) =>
    em
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(part as never)
      .updateEntity(false)
      .execute(),
  );
}

async function setActive(em: EntityManager, ids: number[], active: boolean): Promise<void> {
  await inChunks(ids, IN_CHUNK, (part) =>
    em
      .createQueryBuilder()
      .update(TaskItem)
      .set({ active })
      .where({ id: In(part) })
      .execute(),
  );
}

async function taskIdsOfItems(em: EntityManager, itemIds: number[]): Promise<number[]> {
  const parts = await inChunks(itemIds, IN_CHUNK, (part) =>
    em.find(TaskItem, { where: { id: In(part) }, select: { id: true, taskId: true } }),
  );
  return parts.flat().map((r) => r.taskId);
}

/** e.g. 年度报告（规划落实情况和下一年工作安排）（2023年）. */
export function taskTitle(kind: Parameters<typeof dutyKindLabel>[0], year: number | null): string {
  const label = dutyKindLabel(kind);
  return year === null || kind === 'implementation_plan' ? label : `${label}（${year}年）`;
}
