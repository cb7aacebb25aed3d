import type { ErrorCode } from '../i18n/error-codes.js';

/**
 * Errors the domain raises on purpose. Their codes are the ones listed in common/i18n/error-codes.ts
 * (the type says so: a code missing there does not compile). The HTTP filter turns them into the one JSON shape
 * { status, code, message, details }; the CLI prints the message and exits 2.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(
    readonly what: string,
    readonly id: number | string,
  ) {
    super(404, 'NOT_FOUND', `${what} ${id} does not exist`, { [what.toLowerCase()]: id });
  }
}

export class ConflictError extends AppError {
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}

export class BadRequestError extends AppError {
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(400, code, message, details);
  }
}

/** Someone else saved the same record since it was read (optimistic locking). */
export class VersionConflictError extends ConflictError {
  constructor(what: string, id: number, expected: number, actual: number) {
    super(
      'VERSION_CONFLICT',
      `${what} ${id} was changed by someone else (version ${actual}, you sent ${expected}); reload and try again`,
      {
        id,
        expectedVersion: expected,
        currentVersion: actual,
      },
    );
  }
}
