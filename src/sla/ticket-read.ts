import { eq, getTableColumns } from 'drizzle-orm';
import type { Executor } from '../platform/db';
import { ticket, type TicketRow } from '../tickets';

const { searchVector: _omit, ...columns } = getTableColumns(ticket);

/** A ticket as it is, read without a row lock (the SLA serialises on its own advisory lock). */
export async function readTicket(tx: Executor, ticketId: string): Promise<TicketRow | undefined> {
  const [row] = await tx.select(columns).from(ticket).where(eq(ticket.id, ticketId));
  return row;
}
