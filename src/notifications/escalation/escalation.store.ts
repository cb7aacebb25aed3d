import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, type EntityManager } from 'typeorm';
import { addDays } from '../../common/time/calendar-date.util.js';
import type { TaskCondition } from '../../duties/reminders/remindable-task.js';
import {
  escalationKeyPrefix,
  type EscalationHistory,
  type EscalationLevel,
  type ReminderPolicy,
} from '../domain/reminder-policy.js';
import { IN_CHUNK, inChunks, rowsPerInsert } from '../../common/persistence/chunks.util.js';
import { MailOutbox } from '../outbox/mail-outbox.entity.js';
import { TaskEscalation } from './task-escalation.entity.js';

export interface EscalationStep {
  committeeId: number;
  taskId: number;
  dueOn: string;
  level: EscalationLevel;
  sentOn: string;
  recipients: number;
  /** The step is taken again: the withdrawn record of that day is replaced. */
  replaces?: string;
}

const DATED = /^\d{4}-\d{2}-\d{2}:/;

/**
 * Whether a recorded step was withdrawn: it has notices in the outbox and every one of them was
 * cancelled before delivery. Notices of a first issue have undated keys, those of a re-issue
 * carry its day. A step whose notices are gone from the outbox (or predate this rule) counts.
 */
export function stepWithdrawn(
  prefix: string,
  sentOn: string,
  messages: ReadonlyArray<{ key: string; status: string }>,
): boolean {
  const own = messages.filter((m) => m.key.startsWith(prefix));
  const reissued = own.filter((m) => m.key.slice(prefix.length).startsWith(`${sentOn}:`));
  const batch = reissued.length > 0 ? reissued : own.filter((m) => !DATED.test(m.key.slice(prefix.length)));
  return batch.length > 0 && batch.every((m) => m.status === 'cancelled');
}

/**
 * Open tasks whose next ladder step may be due today, as a condition on the duties module's task
 * query (this module owns task_escalation): the same rule as nextEscalation, over the steps taken
 * for the task's CURRENT due date — no 催办 yet (the query already asks "at least urgeAfterDays
 * late"), or a 催办 sent before today, no 督办 yet and at least superviseAfterDays late, or a task
 * changed since its last step (that step may have been withdrawn). Weekends are left to
 * nextEscalation: the condition only narrows, it never decides alone.
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
    // The last two lines keep a withdrawn step (its notices cancelled because the task changed, see
    // stepWithdrawn) a candidate: such a task was written after the step was recorded.
    sql:
      '(ladder_s.id IS NULL AND (ladder_u.id IS NULL OR (task.dueOn <= :ladderSuperviseBy AND ladder_u.sentOn < :ladderToday)))' +
      ' OR (ladder_u.id IS NOT NULL AND task.updatedAt > ladder_u.createdAt)' +
      ' OR (ladder_s.id IS NOT NULL AND task.updatedAt > ladder_s.createdAt)',
    params: { ladderSuperviseBy: addDays(today, -escalation.superviseAfterDays), ladderToday: today },
  };
}

/** Reads and writes the escalation steps actually taken (task_escalation). */
@Injectable()
export class EscalationStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * History per task for its CURRENT due date (steps taken for an earlier date do not count). Key: task id.
   * A step whose notices were all cancelled before delivery (the task was submitted meanwhile, and
   * later returned) was never taken: it is reported as withdrawn, so a 督办 never quotes it.
   */
  async histories(
    tasks: ReadonlyArray<{ id: number; dueOn: string }>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<number, EscalationHistory>> {
    const out = new Map<number, EscalationHistory>();
    const dueOf = new Map(tasks.map((t) => [t.id, t.dueOn]));
    await inChunks([...dueOf.keys()], IN_CHUNK, async (ids) => {
      const rows = (await manager.find(TaskEscalation, { where: { taskId: In(ids) } })).filter(
        (row) => dueOf.get(row.taskId) === row.dueOn,
      );
      const withdrawn = await this.withdrawnSteps(rows, manager);
      for (const row of rows) {
        const h = out.get(row.taskId) ?? {};
        if (withdrawn.has(row.id)) h.withdrawn = { ...h.withdrawn, [row.level]: row.sentOn };
        else if (row.level === 'urge') h.urgedOn = row.sentOn;
        else h.supervisedOn = row.sentOn;
        out.set(row.taskId, h);
      }
    });
    return out;
  }

  /** Ids of the rows whose notices were all cancelled; cheap when nothing was cancelled. */
  async withdrawnSteps(rows: TaskEscalation[], manager: EntityManager): Promise<Set<number>> {
    const out = new Set<number>();
    if (rows.length === 0) return out;
    // Key ranges [prefix, prefix with ':' → ';'): the unique key index serves them on both engines.
    const range = (row: TaskEscalation) => {
      const prefix = escalationKeyPrefix(row.taskId, row.dueOn, row.level);
      return { prefix, lo: prefix, hi: `${prefix.slice(0, -1)};` };
    };
    // 100 key ranges a query: two bound parameters each.
    await inChunks(rows, 100, async (part) => {
      const qb = manager
        .createQueryBuilder(MailOutbox, 'o')
        .select(['o.idempotencyKey AS k', 'o.status AS s'])
        .where("o.kind IN ('urge', 'supervise')");
      qb.andWhere(
        new Brackets((w) => {
          part.forEach((row, j) => {
            const { lo, hi } = range(row);
            w.orWhere(`(o.idempotencyKey >= :lo${j} AND o.idempotencyKey < :hi${j})`, {
              [`lo${j}`]: lo,
              [`hi${j}`]: hi,
            });
          });
        }),
      );
      const messages = (await qb.getRawMany<{ k: string; s: string }>()).map((m) => ({ key: m.k, status: m.s }));
      if (!messages.some((m) => m.status === 'cancelled')) return;
      for (const row of part) if (stepWithdrawn(range(row).prefix, row.sentOn, messages)) out.add(row.id);
    });
    return out;
  }

  /**
   * Records steps inside the caller's transaction; a step recorded already (a concurrent run) is
   * left as it was. A step taken again replaces its withdrawn record.
   */
  async record(steps: EscalationStep[], manager: EntityManager, now: Date): Promise<void> {
    for (const s of steps.filter((x) => x.replaces)) {
      await manager.delete(TaskEscalation, { taskId: s.taskId, dueOn: s.dueOn, level: s.level, sentOn: s.replaces });
    }
    await inChunks(steps, rowsPerInsert(manager.connection.getMetadata(TaskEscalation).columns.length), (part) =>
      manager
        .createQueryBuilder()
        .insert()
        .into(TaskEscalation)
        .values(part.map(({ replaces: _r, ...s }) => ({ ...s, createdAt: now })))
        .orIgnore()
        .updateEntity(false)
        .execute(),
    );
  }
}
