export type { AppContext } from './app-context';
export { decodeTimeIdCursor, encodeTimeIdCursor } from './cursor';
export { ErrorEnvelopeSchema, errorEnvelope, responses, statusOf } from './error-envelope';
export { answerFrameworkError, installErrorHandler } from './error-handler';
export { installJsonBodyParser } from './json-body';
export { parseTimestamp } from './timestamp';
export { installOpenApi } from './openapi';
export { installValidation } from './validation';
export { installWebConsole } from './web-console';
