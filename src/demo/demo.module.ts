import { Module } from '@nestjs/common';
import { CommitteesModule } from '../committees/committees.module.js';
import { UnitsModule } from '../units/units.module.js';
import { PlansModule } from '../plans/plans.module.js';
import { DutiesModule } from '../duties/duties.module.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({ imports: [CommitteesModule, UnitsModule, PlansModule, DutiesModule, AccountsModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
