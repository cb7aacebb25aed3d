import type { ErrorCode } from '../../common/i18n/error-codes.js';

/**
 * The one error type the plan import raises for bad input. Everything else the parser meets in a
 * messy text becomes a warning, so the office sees what was read and can fix the rest by hand.
 */
export type PlanImportErrorCode =
  | 'EMPTY_FILE'
  | 'BINARY_FILE'
  | 'UNDECODABLE'
  | 'NO_PLAN'
  | 'TOO_LARGE'
  | 'NOT_A_PLAN_INTERPRETATION'
  | 'NOT_A_PLAN_NOTICE'
  | 'LINE_TOO_LONG'
  | 'TOO_MANY_INDICATORS'
  | 'TOO_MANY_GOALS'
  // Archive and Office-file problems (src/common/office): any code of the one list.
  | ErrorCode;

export class PlanImportError extends Error {
  override readonly name = 'PlanImportError';

  constructor(
    readonly code: PlanImportErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function isPlanImportError(e: unknown): e is PlanImportError {
  return e instanceof PlanImportError;
}
