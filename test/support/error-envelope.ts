import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type ErrorCode, errorStatus } from '@common/errors/error-codes';

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorStatus, value);
}

/**
 * Asserts the response is the API's error envelope: a code from
 * common/errors/error-codes.ts whose status is the response's status, and
 * non-empty zh-CN and en messages. Returns the code.
 */
export function expectErrorEnvelope(response: LightMyRequestResponse, context = ''): ErrorCode {
  const where = `${context} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
  expect(response.headers['content-type'], where).toMatch(/^application\/json/);
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    expect.fail(`not JSON: ${where}`);
  }
  const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  if (typeof error !== 'object' || error === null || !('code' in error) || !('message' in error)) {
    return expect.fail(`no error envelope: ${where}`);
  }
  const { code, message } = error;
  if (!isErrorCode(code)) return expect.fail(`unknown error code: ${where}`);
  expect(errorStatus[code], where).toBe(response.statusCode);
  expect(message, where).toEqual({ 'zh-CN': expect.any(String), en: expect.any(String) });
  const { 'zh-CN': zh, en } = message as Record<string, string>;
  expect(zh?.trim(), where).not.toBe('');
  expect(en?.trim(), where).not.toBe('');
  return code;
}

/** Asserts an error response with exactly this code (and so its status). */
export function expectError(response: LightMyRequestResponse, code: ErrorCode, context = ''): void {
  expect(expectErrorEnvelope(response, context), context).toBe(code);
}
