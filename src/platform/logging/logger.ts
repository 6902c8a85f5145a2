import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Path segments that are bearer secrets: whoever holds the URL may act with
 * it. The customer's self-service link (`/self-service/freeze/<token>`, the
 * page and its API under `/api/v1`) carries its signed token in the path.
 */
const SECRET_PATH_SEGMENTS = [/(\/self-service\/freeze\/)[^/?#]+/g];

/** The URL with every secret path segment replaced by `[redacted]`, the route's shape kept. */
export function redactUrl(url: string): string {
  return SECRET_PATH_SEGMENTS.reduce((redacted, pattern) => redacted.replace(pattern, '$1[redacted]'), url);
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

/**
 * Replaces Fastify's `req` serializer (which it merges under the logger's
 * own), so every log line that carries a request (incoming request, a failed
 * request) shows the URL redacted. Headers are not logged at all.
 */
function requestSerializer(request: LoggedRequest) {
  return {
    method: request.method,
    url: request.url === undefined ? undefined : redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** `destination` defaults to stdout; tests pass a stream to read what was logged. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    serializers: { req: requestSerializer },
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'password'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
