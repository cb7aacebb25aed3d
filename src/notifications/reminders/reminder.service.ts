import { retryOnDeadlock } from '../../database/db-errors.util.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { CommitteesService } from '../../committees/committees.service.js';
import type { Committee } from '../../committees/committee.entity.js';
import { addDays } from '../../common/time/calendar-date.util.js';
import { buildDigests, type DigestInput } from '../domain/digest.js';
import { DEFAULT_LOCALE, normalizeLocale, type NotificationLocale } from '../domain/locale.js';
import {
  catchUpTriggers,
  isDigestTrigger,
  isTaskRemindable,
  reminderIdempotencyKey,
  validateReminderPolicy,
  type ReminderPolicy,
  type ReminderTrigger,
} from '../domain/reminder-policy.js';
import { renderDigest } from '../templates/render-digest.template.js';
import { renderSuperviseNotice } from '../templates/render-supervise.template.js';
import { renderUrgeNotice } from '../templates/render-urge.template.js';
import type { NoticeTask } from '../templates/notice-parts.util.js';
import { OutboxService, normalizeKey } from '../outbox/outbox.service.js';
import type { OutboxMessageInput } from '../outbox/outbox.types.js';
import { REMINDER_TASK_SOURCE, type ReminderContact, type ReminderTaskSource, type RemindableTask } from './reminder-task-source.js';
import { reminderWindow } from './reminder-window.js';

export interface ReminderRunOptions {
  /**
   * The last day already handled: the run covers (previousLocalDate, today]. Default: the day
   * before today (a normal daily run). Earlier dates catch up missed days.
   */
  previousLocalDate?: string | null;
  /** Compute and report, write nothing. */
  dryRun?: boolean;
  /** Only these committees (default: all). */
  committeeIds?: number[];
}

export interface PlannedMessageReport {
  kind: OutboxMessageInput['kind'];
  to: string;
  subject: string;
  key: string;
  taskIds: number[];
  /** queued: written now; duplicate: was queued before (e.g. by another instance); would-queue / already-queued in a dry run. */
  status: 'queued' | 'duplicate' | 'would-queue' | 'already-queued';
}

export interface ReminderRunReport {
  today: string;
  since: string;
  dryRun: boolean;
  committees: number;
  /** Open tasks looked at, and how many of them had something due in the window. */
  tasksConsidered: number;
  tasksReminded: number;
  digests: number;
  urgeNotices: number;
  superviseNotices: number;
  queued: number;
  duplicates: number;
  messages: PlannedMessageReport[];
}

interface Recipient {
  email: string;
  name?: string;
  locale: NotificationLocale;
}

function recipientOf(contact: ReminderContact): Recipient | null {
  const email = contact.email?.trim();
  if (!email) return null;
  return { email, ...(contact.name?.trim() ? { name: contact.name.trim() } : {}), locale: normalizeLocale(contact.locale) };
}

/** Distinct by address (case-insensitive), first one wins. */
function distinct(recipients: Array<Recipient | null>): Recipient[] {
  const seen = new Set<string>();
  const out: Recipient[] = [];
  for (const r of recipients) {
    if (!r || seen.has(r.email.toLowerCase())) continue;
    seen.add(r.email.toLowerCase());
    out.push(r);
  }
  return out;
}

function labelFor(task: RemindableTask, locale: NotificationLocale): string | undefined {
  return task.kindLabel?.[locale] ?? task.kindLabel?.[DEFAULT_LOCALE];
}

/**
 * The daily reminder run (临近提醒, overdue reminders, 催办 and 督办 by the escalation ladder):
 * asks the duties module for the open tasks with something due in (previous, today], computes
 * their triggers with the reminder policy, writes one digest per recipient and the individual
 * notices, and queues them all in one transaction. Every message has an idempotency key, so a
 * repeated run (another instance, a manual run-once, a retaken slot) queues nothing new.
 */
