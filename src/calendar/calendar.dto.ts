import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { DUTY_KINDS, type DutyKind } from '../duties/domain/duty-kind.js';

/** What a feed may be narrowed to (a unit's feed is its own unit's whatever it asks). */
export class FeedQueryDto {
  @ApiPropertyOptional({ description: 'only this plan' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  plan?: number;
  @ApiPropertyOptional({ description: 'office: only this unit' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  unit?: number;
  @ApiPropertyOptional({ enum: DUTY_KINDS, description: 'only this kind of duty' })
  @IsOptional()
  @IsIn(DUTY_KINDS)
  kind?: DutyKind;
}
