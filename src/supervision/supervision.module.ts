import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { DutiesModule } from '../duties/duties.module.js';
import { RatesService } from './rates/rates.service.js';
import { SupervisionService } from './supervision.service.js';
import { LedgerService } from './ledger/ledger.service.js';
import { CircularFiguresService } from './circulars/circular-figures.service.js';
import { SupervisionController } from './supervision.controller.js';

/** Supervision (督办): statuses, rates, ranking, goal view, indicator status, ledger export. */
@Module({
  imports: [UnitsModule, PlansModule, DutiesModule],
  controllers: [SupervisionController],
  providers: [RatesService, SupervisionService, LedgerService, CircularFiguresService],
  exports: [RatesService, SupervisionService, LedgerService, CircularFiguresService],
})
export class SupervisionModule {}