@Injectable()
export class ReminderService {
  private readonly logger = new Logger('Reminders');
  readonly policy: ReminderPolicy;

  constructor(
    @Inject(REMINDER_TASK_SOURCE) private readonly source: ReminderTaskSource,
    private readonly outbox: OutboxService,
    private readonly committees: CommitteesService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.policy = { ...config.reminders, escalation: { ...config.reminders.escalation } };
    const problems = validateReminderPolicy(this.policy);
    if (problems.length > 0) throw new Error(`Invalid reminder policy:\n  - ${problems.join('\n  - ')}`);
  }

  /** Computes the run's messages without writing anything. */
  async plan(today: string, options: ReminderRunOptions = {}): Promise<{ messages: OutboxMessageInput[]; report: ReminderRunReport }> {
    const since = options.previousLocalDate ?? addDays(today, -1);
    const report: ReminderRunReport = {
      today, since, dryRun: options.dryRun ?? false, committees: 0, tasksConsidered: 0, tasksReminded: 0,
      digests: 0, urgeNotices: 0, superviseNotices: 0, queued: 0, duplicates: 0, messages: [],
    };
    const messages: OutboxMessageInput[] = [];
    if (since >= today) return { messages, report };

    const committees = (await this.committees.list()).filter((c) => !options.committeeIds || options.committeeIds.includes(c.id));
    const window = reminderWindow(since, today, this.policy);
    const digestInputs: DigestInput[] = [];
    const digestCommittee = new Map<string, number>();
    for (const committee of committees) {
      report.committees++;
      const tasks = window.dueDates.length > 0 ? await this.source.findRemindable(committee.id, today, window) : [];
      for (const task of tasks) {
        report.tasksConsidered++;
        if (!isTaskRemindable(task.state)) continue;
        // Escalation notices are one-off steps: none for a step that fell before the task existed
        // (an imported, already late duty is not urged for its third day late). Digest mentions do
        // count: they state where the task stands today. An assignment date after today means the
        // clock is simulated (LUOSHI_NOW, tests) while the row was stamped in real time: ignored.
        const assigned = task.assignedOn && task.assignedOn <= today ? task.assignedOn : null;
        const triggers = catchUpTriggers(since, today, task.dueOn, this.policy).filter(
          (t) => isDigestTrigger(t) || !assigned || addDays(task.dueOn, t.offsetDays) >= assigned,
        );
        if (triggers.length === 0) continue;
        report.tasksReminded++;
        for (const trigger of triggers) {
          if (isDigestTrigger(trigger)) {
            for (const liaison of distinct(task.liaisons.map(recipientOf))) {
              digestInputs.push({
                recipient: liaison,
                task: {
                  id: task.id, title: task.title, kindLabel: labelFor(task, liaison.locale), planId: task.planId, planTitle: task.planTitle,
                  unitName: task.unitName, dueOn: task.dueOn, link: task.link,
                },
                trigger,
              });
              if (!digestCommittee.has(liaison.email.toLowerCase())) digestCommittee.set(liaison.email.toLowerCase(), committee.id);
            }
          } else {
            const notices = this.notices(committee, task, trigger, today);
            if (trigger.kind === 'urge') report.urgeNotices += notices.length;
            else report.superviseNotices += notices.length;
            messages.push(...notices);
          }
        }
      }
    }
    for (const digest of buildDigests(digestInputs, today)) {
      const rendered = renderDigest(digest);
      report.digests++;
      messages.push({
        idempotencyKey: digest.idempotencyKey,
        kind: 'digest',
        committeeId: digestCommittee.get(digest.recipient.email.toLowerCase()) ?? null,
        to: digest.recipient,
        ...rendered,
        taskRefs: digest.groups.flatMap((g) => g.tasks.map((t) => ({ taskId: t.id, dueOn: t.dueOn }))),
      });
    }
    return { messages, report };
  }

