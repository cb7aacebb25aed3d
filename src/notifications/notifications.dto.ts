import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Length, Min, Validate } from 'class-validator';
import { IsCalendarDate } from '../common/validation/validators.js';

export class UrgeNowDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  committeeId?: number;
  @ApiPropertyOptional({ type: [Number], description: 'tasks to urge' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  taskIds?: number[];
  @ApiPropertyOptional({ type: [Number], description: 'units whose open due or overdue tasks to urge' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  @Min(1, { each: true })
  unitIds?: number[];
  @ApiPropertyOptional({ description: "the office's words, printed in the notice" })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  message?: string;
  @ApiPropertyOptional({ description: 'same key again = nothing sent twice (safe retries)' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  requestKey?: string;
}

export class CircularDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  committeeId?: number;
  @ApiPropertyOptional({ example: '2025-06-30' })
  @IsOptional()
  @Validate(IsCalendarDate)
  asOf?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  planId?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  message?: string;
  @ApiPropertyOptional({ example: '威妇儿工委办通〔2025〕3号' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  noticeNumber?: string;
}

export class SendCircularDto extends CircularDto {
  @ApiProperty({ description: 'the token of the preview being sent' })
  @IsString()
  @Length(8, 64)
  token: string;
}

export class RunRemindersDto {
  @ApiPropertyOptional({ description: 'the day to run for (default: today in the committee zone)' })
  @IsOptional()
  @Validate(IsCalendarDate)
  date?: string;
  @ApiPropertyOptional({ description: 'the last day already handled (default: the day before)' })
  @IsOptional()
  @Validate(IsCalendarDate)
  since?: string;
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class WarningsQueryDto {
  @ApiPropertyOptional({ description: "default: the installation's committee" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  committeeId?: number;
}

/** GET /api/notifications/warnings: what keeps the notices from being complete. */
export interface NoticeWarnings {
  committeeId: number;
  officeEmail: string | null;
  warnings: Array<{ code: string; message: string; en: string }>;
}
