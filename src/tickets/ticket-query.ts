import { and, arrayContains, asc, desc, eq, getTableColumns, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TicketChannel, TicketPriority } from '@common/tickets/ticket-fields';
import type { TicketStatus } from '@common/tickets/ticket-status';
import { agent } from '../agents';
import { customer } from '../customers';
import type { Executor } from '../platform/db';
import { AppError } from '../platform/errors';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../platform/http';
import { searchQuery } from '../platform/search';
import { skillGroup } from '../routing';
import { accessCondition, type TicketAccess } from './ticket.policy';
import { normalizeTag } from './ticket-tags';
import { ticketDeadline } from './ticket-deadline.table';
import { ticket } from './ticket.table';

const mergedInto = alias(ticket, 'merged_into');
const { searchVector: _searchVector, ...ticketColumns } = getTableColumns(ticket);

export type TicketRow = Omit<typeof ticket.$inferSelect, 'searchVector'>;

/** A ticket with the names a list or page shows next to it. */
export interface TicketView extends TicketRow {
  customerName: string | null;
  customerPlatformUserId: string | null;
  groupName: string;
  assigneeName: string | null;
  mergedIntoNumber: string | null;
  /** The SLA deadlines (ticket_deadline), null where none runs. */
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  nextEscalationAt: Date | null;
}

/**
 * RETURNING columns that make an INSERT into ticket hand back the whole view,
 * names included, so opening a ticket needs no second read.
 */
export const returningView = {
  ...ticketColumns,
  customerName: sql<string | null>`(select ${customer.name} from ${customer} where ${customer.id} = ${ticket.customerId})`,
  customerPlatformUserId: sql<
    string | null
  >`(select ${customer.platformUserId} from ${customer} where ${customer.id} = ${ticket.customerId})`,
  groupName: sql<string>`(select ${skillGroup.name} from ${skillGroup} where ${skillGroup.id} = ${ticket.groupId})`,
  assigneeName: sql<string | null>`(select ${agent.name} from ${agent} where ${agent.id} = ${ticket.assigneeId})`,
  mergedIntoNumber: sql<string | null>`null`,
  // A ticket being opened has no deadlines yet: the sla module sets them after the commit.
  firstResponseDueAt: sql<Date | null>`null`,
  nextResponseDueAt: sql<Date | null>`null`,
  resolutionDueAt: sql<Date | null>`null`,
  nextEscalationAt: sql<Date | null>`null`,
};

/**
 * Tickets with the names a list or page shows next to them. The tickets are
 * chosen first, alone (so an ORDER BY ... LIMIT walks its index), and only the
 * chosen rows are joined: joining first made PostgreSQL sort every ticket.
 */
function selectViews(db: Executor, chosen: (query: ReturnType<typeof selectTickets>) => ReturnType<typeof selectTickets>) {
  const page = chosen(selectTickets(db)).as('page');
  const pageColumns = Object.fromEntries(Object.keys(ticketColumns).map((key) => [key, page[key as keyof typeof ticketColumns]])) as {
    [K in keyof typeof ticketColumns]: (typeof page)[K];
  };
  return db
    .select({
      ...pageColumns,
      customerName: customer.name,
      customerPlatformUserId: customer.platformUserId,
      groupName: skillGroup.name,
      assigneeName: agent.name,
      mergedIntoNumber: mergedInto.number,
      firstResponseDueAt: ticketDeadline.firstResponseDueAt,
      nextResponseDueAt: ticketDeadline.nextResponseDueAt,
      resolutionDueAt: ticketDeadline.resolutionDueAt,
      nextEscalationAt: ticketDeadline.nextEscalationAt,
    })
    .from(page)
    .innerJoin(customer, eq(customer.id, page.customerId))
    .innerJoin(skillGroup, eq(skillGroup.id, page.groupId))
    .leftJoin(agent, eq(agent.id, page.assigneeId))
    .leftJoin(mergedInto, eq(mergedInto.id, page.mergedIntoId))
    .leftJoin(ticketDeadline, eq(ticketDeadline.ticketId, page.id));
}

function selectTickets(db: Executor) {
  return db.select(ticketColumns).from(ticket).$dynamic();
}

// The lookups every ticket page and write ends with, as named prepared statements:
// PostgreSQL then plans the five-way join once per connection instead of every call.
function preparedLookups(db: Executor) {
  return {
    byId: selectViews(db, (q) => q.where(eq(ticket.id, sql.placeholder('id'))).limit(1)).prepare('ticket_view_by_id'),
    byNumber: selectViews(db, (q) => q.where(eq(ticket.number, sql.placeholder('number'))).limit(1)).prepare('ticket_view_by_number'),
    byNumberScoped: selectViews(db, (q) =>
      q
        .where(
          and(
            eq(ticket.number, sql.placeholder('number')),
            or(sql`${ticket.groupId} = any(${sql.placeholder('groupIds')}::uuid[])`, eq(ticket.assigneeId, sql.placeholder('agentId'))),
          ),
        )
        .limit(1),
    ).prepare('ticket_view_by_number_scoped'),
  };
}

const lookups = new WeakMap<Executor, ReturnType<typeof preparedLookups>>();

function lookupsFor(db: Executor): ReturnType<typeof preparedLookups> {
  let prepared = lookups.get(db);
  if (!prepared) {
    prepared = preparedLookups(db);
    lookups.set(db, prepared);
  }
  return prepared;
}

