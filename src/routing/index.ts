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
