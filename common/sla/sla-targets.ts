/** The clocks an SLA policy can set on a ticket. */
export const slaMetrics = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof slaMetrics)[number];

/**
 * How a target is counted: in working time on the policy's calendar (minutes,
 * hours, or to the close of the n-th working day) or in elapsed calendar time.
 */
export const slaTargetUnits = ['working_minutes', 'working_hours', 'working_days', 'calendar_hours', 'calendar_days'] as const;
export type SlaTargetUnit = (typeof slaTargetUnits)[number];

export interface SlaTarget {
  amount: number;
  unit: SlaTargetUnit;
}

export function isWorkingUnit(unit: SlaTargetUnit): boolean {
  return unit.startsWith('working_');
}
