import {
  Injectable,
  PayloadTooLargeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { BadRequestError } from '../../common/errors/app-error.js';
import { MAX_IMPORT_BYTES } from './decode-text.util.js';

/** An oversized upload is bad input like any other: 400 TOO_LARGE, with the limit. */
@Injectable()
export class UploadErrorsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof PayloadTooLargeException) {
          throw new BadRequestError(
            'TOO_LARGE',
            `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; plan texts are far smaller — is it the right file?`,
          );
        }
        throw error;
      }),
    );
  }
}
