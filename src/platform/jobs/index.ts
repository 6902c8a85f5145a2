export { backoffDelay, defineJob, type JobContext, type JobDefinition } from './define-job';
export { type EnqueueOptions, enqueueJob, enqueueJobs } from './job-queue';
export { JOBS_NOTIFY_CHANNEL, JobRunner, type JobRunnerOptions } from './job-runner';
export { job, jobSchedule, type JobStatus, jobStatuses } from './job.table';
export { JobScheduler, nextCronRun, type ScheduleDefinition } from './scheduler';
