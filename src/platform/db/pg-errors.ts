/** True when a query failed on a unique constraint (optionally a named one), on PGlite or node-postgres. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const cause = findPgError(error);
  if (cause?.code !== '23505') return false;
  return constraint === undefined || cause.constraint === constraint;
}

/** The SQLSTATE of a failed query (e.g. 23503 foreign key, 23502 not null), if it was one. */
export function pgErrorCode(error: unknown): string | undefined {
  return findPgError(error)?.code;
}

/** The constraint a failed query violated, if PostgreSQL named one. */
export function violatedConstraint(error: unknown): string | undefined {
  return findPgError(error)?.constraint;
}

interface PgErrorLike {
  code?: string;
  constraint?: string;
}

// Drizzle wraps driver errors; the PostgreSQL fields sit on the error or on its cause.
function findPgError(error: unknown): PgErrorLike | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as PgErrorLike & { cause?: unknown };
    if (typeof candidate.code === 'string') return candidate;
    current = candidate.cause;
  }
  return undefined;
}
