import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '@common/errors/error-codes';
import { isAppError } from '../errors';
import { errorEnvelope, statusOf } from './error-envelope';

// Fastify and plugin error codes that are the client's fault, mapped to ours.
const frameworkErrors: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_REQ_FILE_TOO_LARGE: 'ATTACHMENT_TOO_LARGE',
  FST_FILES_LIMIT: 'VALIDATION_FAILED',
  FST_PARTS_LIMIT: 'VALIDATION_FAILED',
  FST_FIELDS_LIMIT: 'VALIDATION_FAILED',
  FST_PROTO_VIOLATION: 'VALIDATION_FAILED',
  FST_ERR_BAD_URL: 'VALIDATION_FAILED',
  FST_ERR_MAX_PARAM_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_ASYNC_CONSTRAINT: 'VALIDATION_FAILED',
};

/**
 * Fastify's `frameworkErrors` option: a URL that cannot be decoded or has an over-long parameter is refused
 * before routing, where the error handler below does not run; without this the client gets Fastify's own body.
 */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const code = (error.code ? frameworkErrors[error.code] : undefined) ?? 'VALIDATION_FAILED';
  reply.status(statusOf(code)).send(errorEnvelope(code));
}

/** The one place where errors become HTTP responses; 5xx never echo internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      return reply.status(statusOf(error.code)).send(errorEnvelope(error.code, error.details));
    }
    if (error.validation) {
      const details = error.validation.map((issue) => ({
        in: error.validationContext,
        path: issue.instancePath || undefined,
        keyword: issue.keyword,
        params: issue.params,
        message: issue.message,
      }));
      return reply.status(400).send(errorEnvelope('VALIDATION_FAILED', details));
    }
    const mapped = error.code ? frameworkErrors[error.code] : undefined;
    if (mapped) return reply.status(statusOf(mapped)).send(errorEnvelope(mapped));
    if (error instanceof SyntaxError || (error.statusCode === 400 && error.message.includes('JSON'))) {
      return reply.status(400).send(errorEnvelope('INVALID_JSON'));
    }
    if (error.statusCode === 429) return reply.status(429).send(errorEnvelope('RATE_LIMITED'));
    if (error.statusCode === 413) return reply.status(413).send(errorEnvelope('PAYLOAD_TOO_LARGE'));
    if (error.statusCode === 415) return reply.status(415).send(errorEnvelope('UNSUPPORTED_MEDIA_TYPE'));
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.warn({ err: error }, 'unmapped client error');
      return reply.status(400).send(errorEnvelope('VALIDATION_FAILED'));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(errorEnvelope('INTERNAL_ERROR'));
  });
}
