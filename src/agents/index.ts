export { Password } from './agent.contract';
export { presentAgent } from './agent.presenter';
export { agentRoutes } from './agent.routes';
export {
  type AgentChanges,
  type AgentDeactivationHook,
  type AgentRow,
  countAgents,
  createAgent,
  findAgentByEmail,
  getAgent,
  listAgents,
  recordFailedLogin,
  recordSuccessfulLogin,
  updateAgent,
} from './agent.service';
export { agent } from './agent.table';
