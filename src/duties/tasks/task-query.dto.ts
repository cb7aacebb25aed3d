import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, Validate } from 'class-validator';
import { ListQueryDto } from '../../common/pagination/list-query.dto.js';
import { IsCalendarDate } from '../../common/validation/validators.js';
import { DUTY_KINDS, type DutyKind } from '../domain/duty-kind.js';
import { TASK_STATES, type TaskState } from '../domain/task-lifecycle.js';
import { ESCALATION_FILTERS, type EscalationFilter } from './task-annotations.js';
import { TASK_STATUSES, TRAFFIC_LIGHTS, type TaskStatus, type TrafficLight } from '../domain/task-status.js';
const STATE_FILTERS = [...TASK_STATES, 'open'] as const;

/**
 * The filters every task-derived list takes (tasks, ledger and its export, rates, ranking, the
 * dashboard, extension requests). A unit actor's requests are further restricted to its own rows.
 */
export class TaskScopeDto extends ListQueryDto {
  @ApiPropertyOptional({ description: "defaults to the installation's committee" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  committeeId?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  planId?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  unitId?: number;
  @ApiPropertyOptional({ enum: DUTY_KINDS })
  @IsOptional()
  @IsIn(DUTY_KINDS)
  kind?: DutyKind;
  @ApiPropertyOptional({ description: 'the plan year a duty is about (once-only duties: the year they fall due)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1949)
  @Max(2200)
  year?: number;
  @ApiPropertyOptional({
    enum: STATE_FILTERS,
    description: "life-cycle state; 'open' = not accepted and not cancelled",
  })
  @IsOptional()
  @IsIn(STATE_FILTERS)
  state?: TaskState | 'open';
  @ApiPropertyOptional({
    enum: TASK_STATUSES,
    description: 'supervision status from the due date, the state and the clock',
  })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: TaskStatus;
  @ApiPropertyOptional({ enum: TRAFFIC_LIGHTS })
  @IsOptional()
  @IsIn(TRAFFIC_LIGHTS)
  light?: TrafficLight;
  @ApiPropertyOptional({ example: '2025-01-01' })
  @IsOptional()
  @Validate(IsCalendarDate)
  dueFrom?: string;
  @ApiPropertyOptional({ example: '2025-12-31' })
  @IsOptional()
  @Validate(IsCalendarDate)
  dueTo?: string;
  @ApiPropertyOptional({ description: 'part of the title' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}

/**
 * The task lists that can also filter by the escalation step reached (tasks and the ledger); the
 * aggregates take TaskScopeDto, so `?escalation=` there is refused, not silently ignored.
 */
export class TaskFilterDto extends TaskScopeDto {
  @ApiPropertyOptional({
    enum: ESCALATION_FILTERS,
    description:
      "highest escalation step actually taken for the current due date: 'none', 'urge' (催办, no 督办 yet), 'supervise' (督办); withdrawn steps do not count",
  })
  @IsOptional()
  @IsIn(ESCALATION_FILTERS)
  escalation?: EscalationFilter;
}
