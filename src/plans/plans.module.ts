import { Module } from '@nestjs/common';
import { CommitteesModule } from '../committees/committees.module.js';
import { UnitsModule } from '../units/units.module.js';
import { PlansService } from './plans.service.js';
import { PlansController } from './plans.controller.js';
import { PlanImportService } from './import/plan-import.service.js';
import { PlanImportController } from './import/plan-import.controller.js';
import { TaskDivisionService } from './task-division/task-division.service.js';
import { TaskDivisionController } from './task-division/task-division.controller.js';

@Module({
  imports: [CommitteesModule, UnitsModule],
  controllers: [PlansController, PlanImportController, TaskDivisionController],
  providers: [PlansService, PlanImportService, TaskDivisionService],
  exports: [PlansService, PlanImportService, TaskDivisionService],
})
export class PlansModule {}
