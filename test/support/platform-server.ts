import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../common/webhooks/webhook-purposes';
import { verifySignature } from '../../src/webhooks';

/** One request the platform received, as it arrived on the wire. */
export interface ReceivedCall {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
  /** Checked on arrival, as the platform's back-end would, with the secret it was given. */
  signature: ReturnType<typeof verifySignature>;
  receivedAt: number;
}

export type PlatformReply = { status: number; body?: unknown; delayMs?: number };

/**
 * A real HTTP server playing the platform's back-end: the outside party
 * Huiying calls. It verifies each request's signature with the shared secret
 * and answers with whatever `reply` returns for it.
 */
export async function startPlatformServer(options: { secret: string; nowMs?: () => number }) {
  const calls: ReceivedCall[] = [];
  const listeners: ((call: ReceivedCall) => void)[] = [];
  const state = {
    reply: (_call: ReceivedCall): PlatformReply => ({ status: 200, body: {} }),
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(body);
      } catch {}
      const call: ReceivedCall = {
        path: request.url ?? '/',
        headers: request.headers,
        body,
        json,
        signature: verifySignature({
          secret: options.secret,
          timestamp: request.headers[TIMESTAMP_HEADER.toLowerCase()] as string | undefined,
          signature: request.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined,
          body,
          nowMs: options.nowMs?.() ?? Date.now(),
        }),
        receivedAt: performance.now(),
      };
      calls.push(call);
      for (const listener of listeners) listener(call);
      const answer = call.signature.valid ? state.reply(call) : { status: 401, body: { error: 'bad signature' } };
      const send = () => {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    state,
    /** Resolves with the next call to `path` (or one already received that `match` accepts). */
    nextCall(match: (call: ReceivedCall) => boolean): Promise<ReceivedCall> {
      const seen = calls.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => listeners.push((call) => match(call) && resolve(call)));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type PlatformServer = Awaited<ReturnType<typeof startPlatformServer>>;
