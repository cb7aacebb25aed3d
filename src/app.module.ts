import { Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
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
import { ReportsModule } from './reports/reports.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AccessModule } from './access/access.module.js';
import { AccountsModule } from './accounts/accounts.module.js';
import { AccountsService } from './accounts/accounts.service.js';
import { CalendarModule } from './calendar/calendar.module.js';

/** The service: one feature module per capability, over one database connection. */
@Module({})
export class AppModule implements OnApplicationBootstrap {
  constructor(private readonly accounts: AccountsService) {}

  /**
   * The first administrator, once every module has started: the root module's hook runs last, so
   * a first start on an empty database loads the demo (into its own committee) before this
   * creates the installation's committee and its administrator.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.accounts.ensureFirstAdmin();
  }

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        ClockModule,
        DatabaseModule,
        AuditModule,
        AccessModule,
        AccountsModule,
        CommitteesModule,
        UnitsModule,
        PlansModule,
        DutiesModule,
        SupervisionModule,
        HealthModule,
        DemoModule,
        NotificationsModule,
        CalendarModule,
        ReportsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
