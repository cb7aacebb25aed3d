import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/validation/id-param.pipe.js';
import { CommitteesService } from './committees.service.js';
import { CreateCommitteeDto, UpdateCommitteeDto } from './committee.dto.js';
import { RequirePermission } from '../access/require-permission.decorator.js';
import { assertOwnCommittee, CurrentActor, type Actor } from '../access/actor.js';

@ApiTags('committees')
@Controller('committees')
export class CommitteesController {
  constructor(private readonly committees: CommitteesService) {}

  @RequirePermission('committees.read')
  @Get()
  list() {
    return this.committees.list();
  }
  @RequirePermission('committees.read')
  @Get('default')
  default() {
    return this.committees.defaultCommittee();
  }
  @RequirePermission('committees.read')
  @Get(':id')
  get(@Param('id', IdParamPipe) id: number) {
    return this.committees.get(id);
  }
  @RequirePermission('committees.write')
  @Post()
  create(@Body() dto: CreateCommitteeDto) {
    return this.committees.create(dto);
  }
  @RequirePermission('committees.write')
  @Patch(':id')
  update(@Param('id', IdParamPipe) id: number, @Body() dto: UpdateCommitteeDto, @CurrentActor() actor: Actor) {
    assertOwnCommittee(actor, id);
    return this.committees.update(id, dto);
  }
}
