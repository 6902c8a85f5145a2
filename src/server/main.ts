import cluster from 'node:cluster';
import { type SeedResult, seedDemoWorkspace } from '../demo';
import { type Config, ConfigError, loadConfig } from '../platform/config';
import { buildApp } from './app';
import { type Infrastructure, openInfrastructure } from './context';
import { createRuntime } from './runtime';
import { defaultModel } from '../classification';

/** Migrates (inside openInfrastructure) and seeds the demo workspace on an empty database. */
async function prepareWorkspace(config: Config, infra: Infrastructure): Promise<SeedResult> {
  if (!config.seedDemo) return { seeded: false };
  const { ctx } = infra;
  return seedDemoWorkspace(ctx.db, {
    clock: ctx.clock,
    timeZone: config.workspaceTimeZone,
    adminEmail: config.adminEmail,
    adminPassword: config.adminPassword,
    withSampleTickets: true,
  });
}

function printBanner(config: Config, seed: SeedResult): void {
  const lines = [
    '',
    `  Huiying (回应) is running: ${config.publicUrl}`,
    `  API reference: ${config.publicUrl}/api/v1/docs`,
    `  Database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded (${config.dataDir})`}${config.workers > 1 ? `, ${config.workers} worker processes` : ''}`,
  ];
  if (seed.seeded) {
    lines.push(`  Sign in as ${seed.adminEmail}`);
    lines.push(
      seed.generatedPassword
        ? `  Password (shown once, change it after signing in): ${seed.generatedPassword}`
        : '  Password: the ADMIN_PASSWORD you set',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** One serving process: HTTP, the outbox relay and (with RUN_JOBS) the job runner. */
async function serve(config: Config, infra: Infrastructure): Promise<() => Promise<void>> {
  const { ctx } = infra;
  // The classifier trains on its labelled messages in under a second; better here than in the first customer's request.
  defaultModel();
  const app = await buildApp(ctx);
  const runtime = createRuntime({ handle: infra.handle, clock: ctx.clock, logger: ctx.logger, bus: ctx.bus, config });
  await runtime.start();
  await app.listen({ port: config.port, host: config.host });
  return async () => {
    await app.close();
    await runtime.stop();
    await infra.close();
  };
}

function onSignals(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stop(signal).then(() => process.exit(0));
    });
  }
}

/**
 * With WORKERS > 1 (PostgreSQL only) the primary migrates and seeds, then
 * forks workers that share the port; they coordinate through the database
 * (advisory locks, SKIP LOCKED) and Redis like separate nodes would.
 */
async function runPrimary(config: Config): Promise<void> {
  const infra = await openInfrastructure(config);
  const seed = await prepareWorkspace(config, infra);
  await infra.close();
  for (let i = 0; i < config.workers; i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    process.stderr.write(`worker ${worker.process.pid} exited (${signal ?? code}); starting another\n`);
    setTimeout(() => cluster.fork(), 1_000);
  });
  let online = 0;
  cluster.on('listening', () => {
    online++;
    if (online === config.workers) printBanner(config, seed);
  });
  onSignals(async (signal) => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    await Promise.all(
      workers.map((worker) => {
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        worker.process.kill(signal);
        return exited;
      }),
    );
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config);
  const infra = await openInfrastructure(config);
  const seed = cluster.isPrimary ? await prepareWorkspace(config, infra) : { seeded: false };
  const stop = await serve(config, infra);
  if (cluster.isPrimary) printBanner(config, seed);
  onSignals(async (signal) => {
    infra.ctx.logger.info({ signal }, 'shutting down');
    await stop();
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`Huiying failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
