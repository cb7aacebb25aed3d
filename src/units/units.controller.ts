import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/validation/id-param.pipe.js';
import type { Page } from '../common/pagination/list-query.dto.js';
import { UnitsService, type UnitListItem } from './units.service.js';
import {
  AddAliasDto,
  CreateUnitDto,
  LiaisonDto,
  ListUnitsQueryDto,
  MergeUnitsDto,
  UpdateLiaisonDto,
  UpdateUnitDto,
} from './unit.dto.js';
import { RequirePermission } from '../access/require-permission.decorator.js';
import {
  assertSameCommittee,
  canSeeUnit,
  committeeOf,
  CurrentActor,
  type Access,
  type Actor,
} from '../access/actor.js';
import { NotFoundError } from '../common/errors/app-error.js';

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  /** The unit as the actor may see it: another committee's, or (for a liaison) another unit's, does not exist. */
  private async visible(id: number, actor: Actor, access: Access = 'write') {
    const unit = await this.units.get(id);
    if (!canSeeUnit(actor, id)) throw new NotFoundError('Unit', id);
    assertSameCommittee(actor, unit.committeeId, 'Unit', id, access);
    return unit;
  }

  @RequirePermission('units.read')
  @Get()
  async list(@Query() query: ListUnitsQueryDto, @CurrentActor() actor: Actor): Promise<Page<UnitListItem>> {
    // A liaison's register holds its own unit (get loads its aliases and liaisons too).
    if (actor.role === 'unit') {
      const own = (await this.units.get(actor.unitId!)) as UnitListItem;
      return { items: [own], total: 1, page: 1, pageSize: query.pageSize ?? 50 };
    }
    return this.units.list({ ...query, committeeId: committeeOf(actor, query.committeeId, 'read') });
  }
  @RequirePermission('units.read')
  @Get(':id')
  get(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    return this.visible(id, actor, 'read');
  }
  @RequirePermission('units.write')
  @Post()
  create(@Body() dto: CreateUnitDto, @CurrentActor() actor: Actor) {
    return this.units.create({ ...dto, committeeId: committeeOf(actor, dto.committeeId) });
  }
  @RequirePermission('units.write')
  @Patch(':id')
  async update(@Param('id', IdParamPipe) id: number, @Body() dto: UpdateUnitDto, @CurrentActor() actor: Actor) {
    await this.visible(id, actor);
    return this.units.update(id, dto);
  }
  @RequirePermission('units.write')
  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    await this.visible(id, actor);
    await this.units.remove(id);
  }

  /** Folds sourceUnitId into this unit, keeping every reference. */
  @RequirePermission('units.write')
  @Post(':id/merge')
  async merge(@Param('id', IdParamPipe) id: number, @Body() dto: MergeUnitsDto, @CurrentActor() actor: Actor) {
    // A merge into itself is refused as such (400) before anything is looked up.
    if (id !== dto.sourceUnitId) {
      await this.visible(id, actor);
      await this.visible(dto.sourceUnitId, actor);
    }
    return this.units.merge(id, dto.sourceUnitId, actor.name);
  }

  @RequirePermission('units.write')
  @Post(':id/aliases')
  async addAlias(@Param('id', IdParamPipe) id: number, @Body() dto: AddAliasDto, @CurrentActor() actor: Actor) {
    await this.visible(id, actor);
    return this.units.addAlias(id, dto.alias);
  }
  @RequirePermission('units.write')
  @Delete(':id/aliases/:aliasId')
  async removeAlias(
    @Param('id', IdParamPipe) id: number,
    @Param('aliasId', IdParamPipe) aliasId: number,
    @CurrentActor() actor: Actor,
  ) {
    await this.visible(id, actor);
    return this.units.removeAlias(id, aliasId);
  }

  @RequirePermission('units.write')
  @Post(':id/liaisons')
  async addLiaison(@Param('id', IdParamPipe) id: number, @Body() dto: LiaisonDto, @CurrentActor() actor: Actor) {
    await this.visible(id, actor);
    return this.units.addLiaison(id, dto);
  }
  @RequirePermission('units.write')
  @Patch(':id/liaisons/:liaisonId')
  async updateLiaison(
    @Param('id', IdParamPipe) id: number,
    @Param('liaisonId', IdParamPipe) liaisonId: number,
    @Body() dto: UpdateLiaisonDto,
    @CurrentActor() actor: Actor,
  ) {
    await this.visible(id, actor);
    return this.units.updateLiaison(id, liaisonId, dto);
  }
  @RequirePermission('units.write')
  @Delete(':id/liaisons/:liaisonId')
  @HttpCode(204)
  async removeLiaison(
    @Param('id', IdParamPipe) id: number,
    @Param('liaisonId', IdParamPipe) liaisonId: number,
    @CurrentActor() actor: Actor,
  ) {
    await this.visible(id, actor);
    await this.units.removeLiaison(id, liaisonId);
  }
}
