import type { SlaPolicyDto } from '@common/dto/sla.dto';
import type { SlaPolicyRecord } from './sla-policy.service';

export function presentSlaPolicy(row: SlaPolicyRecord): SlaPolicyDto {
  return {
    id: row.id,
    name: row.name,
    position: row.position,
    active: row.active,
    conditions: {
      problemTypes: row.problemTypes,
      slaClasses: row.slaClasses,
      priorities: row.priorities,
      channels: row.channels,
      customerTiers: row.customerTiers,
    },
    calendarId: row.calendarId,
    firstResponse: row.firstResponse ?? null,
    nextResponse: row.nextResponse ?? null,
    resolution: row.resolution ?? null,
    warnAtPercent: row.warnAtPercent,
    raisePriorityOnBreach: row.raisePriorityOnBreach,
    escalationGroupId: row.escalationGroupId,
    runningClocks: row.runningClocks,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
