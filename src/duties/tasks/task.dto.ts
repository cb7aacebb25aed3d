import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Length, Max, Min, Validate, ValidateIf, ValidateNested,
} from 'class-validator';
import { ListQueryDto } from '../../common/pagination/list-query.dto.js';
import { IsCalendarDate } from '../../common/validation/validators.js';
import { DUTY_KINDS, type DutyKind } from '../domain/duty-kind.js';
import { ITEM_PROGRESS, TASK_ACTIONS, TASK_STATES, type ItemProgress, type TaskAction, type TaskState } from '../domain/task-lifecycle.js';
import type { TaskStatus, TrafficLight } from '../domain/task-status.js';
import { INDICATOR_ASSESSMENTS, type IndicatorAssessment } from '../domain/indicator-value.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const TASK_STATUSES: TaskStatus[] = ['not_due', 'due_soon', 'overdue', 'done_on_time', 'done_late', 'cancelled'];
export const TRAFFIC_LIGHTS: TrafficLight[] = ['green', 'yellow', 'red', 'grey'];
const STATE_FILTERS = [...TASK_STATES, 'open'] as const;

/**
 * The filters every task-derived list takes (tasks, ledger and its export, rates, ranking,
 * extension requests). A unit actor's requests are further restricted to its own rows.
 */
export class TaskFilterDto extends ListQueryDto {
  @ApiPropertyOptional({ description: "defaults to the installation's committee" }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) committeeId?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) planId?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) unitId?: number;
  @ApiPropertyOptional({ enum: DUTY_KINDS }) @IsOptional() @IsIn(DUTY_KINDS) kind?: DutyKind;
  @ApiPropertyOptional({ description: 'the plan year a duty is about (once-only duties: the year they fall due)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1949) @Max(2200) year?: number;
  @ApiPropertyOptional({ enum: STATE_FILTERS, description: "life-cycle state; 'open' = not accepted and not cancelled" })
  @IsOptional() @IsIn(STATE_FILTERS) state?: TaskState | 'open';
  @ApiPropertyOptional({ enum: TASK_STATUSES, description: 'supervision status from the due date, the state and the clock' })
  @IsOptional() @IsIn(TASK_STATUSES) status?: TaskStatus;
  @ApiPropertyOptional({ enum: TRAFFIC_LIGHTS }) @IsOptional() @IsIn(TRAFFIC_LIGHTS) light?: TrafficLight;
  @ApiPropertyOptional({ example: '2025-01-01' }) @IsOptional() @Validate(IsCalendarDate) dueFrom?: string;
  @ApiPropertyOptional({ example: '2025-12-31' }) @IsOptional() @Validate(IsCalendarDate) dueTo?: string;
  @ApiPropertyOptional({ description: 'part of the title' }) @IsOptional() @IsString() @Length(1, 200) q?: string;
}

export class TaskActionDto {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ description: 'required to return (退回), cancel or reopen' }) @IsOptional() @IsString() @Length(0, 2000) reason?: string;
}

export class TaskActionParams {
  @IsIn(TASK_ACTIONS) action: TaskAction;
}

export class CreateAdHocTaskDto {
  @ApiProperty() @IsInt() @Min(1) unitId: number;
  @ApiProperty({ example: '督导检查发现问题整改' }) @Transform(trim) @IsString() @Length(1, 300) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 5000) description?: string;
  @ApiProperty({ example: '2025-03-31' }) @Validate(IsCalendarDate) dueOn: string;
  @ApiPropertyOptional({ description: 'the plan it belongs to (implied by goalIds)' }) @IsOptional() @IsInt() @Min(1) planId?: number;
  @ApiPropertyOptional({ type: [Number], description: 'goals the task concerns (one item each)' })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsInt({ each: true }) @Min(1, { each: true }) goalIds?: number[];
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @IsInt({ each: true }) @Min(1, { each: true }) measureIds?: number[];
}

