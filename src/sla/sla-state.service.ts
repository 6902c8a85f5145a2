import type { Executor } from '../platform/db';
import { getTicketByNumber, type TicketAccess } from '../tickets';
import type { BusinessCalendar } from './business-calendar';
import { loadBusinessCalendar, loadPublicHolidays } from './business-calendar.service';
import { listTicketClocks, type SlaClockRow } from './sla-clock.service';

export interface TicketSlaState {
  ticketNumber: string;
  nextEscalationAt: Date | null;
  clocks: { clock: SlaClockRow; policyName: string; calendar: BusinessCalendar }[];
}

/** A ticket's clocks with their policies and calendars, for a reader who may see the ticket. Errors: TICKET_NOT_FOUND. */
export async function ticketSlaState(db: Executor, input: { number: string; access: TicketAccess }): Promise<TicketSlaState> {
  const view = await getTicketByNumber(db, { number: input.number, access: input.access });
  const rows = await listTicketClocks(db, view.id);
  const holidays = await loadPublicHolidays(db);
  const calendars = new Map<string, BusinessCalendar>();
  for (const id of new Set(rows.map((row) => row.calendarId)))
    calendars.set(id, await loadBusinessCalendar(db, id, holidays, { unknownYears: 'weekdays' }));
  return {
    ticketNumber: view.number,
    nextEscalationAt: view.nextEscalationAt,
    clocks: rows.map(({ policyName, ...clock }) => ({ clock, policyName, calendar: calendars.get(clock.calendarId) as BusinessCalendar })),
  };
}