/** A ticket by number within the actor's access. Errors: TICKET_NOT_FOUND (also when outside access). */
export async function getTicketByNumber(db: Executor, input: { number: string; access: TicketAccess }): Promise<TicketView> {
  const number = input.number.toUpperCase();
  const { access } = input;
  const [row] =
    access.kind === 'all'
      ? await lookupsFor(db).byNumber.execute({ number })
      : await lookupsFor(db).byNumberScoped.execute({ number, groupIds: [...access.groupIds], agentId: access.agentId });
  if (!row) throw new AppError('TICKET_NOT_FOUND');
  return row;
}

export async function getTicketById(db: Executor, id: string): Promise<TicketView> {
  const [row] = await lookupsFor(db).byId.execute({ id });
  if (!row) throw new AppError('TICKET_NOT_FOUND');
  return row;
}

export interface TicketFilters {
  status?: TicketStatus[] | undefined;
  groupId?: string | undefined;
  /** An agent id, or 'none' for unassigned. */
  assignee?: string | undefined;
  customerId?: string | undefined;
  channel?: TicketChannel | undefined;
  priority?: TicketPriority | undefined;
  problemType?: string | undefined;
  tag?: string | undefined;
  isFormalComplaint?: boolean | undefined;
  needsTriage?: boolean | undefined;
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
  /** A ticket number, or words to find in the subject and messages (Chinese segmented). */
  query?: string | undefined;
}

/** Newest activity or creation first, or soonest SLA escalation first (only tickets with one coming: the at-risk queue). */
export type TicketSort = 'updated' | 'created' | 'escalation';

const TICKET_NUMBER_QUERY = /^hy\d{6,}$/i;

function filterConditions(filters: TicketFilters): SQL[] {
  const conditions: (SQL | undefined)[] = [];
  if (filters.status?.length) conditions.push(inArray(ticket.status, filters.status));
  if (filters.groupId) conditions.push(eq(ticket.groupId, filters.groupId));
  if (filters.assignee === 'none') conditions.push(isNull(ticket.assigneeId));
  else if (filters.assignee) conditions.push(eq(ticket.assigneeId, filters.assignee));
  if (filters.customerId) conditions.push(eq(ticket.customerId, filters.customerId));
  if (filters.channel) conditions.push(eq(ticket.channel, filters.channel));
  if (filters.priority) conditions.push(eq(ticket.priority, filters.priority));
  if (filters.problemType) conditions.push(eq(ticket.problemType, filters.problemType));
  if (filters.tag) conditions.push(arrayContains(ticket.tags, [normalizeTag(filters.tag)]));
  if (filters.isFormalComplaint !== undefined) conditions.push(eq(ticket.isFormalComplaint, filters.isFormalComplaint));
  if (filters.needsTriage !== undefined) conditions.push(eq(ticket.needsTriage, filters.needsTriage));
  if (filters.createdFrom) conditions.push(gte(ticket.createdAt, filters.createdFrom));
  if (filters.createdTo) conditions.push(lte(ticket.createdAt, filters.createdTo));
  const query = filters.query?.trim();
  if (query && TICKET_NUMBER_QUERY.test(query)) conditions.push(eq(ticket.number, query.toUpperCase()));
  else if (query) {
    const tsquery = searchQuery(query);
    // A query with no searchable word (only punctuation) matches nothing rather than everything.
    conditions.push(tsquery ? sql`${ticket.searchVector} @@ ${tsquery}::tsquery` : sql`false`);
  }
  return conditions.filter((condition): condition is SQL => condition !== undefined);
}

/** One page of tickets in the chosen order, with keyset pagination. Errors: INVALID_CURSOR. */
export async function listTickets(
  db: Executor,
  input: { access: TicketAccess; filters: TicketFilters; sort: TicketSort; cursor?: string | undefined; limit: number },
): Promise<{ items: TicketView[]; nextCursor: string | null }> {
  const ascending = input.sort === 'escalation';
  const sortColumn =
    input.sort === 'created' ? ticket.createdAt : input.sort === 'escalation' ? ticketDeadline.nextEscalationAt : ticket.updatedAt;
  const conditions = filterConditions(input.filters);
  const scope = accessCondition(input.access);
  if (scope) conditions.push(scope);
  if (ascending) conditions.push(isNotNull(ticketDeadline.nextEscalationAt));
  if (input.cursor) {
    const [at, id] = decodeTimeIdCursor(input.cursor);
    conditions.push(ascending ? sql`(${sortColumn}, ${ticket.id}) > (${at}, ${id})` : sql`(${sortColumn}, ${ticket.id}) < (${at}, ${id})`);
  }
  const order = ascending ? asc : desc;
  const chosen = selectViews(db, (q) =>
    (ascending ? q.innerJoin(ticketDeadline, eq(ticketDeadline.ticketId, ticket.id)) : q)
      .where(and(...conditions))
      .orderBy(order(sortColumn), order(ticket.id))
      .limit(input.limit + 1),
  );
  const { createdAt, updatedAt, id } = chosen._.selectedFields;
  const outerColumn = input.sort === 'created' ? createdAt : input.sort === 'escalation' ? ticketDeadline.nextEscalationAt : updatedAt;
  const rows = await chosen.orderBy(order(outerColumn), order(id));
  const items = rows.slice(0, input.limit);
  const last = items[items.length - 1];
  const hasMore = rows.length > input.limit;
  const cursorAt = (view: TicketView) =>
    input.sort === 'created' ? view.createdAt : input.sort === 'escalation' ? (view.nextEscalationAt as Date) : view.updatedAt;
  return { items, nextCursor: hasMore && last ? encodeTimeIdCursor(cursorAt(last), last.id) : null };
}
