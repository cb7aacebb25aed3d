import type { EntityManager } from 'typeorm';
import { TaskEvent } from '../entities/task-event.entity.js';

/** One entry of a task's history; `at` comes from the injected clock (CLOCK), never `new Date()`. */
export type NewTaskEvent = Omit<TaskEvent, 'id' | 'task'>;

/** Rows per INSERT: 9 columns each stays far below SQLite's and MySQL's bound-parameter limits. */
const CHUNK = 500;

/**
 * The one writer of task events (lifecycle, progress, files, extensions, generation, unit merge,
 * demo), inside the caller's transaction.
 */
export async function recordTaskEvents(em: EntityManager, events: readonly NewTaskEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += CHUNK) await em.insert(TaskEvent, events.slice(i, i + CHUNK) as never);
}

export function recordTaskEvent(em: EntityManager, event: NewTaskEvent): Promise<void> {
  return recordTaskEvents(em, [event]);
}
