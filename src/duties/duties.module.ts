import { Module } from '@nestjs/common';
import { TaskDecisionHooks } from './lifecycle/task-decision-hooks.js';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { CommitteesModule } from '../committees/committees.module.js';
import { UnitsModule } from '../units/units.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { DutyRulesService } from './rules/duty-rules.service.js';
import { GenerateDutiesService } from './generate/generate-duties.service.js';
import { TaskQueryService } from './tasks/task-query.service.js';
import { TaskDetailService } from './tasks/task-detail.service.js';
import { TaskListAnnotations } from './tasks/task-annotations.js';
import { TaskLifecycleService } from './lifecycle/task-lifecycle.service.js';
import { TaskItemsService } from './progress/task-items.service.js';
import { AttachmentsService } from './progress/attachments.service.js';
import { TaskUnitReferences } from './task-unit-references.js';
import { DutyRemindersService } from './reminders/duty-reminders.service.js';
import { DutiesController } from './duties.controller.js';

/** Duties: per-plan rules → tasks with deadlines; their life cycle, progress, extensions and files. */
@Module({
  imports: [
    CommitteesModule,
    UnitsModule,
    PlansModule,
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      // Memory storage: the service hashes the bytes and stores them once under their sha256.
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.duties.attachments.maxMegabytes * 1024 * 1024, files: 1, fields: 10 },
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [DutiesController],
  providers: [
    DutyRulesService,
    GenerateDutiesService,
    TaskQueryService,
    TaskDetailService,
    TaskLifecycleService,
    TaskItemsService,
    AttachmentsService,
    TaskUnitReferences,
    DutyRemindersService,
    TaskDecisionHooks,
    TaskListAnnotations,
  ],
  exports: [
    TaskQueryService,
    GenerateDutiesService,
    DutyRulesService,
    DutyRemindersService,
    TaskDecisionHooks,
    TaskLifecycleService,
    TaskListAnnotations,
  ],
})
export class DutiesModule {}
