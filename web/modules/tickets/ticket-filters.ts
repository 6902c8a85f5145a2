import { type TicketPriority, ticketPriorities } from '@common/tickets/ticket-fields';
import { type TicketStatus, ticketStatuses } from '@common/tickets/ticket-status';

/** What the ticket list is filtered by; kept in the URL so back navigation and links restore it. */
export interface TicketFilters {
  status: TicketStatus[];
  group: string | undefined;
  assignee: 'me' | 'none' | undefined;
  priority: TicketPriority | undefined;
  formalComplaint: boolean;
  /** The at-risk queue: only tickets with an SLA warning or breach to come, soonest first. */
  atRisk: boolean;
  q: string | undefined;
}

export const emptyFilters: TicketFilters = {
  status: [],
  group: undefined,
  assignee: undefined,
  priority: undefined,
  formalComplaint: false,
  atRisk: false,
  q: undefined,
};

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

export function filtersFromSearch(params: URLSearchParams): TicketFilters {
  return {
    status: params.getAll('status').flatMap((raw) => oneOf(ticketStatuses, raw) ?? []),
    group: params.get('group') || undefined,
    assignee: oneOf(['me', 'none'] as const, params.get('assignee')),
    priority: oneOf(ticketPriorities, params.get('priority')),
    formalComplaint: params.get('formalComplaint') === 'true',
    atRisk: params.get('atRisk') === 'true',
    q: params.get('q')?.trim() || undefined,
  };
}

export function filtersToSearch(filters: TicketFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of filters.status) params.append('status', status);
  if (filters.group) params.set('group', filters.group);
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.formalComplaint) params.set('formalComplaint', 'true');
  if (filters.atRisk) params.set('atRisk', 'true');
  if (filters.q) params.set('q', filters.q);
  return params;
}

/** The GET /tickets query for these filters; an unchecked complaint box means "any", not "false". */
export function filtersToQuery(filters: TicketFilters): Record<string, string | readonly string[] | boolean | undefined> {
  return {
    status: filters.status,
    group: filters.group,
    assignee: filters.assignee,
    priority: filters.priority,
    formalComplaint: filters.formalComplaint ? true : undefined,
    sort: filters.atRisk ? 'escalation' : undefined,
    q: filters.q,
  };
}
