import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min, Validate } from 'class-validator';
import { IsCalendarDate } from '../common/validation/validators.js';
import { NOTICE_LEVELS, type NoticeLevel } from './documents/notice.document.js';

export class CircularReportQueryDto {
  @ApiPropertyOptional({ description: "defaults to the installation's committee" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  committeeId?: number;
  @ApiPropertyOptional({ example: '2024-02-05', description: 'the figures are as of today; another day is refused' })
  @IsOptional()
  @Validate(IsCalendarDate)
  asOf?: string;
  @ApiPropertyOptional({ description: 'only this plan’s duties' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  planId?: number;
}

export class NoticeReportQueryDto {
  @ApiProperty({ enum: NOTICE_LEVELS })
  @IsIn(NOTICE_LEVELS as NoticeLevel[])
  level: NoticeLevel;
  @ApiPropertyOptional({
    example: '2024-02-12',
    description: 'the day the unit must settle the task by (default: 7 days for 催办, 5 for 督办)',
  })
  @IsOptional()
  @Validate(IsCalendarDate)
  replyBy?: string;
}

export class AnnualReportQueryDto {
  @ApiProperty({ example: 2023 })
  @Type(() => Number)
  @IsInt()
  @Min(1949)
  @Max(2200)
  year: number;
}
