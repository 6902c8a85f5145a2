export { BusinessCalendar, type BusinessCalendarDefinition, type CalendarDay, type WorkingInterval } from './business-calendar';
export { businessCalendarRoutes } from './business-calendar.routes';
export {
  computeOnCalendar,
  getBusinessCalendar,
  listBusinessCalendars,
  loadBusinessCalendar,
  loadPublicHolidays,
  toBusinessCalendar,
} from './business-calendar.service';
export { businessCalendar, businessCalendarException, publicHolidayYear } from './business-calendar.table';
export { cnPublicHolidayYears } from './cn-public-holidays';
export { PublicHolidays, shippedPublicHolidays } from './public-holidays';
export { formatLocalDateTime, isLocalDate, type LocalDate, localTimeToUtc } from './local-time';
export { slaCheckJob, slaSweepSchedule } from './sla-check.job';
export { slaCalendarSubscriber, slaTicketSubscriber } from './sla.subscriber';
export { slaRoutes } from './sla.routes';
export { slaPolicyRoutes } from './sla-policy.routes';
export { ticketPressRoutes } from './ticket-press.routes';
export { ticketPress } from './ticket-press.table';
export { complaintClockRoutes } from './complaint-clock.routes';
export { recomputeDeadlines } from './sla-recompute.service';
