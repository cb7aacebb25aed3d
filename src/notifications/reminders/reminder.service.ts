import { retryOnDeadlock } from '../../database/db-errors.util.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { CommitteesService } from '../../committees/committees.service.js';
import type { Committee } from '../../committees/committee.entity.js';
import { addDays, localDateOf } from '../../common/time/calendar-date.util.js';
import { buildDigests, type DigestInput } from '../domain/digest.js';
import { DEFAULT_LOCALE, normalizeLocale, type NotificationLocale } from '../domain/locale.js';
import {
  catchUpTriggers,
  escalationIdempotencyKey,
  isTaskRemindable,
  nextEscalation,
  validateReminderPolicy,
  type EscalationLevel,
  type ReminderPolicy,
} from '../domain/reminder-policy.js';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import { committeeOfficeName } from '../../common/i18n/labels.js';
import { EscalationStore, ladderStepDue, type EscalationStep } from '../escalation/escalation.store.js';
import { renderReviewDigest } from '../templates/render-review-digest.template.js';
import { officeEmailOf } from './office-email.js';
import { renderDigest } from '../templates/render-digest.template.js';
import { renderSuperviseNotice } from '../templates/render-supervise.template.js';
import { renderUrgeNotice } from '../templates/render-urge.template.js';
import type { NoticeTask } from '../templates/notice-parts.util.js';
import { OutboxService, normalizeKey } from '../outbox/outbox.service.js';
import type { OutboxMessageInput } from '../outbox/outbox.types.js';
import { DutyRemindersService } from '../../duties/reminders/duty-reminders.service.js';
import type { DutyReminders, ReminderContact, RemindableTask } from '../../duties/reminders/remindable-task.js';
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
  /**
   * Each committee's own dates: its "today" is its local date at `now`, the last day already
   * handled its local date at `previous` (null: lookBackDays before its today). Without it every
   * committee takes `today` and previousLocalDate as given.
   */
  at?: { now: Date; previous: Date | null; lookBackDays: number };
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
  /** The office's daily digest of submissions waiting for review (0 or 1 per committee). */
  reviewDigests: number;
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
  return {
    email,
    ...(contact.name?.trim() ? { name: contact.name.trim() } : {}),
    locale: normalizeLocale(contact.locale),
  };
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
 * asks the duties module for the open tasks with something due in (previous, today] (a reminder
 * date, or a ladder step not yet taken: selected in SQL, not every overdue task), computes
 * their triggers with the reminder policy, writes one digest per recipient and the individual
 * notices, and queues them all in one transaction. Every message has an idempotency key, so a
 * repeated run (another instance, a manual run-once, a retaken slot) queues nothing new.
 */
@Injectable()
export class ReminderService {
  private readonly logger = new Logger('Reminders');
  readonly policy: ReminderPolicy;

  constructor(
    @Inject(DutyRemindersService) private readonly source: DutyReminders,
    private readonly outbox: OutboxService,
    private readonly committees: CommitteesService,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly escalations: EscalationStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.policy = { ...config.reminders, escalation: { ...config.reminders.escalation } };
    const problems = validateReminderPolicy(this.policy);
    if (problems.length > 0) throw new Error(`Invalid reminder policy:\n  - ${problems.join('\n  - ')}`);
  }

