import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PressStateDto } from '@common/dto/sla.dto';
import { responses } from '../platform/http';
import { TicketNumberParams, ticketAccess } from '../tickets';
import { pressState, pressTicket } from './ticket-press.service';

const tags = ['sla'];

const PressBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500, description: 'What the customer says, e.g. 三天了还没处理' })) },
  { additionalProperties: false },
);

export const ticketPressRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, config } = app.ctx;

  app.get(
    '/tickets/:number/press',
    {
      schema: {
        tags,
        summary: 'Whether and when the customer may press (催办) the case',
        params: TicketNumberParams,
        response: responses({ 200: PressStateDto }, 404),
      },
    },
    async (request) => {
      const access = ticketAccess(request.actor, 'read');
      const state = await pressState(db, {
        number: request.params.number,
        access,
        now: clock.now(),
        intervalHours: config.pressIntervalHours,
      });
      return { ...state, availableAt: state.availableAt?.toISOString() ?? null };
    },
  );

  app.post(
    '/tickets/:number/press',
    {
      schema: {
        tags,
        summary: 'The customer presses (催办) the case: a message on the timeline, priority one step up, the assignee and group told',
        params: TicketNumberParams,
        body: PressBody,
        response: responses({ 201: PressStateDto }, 404, 409, 429),
      },
    },
    async (request, reply) => {
      // The platform's back-end presses for its signed-in customer (token with tickets:write); staff record a press taken by phone.
      const access = ticketAccess(request.actor, 'write');
      const outcome = await db.transaction((tx) =>
        pressTicket(tx, {
          number: request.params.number,
          reason: request.body.reason ?? '',
          access,
          actor: request.actor,
          now: clock.now(),
          intervalHours: config.pressIntervalHours,
        }),
      );
      return reply.code(201).send({
        ticketNumber: outcome.ticket.number,
        pressable: false,
        availableAt: outcome.nextAvailableAt.toISOString(),
        pressCount: outcome.pressCount,
      });
    },
  );
};
