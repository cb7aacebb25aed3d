import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Min,
  Validate,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate, trimString } from '../../common/validation/validators.js';
import { TASK_ACTIONS, type TaskAction } from '../domain/task-lifecycle.js';

export class TaskActionDto {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;
  @ApiPropertyOptional({ description: 'required to return (退回), cancel or reopen' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  reason?: string;
}

export class TaskActionParams {
  @IsIn(TASK_ACTIONS)
  action: TaskAction;
}

export class CreateAdHocTaskDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  unitId: number;
  @ApiProperty({ example: '督导检查发现问题整改' })
  @Transform(trimString)
  @IsString()
  @Length(1, 300)
  title: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  description?: string;
  @ApiProperty({ example: '2025-03-31' })
  @Validate(IsCalendarDate)
  dueOn: string;
  @ApiPropertyOptional({ description: 'the plan it belongs to (implied by goalIds)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  planId?: number;
  @ApiPropertyOptional({ type: [Number], description: 'goals the task concerns (one item each)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  @Min(1, { each: true })
  goalIds?: number[];
  @ApiPropertyOptional({ type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  @Min(1, { each: true })
  measureIds?: number[];
}

export class UpdateTaskDto {
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
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(0, 5000)
  description?: string | null;
  @ApiPropertyOptional({ description: 'a new deadline set by the office (recorded in the history)' })
  @IsOptional()
  @Validate(IsCalendarDate)
  dueOn?: string;
  @ApiPropertyOptional({ description: 'why the deadline changes' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  reason?: string;
}
