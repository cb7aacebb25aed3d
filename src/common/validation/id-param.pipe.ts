import { Injectable, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { BadRequestError } from '../errors/app-error.js';

const MAX_ID = 2_147_483_647;

/** Path ids are positive integers that fit an INT column; anything else is a 400, not a 500. */
@Injectable()
export class IdParamPipe implements PipeTransform<string | number, number> {
  transform(value: string | number, metadata: ArgumentMetadata): number {
    // The global ValidationPipe may already have turned the text into a number (or NaN).
    const text = String(value);
    if (!/^\d{1,10}$/.test(text) || Number(text) < 1 || Number(text) > MAX_ID) {
      throw new BadRequestError(
        'VALIDATION_FAILED',
        `path parameter ${metadata.data ?? 'id'} must be a positive integer`,
        {
          fields: [{ field: metadata.data ?? 'id', problems: ['must be a positive integer'] }],
        },
      );
    }
    return Number(text);
  }
}
