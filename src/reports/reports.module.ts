import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClockModule } from '../common/time/clock.module.js';
import { DutiesModule } from '../duties/duties.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { SupervisionModule } from '../supervision/supervision.module.js';
import { UnitsModule } from '../units/units.module.js';
import { AnnualReportService } from './annual-report.service.js';
import { CircularReportService } from './circular-report.service.js';
import { NoticeReportService } from './notice-report.service.js';
import { NoticeNumbersService } from './notices/notice-numbers.service.js';
import { ReportNoticeNumber } from './notices/report-notice-number.entity.js';
import { ReportsController } from './reports.controller.js';

/** Documents (公文): 通报, 催办/督办通知书 and the annual report upward, as .docx (and .xlsx). */
@Module({
  imports: [
    TypeOrmModule.forFeature([ReportNoticeNumber]),
    ClockModule,
    DutiesModule,
    NotificationsModule,
    PlansModule,
    SupervisionModule,
    UnitsModule,
  ],
  controllers: [ReportsController],
  providers: [CircularReportService, NoticeReportService, AnnualReportService, NoticeNumbersService],
  exports: [CircularReportService, NoticeReportService, AnnualReportService],
})
export class ReportsModule {}
