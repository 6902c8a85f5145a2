import { type TSchema, Type } from '@sinclair/typebox';
import { type ErrorCode, errorCodes, errorStatus } from '@common/errors/error-codes';
import { errorMessage } from '@common/locales/error-messages';

export const ErrorEnvelopeSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.Union(errorCodes.map((code) => Type.Literal(code))),
      message: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorEnvelope', title: 'Error' },
);

export function errorEnvelope(code: ErrorCode, details?: unknown) {
  return { error: { code, message: errorMessage(code), ...(details === undefined ? {} : { details }) } };
}

export function statusOf(code: ErrorCode): number {
  return errorStatus[code];
}

/**
 * Response schemas for a route: the success shapes plus the error envelope for
 * every status the route can fail with (always 400/401/403/429/500).
 */
export function responses(success: Record<number, TSchema>, ...errors: number[]) {
  const errorRef = Type.Ref(ErrorEnvelopeSchema);
  const out: Record<number, TSchema> = { ...success };
  for (const status of new Set([400, 401, 403, 429, 500, ...errors])) out[status] = errorRef;
  return out;
}
