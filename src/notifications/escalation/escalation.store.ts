import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { addDays } from '../../common/time/calendar-date.util.js';
import type { TaskCondition } from '../../duties/reminders/remindable-task.js';
import type { EscalationHistory, EscalationLevel, ReminderPolicy } from '../domain/reminder-policy.js';
import { IN_CHUNK, inChunks, rowsPerInsert } from '../../common/persistence/chunks.util.js';
import { TaskEscalation } from './task-escalation.entity.js';

export interface EscalationStep {
  committeeId: number;
  taskId: number;
  dueOn: string;
  level: EscalationLevel;
  sentOn: string;
  recipients: number;
}

/**
 * Open tasks whose next ladder step may be due today, as a condition on the duties module's task
 * query (this module owns task_escalation): the same rule as nextEscalation, over the steps taken
 * for the task's CURRENT due date — no 催办 yet (the query already asks "at least urgeAfterDays
 * late"), or a 催办 sent before today, no 督办 yet and at least superviseAfterDays late. Weekends
 * are left to nextEscalation: the condition only narrows, it never decides alone.
 */
export function ladderStepDue(today: string, escalation: ReminderPolicy['escalation']): TaskCondition {
  // Joins on the unique (task, due date, level) key, not EXISTS: MariaDB would materialize those
  // subqueries by scanning the whole table for every committee.
  const step = (alias: string, level: EscalationLevel) => ({
    entity: TaskEscalation,
    alias,
    on: `${alias}.taskId = task.id AND ${alias}.dueOn = task.dueOn AND ${alias}.level = '${level}'`,
  });
  return {
    leftJoins: [step('ladder_u', 'urge'), step('ladder_s', 'supervise')],
    sql: 'ladder_s.id IS NULL AND (ladder_u.id IS NULL OR (task.dueOn <= :ladderSuperviseBy AND ladder_u.sentOn < :ladderToday))',
    params: { ladderSuperviseBy: addDays(today, -escalation.superviseAfterDays), ladderToday: today },
  };
}

/** Reads and writes the escalation steps actually taken (task_escalation). */
@Injectable()
export class EscalationStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** History per task for its CURRENT due date (steps taken for an earlier date do not count). Key: task id. */
  async histories(tasks: ReadonlyArray<{ id: number; dueOn: string }>, manager: EntityManager = this.dataSource.manager): Promise<Map<number, EscalationHistory>> {
    const out = new Map<number, EscalationHistory>();
    const dueOf = new Map(tasks.map((t) => [t.id, t.dueOn]));
    await inChunks([...dueOf.keys()], IN_CHUNK, async (ids) => {
      const rows = await manager.find(TaskEscalation, { where: { taskId: In(ids) } });
      for (const row of rows) {
        if (dueOf.get(row.taskId) !== row.dueOn) continue;
        const h = out.get(row.taskId) ?? {};
        if (row.level === 'urge') h.urgedOn = row.sentOn;
        else h.supervisedOn = row.sentOn;
        out.set(row.taskId, h);
      }
    });
    return out;
  }

  /** Records steps inside the caller's transaction; a step recorded already (a concurrent run) is left as it was. */
  async record(steps: EscalationStep[], manager: EntityManager, now: Date): Promise<void> {
    await inChunks(steps, rowsPerInsert(manager.connection.getMetadata(TaskEscalation).columns.length), (part) =>
      manager
        .createQueryBuilder()
        .insert()
        .into(TaskEscalation)
        .values(part.map((s) => ({ ...s, createdAt: now })))
        .orIgnore()
        .updateEntity(false)
        .execute(),
    );
  }
}
