import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { StringEnum } from '@common/dto/primitives';
import { ComplaintClockDto } from '@common/dto/sla.dto';
import { responses } from '../platform/http';
import { authorize } from '../platform/security';
import { TicketNumberParams, ticketAccess } from '../tickets';
import { presentComplaintClock } from './complaint-clock.presenter';
import { extendComplaint, getComplaintClock, listComplaints } from './complaint-clock.service';

const tags = ['sla'];

const ExtensionBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('standard'), Type.Literal('complex')], {
      description: 'standard: to 30 days from acceptance; complex: once more after it, by 30 days',
    }),
    reason: Type.String({ minLength: 2, maxLength: 500, description: 'Told to the customer in the notice, e.g. 需向合作券商调取交易流水' }),
  },
  { additionalProperties: false },
);
const ComplaintsQuery = Type.Object(
  {
    state: Type.Optional(StringEnum(['on_time', 'extended', 'overdue', 'decided'] as const)),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);

/** Supervisors watch the regulatory clocks of every complaint; the platform's back-end reads them with a token. */
const complaintReportRule = { roles: ['admin', 'supervisor'], scope: 'tickets:read' } as const;

export const complaintClockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock } = app.ctx;

  app.get(
    '/tickets/:number/complaint',
    {
      schema: {
        tags,
        summary: 'The regulatory clock of a formal complaint: accepted, decision due, extensions, state',
        params: TicketNumberParams,
        response: responses({ 200: ComplaintClockDto }, 404),
      },
    },
    async (request) => {
      const row = await getComplaintClock(db, { number: request.params.number, access: ticketAccess(request.actor, 'read') });
      return presentComplaintClock(row, clock.now());
    },
  );

  app.post(
    '/tickets/:number/complaint/extensions',
    {
      schema: {
        tags,
        summary: 'Extend a formal complaint’s decision deadline with a reason (audited; the customer is told)',
        params: TicketNumberParams,
        body: ExtensionBody,
        response: responses({ 200: ComplaintClockDto }, 404, 409),
      },
    },
    async (request) => {
      const access = ticketAccess(request.actor, 'write');
      const { number } = request.params;
      const row = await db.transaction((tx) =>
        extendComplaint(tx, { number, ...request.body, access, actor: request.actor, now: clock.now() }),
      );
      return presentComplaintClock({ ...row, number: number.toUpperCase() }, clock.now());
    },
  );

  app.get(
    '/complaints',
    {
      schema: {
        tags,
        summary: 'Formal complaints by clock state (on time, extended, overdue, decided), soonest deadline first',
        querystring: ComplaintsQuery,
        response: responses({ 200: Type.Array(ComplaintClockDto) }),
      },
    },
    async (request) => {
      authorize(request.actor, complaintReportRule);
      const now = clock.now();
      return (await listComplaints(db, { state: request.query.state, now, limit: request.query.limit })).map((row) =>
        presentComplaintClock(row, now),
      );
    },
  );
};
