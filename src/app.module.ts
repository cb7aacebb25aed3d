import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { AppConfig } from './config/app-config.js';
import { AppConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { CommitteesModule } from './committees/committees.module.js';
import { UnitsModule } from './units/units.module.js';
import { PlansModule } from './plans/plans.module.js';
import { HealthModule } from './health/health.module.js';
import { ClockModule } from './common/time/clock.module.js';
import { DutiesModule } from './duties/duties.module.js';
import { SupervisionModule } from './supervision/supervision.module.js';
import { DemoModule } from './demo/demo.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AccessModule } from './access/access.module.js';

/** The service: one feature module per capability, over one database connection. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [AppConfigModule.forRoot(config), ClockModule, DatabaseModule, AuditModule, AccessModule, CommitteesModule, UnitsModule, PlansModule, DutiesModule, SupervisionModule, HealthModule, DemoModule, NotificationsModule],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
