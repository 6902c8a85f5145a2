import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ErrorEnvelopeSchema } from './error-envelope';

/** OpenAPI 3 from the routes' TypeBox schemas, served at /api/v1/openapi.json with a browsable reference. */
export async function installOpenApi(app: FastifyInstance, publicUrl: string, version: string): Promise<void> {
  app.addSchema(ErrorEnvelopeSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Huiying API',
        version,
        description: 'Huiying (回应) help-desk API. Errors always use the envelope `{ error: { code, message: { zh-CN, en }, details } }`.',
      },
      servers: [{ url: publicUrl }],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'hy_session',
            description: 'Agent session; unsafe methods also need the X-CSRF-Token header.',
          },
          apiToken: { type: 'http', scheme: 'bearer', description: 'API token for the platform back end (scoped, revocable).' },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
