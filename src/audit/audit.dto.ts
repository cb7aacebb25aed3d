import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '../common/pagination/list-query.dto.js';

export class AuditQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'the login of who acted' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  who?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  userId?: number;
  @ApiPropertyOptional({
    description: 'create, update, delete, login, login_failed, transition, import, generate, urge, circular …',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  action?: string;
  @ApiPropertyOptional({ description: 'what was changed: unit, plan, duty_task, app_user …' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  entity?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  entityId?: string;
  @ApiPropertyOptional({
    description: "from this instant (ISO 8601), or from the start of this day (YYYY-MM-DD) in the committee's calendar",
  })
  @IsOptional()
  @IsISO8601()
  from?: string;
  @ApiPropertyOptional({
    description:
      "before this instant (ISO 8601), or through the end of this day (YYYY-MM-DD) in the committee's calendar",
  })
  @IsOptional()
  @IsISO8601()
  to?: string;
}

export class AuditExportQueryDto extends AuditQueryDto {
  @ApiPropertyOptional({ enum: ['xlsx', 'csv'], default: 'xlsx' })
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';
}
