import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface Credentials {
  headers: Record<string, string>;
}

export const anonymous: Credentials = { headers: {} };

/** A thin wrapper over app.inject that sends JSON and carries a session cookie + CSRF token or a bearer token. */
export class ApiClient {
  constructor(
    private readonly app: FastifyInstance,
    readonly credentials: Credentials = anonymous,
  ) {}

  as(credentials: Credentials): ApiClient {
    return new ApiClient(this.app, credentials);
  }

  request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      headers: { ...this.credentials.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body ?? {});
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
  put(url: string, body: unknown) {
    return this.request('PUT', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}

export async function login(app: FastifyInstance, email: string, password: string): Promise<Credentials> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'hy_session');
  if (!cookie) throw new Error('no session cookie');
  return { headers: { cookie: `hy_session=${cookie.value}`, 'x-csrf-token': response.json().csrfToken } };
}

export function bearer(token: string): Credentials {
  return { headers: { authorization: `Bearer ${token}` } };
}
