import { isWorkingUnit, type SlaTarget } from '@common/sla/sla-targets';
import type { SlaClockDto, TicketSlaDto } from '@common/dto/sla.dto';
import type { BusinessCalendar } from './business-calendar';
import type { SlaClockRow } from './sla-clock.service';
import type { TicketSlaState } from './sla-state.service';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

function stateOf(clock: SlaClockRow): SlaClockDto['state'] {
  if (clock.breachedAt) return 'breached';
  if (clock.stoppedAt) return 'met';
  return clock.pausedAt ? 'paused' : 'running';
}

/** A clock as the console shows it: state, due time and the working time left on its calendar. */
export function presentSlaClock(clock: SlaClockRow, policyName: string, calendar: BusinessCalendar, now: Date): SlaClockDto {
  const running = !clock.stoppedAt && !clock.pausedAt && clock.dueAt;
  const target = clock.target as SlaTarget;
  const remainingMinutes = running
    ? isWorkingUnit(target.unit)
      ? calendar.workingMinutesBetween(now, clock.dueAt as Date)
      : ((clock.dueAt as Date).getTime() - now.getTime()) / 60_000
    : null;
  return {
    metric: clock.metric,
    cycle: clock.cycle,
    policy: { id: clock.policyId, name: policyName },
    calendarId: clock.calendarId,
    target,
    state: stateOf(clock),
    startedAt: clock.startedAt.toISOString(),
    dueAt: iso(clock.dueAt),
    warnAt: iso(clock.warnAt),
    remainingMinutes: remainingMinutes === null ? null : Math.round(remainingMinutes),
    provisionalYears: clock.dueAt ? calendar.unknownYearsBetween(clock.startedAt, clock.dueAt) : [],
    pausedSince: iso(clock.pausedAt),
    pausedMinutes: Math.round(clock.pausedMinutes),
    stoppedAt: iso(clock.stoppedAt),
    warnedAt: iso(clock.warnedAt),
    breachedAt: iso(clock.breachedAt),
  };
}

export function presentTicketSla(state: TicketSlaState, now: Date): TicketSlaDto {
  return {
    ticketNumber: state.ticketNumber,
    nextEscalationAt: iso(state.nextEscalationAt),
    clocks: state.clocks.map(({ clock, policyName, calendar }) => presentSlaClock(clock, policyName, calendar, now)),
  };
}
