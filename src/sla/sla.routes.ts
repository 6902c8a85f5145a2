import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TicketSlaDto } from '@common/dto/sla.dto';
import { responses } from '../platform/http';
import { TicketNumberParams, ticketAccess } from '../tickets';
import { ticketSlaState } from './sla-state.service';
import { presentTicketSla } from './sla.presenter';

const tags = ['sla'];

export const slaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.ctx;

  app.get(
    '/tickets/:number/sla',
    {
      schema: {
        tags,
        summary: 'A ticket’s SLA clocks: target, due time, working time left, paused, met or breached',
        params: TicketNumberParams,
        response: responses({ 200: TicketSlaDto }, 404),
      },
    },
    async (request) => {
      const access = ticketAccess(request.actor, 'read');
      return presentTicketSla(await ticketSlaState(db, { number: request.params.number, access }), clock.now());
    },
  );
};
