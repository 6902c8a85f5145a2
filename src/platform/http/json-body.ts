import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** JSON bodies must be UTF-8; anything else is refused rather than turned into replacement characters. */
export function installJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(/^application\/(.+\+)?json$/, { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(new AppError('INVALID_ENCODING'), undefined);
      return;
    }
    if (text.trim() === '') {
      done(new AppError('INVALID_JSON', { reason: 'empty body' }), undefined);
      return;
    }
    try {
      done(null, JSON.parse(text, reviveSafely));
    } catch (error) {
      done(
        error instanceof UnstorableText
          ? new AppError('INVALID_ENCODING', { reason: 'NUL character, lone surrogate or reserved key' })
          : new AppError('INVALID_JSON'),
        undefined,
      );
    }
  });
}

class UnstorableText extends Error {}

/**
 * Refuses what PostgreSQL cannot store (NUL characters, lone surrogates) and
 * prototype-polluting keys while parsing, so no handler ever sees them.
 */
function reviveSafely(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor' || !isStorable(key)) throw new UnstorableText();
  if (typeof value === 'string' && !isStorable(value)) throw new UnstorableText();
  return value;
}

export function isStorable(text: string): boolean {
  return !text.includes('\0') && text.isWellFormed();
}
