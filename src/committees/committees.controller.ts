import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/validation/id-param.pipe.js';
import { CommitteesService } from './committees.service.js';
import { CreateCommitteeDto, UpdateCommitteeDto } from './committee.dto.js';

@ApiTags('committees')
@Controller('committees')
export class CommitteesController {
  constructor(private readonly committees: CommitteesService) {}

  @Get() list() { return this.committees.list(); }
  @Get('default') default() { return this.committees.defaultCommittee(); }
  @Get(':id') get(@Param('id', IdParamPipe) id: number) { return this.committees.get(id); }
  @Post() create(@Body() dto: CreateCommitteeDto) { return this.committees.create(dto); }
  @Patch(':id') update(@Param('id', IdParamPipe) id: number, @Body() dto: UpdateCommitteeDto) { return this.committees.update(id, dto); }
}
