import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Min,
  Validate,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto } from '../common/pagination/list-query.dto.js';
import { IsCalendarDate, NoControlChars, trimString } from '../common/validation/validators.js';
import { UNIT_KINDS, type UnitKind } from './unit.entity.js';
import { LOCALES, type Locale } from './liaison.entity.js';

export class LiaisonDto {
  @ApiProperty({ example: '张敏' })
  @Transform(trimString)
  @IsString()
  @Length(1, 100)
  @Validate(NoControlChars)
  name: string;
  @ApiProperty({ example: 'zhangmin@example.gov.cn' })
  @Transform(trimString)
  @IsEmail()
  @Length(3, 254)
  email: string;
  @ApiPropertyOptional({ example: '0857-6221234' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  phone?: string;
  @ApiPropertyOptional({ enum: LOCALES, default: 'zh-CN' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

export class UpdateLiaisonDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 100)
  @Validate(NoControlChars)
  name?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsEmail()
  @Length(3, 254)
  email?: string;
  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsString()
  @Length(1, 40)
  phone?: string | null;
  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;
}

class UnitFieldsDto {
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  isMember?: boolean;
  @ApiPropertyOptional({ nullable: true, example: '2021-01-01' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Validate(IsCalendarDate)
  memberSince?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Validate(IsCalendarDate)
  memberUntil?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(1, 100)
  @Validate(NoControlChars)
  headName?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsEmail()
  headEmail?: string | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(0, 1000)
  notes?: string | null;
  @ApiPropertyOptional({ type: [String], description: 'short names and other spellings' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @Validate(NoControlChars, { each: true })
  aliases?: string[];
}

export class CreateUnitDto extends UnitFieldsDto {
  @ApiProperty({ example: '自治县卫生健康局' })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  @Validate(NoControlChars)
  name: string;
  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind: UnitKind;
  @ApiPropertyOptional({ description: "defaults to the installation's committee" })
  @IsOptional()
  @IsInt()
  @Min(1)
  committeeId?: number;
  @ApiPropertyOptional({ type: [LiaisonDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => LiaisonDto)
  liaisons?: LiaisonDto[];
}

export class UpdateUnitDto extends UnitFieldsDto {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version: number;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  @Validate(NoControlChars)
  name?: string;
  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;
}

export class AddAliasDto {
  @ApiProperty({ example: '团委' })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  @Validate(NoControlChars)
  alias: string;
}

export class MergeUnitsDto {
  @ApiProperty({ description: 'the unit that disappears; its name becomes an alias of this one' })
  @IsInt()
  @Min(1)
  sourceUnitId: number;
}

export class ListUnitsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'part of the name or an alias' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;
  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(['true', 'false'])
  isMember?: 'true' | 'false';
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  committeeId?: number;
}
