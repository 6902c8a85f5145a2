import type { ErrorCode } from '@common/errors/error-codes';

/**
 * The one error type of the domain. Services throw it with a stable code;
 * the HTTP layer maps the code to a status and a bilingual message.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