  /** Plans and queues one run (or only reports it, with dryRun). */
  async runTick(today: string, options: ReminderRunOptions = {}): Promise<ReminderRunReport> {
    const { messages, report } = await this.plan(today, options);
    const line = (m: OutboxMessageInput, status: PlannedMessageReport['status']): PlannedMessageReport => ({
      kind: m.kind, to: m.to.email, subject: m.subject, key: m.idempotencyKey, taskIds: (m.taskRefs ?? []).map((r) => Number(r.taskId)), status,
    });
    if (options.dryRun) {
      const existing = await this.outbox.existingKeys(messages.map((m) => m.idempotencyKey));
      for (const m of messages) report.messages.push(line(m, existing.has(m.idempotencyKey) ? 'already-queued' : 'would-queue'));
      report.duplicates = report.messages.filter((m) => m.status === 'already-queued').length;
      report.queued = 0;
      return report;
    }
    // All of a run's messages or none: a crash mid-way leaves nothing half-queued, and the retry queues them all.
    const result = await retryOnDeadlock(() => this.dataSource.transaction((em) => this.outbox.enqueue(messages, em)));
    if (result.queued > 0) this.outbox.notifyQueued();
    const queued = new Set(result.queuedKeys);
    for (const m of messages) report.messages.push(line(m, queued.has(normalizeKey(m.idempotencyKey)) ? 'queued' : 'duplicate'));
    report.queued = result.queued;
    report.duplicates = result.duplicates;
    if (report.queued > 0 || report.tasksReminded > 0) {
      this.logger.log(`reminders ${report.since} → ${report.today}: ${report.tasksReminded} tasks, ${report.queued} messages queued, ${report.duplicates} already queued`);
    }
    return report;
  }

  /** Signature of notices: the committee's office. */
  officeName(committee: Pick<Committee, 'name'>, locale: NotificationLocale): string | undefined {
    return locale === 'zh-CN' ? `${committee.name}办公室` : undefined;
  }

  noticeTask(task: RemindableTask, locale: NotificationLocale): NoticeTask {
    return { id: task.id, title: task.title, kindLabel: labelFor(task, locale), planTitle: task.planTitle, dueOn: task.dueOn, link: task.link };
  }

  /** 催办 to the liaisons and the head; 督办 to the liaisons, the head and the committee office. One message per recipient. */
  private notices(committee: Committee, task: RemindableTask, trigger: ReminderTrigger, today: string): OutboxMessageInput[] {
    const head = task.head ? recipientOf({ ...task.head, locale: task.head.locale ?? DEFAULT_LOCALE }) : null;
    const office = trigger.kind === 'supervise' && this.config.mail.officeEmail ? recipientOf({ email: this.config.mail.officeEmail, name: this.officeName(committee, 'zh-CN') }) : null;
    const recipients = distinct([...task.liaisons.map(recipientOf), head, office]);
    const { urgeAfterDays, superviseAfterDays } = this.policy.escalation;
    return recipients.map((r) => {
      const common = { locale: r.locale, today, unitName: task.unitName, tasks: [this.noticeTask(task, r.locale)], officeName: this.officeName(committee, r.locale) };
      const rendered =
        trigger.kind === 'urge'
          ? renderUrgeNotice(common)
          : renderSuperviseNotice({ ...common, ...(urgeAfterDays < superviseAfterDays ? { urgedOn: addDays(task.dueOn, urgeAfterDays) } : {}) });
      return {
        idempotencyKey: `${reminderIdempotencyKey(task.id, task.dueOn, trigger)}:${r.email.toLowerCase()}`,
        kind: trigger.kind === 'urge' ? 'urge' : 'supervise',
        committeeId: committee.id,
        to: r,
        ...rendered,
        taskRefs: [{ taskId: task.id, dueOn: task.dueOn }],
      } satisfies OutboxMessageInput;
    });
  }
}
