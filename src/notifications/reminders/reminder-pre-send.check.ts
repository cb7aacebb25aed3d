import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { isTaskRemindable } from '../domain/reminder-policy.js';
import type { MailKind, MailOutbox } from '../outbox/mail-outbox.entity.js';
import { PreSendChecks, type PreSendCheck } from '../outbox/pre-send-check.js';
import { DutyRemindersService } from '../../duties/reminders/duty-reminders.service.js';
import type { DutyReminders } from '../../duties/reminders/remindable-task.js';

/** Kinds written for a task's deadline: a new due date makes them wrong. */
const DEADLINE_KINDS: ReadonlySet<MailKind> = new Set<MailKind>(['digest', 'urge', 'supervise']);

/**
 * Stop on submission: a queued reminder is cancelled if, when its turn comes, every task it is
 * about was submitted, accepted, cancelled or deleted, or (for automatic reminders) was given a
 * new due date. A digest that still lists at least one open task is sent (it is at most a
 * queue's age out of date).
 */
@Injectable()
export class ReminderPreSendCheck implements PreSendCheck, OnModuleInit {
  readonly name = 'stop-on-submission';

  constructor(
    @Inject(DutyRemindersService) private readonly source: Pick<DutyReminders, 'snapshots'>,
    private readonly checks: PreSendChecks,
  ) {}

  onModuleInit(): void {
    this.checks.register(this);
  }

  async vetoes(messages: readonly MailOutbox[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    const withRefs = messages.filter((m) => m.taskRefs?.length);
    if (withRefs.length === 0) return out;
    const ids = [...new Set(withRefs.flatMap((m) => m.taskRefs!.map((r) => Number(r.taskId))))].filter((id) =>
      Number.isInteger(id),
    );
    const current = new Map((await this.source.snapshots(ids)).map((s) => [s.id, s]));
    for (const m of withRefs) {
      const reasons: string[] = [];
      for (const ref of m.taskRefs!) {
        const task = current.get(Number(ref.taskId));
        if (!task) reasons.push(`task ${ref.taskId} no longer exists`);
        else if (!isTaskRemindable(task.state)) reasons.push(`task ${ref.taskId} is ${task.state}`);
        else if (DEADLINE_KINDS.has(m.kind) && task.dueOn !== ref.dueOn)
          reasons.push(`task ${ref.taskId} is now due ${task.dueOn} (was ${ref.dueOn})`);
        else break;
      }
      if (reasons.length === m.taskRefs!.length) out.set(m.id, reasons.join('; '));
    }
    return out;
  }
}
