/**
 * Every error the API can return, with its HTTP status. The code is the stable,
 * machine-readable contract; the bilingual message comes from the locale files.
 */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_ENCODING: 400,
  INVALID_CURSOR: 400,
  INVALID_FILENAME: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  ROUTE_NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  AGENT_NOT_FOUND: 404,
  GROUP_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  API_TOKEN_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  ILLEGAL_STATUS_TRANSITION: 409,
  TICKET_MERGED: 409,
  TICKET_CLOSED: 409,
  MERGE_NOT_ALLOWED: 409,
  CONTACT_POINT_TAKEN: 409,
  PLATFORM_USER_ID_TAKEN: 409,
  AGENT_EMAIL_TAKEN: 409,
  GROUP_NAME_TAKEN: 409,
  CONCURRENT_UPDATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  ATTACHMENT_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  ASSIGNEE_NOT_IN_GROUP: 422,
  ATTACHMENT_UNAVAILABLE: 422,
  LAST_ADMIN: 422,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

export type Locale = 'zh-CN' | 'en';

export interface ErrorEnvelope {
  error: {
    code: ErrorCode;
    message: Record<Locale, string>;
    details?: unknown;
  };
}
