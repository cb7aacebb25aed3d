import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/validation/id-param.pipe.js';
import { UnitsService } from './units.service.js';
import { AddAliasDto, CreateUnitDto, LiaisonDto, ListUnitsQueryDto, MergeUnitsDto, UpdateLiaisonDto, UpdateUnitDto } from './unit.dto.js';
import { RequirePermission } from '../access/require-permission.decorator.js';

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @RequirePermission('units.read')
  @Get() list(@Query() query: ListUnitsQueryDto) { return this.units.list(query); }
  @RequirePermission('units.read')
  @Get(':id') get(@Param('id', IdParamPipe) id: number) { return this.units.get(id); }
  @RequirePermission('units.write')
  @Post() create(@Body() dto: CreateUnitDto) { return this.units.create(dto); }
  @RequirePermission('units.write')
  @Patch(':id') update(@Param('id', IdParamPipe) id: number, @Body() dto: UpdateUnitDto) { return this.units.update(id, dto); }
  @RequirePermission('units.write')
  @Delete(':id') @HttpCode(204) async remove(@Param('id', IdParamPipe) id: number) { await this.units.remove(id); }

  /** Folds sourceUnitId into this unit, keeping every reference. */
  @RequirePermission('units.write')
  @Post(':id/merge') merge(@Param('id', IdParamPipe) id: number, @Body() dto: MergeUnitsDto) { return this.units.merge(id, dto.sourceUnitId); }

  @RequirePermission('units.write')
  @Post(':id/aliases') addAlias(@Param('id', IdParamPipe) id: number, @Body() dto: AddAliasDto) { return this.units.addAlias(id, dto.alias); }
  @RequirePermission('units.write')
  @Delete(':id/aliases/:aliasId') removeAlias(@Param('id', IdParamPipe) id: number, @Param('aliasId', IdParamPipe) aliasId: number) {
    return this.units.removeAlias(id, aliasId);
  }

  @RequirePermission('units.write')
  @Post(':id/liaisons') addLiaison(@Param('id', IdParamPipe) id: number, @Body() dto: LiaisonDto) { return this.units.addLiaison(id, dto); }
  @RequirePermission('units.write')
  @Patch(':id/liaisons/:liaisonId') updateLiaison(@Param('id', IdParamPipe) id: number, @Param('liaisonId', IdParamPipe) liaisonId: number, @Body() dto: UpdateLiaisonDto) {
    return this.units.updateLiaison(id, liaisonId, dto);
  }
  @RequirePermission('units.write')
  @Delete(':id/liaisons/:liaisonId') @HttpCode(204) async removeLiaison(@Param('id', IdParamPipe) id: number, @Param('liaisonId', IdParamPipe) liaisonId: number) {
    await this.units.removeLiaison(id, liaisonId);
  }
}
