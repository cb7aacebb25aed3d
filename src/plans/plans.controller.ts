import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParamPipe } from '../common/validation/id-param.pipe.js';
import { PlansService } from './plans.service.js';
import {
  AreaInputDto,
  CreateAssignmentDto,
  CreatePlanDto,
  GoalInputDto,
  ListAssignmentsQueryDto,
  ListPlansQueryDto,
  MeasureInputDto,
  UpdateAreaDto,
  UpdateItemDto,
  UpdatePlanDto,
} from './plan.dto.js';
import { RequirePermission } from '../access/require-permission.decorator.js';
import { assertSameCommittee, committeeOf, CurrentActor, type Access, type Actor } from '../access/actor.js';
import { CachedRead } from '../access/read-cache.js';

@ApiTags('plans')
@Controller()
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @RequirePermission('plans.read')
  @Get('plans')
  list(@Query() query: ListPlansQueryDto, @CurrentActor() actor: Actor) {
    return this.plans.list({ ...query, committeeId: committeeOf(actor, query.committeeId, 'read') });
  }
  @RequirePermission('plans.read')
  @CachedRead()
  @Get('plans/:id')
  async get(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    const plan = await this.plans.getTree(id);
    assertSameCommittee(actor, plan.committeeId, 'Plan', id, 'read');
    return plan;
  }
  @RequirePermission('plans.write')
  @Post('plans')
  create(@Body() dto: CreatePlanDto, @CurrentActor() actor: Actor) {
    return this.plans.create({ ...dto, committeeId: committeeOf(actor, dto.committeeId) });
  }
  @RequirePermission('plans.write')
  @Patch('plans/:id')
  async update(@Param('id', IdParamPipe) id: number, @Body() dto: UpdatePlanDto, @CurrentActor() actor: Actor) {
    await this.mayTouch(actor, 'Plan', id);
    return this.plans.update(id, dto);
  }
  @RequirePermission('plans.write')
  @Delete('plans/:id')
  @HttpCode(204)
  async remove(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    await this.mayTouch(actor, 'Plan', id);
    await this.plans.remove(id);
  }

  @RequirePermission('plans.write')
  @Post('plans/:id/areas')
  async addArea(@Param('id', IdParamPipe) id: number, @Body() dto: AreaInputDto, @CurrentActor() actor: Actor) {
    await this.mayTouch(actor, 'Plan', id);
    return this.plans.addArea(id, dto);
  }
  @RequirePermission('plans.write')
  @Patch('areas/:id')
  async updateArea(@Param('id', IdParamPipe) id: number, @Body() dto: UpdateAreaDto, @CurrentActor() actor: Actor) {
    await this.mayTouch(actor, 'Area', id);
    return this.plans.updateArea(id, dto);
  }
  @RequirePermission('plans.write')
  @Delete('areas/:id')
  @HttpCode(204)
  async removeArea(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    await this.mayTouch(actor, 'Area', id);
    await this.plans.removeArea(id);
  }

  @RequirePermission('plans.write')
  @Post('areas/:id/goals')
  async addGoal(@Param('id', IdParamPipe) id: number, @Body() dto: GoalInputDto, @CurrentActor() actor: Actor) {
    await this.mayTouch(actor, 'Area', id);
    return this.plans.addGoal(id, dto);
  }
  @RequirePermission('plans.read')
  @Get('goals/:id')
  async getGoal(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    await this.mayTouch(actor, 'Goal', id, 'read');
    return this.plans.getGoal(id);
  }
  @RequirePermission('plans.write')
  @Patch('goals/:id')
  async updateGoal(@Param('id', IdParamPipe) id: number, @Body() dto: UpdateItemDto, @CurrentActor() actor: Actor) {
    await this.mayTouch(actor, 'Goal', id);
    return this.plans.updateGoal(id, dto);
  }
  @RequirePermission('plans.write')
  @Delete('goals/:id')
  @HttpCode(204)
  async removeGoal(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    await this.mayTouch(actor, 'Goal', id);
    await this.plans.removeGoal(id);
  }

  @RequirePermission('plans.write')
  @Post('areas/:id/measures')
  async addMeasure(@Param('id', IdParamPipe) id: number, @Body() dto: MeasureInputDto, @CurrentActor() actor: Actor) {
    await this.mayTouch(actor, 'Area', id);
    return this.plans.addMeasure(id, dto);
  }
  @RequirePermission('plans.write')
  @Patch('measures/:id')
  async updateMeasure(@Param('id', IdParamPipe) id: number, @Body() dto: UpdateItemDto, @CurrentActor() actor: Actor) {
    await this.mayTouch(actor, 'Measure', id);
    return this.plans.updateMeasure(id, dto);
  }
  @RequirePermission('plans.write')
  @Delete('measures/:id')
  @HttpCode(204)
  async removeMeasure(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    await this.mayTouch(actor, 'Measure', id);
    await this.plans.removeMeasure(id);
  }

  @RequirePermission('plans.read')
  @Get('plans/:id/assignments')
  async assignments(
    @Param('id', IdParamPipe) id: number,
    @Query() query: ListAssignmentsQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    await this.mayTouch(actor, 'Plan', id, 'read');
    return this.plans.listAssignments(id, query);
  }
  @RequirePermission('plans.write')
  @Post('assignments')
  addAssignment(@Body() dto: CreateAssignmentDto, @CurrentActor() actor: Actor) {
    // Another committee's goal or measure is not found (an office above may read it, not change it).
    return this.plans.addAssignment(dto, (committeeId) =>
      assertSameCommittee(actor, committeeId, dto.goalId ? 'Goal' : 'Measure', (dto.goalId ?? dto.measureId)!),
    );
  }
  @RequirePermission('plans.write')
  @Delete('assignments/:id')
  @HttpCode(204)
  async removeAssignment(@Param('id', IdParamPipe) id: number, @CurrentActor() actor: Actor) {
    await this.plans.removeAssignment(id, (committeeId) => assertSameCommittee(actor, committeeId, 'Assignment', id));
  }

  /** Another committee's plan parts answer 404; a lower committee's may be read, not changed (403). */
  private async mayTouch(
    actor: Actor,
    kind: 'Plan' | 'Area' | 'Goal' | 'Measure',
    id: number,
    access: Access = 'write',
  ): Promise<void> {
    assertSameCommittee(actor, await this.plans.committeeOfPart(kind, id), kind, id, access);
  }
}
