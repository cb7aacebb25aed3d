import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { CommitteesService } from '../../committees/committees.service.js';
import { uniqueViolation } from '../../database/db-errors.util.js';
import { SchedulerService, type DailyJob, type DailySlotRun } from '../../scheduling/scheduler.service.js';
import type { DailySchedule } from '../../scheduling/daily-slots.js';
import type { SlotResult } from '../../scheduling/scheduler-slot.entity.js';
import { ReminderService } from './reminder.service.js';

/** The reminders as a daily slot: at reminders.sendHour in the committee's time zone, once across instances. */
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
    return { time: this.config.reminders.sendHour, timeZone: (await this.defaultCommittee()).timeZone };
  }

  /** The first tick of two new instances may both create the default committee: the loser reads the winner's. */
  private async defaultCommittee() {
    try {
      return await this.committees.defaultCommittee();
    } catch (error) {
      if (!uniqueViolation(error)) throw error;
      return this.committees.defaultCommittee();
    }
  }

  async run(slot: DailySlotRun): Promise<SlotResult> {
    const report = await this.reminders.runTick(slot.localDate, { previousLocalDate: slot.previousLocalDate });
    return {
      since: report.since, today: report.today, tasksReminded: report.tasksReminded, digests: report.digests,
      urgeNotices: report.urgeNotices, superviseNotices: report.superviseNotices, queued: report.queued, duplicates: report.duplicates,
    };
  }
}
