import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RevealedContactPointsDto } from '@common/dto/customer.dto';
import { CaseRecordDto, TicketDto } from '@common/dto/ticket.dto';
import { Page } from '@common/dto/primitives';
import { parseTimestamp, responses } from '../platform/http';
import { AppError } from '../platform/errors';
import { type Actor, authorize } from '../platform/security';
import { exportCaseRecord } from './case-record.service';
import { mergeTickets } from './merge.service';
import { revealContactPoints } from './contact-reveal.service';
import {
  CreateTicketBody,
  ListTicketsQuery,
  MergeBody,
  RevealContactPointsBody,
  TicketNumberParams,
  UpdateTicketBody,
} from './ticket.contract';
import { nextTicketNumber } from './ticket-number';
import { caseRecordRule, ticketAccess } from './ticket.policy';
import { presentCaseRecord, presentTicket } from './ticket.presenter';
import { getTicketById, getTicketByNumber, listTickets } from './ticket-query';
import { createTicket, updateTicket } from './ticket.service';

const tags = ['tickets'];

function ownAgentId(actor: Actor): string {
  if (actor.kind !== 'agent') throw new AppError('VALIDATION_FAILED', { field: 'assignee', reason: '"me" needs an agent session' });
  return actor.agentId;
}

export const ticketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, config } = app.ctx;

  app.get(
    '/tickets',
    { schema: { tags, summary: 'List and search tickets', querystring: ListTicketsQuery, response: responses({ 200: Page(TicketDto) }) } },
    async (request) => {
      const access = ticketAccess(request.actor, 'read');
      const { q, group, assignee, customer, formalComplaint, createdFrom, createdTo, sort, cursor, limit, ...rest } = request.query;
      const page = await listTickets(db, {
        access,
        filters: {
          ...rest,
          query: q,
          groupId: group,
          assignee: assignee === 'me' ? ownAgentId(request.actor) : assignee,
          customerId: customer,
          isFormalComplaint: formalComplaint,
          createdFrom: createdFrom ? parseTimestamp(createdFrom, 'createdFrom') : undefined,
          createdTo: createdTo ? parseTimestamp(createdTo, 'createdTo') : undefined,
        },
        sort,
        cursor,
        limit,
      });
      return { items: page.items.map(presentTicket), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/tickets',
    {
      schema: {
        tags,
        summary: 'Open a ticket with its first message',
        body: CreateTicketBody,
        response: responses({ 201: TicketDto }, 404, 409, 422),
      },
    },
    async (request, reply) => {
      ticketAccess(request.actor, 'write');
      const now = clock.now();
      const { article, channel, ...fields } = request.body;
      const number = await nextTicketNumber(db, now, config.workspaceTimeZone);
      // The pool, not a transaction: createTicket opens one only when a single statement cannot do.
      const created = await createTicket(db, {
        ...fields,
        number,
        channel: channel ?? (request.actor.kind === 'api_token' ? 'api' : 'web'),
        article: { ...article, kind: article.kind ?? 'inbound' },
        actor: request.actor,
        now,
      });
      return reply.status(201).send(presentTicket(created));
    },
  );

  app.get(
    '/tickets/:number',
    { schema: { tags, summary: 'Get a ticket by number', params: TicketNumberParams, response: responses({ 200: TicketDto }, 404) } },
    async (request) => {
      const access = ticketAccess(request.actor, 'read');
      return presentTicket(await getTicketByNumber(db, { number: request.params.number, access }));
    },
  );

  app.patch(
    '/tickets/:number',
    {
      schema: {
        tags,
        summary: 'Change status, assignment and fields',
        params: TicketNumberParams,
        body: UpdateTicketBody,
        response: responses({ 200: TicketDto }, 404, 409, 422),
      },
    },
    async (request) => {
      const access = ticketAccess(request.actor, 'write');
      const updated = await db.transaction((tx) =>
        updateTicket(tx, { number: request.params.number, changes: request.body, access, actor: request.actor, now: clock.now() }),
      );
      return presentTicket(await getTicketById(db, updated.id));
    },
  );

  app.post(
    '/tickets/:number/merge',
    {
      schema: {
        tags,
        summary: 'Merge this ticket into another',
        params: TicketNumberParams,
        body: MergeBody,
        response: responses({ 200: TicketDto }, 404, 409),
      },
    },
    async (request) => {
      const access = ticketAccess(request.actor, 'write');
      const { target } = await db.transaction((tx) =>
        mergeTickets(tx, {
          sourceNumber: request.params.number,
          targetNumber: request.body.targetNumber,
          access,
          actor: request.actor,
          now: clock.now(),
        }),
      );
      return presentTicket(await getTicketById(db, target.id));
    },
  );

  app.post(
    '/tickets/:number/contact-points/reveal',
    {
      schema: {
        tags,
        summary: "Show the ticket customer's contact points whole (agents see them masked); audited with the reason",
        params: TicketNumberParams,
        body: RevealContactPointsBody,
        response: responses({ 200: RevealedContactPointsDto }, 404),
      },
    },
    async (request) => {
      const access = ticketAccess(request.actor, 'read');
      const revealed = await db.transaction((tx) =>
        revealContactPoints(tx, {
          number: request.params.number,
          access,
          actor: request.actor,
          reason: request.body.reason,
          now: clock.now(),
        }),
      );
      return {
        customerId: revealed.customerId,
        contactPoints: revealed.contactPoints.map((point) => ({ ...point, masked: false })),
      };
    },
  );

  app.get(
    '/tickets/:number/audit',
    {
      schema: {
        tags,
        summary: 'Export the complete case record with its audit chain',
        params: TicketNumberParams,
        response: responses({ 200: CaseRecordDto }, 404),
      },
    },
    async (request) => {
      const access = ticketAccess(request.actor, 'read');
      // Visibility first: an agent who may not see the ticket gets TICKET_NOT_FOUND, as on its other routes.
      await getTicketByNumber(db, { number: request.params.number, access });
      authorize(request.actor, caseRecordRule);
      return presentCaseRecord(await exportCaseRecord(db, { number: request.params.number, access }), clock.now());
    },
  );
};