export class UpdateTaskDto {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 300) title?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_o, v) => v !== null) @IsString() @Length(0, 5000) description?: string | null;
  @ApiPropertyOptional({ description: 'a new deadline set by the office (recorded in the history)' }) @IsOptional() @Validate(IsCalendarDate) dueOn?: string;
  @ApiPropertyOptional({ description: 'why the deadline changes' }) @IsOptional() @IsString() @Length(0, 2000) reason?: string;
}

export class IndicatorValueDto {
  @ApiProperty() @IsInt() @Min(1) indicatorId: number;
  @ApiPropertyOptional({ nullable: true, description: 'the year\'s value; null (with no assessment) removes what was reported' })
  @ValidateIf((_o, v) => v !== null && v !== undefined) @IsNumber({ allowNaN: false, allowInfinity: false }) value?: number | null;
  @ApiPropertyOptional({ enum: INDICATOR_ASSESSMENTS, nullable: true, description: 'qualitative targets only: met (达到), largely_met (基本达到), not_met (未达到)' })
  @ValidateIf((_o, v) => v !== null && v !== undefined) @IsIn(INDICATOR_ASSESSMENTS) assessment?: IndicatorAssessment | null;
  @ApiPropertyOptional({ nullable: true, description: 'what the assessment rests on' })
  @ValidateIf((_o, v) => v !== null && v !== undefined) @IsString() @Length(0, 2000) note?: string | null;
}

export class UpdateItemProgressDto {
  @ApiProperty({ description: 'the item version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ enum: ITEM_PROGRESS }) @IsOptional() @IsIn(ITEM_PROGRESS) progress?: ItemProgress;
  @ApiPropertyOptional({ nullable: true, description: 'what the unit did' }) @IsOptional() @ValidateIf((_o, v) => v !== null) @IsString() @Length(0, 20000) narrative?: string | null;
  @ApiPropertyOptional({ type: [IndicatorValueDto], description: "the year's values of the goal's indicators" })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => IndicatorValueDto) indicatorValues?: IndicatorValueDto[];
}

export class CreateExtensionRequestDto {
  @ApiProperty({ example: '2025-04-30' }) @Validate(IsCalendarDate) requestedDueOn: string;
  @ApiProperty({ description: 'why the unit needs more time' }) @IsString() @Length(1, 2000) reason: string;
}

export class DecideExtensionDto {
  @ApiProperty({ enum: ['approve', 'reject'] }) @IsIn(['approve', 'reject']) decision: 'approve' | 'reject';
  @ApiPropertyOptional({ description: 'approve with another date than the one asked' }) @IsOptional() @Validate(IsCalendarDate) grantedDueOn?: string;
  @ApiPropertyOptional({ description: 'required to reject' }) @IsOptional() @IsString() @Length(0, 2000) reason?: string;
}

export class ExtensionFilterDto extends TaskFilterDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'] }) @IsOptional() @IsIn(['pending', 'approved', 'rejected']) requestState?: 'pending' | 'approved' | 'rejected';
}

export class GenerateDutiesDto {
  @ApiPropertyOptional({ description: 'one plan; default: every active plan of the committee' }) @IsOptional() @IsInt() @Min(1) planId?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) committeeId?: number;
  @ApiPropertyOptional({ description: 'report what would change, change nothing' }) @IsOptional() @IsIn([true, false]) dryRun?: boolean;
}

export class ReplaceDutyRulesDto {
  @ApiProperty({ description: 'the version you read (0 while the plan uses the defaults)' }) @IsInt() @Min(0) version: number;
  @ApiProperty({
    description: 'sections and keys that differ from the defaults, e.g. {"midtermEvaluation": {"enabled": true}, "annualReport": {"dueMonthDay": "12-20", "dueYearOffset": 0}}',
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  overrides: Record<string, unknown>;
}

export class AttachmentUploadDto {
  @ApiPropertyOptional({ description: 'the item the file belongs to' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) itemId?: number;
}
