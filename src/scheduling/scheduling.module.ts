import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClockModule } from '../common/time/clock.module.js';
import { SchedulerSlot } from './scheduler-slot.entity.js';
import { SlotClaimsService } from './slot-claims.service.js';
import { SchedulerService } from './scheduler.service.js';
import { INSTANCE_ID, newInstanceId } from './instance-id.js';

/** Daily slots claimed once across instances, and per-instance recurring work, on @nestjs/schedule timers. */
@Module({
  imports: [TypeOrmModule.forFeature([SchedulerSlot]), ScheduleModule.forRoot(), ClockModule],
  providers: [SlotClaimsService, SchedulerService, { provide: INSTANCE_ID, useFactory: newInstanceId }],
  exports: [SlotClaimsService, SchedulerService, INSTANCE_ID],
})
export class SchedulingModule {}
