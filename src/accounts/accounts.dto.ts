import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { ROLES, type Role } from '../access/permissions.js';
import { ListQueryDto } from '../common/pagination/list-query.dto.js';

const NO_CONTROL = /^[^\p{Cc}]*$/u;

export class LoginDto {
  @ApiProperty({ description: 'e-mail address or short name' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  login: string;
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword: string;
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ enum: ['zh-CN', 'en'] })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: 'zh-CN' | 'en';
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NO_CONTROL, { message: 'displayName must not contain control characters' })
  displayName?: string;
}

export class PasswordResetRequestDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  login: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty()
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token: string;
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

export class CreateUserDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  login: string;
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NO_CONTROL, { message: 'displayName must not contain control characters' })
  displayName: string;
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;
  @ApiPropertyOptional({ description: 'required for unit_liaison' })
  @IsOptional()
  @IsInt()
  @Min(1)
  unitId?: number;
  @ApiPropertyOptional({ description: 'the unit liaison (联络员) this user is' })
  @IsOptional()
  @IsInt()
  @Min(1)
  liaisonId?: number;
  @ApiPropertyOptional({
    description: 'a temporary password the user must change at first login; without it the user gets a reset link',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;
  @ApiPropertyOptional({ enum: ['zh-CN', 'en'] })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: 'zh-CN' | 'en';
}

export class UpdateUserDto {
  @ApiProperty({ description: 'the version you read (optimistic locking)' })
  @IsInt()
  @Min(1)
  version: number;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NO_CONTROL, { message: 'displayName must not contain control characters' })
  displayName?: string;
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  unitId?: number | null;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  liaisonId?: number | null;
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
  @ApiPropertyOptional({ description: 'sets a temporary password that must be changed at next login' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  temporaryPassword?: string;
}

export class ListUsersQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  unitId?: number;
  @ApiPropertyOptional({ description: 'login or name contains' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CreateTokenDto {
  @ApiProperty({ description: 'what the token is for, e.g. "统计脚本"' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NO_CONTROL, { message: 'name must not contain control characters' })
  name: string;
  @ApiPropertyOptional({ description: 'last day the token works (YYYY-MM-DD, committee time zone)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'expiresOn must be a date YYYY-MM-DD' })
  expiresOn?: string;
}

export class ListTokensQueryDto {
  @ApiPropertyOptional({ description: "office admin: another user's tokens" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  userId?: number;
}
