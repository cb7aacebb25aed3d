import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module.js';
import { CommitteesModule } from '../committees/committees.module.js';
import { RollupService } from './rollup/rollup.service.js';
import { PlansModule } from '../plans/plans.module.js';
import { DutiesModule } from '../duties/duties.module.js';
import { RatesService } from './rates/rates.service.js';
import { SupervisionService } from './supervision.service.js';
import { LedgerService } from './ledger/ledger.service.js';
import { CircularFiguresService } from './circulars/circular-figures.service.js';
import { SupervisionController } from './supervision.controller.js';
import { DashboardChartsService } from './charts/dashboard-charts.service.js';

/** Supervision (督办): statuses, rates, ranking, goal view, indicator status, ledger export. */
@Module({
  imports: [CommitteesModule, UnitsModule, PlansModule, DutiesModule],
  controllers: [SupervisionController],
  providers: [
    RatesService,
    SupervisionService,
    LedgerService,
    RollupService,
    CircularFiguresService,
    DashboardChartsService,
  ],
  exports: [RatesService, SupervisionService, LedgerService, RollupService, CircularFiguresService],
})
export class SupervisionModule {}
