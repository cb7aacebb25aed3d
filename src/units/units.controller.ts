import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/validation/id-param.pipe.js';
import { UnitsService } from './units.service.js';
import { AddAliasDto, CreateUnitDto, LiaisonDto, ListUnitsQueryDto, MergeUnitsDto, UpdateLiaisonDto, UpdateUnitDto } from './unit.dto.js';

@ApiTags('units')
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get() list(@Query() query: ListUnitsQueryDto) { return this.units.list(query); }
  @Get(':id') get(@Param('id', IdParamPipe) id: number) { return this.units.get(id); }
  @Post() create(@Body() dto: CreateUnitDto) { return this.units.create(dto); }
  @Patch(':id') update(@Param('id', IdParamPipe) id: number, @Body() dto: UpdateUnitDto) { return this.units.update(id, dto); }
  @Delete(':id') @HttpCode(204) async remove(@Param('id', IdParamPipe) id: number) { await this.units.remove(id); }

  /** Folds sourceUnitId into this unit, keeping every reference. */
  @Post(':id/merge') merge(@Param('id', IdParamPipe) id: number, @Body() dto: MergeUnitsDto) { return this.units.merge(id, dto.sourceUnitId); }

  @Post(':id/aliases') addAlias(@Param('id', IdParamPipe) id: number, @Body() dto: AddAliasDto) { return this.units.addAlias(id, dto.alias); }
  @Delete(':id/aliases/:aliasId') removeAlias(@Param('id', IdParamPipe) id: number, @Param('aliasId', IdParamPipe) aliasId: number) {
    return this.units.removeAlias(id, aliasId);
  }

  @Post(':id/liaisons') addLiaison(@Param('id', IdParamPipe) id: number, @Body() dto: LiaisonDto) { return this.units.addLiaison(id, dto); }
  @Patch(':id/liaisons/:liaisonId') updateLiaison(@Param('id', IdParamPipe) id: number, @Param('liaisonId', IdParamPipe) liaisonId: number, @Body() dto: UpdateLiaisonDto) {
    return this.units.updateLiaison(id, liaisonId, dto);
  }
  @Delete(':id/liaisons/:liaisonId') @HttpCode(204) async removeLiaison(@Param('id', IdParamPipe) id: number, @Param('liaisonId', IdParamPipe) liaisonId: number) {
    await this.units.removeLiaison(id, liaisonId);
  }
}
