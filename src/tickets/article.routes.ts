import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ArticleDto } from '@common/dto/ticket.dto';
import { responses } from '../platform/http';
import { addArticle, getArticleView, listArticles } from './article.service';
import { CreateArticleBody, TicketNumberParams } from './ticket.contract';
import { seesInternalNotes, ticketAccess } from './ticket.policy';
import { presentArticle } from './ticket.presenter';
import { getTicketByNumber } from './ticket-query';

const tags = ['articles'];

export const articleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, config } = app.ctx;

  app.get(
    '/tickets/:number/articles',
    {
      schema: {
        tags,
        summary: "A ticket's messages in order",
        params: TicketNumberParams,
        response: responses({ 200: Type.Array(ArticleDto) }, 404),
      },
    },
    async (request) => {
      const access = ticketAccess(request.actor, 'read');
      const ticket = await getTicketByNumber(db, { number: request.params.number, access });
      const articles = await listArticles(db, { ticketId: ticket.id, includeInternal: seesInternalNotes(request.actor) });
      return articles.map(presentArticle);
    },
  );

  app.post(
    '/tickets/:number/articles',
    {
      schema: {
        tags,
        summary: 'Add a customer message, a reply or an internal note',
        params: TicketNumberParams,
        body: CreateArticleBody,
        response: responses({ 201: ArticleDto }, 404, 409, 422),
      },
    },
    async (request, reply) => {
      const access = ticketAccess(request.actor, 'write');
      const { article } = await db.transaction((tx) =>
        addArticle(tx, {
          ...request.body,
          number: request.params.number,
          access,
          actor: request.actor,
          now: clock.now(),
          reopenWindowDays: config.reopenWindowDays,
        }),
      );
      return reply.status(201).send(presentArticle(await getArticleView(db, article.id)));
    },
  );
};
