import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChannelRecommendationDto,
  GroupRoutingDto,
  PresenceDto,
  PulledTicketDto,
  QueueStateDto,
  RoutingProfileDto,
} from '@common/dto/routing.dto';
import { responses } from '../platform/http';
import { actorRef, authorize, requireAgent } from '../platform/security';
import { recommendChannels } from './channel-recommendation';
import {
  AgentIdParams,
  GroupIdParams,
  GroupRoutingBody,
  HeartbeatBody,
  PresenceBody,
  ProblemTypeCodeParams,
  RoutingProfileBody,
  TakeNextTicketBody,
} from './routing.contract';
import { routingPolicy } from './routing.policy';
import {
  presentGroupRouting,
  presentPresence,
  presentPulled,
  presentQueueState,
  presentRecommendation,
  presentRoutingProfile,
} from './routing.presenter';
import {
  getGroupRouting,
  getPresence,
  getRoutingProfile,
  pullNextTicket,
  queueState,
  recordHeartbeat,
  setPresence,
  updateGroupRouting,
  updateRoutingProfile,
} from './routing.service';
import type { TicketDesk } from './ticket-desk';

const tags = ['routing'];

export const routingRoutes: FastifyPluginAsyncTypebox<{ desk: TicketDesk }> = async (app, { desk }) => {
  const { db, clock } = app.ctx;

  app.get('/me/presence', { schema: { tags, summary: 'My presence', response: responses({ 200: PresenceDto }) } }, async (request) =>
    presentPresence(await getPresence(db, requireAgent(request.actor).agentId)),
  );

  app.put(
    '/me/presence',
    {
      schema: {
        tags,
        summary: 'Set my presence: online gets tickets; busy and away keep theirs; offline gives back the unanswered ones',
        body: PresenceBody,
        response: responses({ 200: PresenceDto }),
      },
    },
    async (request) => {
      const { agentId } = requireAgent(request.actor);
      const input = { agentId, status: request.body.status, now: clock.now(), actor: actorRef(request.actor), reason: 'manual' as const };
      return presentPresence(await db.transaction((tx) => setPresence(tx, desk, input)));
    },
  );

  app.post(
    '/me/presence/heartbeat',
    {
      schema: {
        tags,
        summary: 'My console is open (it calls every minute); agents not seen for PRESENCE_TIMEOUT_MINUTES go offline',
        body: HeartbeatBody,
        response: responses({ 200: PresenceDto }),
      },
    },
    async (request) => {
      const { agentId } = requireAgent(request.actor);
      return presentPresence(await recordHeartbeat(db, { agentId, now: clock.now() }));
    },
  );

  app.post(
    '/me/next-ticket',
    {
      schema: {
        tags,
        summary: 'Take the next ticket of my groups’ queues, within my capacity',
        body: TakeNextTicketBody,
        response: responses({ 200: PulledTicketDto }),
      },
    },
    async (request) => {
      const { agentId } = requireAgent(request.actor);
      return presentPulled(await db.transaction((tx) => pullNextTicket(tx, desk, { agentId, now: clock.now() })));
    },
  );

  app.get(
    '/agents/:id/routing-profile',
    {
      schema: {
        tags,
        summary: 'An agent’s languages and capacity',
        params: AgentIdParams,
        response: responses({ 200: RoutingProfileDto }, 404),
      },
    },
    async (request) => {
      authorize(request.actor, routingPolicy.read);
      return presentRoutingProfile(await getRoutingProfile(db, request.params.id));
    },
  );

  app.patch(
    '/agents/:id/routing-profile',
    {
      schema: {
        tags,
        summary: 'Set an agent’s languages and capacity (admin)',
        params: AgentIdParams,
        body: RoutingProfileBody,
        response: responses({ 200: RoutingProfileDto }, 404),
      },
    },
    async (request) => {
      authorize(request.actor, routingPolicy.manage);
      const input = { ...request.body, agentId: request.params.id, actor: actorRef(request.actor), now: clock.now() };
      return presentRoutingProfile(await db.transaction((tx) => updateRoutingProfile(tx, input)));
    },
  );

  app.get(
    '/groups/:id/routing',
    { schema: { tags, summary: 'A group’s routing settings', params: GroupIdParams, response: responses({ 200: GroupRoutingDto }, 404) } },
    async (request) => {
      authorize(request.actor, routingPolicy.read);
      return presentGroupRouting(await getGroupRouting(db, request.params.id));
    },
  );

  app.patch(
    '/groups/:id/routing',
    {
      schema: {
        tags,
        summary: 'Set a group’s strategy, overflow and required language (admin)',
        params: GroupIdParams,
        body: GroupRoutingBody,
        response: responses({ 200: GroupRoutingDto }, 404, 422),
      },
    },
    async (request) => {
      authorize(request.actor, routingPolicy.manage);
      const input = { ...request.body, groupId: request.params.id, actor: actorRef(request.actor), now: clock.now() };
      return presentGroupRouting(await db.transaction((tx) => updateGroupRouting(tx, input)));
    },
  );

  app.get(
    '/groups/:id/queue',
    {
      schema: {
        tags,
        summary: 'A group’s queue: waiting, longest wait, agents and room',
        params: GroupIdParams,
        response: responses({ 200: QueueStateDto }, 404),
      },
    },
    async (request) => {
      authorize(request.actor, routingPolicy.read);
      return presentQueueState(await queueState(db, desk, { groupId: request.params.id, now: clock.now() }));
    },
  );

  app.get(
    '/channel-recommendations/:code',
    {
      schema: {
        tags,
        summary: 'Where to bring a problem of this type, best first, with reasons. Public, for the portal and the widget',
        security: [],
        params: ProblemTypeCodeParams,
        response: responses({ 200: ChannelRecommendationDto }, 404),
      },
    },
    async (request) => presentRecommendation(await recommendChannels(db, request.params.code)),
  );
};
