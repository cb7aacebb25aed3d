import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto } from '../common/pagination/list-query.dto.js';
import { IsCalendarDate, trimString } from '../common/validation/validators.js';
import { PLAN_KINDS, PLAN_STATUSES, type PlanKind, type PlanStatus } from './entities/plan.entity.js';
import { ASSIGNMENT_ROLES, type AssignmentRole } from './entities/assignment.entity.js';
import { INDICATOR_COMPARATORS, type IndicatorComparator } from './entities/indicator.entity.js';

const YEAR = { min: 1949, max: 2200 };

export class IndicatorDto {
  @ApiProperty({ example: '孕产妇死亡率下降到12/10万以下' })
  @IsString()
  @Length(1, 500)
  phrase: string;
  @ApiPropertyOptional({ example: '孕产妇死亡率' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
  @ApiProperty({ enum: INDICATOR_COMPARATORS })
  @IsIn(INDICATOR_COMPARATORS)
  comparator: IndicatorComparator;
  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number;
  @ApiPropertyOptional({ example: 'per_100k' })
  @IsOptional()
  @IsString()
  @Length(1, 30)
  unit?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  baselineYear?: number;
  @ApiPropertyOptional({ enum: ['increase', 'decrease'] })
  @IsOptional()
  @IsIn(['increase', 'decrease'])
  direction?: 'increase' | 'decrease';
}

/** Units of a goal or measure, by id; allMembers* stands for 各成员单位. */
class UnitsInputDto {
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  leadUnitIds?: number[];
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  @Min(1, { each: true })
  responsibleUnitIds?: number[];
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  allMembersLead?: boolean;
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  allMembersResponsible?: boolean;
}

export class GoalInputDto extends UnitsInputDto {
  @ApiProperty({ description: 'as printed; gaps are kept' })
  @IsInt()
  @Min(0)
  @Max(10000)
  number: number;
  @ApiProperty()
  @Transform(trimString)
  @IsString()
  @Length(1, 5000)
  text: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  sourceLine?: number;
  @ApiPropertyOptional({ type: [IndicatorDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IndicatorDto)
  indicators?: IndicatorDto[];
}

export class MeasureInputDto extends UnitsInputDto {
  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(10000)
  number: number;
  @ApiProperty()
  @Transform(trimString)
  @IsString()
  @Length(1, 5000)
  text: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  sourceLine?: number;
}

export class AreaInputDto {
  @ApiProperty({ description: '（一） = 1' })
  @IsInt()
  @Min(1)
  @Max(100)
  number: number;
  @ApiProperty({ example: '妇女与健康' })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  name: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  sourceLine?: number;
  @ApiPropertyOptional({ type: [GoalInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => GoalInputDto)
  goals?: GoalInputDto[];
  @ApiPropertyOptional({ type: [MeasureInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => MeasureInputDto)
  measures?: MeasureInputDto[];
}

class PlanFieldsDto {
  @ApiPropertyOptional({ nullable: true, example: '2023-05-05' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Validate(IsCalendarDate)
  issuedOn?: string | null;
  @ApiPropertyOptional({ nullable: true, example: '威府发〔2023〕4号' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(1, 100)
  documentNumber?: string | null;
  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;
}

export class CreatePlanDto extends PlanFieldsDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  committeeId?: number;
  @ApiProperty({ example: '威宁自治县妇女发展规划（2021—2025年）' })
  @Transform(trimString)
  @IsString()
  @Length(1, 300)
  title: string;
  @ApiProperty({ enum: PLAN_KINDS })
  @IsIn(PLAN_KINDS)
  kind: PlanKind;
  @ApiProperty({ example: 2021 })
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  periodStart: number;
  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  periodEnd: number;
  @ApiPropertyOptional({ type: [AreaInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AreaInputDto)
  areas?: AreaInputDto[];
}

export class UpdatePlanDto extends PlanFieldsDto {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 300)
  title?: string;
  @ApiPropertyOptional({ enum: PLAN_KINDS })
  @IsOptional()
  @IsIn(PLAN_KINDS)
  kind?: PlanKind;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  periodStart?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  periodEnd?: number;
}

export class UpdateAreaDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  number?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  name?: string;
}

export class UpdateItemDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  number?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 5000)
  text?: string;
}

export class CreateAssignmentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  goalId?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  measureId?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  unitId?: number;
  @ApiPropertyOptional({ description: '各成员单位' })
  @IsOptional()
  @IsBoolean()
  allMembers?: boolean;
  @ApiProperty({ enum: ASSIGNMENT_ROLES })
  @IsIn(ASSIGNMENT_ROLES)
  role: AssignmentRole;
}

export class ListPlansQueryDto extends ListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  committeeId?: number;
  @ApiPropertyOptional({ enum: PLAN_KINDS })
  @IsOptional()
  @IsIn(PLAN_KINDS)
  kind?: PlanKind;
  @ApiPropertyOptional({ enum: PLAN_STATUSES })
  @IsOptional()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;
  @ApiPropertyOptional({ description: 'plans whose period includes this year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(YEAR.min)
  @Max(YEAR.max)
  year?: number;
  @ApiPropertyOptional({ description: 'part of the title' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  q?: string;
}

export class ListAssignmentsQueryDto extends ListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  unitId?: number;
  @ApiPropertyOptional({ enum: ASSIGNMENT_ROLES })
  @IsOptional()
  @IsIn(ASSIGNMENT_ROLES)
  role?: AssignmentRole;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  goalId?: number;
}
