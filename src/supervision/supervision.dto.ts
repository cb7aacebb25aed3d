import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { TaskFilterDto, TaskScopeDto } from '../duties/tasks/task-query.dto.js';
import { DUTY_KINDS, type DutyKind } from '../duties/domain/duty-kind.js';
import type { RateGroupBy } from './domain/rates.js';

export const RATE_GROUPS: RateGroupBy[] = ['unit', 'plan', 'area', 'kind'];

export class RatesQueryDto extends TaskScopeDto {
  @ApiPropertyOptional({ enum: RATE_GROUPS, default: 'unit' })
  @IsOptional()
  @IsIn(RATE_GROUPS)
  groupBy?: RateGroupBy;
}

export class LedgerExportQueryDto extends TaskFilterDto {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';
  @ApiPropertyOptional({ enum: ['zh-CN', 'en'], default: 'zh-CN', description: 'language of headers and labels' })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  lang?: 'zh-CN' | 'en';
}

export class PlanYearQueryDto {
  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  planId: number;
  @ApiProperty({ example: 2024 })
  @Type(() => Number)
  @IsInt()
  @Min(1949)
  @Max(2200)
  year: number;
}

export class GoalViewQueryDto extends PlanYearQueryDto {
  @ApiPropertyOptional({
    enum: DUTY_KINDS,
    default: 'annual_report',
    description: 'whose items to show: the annual report by default',
  })
  @IsOptional()
  @IsIn(DUTY_KINDS)
  kind?: DutyKind;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  unitId?: number;
}

/** The committees below: optionally one plan year and one kind of duty. */
export class RollupQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1949)
  @Max(2200)
  year?: number;
  @ApiPropertyOptional({ enum: DUTY_KINDS })
  @IsOptional()
  @IsIn(DUTY_KINDS)
  kind?: DutyKind;
}

export class RollupExportQueryDto extends RollupQueryDto {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';
  @ApiPropertyOptional({ enum: ['zh-CN', 'en'], default: 'zh-CN' })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  lang?: 'zh-CN' | 'en';
}

/** The smallest and largest chart the server draws, in CSS pixels: bounded work per request. */
export const CHART_PX = { min: 80, max: 4000 } as const;

/** An optional chart width in CSS pixels, within CHART_PX. */
function ChartWidth() {
  return applyDecorators(
    ApiPropertyOptional({ minimum: CHART_PX.min, maximum: CHART_PX.max }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(CHART_PX.min),
    Max(CHART_PX.max),
  );
}

/**
 * The dashboard's charts at the widths the page laid them out (their heights follow from what they
 * show); a chart without a width is not drawn.
 */
export class DashboardChartsQueryDto extends TaskScopeDto {
  @ChartWidth()
  statusWidth?: number;
  @ChartWidth()
  rankingWidth?: number;
}
