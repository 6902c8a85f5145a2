/**
 * `npm run bench [-- --db pglite|postgres|both --tickets 100000 --articles 5]`
 *
 * Seeds a workspace with Chinese tickets, starts the real server in its own
 * process and measures, through the HTTP API: ticket creation throughput, and
 * p50/p95 latency of the ticket list (first page, a deep cursor page), a
 * filtered list and Chinese full-text searches; plus the server's peak RSS.
 * Prints the figures and writes them to bench/output/<db>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createAgent } from '../src/agents';
import { createApiToken } from '../src/auth';
import { systemClock } from '../src/platform/clock';
import { type DatabaseHandle, openDatabase, runMigrations } from '../src/platform/db';
import { hashPassword } from '../src/platform/security';
import { createGroup } from '../src/routing';
import { measureLatency, measureTicketCreation, type ThroughputFigures } from './lib/measure';
import { seedTickets } from './lib/seed';
import { startServer } from './lib/server';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    tickets: { type: 'string', default: '100000' },
    articles: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '16' },
    workers: { type: 'string', default: '1' },
  },
});
const ticketCount = Number(values.tickets);
const articlesPerTicket = Number(values.articles);
const postgresBase = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const system = { type: 'system' as const, id: 'bench' };

async function prepare(handle: DatabaseHandle) {
  await runMigrations(handle);
  const now = systemClock.now();
  const passwordHash = await hashPassword('bench-password-123');
  return handle.db.transaction(async (tx) => {
    const agents = [];
    for (let i = 0; i < 10; i++) {
      agents.push(
        await createAgent(tx, {
          email: `agent${i}@bench.local`,
          name: `客服${i}`,
          role: i === 0 ? 'admin' : 'agent',
          passwordHash,
          actor: system,
          now,
        }),
      );
    }
    const groups = [];
    for (const name of ['一线客服', '账户安全组', '资金清算组', '数据核对组', '技术支持组']) {
      groups.push(await createGroup(tx, { name, memberIds: agents.map((agent) => agent.id), actor: system, now }));
    }
    const token = await createApiToken(tx, {
      name: 'bench',
      scopes: ['tickets:read', 'tickets:write', 'customers:read', 'customers:write'],
      actor: system,
      now,
    });
    return { agentIds: agents.map((agent) => agent.id), groupIds: groups.map((group) => group.id), token: token.token };
  });
}

async function deepCursor(baseUrl: string, headers: Record<string, string>, depth: number): Promise<string> {
  let cursor = '';
  for (let seen = 0; seen < depth; seen += 100) {
    const page = (await (await fetch(`${baseUrl}/api/v1/tickets?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers })).json()) as {
      nextCursor: string;
    };
    cursor = page.nextCursor;
  }
  return cursor;
}

async function benchOne(kind: 'pglite' | 'postgres') {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `huiying-bench-${kind}-`));
  let databaseUrl: string | undefined;
  let dbName = '';
  if (kind === 'postgres') {
    dbName = `huiying_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: postgresBase });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(postgresBase);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const handle = await openDatabase(databaseUrl ? { databaseUrl } : { pgliteDir: path.join(workDir, 'pgdata') });
  const fixture = await prepare(handle);
  process.stdout.write(`[${kind}] seeding ${ticketCount} tickets x ${articlesPerTicket} articles...\n`);
  const seed = await seedTickets(handle.db, { tickets: ticketCount, articlesPerTicket, ...fixture, now: systemClock.now() });
  process.stdout.write(`[${kind}] seeded in ${seed.seconds.toFixed(1)} s\n`);
  await handle.close();

  // PostgreSQL deployments run one serving process per core (WORKERS); the embedded database allows one.
  const workers = kind === 'postgres' ? values.workers : '1';
  const server = await startServer(
    { DATA_DIR: workDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), RUN_JOBS: 'true', WORKERS: workers },
    3900 + (kind === 'pglite' ? 1 : 2),
  );
  try {
    const headers = { authorization: `Bearer ${fixture.token}` };
    const api = `${server.url}/api/v1/tickets`;
    const group = fixture.groupIds[2] as string;
    const cursor = await deepCursor(server.url, headers, Math.min(5_000, Math.floor(ticketCount / 2)));
    const latency = {
      listFirstPage: await measureLatency(`${api}?limit=25`, headers),
      listDeepCursor: await measureLatency(`${api}?limit=25&cursor=${cursor}`, headers),
      listFiltered: await measureLatency(`${api}?limit=25&status=open&status=pending_customer&group=${group}&priority=high`, headers),
      searchCommon: await measureLatency(`${api}?limit=25&q=${encodeURIComponent('提现')}`, headers),
      searchPhrase: await measureLatency(`${api}?limit=25&q=${encodeURIComponent('没到账')}`, headers),
      searchRare: await measureLatency(`${api}?limit=25&q=${encodeURIComponent('华为Mate')}`, headers),
      searchFiltered: await measureLatency(`${api}?limit=25&q=${encodeURIComponent('闪退')}&status=open`, headers),
    };
    const load = { seconds: Number(values.seconds), connections: Number(values.connections) };
    process.stdout.write(`[${kind}] measuring ticket creation for returning customers, ${values.seconds} s...\n`);
    const returning = Math.min(5_000, seed.customers);
    const creation = await measureTicketCreation(server.url, fixture.token, { ...load, customers: { kind: 'returning', pool: returning } });
    process.stdout.write(`[${kind}] measuring ticket creation for first-time customers, ${values.seconds} s...\n`);
    const creationNewCustomers = await measureTicketCreation(server.url, fixture.token, {
      ...load,
      customers: { kind: 'new', tag: Date.now().toString(36) },
    });
    const report = {
      database: kind,
      workers: Number(workers),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      seeded: seed,
      creation,
      creationNewCustomers,
      latencyMs: latency,
      serverPeakRssMiB: server.peakRssMiB(),
      benchPeakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    return report;
  } finally {
    await server.stop();
    if (dbName) {
      const admin = new pg.Client({ connectionString: postgresBase });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

function creationLine(who: string, figures: ThroughputFigures, workers: number): string {
  return `  ticket creation through the API, ${who}: ${figures.requestsPerSecond}/s (${figures.tool}, ${workers} worker(s); ${figures.completed} done, ${figures.non2xx} non-2xx, ${figures.errors} errors; p50 ${figures.p50} ms, p99 ${figures.p99} ms)`;
}

function printReport(report: Awaited<ReturnType<typeof benchOne>>) {
  const rows = Object.entries(report.latencyMs).map(
    ([name, figures]) => `  ${name.padEnd(16)} p50 ${String(figures.p50).padStart(7)} ms   p95 ${String(figures.p95).padStart(7)} ms`,
  );
  process.stdout.write(
    [
      `\n== ${report.database}: ${report.seeded.tickets} tickets, ${report.seeded.articles} articles (seeded in ${report.seeded.seconds.toFixed(1)} s)`,
      creationLine('returning customers', report.creation, report.workers),
      creationLine('first-time customers', report.creationNewCustomers, report.workers),
      ...rows,
      `  server peak RSS ${report.serverPeakRssMiB} MiB; bench process peak RSS ${report.benchPeakRssMiB} MiB`,
      '',
    ].join('\n'),
  );
}

const kinds: ('pglite' | 'postgres')[] = values.db === 'both' ? ['pglite', 'postgres'] : [values.db as 'pglite' | 'postgres'];
fs.mkdirSync(path.join(import.meta.dirname, 'output'), { recursive: true });
for (const kind of kinds) {
  const report = await benchOne(kind);
  printReport(report);
  fs.writeFileSync(path.join(import.meta.dirname, 'output', `${kind}.json`), `${JSON.stringify(report, null, 2)}\n`);
}
