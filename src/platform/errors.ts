import type { AuditEntry } from './audit/audit.entry';
import { reasonOfWords } from './reasons';

/**
 * Every error the application raises on purpose. One Fastify error handler maps them to
 * `{ error, message, requestId }` with the status below; anything else is a 500 that hides
 * its details.
 */
export class AppError extends Error {
  readonly status: number = 500;
  readonly code: string = 'internal_error';
  /**
   * A refused access to be recorded in the audit log after the refused work has rolled back
   * (see AuditService.transaction): the refusal itself must not roll back with it.
   */
  refusal?: AuditEntry;
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  override readonly status = 400;
  override readonly code = 'validation_error';
  constructor(
    readonly field: string,
    readonly reason: string,
    details?: Record<string, unknown>,
  ) {
    super(`${field}: ${reason}`, { field, reason, ...reasonOfWords(reason), ...details });
  }
}

export class UnauthenticatedError extends AppError {
  override readonly status = 401;
  override readonly code = 'unauthenticated';
}

export class ForbiddenError extends AppError {
  override readonly status = 403;
  override readonly code = 'forbidden';
}

/** A session whose password someone else chose: only the change (and logging out) is open to it. */
export class PasswordChangeRequiredError extends AppError {
  override readonly status = 403;
  override readonly code = 'password_change_required';
}

export class NotFoundError extends AppError {
  override readonly status = 404;
  override readonly code = 'not_found';
}

export class ConflictError extends AppError {
  override readonly status = 409;
  override readonly code = 'conflict';
}

export class TooManyRequestsError extends AppError {
  override readonly status = 429;
  override readonly code = 'too_many_requests';
}

/** A need-to-know refusal that can be overcome by stating a reason ("break the glass"). */
export class ReasonRequiredError extends AppError {
  override readonly status = 403;
  override readonly code = 'reason_required';
}

/**
 * What may be logged or printed of an unexpected error. Drizzle's query errors carry the query's
 * parameters in their message (names, ID codes): keep the driver's own error and the SQL, never
 * the values.
 */
export function safeError(err: unknown): {
  name: string;
  message: string;
  code?: string;
  query?: string;
  stack?: string;
} {
  const e = err as {
    name?: string;
    message?: string;
    code?: string;
    query?: string;
    params?: unknown;
    cause?: unknown;
    stack?: string;
  };
  if (e && typeof e === 'object' && 'params' in e && 'query' in e) {
    const cause = (e.cause ?? {}) as { message?: string; code?: string };
    const message = withoutValues(cause.message ?? 'query failed', cause.code);
    return { name: 'DatabaseError', message, code: cause.code, query: e.query };
  }
  const message = withoutValues(e?.message ?? String(err), e?.code);
  return { name: e?.name ?? 'Error', message, code: e?.code, stack: e?.stack };
}

/**
 * PostgreSQL's data exceptions (class 22) quote the value they refused (`invalid input syntax for
 * type integer: "Tamm 46805280103"`): the quoted value goes, the kind of failure stays.
 */
function withoutValues(message: string, code: string | undefined): string {
  return typeof code === 'string' && code.startsWith('22') ? message.replace(/"[^"]*"/g, '"[value]"') : message;
}
