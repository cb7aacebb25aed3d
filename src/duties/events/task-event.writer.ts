import type { EntityManager } from 'typeorm';
import { TaskEvent } from '../entities/task-event.entity.js';
import { inChunks, rowsPerInsert } from '../../common/persistence/chunks.util.js';
import type { TaskEventAction } from '../domain/task-event-actions.js';

/**
 * One entry of a task's history; `at` comes from the injected clock (CLOCK), never `new Date()`;
 * the action is one the history has words for.
 */
export type NewTaskEvent = Omit<TaskEvent, 'id' | 'task' | 'action'> & { action: TaskEventAction };

/** Rows per INSERT within the engines' bound-parameter limits (task_event has 10 columns). */
const ROWS = rowsPerInsert(10);

/**
 * The one writer of task events (lifecycle, progress, files, extensions, generation, unit merge,
 * demo), inside the caller's transaction.
 */
export async function recordTaskEvents(em: EntityManager, events: readonly NewTaskEvent[]): Promise<void> {
  await inChunks(events, ROWS, (part) => em.insert(TaskEvent, part as never));
}

export function recordTaskEvent(em: EntityManager, event: NewTaskEvent): Promise<void> {
  return recordTaskEvents(em, [event]);
}
