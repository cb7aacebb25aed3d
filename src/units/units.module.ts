import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitteesModule } from '../committees/committees.module.js';
import { Unit } from './unit.entity.js';
import { UnitAlias } from './unit-alias.entity.js';
import { Liaison } from './liaison.entity.js';
import { UnitsService } from './units.service.js';
import { UnitsController } from './units.controller.js';
import { UnitReferencesRegistry } from './unit-references.registry.js';

@Module({
  imports: [TypeOrmModule.forFeature([Unit, UnitAlias, Liaison]), CommitteesModule],
  controllers: [UnitsController],
  providers: [UnitsService, UnitReferencesRegistry],
  exports: [UnitsService, UnitReferencesRegistry],
})
export class UnitsModule {}
