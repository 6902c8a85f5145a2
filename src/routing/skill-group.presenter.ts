import type { SkillGroupDto } from '@common/dto/agent.dto';
import type { SkillGroupView } from './skill-group.service';

export function presentGroup(view: SkillGroupView): SkillGroupDto {
  return {
    id: view.id,
    name: view.name,
    description: view.description,
    isDefault: view.isDefault,
    memberIds: view.memberIds,
    createdAt: view.createdAt.toISOString(),
  };
}
