import { seedDemoWorkspace } from '../demo';
import { ConfigError, loadConfig } from '../platform/config';
import { buildApp } from './app';
import { openInfrastructure } from './context';
import { createRuntime } from './runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  const infra = await openInfrastructure(config);
  const { ctx } = infra;
  const seed = config.seedDemo
    ? await seedDemoWorkspace(ctx.db, {
        clock: ctx.clock,
        timeZone: config.workspaceTimeZone,
        adminEmail: config.adminEmail,
        adminPassword: config.adminPassword,
        withSampleTickets: true,
      })
    : { seeded: false };
  const app = await buildApp(ctx);
  const runtime = createRuntime({ handle: infra.handle, clock: ctx.clock, logger: ctx.logger, bus: ctx.bus, config });
  await runtime.start();
  await app.listen({ port: config.port, host: config.host });

  const lines = [
    '',
    `  Huiying (回应) is running: ${config.publicUrl}`,
    `  API reference: ${config.publicUrl}/api/v1/docs`,
    `  Database: ${infra.handle.kind === 'pglite' ? `embedded (${config.dataDir})` : 'PostgreSQL (DATABASE_URL)'}`,
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

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.logger.info({ signal }, 'shutting down');
    await app.close();
    await runtime.stop();
    await infra.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`Huiying failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
