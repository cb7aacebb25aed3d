import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '../common/time/clock.js';
import { localDateOf } from '../common/time/calendar-date.util.js';
import { BadRequestError } from '../common/errors/app-error.js';
import { CommitteesService } from '../committees/committees.service.js';
import { OfficeActionsService } from './reminders/office-actions.service.js';
import { ReminderService } from './reminders/reminder.service.js';
import { CircularDto, RunRemindersDto, SendCircularDto, UrgeNowDto } from './notifications.dto.js';
import { RequirePermission } from '../access/require-permission.decorator.js';

/** The office's notification actions: urge now (催办), circulate a notice (通报), run the reminders by hand. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly office: OfficeActionsService,
    private readonly reminders: ReminderService,
    private readonly committees: CommitteesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @RequirePermission('notices.send')
  @Post('urge')
  @ApiOperation({ summary: 'urge chosen tasks or units now, with a message (one notice per unit and recipient)' })
  urge(@Body() dto: UrgeNowDto) {
    return this.office.urgeNow(dto);
  }

  @RequirePermission('notices.send')
  @Post('circulars/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'render a circular (通报) naming the late units, from the supervision figures; nothing is sent' })
  previewCircular(@Body() dto: CircularDto) {
    return this.office.previewCircular(dto);
  }

  @RequirePermission('notices.send')
  @Post('circulars')
  @ApiOperation({ summary: 'send the previewed circular to every member unit (409 if it no longer matches the preview)' })
  sendCircular(@Body() dto: SendCircularDto) {
    return this.office.sendCircular(dto);
  }

  @RequirePermission('notices.send')
  @Post('reminders/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'run the daily reminders now (idempotent: what was queued already is not queued again)' })
  async runReminders(@Body() dto: RunRemindersDto) {
    const committee = await this.committees.defaultCommittee();
    const today = dto.date ?? localDateOf(this.clock.now(), committee.timeZone);
    if (dto.since && dto.since >= today) throw new BadRequestError('VALIDATION_FAILED', 'since must be before the day run');
    return this.reminders.runTick(today, { previousLocalDate: dto.since ?? null, dryRun: dto.dryRun ?? false });
  }
}
