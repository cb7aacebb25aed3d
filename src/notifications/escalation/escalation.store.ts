import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { EscalationHistory, EscalationLevel } from '../domain/reminder-policy.js';
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
