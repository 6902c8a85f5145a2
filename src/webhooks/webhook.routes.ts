import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CreatedWebhookEndpointDto, WebhookDeliveryDto, WebhookEndpointDto } from '@common/dto/webhook.dto';
import { responses } from '../platform/http';
import { actorRef, authorize } from '../platform/security';
import { CreateWebhookEndpointBody, UpdateWebhookEndpointBody, WebhookDeliveriesQuery, WebhookEndpointParams } from './webhook.contract';
import { webhookPolicy } from './webhook.policy';
import { presentWebhookDelivery, presentWebhookEndpoint } from './webhook.presenter';
import { createEndpoint, listDeliveries, listEndpoints, updateEndpoint } from './webhook.service';

const tags = ['webhooks'];

export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.ctx;

  app.get(
    '/webhook-endpoints',
    {
      schema: { tags, summary: "The platform back-end's endpoints (admin)", response: responses({ 200: Type.Array(WebhookEndpointDto) }) },
    },
    async (request) => {
      authorize(request.actor, webhookPolicy.manage);
      return (await listEndpoints(db)).map(presentWebhookEndpoint);
    },
  );

  app.post(
    '/webhook-endpoints',
    {
      schema: {
        tags,
        summary: 'Register an endpoint; its signing secret is shown in this answer only (admin)',
        body: CreateWebhookEndpointBody,
        response: responses({ 201: CreatedWebhookEndpointDto }),
      },
    },
    async (request, reply) => {
      authorize(request.actor, webhookPolicy.manage);
      const created = await db.transaction((tx) =>
        createEndpoint(tx, { ...request.body, actor: actorRef(request.actor), now: clock.now() }),
      );
      return reply.status(201).send({ ...presentWebhookEndpoint(created.endpoint), secret: created.secret });
    },
  );

  app.patch(
    '/webhook-endpoints/:id',
    {
      schema: {
        tags,
        summary: 'Change an endpoint: URL, purposes, active, a new secret (admin)',
        params: WebhookEndpointParams,
        body: UpdateWebhookEndpointBody,
        response: responses({ 200: WebhookEndpointDto }, 404),
      },
    },
    async (request) => {
      authorize(request.actor, webhookPolicy.manage);
      const row = await db.transaction((tx) =>
        updateEndpoint(tx, { id: request.params.id, changes: request.body, actor: actorRef(request.actor), now: clock.now() }),
      );
      return presentWebhookEndpoint(row);
    },
  );

  app.get(
    '/webhook-deliveries',
    {
      schema: {
        tags,
        summary: 'The delivery log, newest first (admin)',
        querystring: WebhookDeliveriesQuery,
        response: responses({ 200: Type.Array(WebhookDeliveryDto) }),
      },
    },
    async (request) => {
      authorize(request.actor, webhookPolicy.manage);
      const rows = await listDeliveries(db, { ...request.query, limit: request.query.limit ?? 50 });
      return rows.map(presentWebhookDelivery);
    },
  );
};
