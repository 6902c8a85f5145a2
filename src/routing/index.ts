export { skillGroupRoutes } from './skill-group.routes';
export {
  createGroup,
  defaultGroupId,
  getGroup,
  groupExists,
  groupIdsOfAgent,
  isGroupMember,
  listGroups,
  type SkillGroupView,
  updateGroup,
} from './skill-group.service';
export { skillGroup, skillGroupMember } from './skill-group.table';
export { agentPresence, agentRoutingProfile, groupRouting } from './routing.table';
export type { AgentLoad, QueuedTicket, TicketDesk } from './ticket-desk';
export { routingRoutes } from './routing.routes';
export {
  getGroupRouting,
  getPresence,
  getRoutingProfile,
  pullNextTicket,
  queueState,
  routeNextInGroup,
  setPresence,
  updateGroupRouting,
  updateRoutingProfile,
} from './routing.service';
export { recommendChannels } from './channel-recommendation';
export { overflowJob } from './overflow.job';
export { presenceRoutingSubscriber, routeGroup, ticketRoutingSubscriber } from './routing.subscriber';