  /** Computes the run's messages (and the escalation steps they take) without writing anything. */
  async plan(
    today: string,
    options: ReminderRunOptions = {},
  ): Promise<{ messages: OutboxMessageInput[]; steps: EscalationStep[]; report: ReminderRunReport }> {
    const since = options.previousLocalDate ?? addDays(today, -1);
    const [outerToday, outerSince] = [today, since];
    const report: ReminderRunReport = {
      today,
      since,
      dryRun: options.dryRun ?? false,
      committees: 0,
      tasksConsidered: 0,
      tasksReminded: 0,
      digests: 0,
      urgeNotices: 0,
      superviseNotices: 0,
      reviewDigests: 0,
      queued: 0,
      duplicates: 0,
      messages: [],
    };
    const messages: OutboxMessageInput[] = [];
    const steps: EscalationStep[] = [];
    if (since >= today && !options.at) return { messages, steps, report };

    const committees = (await this.committees.list()).filter(
      (c) => !options.committeeIds || options.committeeIds.includes(c.id),
    );
    // Digests go out per recipient and local date: committees in other zones may be a day apart.
    const digestInputs = new Map<string, DigestInput[]>();
    const digestCommittee = new Map<string, number>();
    for (const committee of committees) {
      const { today, since } = datesOf(committee, { today: outerToday, since: outerSince }, options.at);
      if (since >= today) continue;
      const window = reminderWindow(since, today, this.policy);
      const inputs = digestInputs.get(today) ?? [];
      digestInputs.set(today, inputs);
      report.committees++;
      const reminded = new Set<number>();
      // Digests: the calendar (7, 3, 1 days before …, every 7 days late); a catch-up collapses to one mention.
      const tasks = window.dueDates.length > 0 ? await this.source.findRemindable(committee.id, today, window) : [];
      for (const task of tasks) {
        report.tasksConsidered++;
        if (!isTaskRemindable(task.state)) continue;
        const triggers = catchUpTriggers(since, today, task.dueOn, this.policy);
        if (triggers.length === 0) continue;
        reminded.add(task.id);
        const trigger = triggers[triggers.length - 1]!;
        for (const liaison of distinct(task.liaisons.map(recipientOf))) {
          inputs.push({
            recipient: liaison,
            task: {
              id: task.id,
              title: task.title,
              kindLabel: labelFor(task, liaison.locale),
              planId: task.planId,
              planTitle: task.planTitle,
              unitName: task.unitName,
              dueOn: task.dueOn,
              link: task.link,
            },
            trigger,
          });
          if (!digestCommittee.has(liaison.email.toLowerCase()))
            digestCommittee.set(liaison.email.toLowerCase(), committee.id);
        }
      }
      // The ladder: from what was actually sent for each task's current due date, one step a day at most.
      // Only tasks whose next step may be due today come back (SQL over task_escalation); nextEscalation decides.
      const late = await this.source.findOverdue(
        committee.id,
        addDays(today, -this.policy.escalation.urgeAfterDays),
        ladderStepDue(today, this.policy.escalation),
      );
      const histories = await this.escalations.histories(late);
      for (const task of late) {
        if (!isTaskRemindable(task.state)) continue;
        const history = histories.get(task.id) ?? {};
        const level = nextEscalation(today, task.dueOn, history, this.policy);
        if (!level) continue;
        // Taken again after its first notices were all cancelled unsent: new keys, the record replaced.
        const replaces = history.withdrawn?.[level];
        const notices = this.notices(
          committee,
          task,
          level,
          today,
          history.urgedOn ?? undefined,
          replaces ? today : undefined,
        );
        if (notices.length === 0) continue; // nobody to tell: the step is not taken (a later 督办 must not quote it)
        reminded.add(task.id);
        if (level === 'urge') report.urgeNotices += notices.length;
        else report.superviseNotices += notices.length;
        messages.push(...notices);
        steps.push({
          committeeId: committee.id,
          taskId: task.id,
          dueOn: task.dueOn,
          level,
          sentOn: today,
          recipients: notices.length,
          ...(replaces ? { replaces } : {}),
        });
      }
      report.tasksReminded += reminded.size;
      const review = await this.reviewDigest(committee, today);
      if (review) {
        report.reviewDigests++;
        messages.push(review);
      }
    }
    for (const digest of [...digestInputs].flatMap(([date, inputs]) => buildDigests(inputs, date))) {
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
    return { messages, steps, report };
  }

  /** One e-mail a day to the office listing the submissions waiting for its review (none when nothing waits or no address is set). */
  private async reviewDigest(committee: Committee, today: string): Promise<OutboxMessageInput | null> {
    const office = officeEmailOf(committee, this.config);
    if (!office) return null;
    const waiting = await this.source.findAwaitingReview(committee.id);
    if (waiting.length === 0) return null;
    const rendered = renderReviewDigest({
      locale: 'zh-CN',
      today,
      tasks: waiting,
      officeName: this.officeName(committee, 'zh-CN'),
    });
    return {
      idempotencyKey: `review-digest:${committee.id}:${today}`,
      kind: 'review_digest',
      committeeId: committee.id,
      to: { email: office, name: this.officeName(committee, 'zh-CN'), locale: 'zh-CN' },
      ...rendered,
    };
  }

  /** Plans and queues one run (or only reports it, with dryRun). */
  async runTick(today: string, options: ReminderRunOptions = {}): Promise<ReminderRunReport> {
    const { messages, steps, report } = await this.plan(today, options);
    const line = (m: OutboxMessageInput, status: PlannedMessageReport['status']): PlannedMessageReport => ({
      kind: m.kind,
      to: m.to.email,
      subject: m.subject,
      key: m.idempotencyKey,
      taskIds: (m.taskRefs ?? []).map((r) => Number(r.taskId)),
      status,
    });
    if (options.dryRun) {
      const existing = await this.outbox.existingKeys(messages.map((m) => m.idempotencyKey));
      for (const m of messages)
        report.messages.push(line(m, existing.has(m.idempotencyKey) ? 'already-queued' : 'would-queue'));
      report.duplicates = report.messages.filter((m) => m.status === 'already-queued').length;
      report.queued = 0;
      return report;
    }
    // All of a run's messages or none: a crash mid-way leaves nothing half-queued, and the retry queues them all.
    // The steps are recorded with their notices: a 督办 can only ever quote a 催办 that was queued (and not withdrawn unsent).
    const result = await retryOnDeadlock(() =>
      this.dataSource.transaction(async (em) => {
        await this.escalations.record(steps, em, this.clock.now());
        return this.outbox.enqueue(messages, em);
      }),
    );
    if (result.queued > 0) this.outbox.notifyQueued();
    const queued = new Set(result.queuedKeys);
    for (const m of messages)
      report.messages.push(line(m, queued.has(normalizeKey(m.idempotencyKey)) ? 'queued' : 'duplicate'));
    report.queued = result.queued;
    report.duplicates = result.duplicates;
    if (report.queued > 0 || report.tasksReminded > 0) {
      this.logger.log(
        `reminders ${report.since} → ${report.today}: ${report.tasksReminded} tasks, ${report.queued} messages queued, ${report.duplicates} already queued`,
      );
    }
    return report;
  }

  /** Signature of notices: the committee's office. */
  officeName(committee: Pick<Committee, 'name'>, locale: NotificationLocale): string | undefined {
    return committeeOfficeName(committee.name, locale);
  }

  noticeTask(task: RemindableTask, locale: NotificationLocale): NoticeTask {
    return {
      id: task.id,
      title: task.title,
      kindLabel: labelFor(task, locale),
      planTitle: task.planTitle,
      dueOn: task.dueOn,
      link: task.link,
    };
  }

  /**
   * 催办 to the liaisons and the head; 督办 to the liaisons, the head and the committee office
   * (committee.officeEmail, else mail.officeEmail). One message per recipient; the copy line names
   * only who is really copied, and the 督办 quotes the real date of the 催办.
   */
  private notices(
    committee: Committee,
    task: RemindableTask,
    level: EscalationLevel,
    today: string,
    urgedOn: string | undefined,
    reissuedOn?: string,
  ): OutboxMessageInput[] {
    const head = task.head ? recipientOf({ ...task.head, locale: task.head.locale ?? DEFAULT_LOCALE }) : null;
    const officeEmail = level === 'supervise' ? officeEmailOf(committee, this.config) : null;
    const office = officeEmail ? recipientOf({ email: officeEmail, name: this.officeName(committee, 'zh-CN') }) : null;
    const liaisons = distinct(task.liaisons.map(recipientOf));
    if (liaisons.length === 0 && !head) return [];
    const recipients = distinct([...liaisons, head, office]);
    return recipients.map((r) => {
      const common = {
        locale: r.locale,
        today,
        unitName: task.unitName,
        tasks: [this.noticeTask(task, r.locale)],
        officeName: this.officeName(committee, r.locale),
      };
      const rendered =
        level === 'urge'
          ? renderUrgeNotice(common)
          : renderSuperviseNotice({
              ...common,
              ...(urgedOn ? { urgedOn } : {}),
              copiedTo: { head: head !== null, office: office !== null },
            });
      return {
        idempotencyKey: escalationIdempotencyKey(task.id, task.dueOn, level, r.email, reissuedOn),
        kind: level,
        committeeId: committee.id,
        to: r,
        ...rendered,
        taskRefs: [{ taskId: task.id, dueOn: task.dueOn }],
      } satisfies OutboxMessageInput;
    });
  }
}

/** A committee's run dates: its own local dates at the run's instants, or the run's dates as given. */
export function datesOf(
  committee: Pick<Committee, 'timeZone'>,
  given: { today: string; since: string },
  at: ReminderRunOptions['at'],
): { today: string; since: string } {
  if (!at) return given;
  const today = localDateOf(at.now, committee.timeZone);
  return {
    today,
    since: at.previous ? localDateOf(at.previous, committee.timeZone) : addDays(today, -at.lookBackDays),
  };
}
