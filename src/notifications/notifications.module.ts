import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ClockModule } from '../common/time/clock.module.js';
import { CommitteesModule } from '../committees/committees.module.js';
import { UnitsModule } from '../units/units.module.js';
import { SchedulingModule } from '../scheduling/scheduling.module.js';
import { DutiesModule } from '../duties/duties.module.js';
import { SupervisionModule } from '../supervision/supervision.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { MAIL_DRIVER } from './mail/drivers/mail-driver.js';
import { createMailDriver } from './mail/drivers/mail-driver.factory.js';
import { MailController } from './mail/mail.controller.js';
import { MailOutbox } from './outbox/mail-outbox.entity.js';
import { OutboxService } from './outbox/outbox.service.js';
import { OutboxStore } from './outbox/outbox.store.js';
import { OutboxSender } from './outbox/outbox-sender.js';
import { PreSendChecks } from './outbox/pre-send-check.js';
import { MailSenderTask } from './outbox/mail-sender.task.js';
import { ReminderService } from './reminders/reminder.service.js';
import { ReminderJob } from './reminders/reminder.job.js';
import { ReminderPreSendCheck } from './reminders/reminder-pre-send.check.js';
import { OfficeActionsService } from './reminders/office-actions.service.js';
import { NotificationsController } from './notifications.controller.js';
import { TaskEscalation } from './escalation/task-escalation.entity.js';
import { EscalationStore } from './escalation/escalation.store.js';
import { EscalationAnnotations } from './escalation/escalation-annotations.js';
import { DecisionNoticesService } from './decisions/decision-notices.service.js';

/**
 * Reminders, urging and escalation by e-mail: the daily reminder slot, the office's actions, the
 * transactional outbox and its sender, and the mail drivers (SMTP or the local mailbox).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([MailOutbox, TaskEscalation]),
    ClockModule,
    SchedulingModule,
    CommitteesModule,
    UnitsModule,
    PlansModule,
    DutiesModule,
    SupervisionModule,
  ],
  controllers: [MailController, NotificationsController],
  providers: [
    { provide: MAIL_DRIVER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createMailDriver(config.mail) },
    OutboxService,
    OutboxStore,
    OutboxSender,
    PreSendChecks,
    MailSenderTask,
    ReminderService,
    ReminderJob,
    ReminderPreSendCheck,
    OfficeActionsService,
    EscalationStore,
    EscalationAnnotations,
    DecisionNoticesService,
  ],
  exports: [OutboxService, OutboxSender, PreSendChecks, ReminderService, OfficeActionsService, EscalationStore],
})
export class NotificationsModule {}
