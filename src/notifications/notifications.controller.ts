import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { localDateOf } from '../common/time/calendar-date.util.js';
import { BadRequestError } from '../common/errors/app-error.js';
import { CommitteesService } from '../committees/committees.service.js';
import { OfficeActionsService } from './reminders/office-actions.service.js';
import { ReminderService } from './reminders/reminder.service.js';
import { RequirePermission } from '../access/require-permission.decorator.js';
import { committeeOf, CurrentActor, type Actor } from '../access/actor.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { officeEmailOf } from './reminders/office-email.js';
import {
  CircularDto,
  WarningsQueryDto,
  RunRemindersDto,
  SendCircularDto,
  UrgeNowDto,
  type NoticeWarnings,
} from './notifications.dto.js';

/** The office's notification actions: urge now (催办), circulate a notice (通报), run the reminders by hand. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly office: OfficeActionsService,
    private readonly reminders: ReminderService,
    private readonly committees: CommitteesService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('warnings')
  @RequirePermission('notices.send')
  @ApiOperation({
    summary:
      'what keeps the notices from being complete, for the office (e.g. no office address: 督办 copies and the review digest cannot be sent)',
  })
  async warnings(@Query() query: WarningsQueryDto, @CurrentActor() actor: Actor): Promise<NoticeWarnings> {
    const committee = await this.committees.resolve(committeeOf(actor, query.committeeId, 'read'));
    const warnings: NoticeWarnings['warnings'] = [];
    if (!officeEmailOf(committee, this.config)) {
      warnings.push({
        code: 'OFFICE_EMAIL_MISSING',
        message:
          '未设置办公室邮箱：督办通知不会抄送办公室，待审核提交的每日汇总也无法发送。请在委员会设置中填写办公室邮箱（officeEmail）。',
        en: "No office e-mail address is set: supervision notices are not copied to the office and the daily digest of submissions waiting for review cannot be sent. Set the committee's officeEmail.",
      });
    }
    return { committeeId: committee.id, officeEmail: officeEmailOf(committee, this.config), warnings };
  }

  @RequirePermission('notices.send')
  @Post('urge')
  @ApiOperation({ summary: 'urge chosen tasks or units now, with a message (one notice per unit and recipient)' })
  urge(@Body() dto: UrgeNowDto, @CurrentActor() actor: Actor) {
    return this.office.urgeNow({ ...dto, committeeId: committeeOf(actor, dto.committeeId) });
  }

  @RequirePermission('notices.send')
  @Post('circulars/preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'render a circular (通报) naming the late units, from the supervision figures; nothing is sent',
  })
  previewCircular(@Body() dto: CircularDto, @CurrentActor() actor: Actor) {
    return this.office.previewCircular({ ...dto, committeeId: committeeOf(actor, dto.committeeId) });
  }

  @RequirePermission('notices.send')
  @Post('circulars')
  @ApiOperation({
    summary: 'send the previewed circular to every member unit (409 if it no longer matches the preview)',
  })
  sendCircular(@Body() dto: SendCircularDto, @CurrentActor() actor: Actor) {
    return this.office.sendCircular({ ...dto, committeeId: committeeOf(actor, dto.committeeId) });
  }

  @RequirePermission('notices.send')
  @Post('reminders/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'run the daily reminders now (idempotent: what was queued already is not queued again)' })
  async runReminders(@Body() dto: RunRemindersDto, @CurrentActor() actor: Actor) {
    const committee = await this.committees.resolve(committeeOf(actor));
    const today = dto.date ?? localDateOf(this.clock.now(), committee.timeZone);
    if (dto.since && dto.since >= today)
      throw new BadRequestError('VALIDATION_FAILED', 'since must be before the day run');
    // An office runs its own committee's reminders (by its own date), never another committee's.
    return this.reminders.runTick(today, {
      previousLocalDate: dto.since ?? null,
      dryRun: dto.dryRun ?? false,
      committeeIds: actor.committeeId === null ? undefined : [committee.id],
    });
  }
}
