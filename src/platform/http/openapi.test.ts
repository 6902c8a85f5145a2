import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app';

let test: TestApp;
beforeAll(async () => {
  test = await createTestApp();
});
afterAll(() => test.close());

describe('OpenAPI document', () => {
  it('describes every API route with request and response schemas', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>,
    ).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
    expect(operations.length).toBeGreaterThan(20);
    for (const { path, method, operation } of operations) {
      expect(Object.keys(operation.responses), `${method} ${path}`).toContain('400');
      if (['post', 'patch', 'put'].includes(method) && !path.endsWith('/logout') && !path.endsWith('/attachments')) {
        expect(operation.requestBody, `${method} ${path}`).toBeDefined();
      }
    }
    expect(doc.components.schemas.ErrorEnvelope).toBeDefined();
  });

  it('serves a browsable reference page', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/v1/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });
});
