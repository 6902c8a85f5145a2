/**
 * The ticket status machine in one table: internal state, the label the
 * customer sees, and the states an agent may move it to. Customer-facing
 * labels deliberately collapse internal detail (a ticket waiting on the broker
 * is still "处理中" to the customer).
 */
export const ticketStatuses = ['new', 'open', 'pending_customer', 'pending_third_party', 'resolved', 'closed', 'merged'] as const;

export type TicketStatus = (typeof ticketStatuses)[number];

export type CustomerStatusLabel = 'received' | 'in_progress' | 'awaiting_you' | 'resolved' | 'closed';

interface StatusRow {
  customerLabel: CustomerStatusLabel;
  agentMayMoveTo: readonly TicketStatus[];
  /** A customer message on a ticket in this state reopens it (within the reopen window for resolved). */
  reopensOnCustomerReply: boolean;
}

export const ticketStatusTable: Record<TicketStatus, StatusRow> = {
  new: {
    customerLabel: 'received',
    agentMayMoveTo: ['open', 'pending_customer', 'pending_third_party', 'resolved', 'closed'],
    reopensOnCustomerReply: false,
  },
  open: {
    customerLabel: 'in_progress',
    agentMayMoveTo: ['pending_customer', 'pending_third_party', 'resolved', 'closed'],
    reopensOnCustomerReply: false,
  },
  pending_customer: {
    customerLabel: 'awaiting_you',
    agentMayMoveTo: ['open', 'pending_third_party', 'resolved', 'closed'],
    reopensOnCustomerReply: true,
  },
  pending_third_party: {
    customerLabel: 'in_progress',
    agentMayMoveTo: ['open', 'pending_customer', 'resolved', 'closed'],
    reopensOnCustomerReply: false,
  },
  resolved: {
    customerLabel: 'resolved',
    agentMayMoveTo: ['open', 'closed'],
    reopensOnCustomerReply: true,
  },
  closed: { customerLabel: 'closed', agentMayMoveTo: [], reopensOnCustomerReply: false },
  merged: { customerLabel: 'closed', agentMayMoveTo: [], reopensOnCustomerReply: false },
};

export const customerStatusLabels: Record<CustomerStatusLabel, { 'zh-CN': string; en: string }> = {
  received: { 'zh-CN': '已受理', en: 'Received' },
  in_progress: { 'zh-CN': '处理中', en: 'In progress' },
  awaiting_you: { 'zh-CN': '待您补充', en: 'Awaiting your reply' },
  resolved: { 'zh-CN': '已解决', en: 'Resolved' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
};

export function canAgentMove(from: TicketStatus, to: TicketStatus): boolean {
  return ticketStatusTable[from].agentMayMoveTo.includes(to);
}

/** Ticket states an agent still has work on; used by queues and the reopen rule. */
export const activeTicketStatuses: readonly TicketStatus[] = ['new', 'open', 'pending_customer', 'pending_third_party'];
