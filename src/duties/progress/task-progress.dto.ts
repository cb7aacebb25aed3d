import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ITEM_PROGRESS, type ItemProgress } from '../domain/task-lifecycle.js';
import { INDICATOR_ASSESSMENTS, type IndicatorAssessment } from '../domain/indicator-value.js';

export class IndicatorValueDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  indicatorId: number;
  @ApiPropertyOptional({
    nullable: true,
    description: "the year's value; null (with no assessment) removes what was reported",
  })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value?: number | null;
  @ApiPropertyOptional({
    enum: INDICATOR_ASSESSMENTS,
    nullable: true,
    description: 'qualitative targets only: met (达到), largely_met (基本达到), not_met (未达到)',
  })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsIn(INDICATOR_ASSESSMENTS)
  assessment?: IndicatorAssessment | null;
  @ApiPropertyOptional({ nullable: true, description: 'what the assessment rests on' })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsString()
  @Length(0, 2000)
  note?: string | null;
}

export class UpdateItemProgressDto {
  @ApiProperty({ description: 'the item version you read; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;
  @ApiPropertyOptional({ enum: ITEM_PROGRESS })
  @IsOptional()
  @IsIn(ITEM_PROGRESS)
  progress?: ItemProgress;
  @ApiPropertyOptional({ nullable: true, description: 'what the unit did' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(0, 20000)
  narrative?: string | null;
  @ApiPropertyOptional({ type: [IndicatorValueDto], description: "the year's values of the goal's indicators" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IndicatorValueDto)
  indicatorValues?: IndicatorValueDto[];
}

export class AttachmentUploadDto {
  @ApiPropertyOptional({ description: 'the item the file belongs to' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  itemId?: number;
}
