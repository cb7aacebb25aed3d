import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';

export class GenerateDutiesDto {
  @ApiPropertyOptional({ description: 'one plan; default: every active plan of the committee' })
  @IsOptional()
  @IsInt()
  @Min(1)
  planId?: number;
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  committeeId?: number;
  @ApiPropertyOptional({ description: 'report what would change, change nothing' })
  @IsOptional()
  @IsIn([true, false])
  dryRun?: boolean;
}
