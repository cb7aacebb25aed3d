import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
} from 'class-validator';
import { COMMITTEE_LEVELS, type CommitteeLevel } from './committee.entity.js';
import { IsTimeZone } from '../common/validation/validators.js';

export class CreateCommitteeDto {
  @ApiProperty({ example: '威宁自治县妇女儿童工作委员会' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: COMMITTEE_LEVELS })
  @IsIn(COMMITTEE_LEVELS)
  level: CommitteeLevel;

  @ApiProperty({ example: 'Asia/Shanghai' })
  @Validate(IsTimeZone)
  timeZone: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  parentId?: number;

  @ApiPropertyOptional({
    description: "the office's e-mail address: copied on 督办, receives the daily review digest",
    example: 'fgw@weining.gov.cn',
    nullable: true,
  })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsEmail()
  @MaxLength(254)
  officeEmail?: string | null;
}

export class UpdateCommitteeDto {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
  @ApiPropertyOptional({ enum: COMMITTEE_LEVELS })
  @IsOptional()
  @IsIn(COMMITTEE_LEVELS)
  level?: CommitteeLevel;
  @ApiPropertyOptional()
  @IsOptional()
  @Validate(IsTimeZone)
  timeZone?: string;
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(1)
  parentId?: number | null;
  @ApiPropertyOptional({ nullable: true, description: 'null clears it (mail.officeEmail applies again)' })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsEmail()
  @MaxLength(254)
  officeEmail?: string | null;
}
