import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, NotFoundError } from './app-error.js';
import { localeFromAcceptLanguage, type Locale } from '../i18n/locale.js';
import { errorMessage } from '../i18n/error-codes.js';
import { ValidationFailedError } from '../validation/validation.pipe.js';
import type { ErrorBody } from './error-body.js';
import { databaseUnavailable, uniqueViolation } from '../../database/db-errors.util.js';

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
};

/** Body-parser and similar middleware errors carry an HTTP status and a type. */
interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
  expose?: boolean;
}

/**
 * One JSON error shape for every failure. Unknown errors become a 500 with a generic message:
 * the stack goes to the log, never to the client.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  static toBody(error: unknown): ErrorBody {
    if (error instanceof AppError) {
      return { status: error.status, code: error.code, message: error.message, details: error.details ?? null };
    }
    if (error instanceof HttpException && error.cause) {
      // Express adapter wraps body-parser errors; name them by their original kind.
      const cause = error.cause as HttpLikeError;
      if (cause.type === 'entity.parse.failed' || cause instanceof SyntaxError) {
        return {
          status: 400,
          code: 'MALFORMED_JSON',
          message: `request body is not valid JSON: ${cause.message}`,
          details: null,
        };
      }
      if (cause.type === 'entity.too.large')
        return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'request body is too large', details: null };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      if (typeof response === 'object' && response !== null && 'code' in response) {
        const r = response as Partial<ErrorBody>;
        return {
          status,
          code: String(r.code),
          message: String(r.message ?? error.message),
          details: r.details ?? null,
        };
      }
      const message =
        typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
      return {
        status,
        code: CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'ERROR'),
        message: Array.isArray(message) ? message.join('; ') : String(message),
        details: null,
      };
    }
    if (databaseUnavailable(error)) {
      return {
        status: 503,
        code: 'DATABASE_UNAVAILABLE',
        message: 'the database cannot be reached right now; try again in a moment',
        details: null,
      };
    }
    const dup = uniqueViolation(error);
    if (dup)
      return {
        status: 409,
        code: 'DUPLICATE',
        message: 'a record with the same unique value already exists',
        details: { constraint: dup },
      };
    const httpLike = error as HttpLikeError | null;
    const status = httpLike?.status ?? httpLike?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      if (httpLike?.type === 'entity.parse.failed') {
        return {
          status: 400,
          code: 'MALFORMED_JSON',
          message: `request body is not valid JSON: ${httpLike.message}`,
          details: null,
        };
      }
      if (httpLike?.type === 'entity.too.large') {
        return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'request body is too large', details: null };
      }
      return {
        status,
        code: CODES[status] ?? 'BAD_REQUEST',
        message: httpLike?.message ?? 'bad request',
        details: null,
      };
    }
    return {
      status: 500,
      code: 'INTERNAL_ERROR',
      message: 'internal error; the details are in the service log',
      details: null,
    };
  }

  /** The body in the reader's language: zh-CN by default, English on `Accept-Language: en`. */
  static localize(body: ErrorBody, error: unknown, locale: Locale): ErrorBody {
    if (error instanceof ValidationFailedError) return { ...body, ...error.localized(locale) };
    const details = (body.details && typeof body.details === 'object' ? body.details : {}) as Record<string, unknown>;
    const params: Record<string, unknown> = { ...details };
    if (error instanceof NotFoundError) Object.assign(params, { what: error.what, id: error.id });
    if (Array.isArray(details.fields)) params.fields = (details.fields as Array<{ field: string }>).map((f) => f.field);
    return { ...body, message: errorMessage(body.code, locale, body.message, params) };
  }

  catch(error: unknown, host: ArgumentsHost): void {
    const request =
      host.getType() === 'http'
        ? host.switchToHttp().getRequest<{ headers?: Record<string, string | string[] | undefined> }>()
        : null;
    const body = AllExceptionsFilter.localize(
      AllExceptionsFilter.toBody(error),
      error,
      localeFromAcceptLanguage(request?.headers?.['accept-language']),
    );
    if (body.status === 503)
      this.logger.warn(`database unavailable: ${error instanceof Error ? error.message : String(error)}`);
    else if (body.status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (host.getType() !== 'http') throw error;
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    response.status(body.status).json(body);
  }
}
