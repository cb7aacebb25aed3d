import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { CLOCK, type Clock } from '../../common/time/clock.js';
import { AppError, ConflictError } from '../../common/errors/app-error.js';
import { localDateOf } from '../../common/time/calendar-date.util.js';
import { CommitteesService } from '../../committees/committees.service.js';
import { UnitsService } from '../../units/units.service.js';
import { isTaskRemindable } from '../domain/reminder-policy.js';
import { normalizeLocale, NOTIFICATION_LOCALES, type NotificationLocale } from '../domain/locale.js';
import { renderUrgeNotice } from '../templates/render-urge.template.js';
import { lateUnitsForCircular, renderCircular } from '../templates/render-circular.template.js';
import type { RenderedEmail } from '../templates/email-layout.util.js';
import { OutboxService } from '../outbox/outbox.service.js';
import type { OutboxMessageInput } from '../outbox/outbox.types.js';
import { DutyRemindersService } from '../../duties/reminders/duty-reminders.service.js';
import type { DutyReminders, RemindableTask } from '../../duties/reminders/remindable-task.js';
import { CircularFiguresService } from '../../supervision/circulars/circular-figures.service.js';
import { officeEmailOf } from './office-email.js';
import { ReminderService } from './reminder.service.js';

export interface UrgeNowInput {
  committeeId?: number;
  taskIds?: number[];
  unitIds?: number[];
  /** The office's own words, printed in the notice. */
  message?: string | null;
  /** Makes a retried request (double click, network retry) send nothing twice. Default: a new one per call. */
  requestKey?: string;
}

export interface UrgeNowReport {
  requestKey: string;
  today: string;
  units: number;
  tasks: number;
  queued: number;
  duplicates: number;
  messages: Array<{ to: string; unitId: number; subject: string; taskIds: number[] }>;
}

export interface CircularInput {
  committeeId?: number;
  /** Default: today in the committee's zone. */
  asOf?: string;
  planId?: number;
  message?: string | null;
  noticeNumber?: string | null;
}

export interface CircularPreview {
  /** Pass it back to send exactly what was previewed; it changes when the figures or wording change. */
  token: string;
  asOf: string;
  scope: string | null;
  lateUnits: Array<{ unitName: string; overdueCount: number }>;
  recipients: Array<{ email: string; name: string | null; locale: NotificationLocale; unitName: string | null }>;
  rendered: Record<NotificationLocale, RenderedEmail>;
}

export interface CircularSendReport {
  token: string;
  queued: number;
  duplicates: number;
  recipients: number;
}

