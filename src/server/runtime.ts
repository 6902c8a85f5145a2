import { agentNotificationSubscriber } from '../agent-notifications';
import { purgeExpiredSessionsSchedule } from '../auth';
import { freezeDeliverySubscriber, resolveSelfServiceSecret, selfServiceLinkSubscriber } from '../emergency';
import type { Clock } from '../platform/clock';
import type { Config } from '../platform/config';
import type { DatabaseHandle } from '../platform/db';
import { type EventBus, EventRelay, housekeepingSchedule } from '../platform/events';
import { type JobDefinition, JobRunner, JobScheduler } from '../platform/jobs';
import type { Logger } from '../platform/logging';
import { overflowJob, presenceRoutingSubscriber, presenceTimeoutSchedule, ticketRoutingSubscriber } from '../routing';
import { slaCalendarSubscriber, slaCheckJob, slaSweepSchedule, slaTicketSubscriber } from '../sla';
import { autoCloseSchedule, routingTicketDesk, safetyWarningSubscriber } from '../tickets';
import { deliverWebhookJob } from '../webhooks';

export interface Runtime {
  jobs: JobRunner;
  relay: EventRelay;
  scheduler: JobScheduler;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Background work of a node: the outbox relay (always; it feeds the live
 * console) and, when RUN_JOBS is on, the job runner and the scheduler.
 */
export function createRuntime(deps: { handle: DatabaseHandle; clock: Clock; logger: Logger; bus: EventBus; config: Config }): Runtime {
  const { handle, clock, logger, bus, config } = deps;
  const jobs = new JobRunner({ handle, clock, logger: logger.child({ component: 'jobs' }) });
  const relay = new EventRelay({ handle, clock, logger: logger.child({ component: 'outbox' }), bus, jobs });
  const scheduler = new JobScheduler(handle.db, clock, logger.child({ component: 'scheduler' }), jobs);
  relay.subscribe(safetyWarningSubscriber({ reopenWindowDays: config.reopenWindowDays }));
  const overflow = overflowJob(routingTicketDesk);
  jobs.register(overflow as JobDefinition<never>);
  relay.subscribe(ticketRoutingSubscriber(routingTicketDesk, overflow));
  relay.subscribe(presenceRoutingSubscriber(routingTicketDesk));
  relay.subscribe(
    selfServiceLinkSubscriber({
      secret: resolveSelfServiceSecret(config),
      publicUrl: config.publicUrl,
      linkHours: config.selfServiceLinkHours,
      reopenWindowDays: config.reopenWindowDays,
    }),
  );
  relay.subscribe(freezeDeliverySubscriber({ reopenWindowDays: config.reopenWindowDays }));
  jobs.register(deliverWebhookJob as never);
  relay.subscribe(slaTicketSubscriber({ reopenWindowDays: config.reopenWindowDays }));
  relay.subscribe(slaCalendarSubscriber());
  relay.subscribe(agentNotificationSubscriber());
  jobs.register(slaCheckJob as never);
  const tz = config.workspaceTimeZone;
  scheduler.register(
    autoCloseSchedule(tz, config.reopenWindowDays),
    purgeExpiredSessionsSchedule(tz),
    housekeepingSchedule(tz),
    presenceTimeoutSchedule(routingTicketDesk, { timeZone: tz, timeoutMinutes: config.presenceTimeoutMinutes }),
    slaSweepSchedule({ timeZone: tz }),
  );
  return {
    jobs,
    relay,
    scheduler,
    async start() {
      await scheduler.install();
      await relay.start();
      if (config.runJobs) {
        await jobs.start();
        scheduler.start();
      }
    },
    async stop() {
      scheduler.stop();
      await relay.stop();
      await jobs.stop();
    },
  };
}
