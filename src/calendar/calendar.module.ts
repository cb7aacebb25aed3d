import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DutiesModule } from '../duties/duties.module.js';
import { CalendarFeed } from './calendar-feed.entity.js';
import { CalendarService } from './calendar.service.js';
import { CalendarController } from './calendar.controller.js';

/** Deadline calendars (iCalendar feeds and exports). */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarFeed]), DutiesModule],
  controllers: [CalendarController],
  providers: [CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
