import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { BadRequestError } from '../../common/errors/app-error.js';

/**
 * Options of an import. Sent as multipart fields next to the file (so they arrive as text) or as
 * a JSON body with `text` instead of a file.
 */
export class ImportOptionsDto {
  @ApiPropertyOptional({ description: 'plan text, when no file is uploaded' })
  @IsOptional()
  @IsString()
  @Length(1, 20 * 1024 * 1024)
  text?: string;

  @ApiPropertyOptional({ description: "committee id; defaults to the installation's committee" })
  @IsOptional()
  @Matches(/^\d{1,10}$/, { message: 'committeeId must be a positive integer' })
  committeeId?: string;

  @ApiPropertyOptional({
    description: 'JSON object: unknown unit name → id of an existing unit, e.g. {"自治县团委": 12}',
  })
  @IsOptional()
  @IsString()
  @Length(2, 100000)
  mapping?: string;

  @ApiPropertyOptional({ description: '"true" to create every unknown unit, or a JSON array of the names to create' })
  @IsOptional()
  @IsString()
  @Length(1, 100000)
  acceptNewUnits?: string;
}

export function parseMapping(raw: string | undefined): Record<string, number> | undefined {
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalid('mapping', 'must be a JSON object of unit name → unit id');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw invalid('mapping', 'must be a JSON object of unit name → unit id');
  for (const [name, id] of Object.entries(value)) {
    if (!Number.isInteger(id) || (id as number) < 1)
      throw invalid('mapping', `the unit id for ${name} must be a positive integer`);
  }
  return value as Record<string, number>;
}

export function parseAcceptNewUnits(raw: string | undefined): boolean | string[] | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  } catch {
    // fall through to the message below
  }
  throw invalid('acceptNewUnits', 'must be true, false or a JSON array of unit names');
}

function invalid(field: string, problem: string): BadRequestError {
  return new BadRequestError('VALIDATION_FAILED', `${field} ${problem}`, { fields: [{ field, problems: [problem] }] });
}
