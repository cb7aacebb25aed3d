import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Validate } from 'class-validator';
import { IsCalendarDate } from '../../common/validation/validators.js';
import { TaskScopeDto } from '../tasks/task-query.dto.js';

export class CreateExtensionRequestDto {
  @ApiProperty({ example: '2025-04-30' })
  @Validate(IsCalendarDate)
  requestedDueOn: string;
  @ApiProperty({ description: 'why the unit needs more time' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class DecideExtensionDto {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  decision: 'approve' | 'reject';
  @ApiPropertyOptional({ description: 'approve with another date than the one asked' })
  @IsOptional()
  @Validate(IsCalendarDate)
  grantedDueOn?: string;
  @ApiPropertyOptional({ description: 'required to reject' })
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  reason?: string;
}

export class ExtensionFilterDto extends TaskScopeDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'])
  requestState?: 'pending' | 'approved' | 'rejected';
}
