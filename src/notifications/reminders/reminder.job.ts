import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { CommitteesService } from '../../committees/committees.service.js';
import { addDays, zonedDateTime } from '../../common/time/calendar-date.util.js';
import { mailDriverKind } from '../mail/drivers/mail-driver.factory.js';
import { SchedulerService, type DailyJob, type DailySlotRun } from '../../scheduling/scheduler.service.js';
import type { DailySchedule } from '../../scheduling/daily-slots.js';
import type { SlotResult } from '../../scheduling/scheduler-slot.entity.js';
import { ReminderService } from './reminder.service.js';

/**
 * The reminders as a daily slot: at reminders.sendHour in the default committee's time zone, once
 * across instances. Each committee's "today" is its own local date at that moment (a committee
 * west or east of the default one may be a day apart).
 */
@Injectable()
export class ReminderJob implements DailyJob, OnModuleInit {
  readonly name = 'reminders';

  constructor(
    private readonly reminders: ReminderService,
    private readonly scheduler: SchedulerService,
    private readonly committees: CommitteesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.scheduler.register(this);
  }

  async schedule(): Promise<DailySchedule> {
    return { time: this.config.reminders.sendHour, timeZone: (await this.committees.defaultCommittee()).timeZone };
  }

  /** With the local mailbox nothing leaves the machine: a new installation shows its reminders at once. */
  firstRunAnyHour(): boolean {
    return mailDriverKind(this.config.mail) === 'local';
  }

  async run(slot: DailySlotRun): Promise<SlotResult> {
    // A new installation's first run looks back one repeat period, so every open overdue duty is
    // mentioned once (overdue reminders come every afterRepeatEveryDays days) instead of only those
    // whose turn happens to be today.
    const lookBackDays = this.config.reminders.afterRepeatEveryDays;
    const previousLocalDate = slot.previousLocalDate ?? addDays(slot.localDate, -lookBackDays);
    // The slots' nominal instants, not the tick's: consecutive runs then cover each committee's
    // local dates end to end, however late a slot ran (catch-up, take-over).
    const { time, timeZone } = await this.schedule();
    const at = {
      now: zonedDateTime(slot.localDate, time, timeZone),
      previous: slot.previousLocalDate ? zonedDateTime(slot.previousLocalDate, time, timeZone) : null,
      lookBackDays,
    };
    const report = await this.reminders.runTick(slot.localDate, { previousLocalDate, at });
    return {
      since: report.since,
      today: report.today,
      tasksReminded: report.tasksReminded,
      digests: report.digests,
      urgeNotices: report.urgeNotices,
      superviseNotices: report.superviseNotices,
      queued: report.queued,
      duplicates: report.duplicates,
    };
  }
}
