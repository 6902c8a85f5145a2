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
export { agentPresence, agentRoutingProfile, groupRouting, ticketOverflow } from './routing.table';
export type { AgentLoad, QueuedTicket, TicketDesk } from './ticket-desk';
export { routingRoutes } from './routing.routes';
export {
  getGroupRouting,
  getPresence,
  getRoutingProfile,
  pullNextTicket,
  agentsNotSeenSince,
  type PresenceChangeReason,
  presenceOnDeactivation,
  queueState,
  recordHeartbeat,
  routeNextInGroup,
  setPresence,
  updateGroupRouting,
  updateRoutingProfile,
} from './routing.service';
export { recommendChannels } from './channel-recommendation';
export { overflowJob } from './overflow.job';
export { presenceTimeoutSchedule } from './presence-timeout.job';
export { presenceRoutingSubscriber, routeGroup, ticketRoutingSubscriber } from './routing.subscriber';
