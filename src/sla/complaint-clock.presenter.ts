import type { ComplaintClockDto } from '@common/dto/sla.dto';
import { type ComplaintClockRow, complaintState } from './complaint-clock.service';

export function presentComplaintClock(row: ComplaintClockRow & { number: string; subject?: string }, now: Date): ComplaintClockDto {
  return {
    ticketNumber: row.number,
    ...(row.subject !== undefined ? { subject: row.subject } : {}),
    acceptedAt: row.acceptedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    days: row.baseDays + row.extensions.reduce((sum, extension) => sum + extension.days, 0),
    state: complaintState(row, now),
    source: row.source,
    extensions: row.extensions,
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
  };
}