/** What the office does by hand: urge chosen tasks or units now (催办), and circulate a notice naming late units (通报). */
@Injectable()
export class OfficeActionsService {
  constructor(
    // The duties module owns the tasks, the supervision module the figures: asked through their services.
    @Inject(DutyRemindersService) private readonly source: DutyReminders,
    private readonly figures: CircularFiguresService,
    private readonly reminders: ReminderService,
    private readonly outbox: OutboxService,
    private readonly committees: CommitteesService,
    private readonly units: UnitsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async urgeNow(input: UrgeNowInput): Promise<UrgeNowReport> {
    const committee = await this.committees.resolve(input.committeeId);
    const today = localDateOf(this.clock.now(), committee.timeZone);
    if (!input.taskIds?.length && !input.unitIds?.length) {
      throw new AppError(400, 'VALIDATION_FAILED', 'choose the tasks (taskIds) or the units (unitIds) to urge');
    }
    const tasks = (
      await this.source.findForUrging(committee.id, { taskIds: input.taskIds, unitIds: input.unitIds }, today)
    ).filter((t) => isTaskRemindable(t.state));
    if (tasks.length === 0)
      throw new AppError(
        422,
        'NOTHING_TO_URGE',
        'none of the chosen tasks is open (submitted, accepted and cancelled tasks are not urged)',
      );
    const requestKey = input.requestKey?.trim() || randomUUID();
    const byUnit = new Map<number, RemindableTask[]>();
    for (const task of tasks) byUnit.set(task.unitId, [...(byUnit.get(task.unitId) ?? []), task]);
    const messages: OutboxMessageInput[] = [];
    const report: UrgeNowReport = {
      requestKey,
      today,
      units: byUnit.size,
      tasks: tasks.length,
      queued: 0,
      duplicates: 0,
      messages: [],
    };
    for (const [unitId, unitTasks] of byUnit) {
      const first = unitTasks[0];
      const contacts = [...first.liaisons, ...(first.head ? [first.head] : [])];
      const seen = new Set<string>();
      for (const contact of contacts) {
        const email = contact.email?.trim();
        if (!email || seen.has(email.toLowerCase())) continue;
        seen.add(email.toLowerCase());
        const locale = normalizeLocale(contact.locale);
        const rendered = renderUrgeNotice({
          locale,
          today,
          unitName: first.unitName,
          message: input.message ?? null,
          tasks: unitTasks.map((t) => this.reminders.noticeTask(t, locale)),
          officeName: this.reminders.officeName(committee, locale),
        });
        messages.push({
          idempotencyKey: `office-urge:${requestKey}:${unitId}:${email.toLowerCase()}`,
          kind: 'office_urge',
          committeeId: committee.id,
          to: { email, name: contact.name ?? null, locale },
          ...rendered,
          taskRefs: unitTasks.map((t) => ({ taskId: t.id, dueOn: t.dueOn })),
        });
        report.messages.push({ to: email, unitId, subject: rendered.subject, taskIds: unitTasks.map((t) => t.id) });
      }
    }
    const result = await this.outbox.enqueue(messages);
    report.queued = result.queued;
    report.duplicates = result.duplicates;
    return report;
  }

  async previewCircular(input: CircularInput): Promise<CircularPreview> {
    const committee = await this.committees.resolve(input.committeeId);
    const today = localDateOf(this.clock.now(), committee.timeZone);
    const asOf = input.asOf ?? today;
    const figures = await this.figures.figures(committee.id, { asOf, planId: input.planId });
    const rendered = {} as Record<NotificationLocale, RenderedEmail>;
    for (const locale of NOTIFICATION_LOCALES) {
      rendered[locale] = renderCircular({
        locale,
        asOf: figures.asOf,
        units: figures.units,
        scope: figures.scope,
        noticeNumber: input.noticeNumber ?? undefined,
        message: input.message ?? null,
        officeName: this.reminders.officeName(committee, locale),
      });
    }
    const recipients: CircularPreview['recipients'] = [];
    const seen = new Set<string>();
    // Today's members even when the figures are as of another day; today comes from the committee loaded above.
    for (const unit of await this.units.members(committee.id, today)) {
      for (const l of unit.liaisons ?? []) {
        if (seen.has(l.email.toLowerCase())) continue;
        seen.add(l.email.toLowerCase());
        recipients.push({ email: l.email, name: l.name, locale: normalizeLocale(l.locale), unitName: unit.name });
      }
    }
    // Same figures, same recipients → same token, whatever order the database returns liaisons in.
    recipients.sort((a, b) =>
      a.email.toLowerCase() < b.email.toLowerCase() ? -1 : a.email.toLowerCase() > b.email.toLowerCase() ? 1 : 0,
    );
    const office = officeEmailOf(committee, this.config);
    if (office && !seen.has(office.toLowerCase()))
      recipients.push({
        email: office,
        name: this.reminders.officeName(committee, 'zh-CN') ?? null,
        locale: 'zh-CN',
        unitName: null,
      });
    const token = createHash('sha256')
      .update(JSON.stringify([committee.id, rendered, recipients.map((r) => r.email)]))
      .digest('hex')
      .slice(0, 20);
    return {
      token,
      asOf: figures.asOf,
      scope: figures.scope ?? null,
      lateUnits: lateUnitsForCircular(figures.units).map((u) => ({
        unitName: u.unitName,
        overdueCount: u.overdueCount,
      })),
      recipients,
      rendered,
    };
  }

  /** Sends the circular previewed with `token` to every member unit's liaisons; 409 if it would differ from the preview. */
  async sendCircular(input: CircularInput & { token: string }): Promise<CircularSendReport> {
    const preview = await this.previewCircular(input);
    if (preview.token !== input.token) {
      throw new ConflictError(
        'PREVIEW_OUTDATED',
        'the circular differs from the preview (figures, wording or recipients changed); preview it again',
        { token: preview.token },
      );
    }
    if (preview.recipients.length === 0)
      throw new AppError(422, 'NO_RECIPIENTS', 'no member unit has a liaison with an e-mail address');
    const committee = await this.committees.resolve(input.committeeId);
    const messages: OutboxMessageInput[] = preview.recipients.map((r) => ({
      idempotencyKey: `circular:${preview.token}:${r.email.toLowerCase()}`,
      kind: 'circular',
      committeeId: committee.id,
      to: { email: r.email, name: r.name, locale: r.locale },
      ...preview.rendered[r.locale],
    }));
    const result = await this.outbox.enqueue(messages);
    return {
      token: preview.token,
      queued: result.queued,
      duplicates: result.duplicates,
      recipients: preview.recipients.length,
    };
  }
}
