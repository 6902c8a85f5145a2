import { defineJob, type ScheduleDefinition } from '../platform/jobs';
import { purgeExpiredSessions } from './session.service';

const purgeExpiredSessionsJob = defineJob<{ scheduledFor: string }>({
  name: 'auth.purge-expired-sessions',
  run: async ({ db, clock, logger }) => {
    const removed = await purgeExpiredSessions(db, clock.now());
    if (removed > 0) logger.info({ removed }, 'expired sessions purged');
  },
});

export const purgeExpiredSessionsSchedule = (timeZone: string): ScheduleDefinition => ({
  name: purgeExpiredSessionsJob.name,
  cron: '17 3 * * *',
  timeZone,
  job: purgeExpiredSessionsJob,
});
