import type { FreezeRequestDto, IdentityCheckDto, SelfServiceFreezeDto, TicketSafetyDto } from '@common/dto/emergency.dto';
import type { FreezeRequestRow } from './freeze.service';
import type { IdentityCheckRow } from './identity-check.service';
import type { SafetyState } from './safety-state';

const iso = (value: Date | null) => value?.toISOString() ?? null;

export function presentIdentityCheck(row: IdentityCheckRow): IdentityCheckDto {
  return {
    id: row.id,
    result: row.result,
    requestedBy: row.requestedBy,
    requestedByAgentId: row.requestedByAgentId,
    createdAt: row.createdAt.toISOString(),
    completedAt: iso(row.completedAt),
  };
}

export function presentFreezeRequest(row: FreezeRequestRow): FreezeRequestDto {
  return {
    id: row.id,
    ticketId: row.ticketId,
    state: row.state,
    requestedBy: row.requestedBy,
    requestedByAgentId: row.requestedByAgentId,
    platformReference: row.platformReference,
    outcome: row.outcome,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentTicketSafety(state: SafetyState): TicketSafetyDto {
  const settled = state.checks.find((check) => check.result !== 'pending');
  return {
    number: state.ticket.number,
    fraudFlagged: state.ticket.fraudFlagged,
    problemType: state.ticket.problemType,
    freezeAvailable: state.ticket.problemType === 'suspected_theft',
    identity: {
      lastResult: settled?.result ?? null,
      attemptsLastHour: state.attemptsLastHour,
      maxPerHour: state.maxPerHour,
      checks: state.checks.map(presentIdentityCheck),
    },
    freezeRequests: state.freezeRequests.map(presentFreezeRequest),
  };
}

/** The customer's page learns the state of their own request, nothing about staff. */
export function presentSelfService(state: SafetyState, expiresAt: Date): SelfServiceFreezeDto {
  const latest = state.freezeRequests[0];
  return {
    ticketNumber: state.ticket.number,
    expiresAt: expiresAt.toISOString(),
    identityVerified: state.identityVerified,
    attemptsLeft: Math.max(0, state.maxPerHour - state.attemptsLastHour),
    freeze: latest ? { state: latest.state, requestedAt: latest.createdAt.toISOString(), updatedAt: latest.updatedAt.toISOString() } : null,
  };
}
