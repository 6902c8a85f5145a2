import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CustomerDto } from '@common/dto/customer.dto';
import { Page } from '@common/dto/primitives';
import { responses } from '../platform/http';
import { actorRef, authorize } from '../platform/security';
import { CreateCustomerBody, CustomerParams, ListCustomersQuery, UpdateCustomerBody } from './customer.contract';
import { customerPolicy } from './customer.policy';
import { presentCustomer } from './customer.presenter';
import { createCustomer, getCustomer, listCustomers, updateCustomer } from './customer.service';

const tags = ['customers'];

export const customerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.ctx;

  app.get(
    '/customers',
    {
      schema: {
        tags,
        summary: 'List or look up customers',
        querystring: ListCustomersQuery,
        response: responses({ 200: Page(CustomerDto) }),
      },
    },
    async (request) => {
      authorize(request.actor, customerPolicy.read);
      const page = await listCustomers(db, { query: request.query.q, cursor: request.query.cursor, limit: request.query.limit });
      return { items: page.items.map((item) => presentCustomer(item, request.actor)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/customers',
    { schema: { tags, summary: 'Create a customer', body: CreateCustomerBody, response: responses({ 201: CustomerDto }, 409) } },
    async (request, reply) => {
      authorize(request.actor, customerPolicy.write);
      const actor = actorRef(request.actor);
      const view = await db.transaction((tx) => createCustomer(tx, { ...request.body, actor, now: clock.now() }));
      return reply.status(201).send(presentCustomer(view, request.actor));
    },
  );

  app.get(
    '/customers/:id',
    { schema: { tags, summary: 'Get a customer', params: CustomerParams, response: responses({ 200: CustomerDto }, 404) } },
    async (request) => {
      authorize(request.actor, customerPolicy.read);
      return presentCustomer(await getCustomer(db, request.params.id), request.actor);
    },
  );

  app.patch(
    '/customers/:id',
    {
      schema: {
        tags,
        summary: 'Update a customer',
        params: CustomerParams,
        body: UpdateCustomerBody,
        response: responses({ 200: CustomerDto }, 404, 409),
      },
    },
    async (request) => {
      authorize(request.actor, customerPolicy.write);
      const actor = actorRef(request.actor);
      const view = await db.transaction((tx) => updateCustomer(tx, { ...request.body, id: request.params.id, actor, now: clock.now() }));
      return presentCustomer(view, request.actor);
    },
  );
};
