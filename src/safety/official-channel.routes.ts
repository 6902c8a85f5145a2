import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ChannelCheckDto, OfficialChannelDto } from '@common/dto/safety.dto';
import { responses } from '../platform/http';
import { actorRef, authorize } from '../platform/security';
import { CheckChannelQuery, OfficialChannelParams, RegisterOfficialChannelBody } from './official-channel.contract';
import { officialChannelPolicy } from './official-channel.policy';
import { presentChannelCheck, presentOfficialChannel } from './official-channel.presenter';
import { checkChannel, listOfficialChannels, registerOfficialChannel, removeOfficialChannel } from './official-channel.service';

const tags = ['safety'];

export const officialChannelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, clock, config } = app.ctx;

  app.get(
    '/official-channels/check',
    {
      schema: {
        tags,
        summary: 'Is this number, address, link or WeChat id really ours? Public, for the portal and the widget',
        security: [],
        querystring: CheckChannelQuery,
        response: responses({ 200: ChannelCheckDto }),
      },
      // Public and cheap to ask: limited per address so it cannot be used to map the list by brute force.
      config: { rateLimit: { max: config.channelCheckRateLimitPerMinute, timeWindow: 60_000 } },
    },
    async (request) => presentChannelCheck(await checkChannel(db, request.query)),
  );

  app.get(
    '/official-channels',
    { schema: { tags, summary: 'List the official channels', response: responses({ 200: Type.Array(OfficialChannelDto) }) } },
    async (request) => {
      authorize(request.actor, officialChannelPolicy.read);
      return (await listOfficialChannels(db)).map(presentOfficialChannel);
    },
  );

  app.post(
    '/official-channels',
    {
      schema: {
        tags,
        summary: 'Register an official channel (admin)',
        body: RegisterOfficialChannelBody,
        response: responses({ 201: OfficialChannelDto }, 409),
      },
    },
    async (request, reply) => {
      authorize(request.actor, officialChannelPolicy.manage);
      const actor = actorRef(request.actor);
      const row = await db.transaction((tx) => registerOfficialChannel(tx, { ...request.body, actor, now: clock.now() }));
      return reply.status(201).send(presentOfficialChannel(row));
    },
  );

  app.delete(
    '/official-channels/:id',
    {
      schema: {
        tags,
        summary: 'Remove an official channel (admin)',
        params: OfficialChannelParams,
        response: responses({ 204: Type.Null() }, 404),
      },
    },
    async (request, reply) => {
      authorize(request.actor, officialChannelPolicy.manage);
      const actor = actorRef(request.actor);
      await db.transaction((tx) => removeOfficialChannel(tx, { id: request.params.id, actor, now: clock.now() }));
      return reply.status(204).send();
    },
  );
};
