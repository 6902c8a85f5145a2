import path from 'node:path';

/**
 * Configuration is read once at boot from the environment and validated here;
 * nothing else reads process.env. A bad value stops the start with a message
 * that names the variable.
 */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  workspaceTimeZone: string;
  seedDemo: boolean;
  adminEmail: string;
  adminPassword: string | undefined;
  cookieSecure: boolean;
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginLockoutMinutes: number;
  loginRateLimitPerMinute: number;
  /** Public official-channel checks per client address and minute. */
  channelCheckRateLimitPerMinute: number;
  attachmentMaxBytes: number;
  attachmentStore: 'filesystem' | 'database';
  reopenWindowDays: number;
  /** Agents online, busy or away whose console has not been seen for this long are set offline. */
  presenceTimeoutMinutes: number;
  /** A customer may press (催办) a case this long after its creation or their last press. */
  pressIntervalHours: number;
  runJobs: boolean;
  bodyLimitBytes: number;
  /** Serving processes on this machine; more than one needs PostgreSQL. */
  workers: number;
  /** Signs customers' self-service links (freeze); unset: a key kept in DATA_DIR (one machine only). */
  selfServiceSecret: string | undefined;
  selfServiceLinkHours: number;
  selfServiceRateLimitPerMinute: number;
  /** Identity-check attempts per ticket and per customer within an hour. */
  identityCheckMaxPerHour: number;
  identityCheckTimeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const port = read.integer('PORT', 3000, 0, 65535);
  const databaseUrl = read.optionalUrl('DATABASE_URL', ['postgres:', 'postgresql:']);
  const attachmentStore = read.oneOf('ATTACHMENT_STORE', ['filesystem', 'database'] as const, databaseUrl ? 'database' : 'filesystem');
  const publicUrl = read.optionalUrl('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const timeZone = env.WORKSPACE_TIMEZONE ?? 'Asia/Shanghai';
  if (!isValidTimeZone(timeZone)) problems.push(`WORKSPACE_TIMEZONE: "${timeZone}" is not an IANA time zone`);

  const config: Config = {
    port,
    host: env.HOST ?? '127.0.0.1',
    publicUrl: publicUrl.replace(/\/$/, ''),
    dataDir: path.resolve(cwd, env.DATA_DIR ?? './data'),
    databaseUrl,
    redisUrl: read.optionalUrl('REDIS_URL', ['redis:', 'rediss:']),
    logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    workspaceTimeZone: timeZone,
    seedDemo: read.boolean('SEED_DEMO', true),
    adminEmail: (env.ADMIN_EMAIL ?? 'admin@huiying.local').toLowerCase(),
    adminPassword: env.ADMIN_PASSWORD || undefined,
    cookieSecure: read.boolean('COOKIE_SECURE', publicUrl.startsWith('https:')),
    sessionTtlHours: read.integer('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    loginMaxFailures: read.integer('LOGIN_MAX_FAILURES', 5, 1, 100),
    loginLockoutMinutes: read.integer('LOGIN_LOCKOUT_MINUTES', 15, 1, 24 * 60),
    loginRateLimitPerMinute: read.integer('LOGIN_RATE_LIMIT_PER_MINUTE', 20, 1, 10_000),
    channelCheckRateLimitPerMinute: read.integer('CHANNEL_CHECK_RATE_LIMIT_PER_MINUTE', 30, 1, 10_000),
    attachmentMaxBytes: read.integer('ATTACHMENT_MAX_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    attachmentStore,
    reopenWindowDays: read.integer('REOPEN_WINDOW_DAYS', 7, 0, 365),
    presenceTimeoutMinutes: read.integer('PRESENCE_TIMEOUT_MINUTES', 5, 2, 24 * 60),
    pressIntervalHours: read.integer('PRESS_INTERVAL_HOURS', 24, 24, 72),
    runJobs: read.boolean('RUN_JOBS', true),
    bodyLimitBytes: read.integer('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    workers: read.integer('WORKERS', 1, 1, 64),
    selfServiceSecret: env.SELF_SERVICE_SECRET || undefined,
    selfServiceLinkHours: read.integer('SELF_SERVICE_LINK_HOURS', 24, 1, 24 * 14),
    selfServiceRateLimitPerMinute: read.integer('SELF_SERVICE_RATE_LIMIT_PER_MINUTE', 30, 1, 10_000),
    identityCheckMaxPerHour: read.integer('IDENTITY_CHECK_MAX_PER_HOUR', 5, 1, 100),
    identityCheckTimeoutMs: read.integer('IDENTITY_CHECK_TIMEOUT_MS', 5_000, 100, 60_000),
  };
  if (env.SELF_SERVICE_SECRET && env.SELF_SERVICE_SECRET.length < 32) problems.push('SELF_SERVICE_SECRET: must be at least 32 characters');
  if (config.workers > 1 && !databaseUrl)
    problems.push('WORKERS: more than one worker needs DATABASE_URL (the embedded database belongs to one process)');
  if (env.ADMIN_PASSWORD !== undefined && env.ADMIN_PASSWORD.length > 0 && env.ADMIN_PASSWORD.length < 10) {
    problems.push('ADMIN_PASSWORD: must be at least 10 characters');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name}: "${raw}" must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name}: "${this.env[name]}" must be true or false`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name}: "${raw}" must be one of ${allowed.join(', ')}`);
    return fallback;
  }

  optionalUrl(name: string, protocols: string[]): string | undefined {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return undefined;
    try {
      const url = new URL(raw);
      if (protocols.includes(url.protocol)) return raw;
    } catch {
      // reported below
    }
    this.problems.push(`${name}: must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    return undefined;
  }
}
