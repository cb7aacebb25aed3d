import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { TaskCondition } from '../../duties/reminders/remindable-task.js';
import {
  TaskListAnnotations,
  type EscalationFilter,
  type TaskEscalationMark,
  type TaskEscalationProvider,
} from '../../duties/tasks/task-annotations.js';
import { IN_CHUNK, inChunks } from '../../common/persistence/chunks.util.js';
import type { EscalationHistory } from '../domain/reminder-policy.js';
import { MailOutbox } from '../outbox/mail-outbox.entity.js';
import { EscalationStore } from './escalation.store.js';
import { TaskEscalation } from './task-escalation.entity.js';

/** The mark a history earns: its highest step not withdrawn. */
export function escalationMark(history: EscalationHistory | undefined): TaskEscalationMark | null {
  if (history?.supervisedOn) return { level: 'supervise', on: history.supervisedOn };
  if (history?.urgedOn) return { level: 'urge', on: history.urgedOn };
  return null;
}

const KEY = /^escalation:(\d+):(\d{4}-\d{2}-\d{2}):(urge|supervise):/;

/**
 * Tells the duties module's task list and detail which escalation step each task reached, and
 * filters by it (task_escalation belongs to this module, see TaskListAnnotations).
 */
@Injectable()
export class EscalationAnnotations implements TaskEscalationProvider, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: EscalationStore,
    private readonly annotations: TaskListAnnotations,
  ) {}

  onModuleInit(): void {
    this.annotations.provideEscalation(this);
  }

  async marks(
    tasks: ReadonlyArray<{ id: number; dueOn: string }>,
    em?: EntityManager,
  ): Promise<Map<number, TaskEscalationMark>> {
    const out = new Map<number, TaskEscalationMark>();
    for (const [id, history] of await this.store.histories(tasks, em)) {
      const mark = escalationMark(history);
      if (mark) out.set(id, mark);
    }
    return out;
  }

  /**
   * The steps for the task's current due date, LEFT JOINed on their unique key; a step withdrawn
   * (every notice cancelled, see stepWithdrawn) does not count. The withdrawn steps are found first
   * from the committee's cancelled escalation notices (rare: a task submitted after its step was
   * queued), so the condition itself stays plain SQL and the list one query.
   */
  async condition(
    filter: EscalationFilter,
    committeeId: number,
    em: EntityManager = this.dataSource.manager,
  ): Promise<TaskCondition> {
    const withdrawn = [...(await this.withdrawnStepIds(committeeId, em))];
    // An empty IN list is not SQL: no step has id 0.
    const params = { escWithdrawn: withdrawn.length > 0 ? withdrawn : [0] };
    const taken = (a: string) => `(${a}.id IS NOT NULL AND ${a}.id NOT IN (:...escWithdrawn))`;
    const step = (alias: string, level: 'urge' | 'supervise') => ({
      entity: TaskEscalation,
      alias,
      on: `${alias}.taskId = task.id AND ${alias}.dueOn = task.dueOn AND ${alias}.level = '${level}'`,
    });
    const sql = {
      none: `NOT ${taken('esc_u')} AND NOT ${taken('esc_s')}`,
      urge: `${taken('esc_u')} AND NOT ${taken('esc_s')}`,
      supervise: taken('esc_s'),
    }[filter];
    return { leftJoins: [step('esc_u', 'urge'), step('esc_s', 'supervise')], sql, params };
  }

  /** Ids of the committee's task_escalation rows that were withdrawn. */
  private async withdrawnStepIds(committeeId: number, em: EntityManager): Promise<Set<number>> {
    const keys = await em
      .createQueryBuilder(MailOutbox, 'o')
      .select('o.idempotencyKey', 'k')
      .where("o.kind IN ('urge', 'supervise') AND o.status = 'cancelled' AND o.committeeId = :committeeId", {
        committeeId,
      })
      .getRawMany<{ k: string }>();
    const wanted = new Set<string>();
    for (const { k } of keys) {
      const m = KEY.exec(k);
      if (m) wanted.add(`${m[1]}:${m[2]}:${m[3]}`);
    }
    if (wanted.size === 0) return new Set();
    const taskIds = [...new Set([...wanted].map((w) => Number(w.split(':')[0])))];
    const rows: TaskEscalation[] = [];
    await inChunks(taskIds, IN_CHUNK, async (ids) => {
      const found = await em.find(TaskEscalation, { where: { taskId: In(ids) } });
      rows.push(...found.filter((r) => wanted.has(`${r.taskId}:${r.dueOn}:${r.level}`)));
    });
    return this.store.withdrawnSteps(rows, em);
  }
}
