/**
 * `npm run bench:freeze [-- --db pglite|postgres --runs 30]`
 *
 * From a customer's theft report to the platform receiving the signed freeze
 * request, when the customer confirms in self-service at once. Starts the real
 * server in its own process (job runner on) and a real local HTTP server as
 * the platform's back-end (identity check and freeze endpoints, verifying
 * signatures). Each run: the customer's message arrives through the API →
 * the system reply with the self-service link appears → identity check → the
 * one-click confirm → the platform's freeze endpoint receives the request.
 * Prints p50/p95/max of that time and pass/fail against the 60 s target.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createApiToken } from '../src/auth';
import { systemClock } from '../src/platform/clock';
import { openDatabase, runMigrations } from '../src/platform/db';
import { createGroup } from '../src/routing';
import { createEndpoint } from '../src/webhooks';
import { startPlatformServer } from '../test/support/platform-server';
import { startServer } from './lib/server';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: process.env.DATABASE_URL ? 'postgres' : 'pglite' },
    runs: { type: 'string', default: '30' },
  },
});
const runs = Number(values.runs);
const TARGET_MS = 60_000;
const postgresBase = process.env.DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECRET = `whsec_bench_${Date.now().toString(36)}_0123456789abcdef`;
const ID_LAST4 = '123X';
const MOBILE_LAST4 = '8000';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function main() {
  const kind = values.db === 'postgres' ? 'postgres' : 'pglite';
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `huiying-bench-freeze-${kind}-`));
  let databaseUrl: string | undefined;
  const dbName = `huiying_bench_freeze_${Date.now()}`;
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: postgresBase });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(postgresBase);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }

  const platform = await startPlatformServer({ secret: SECRET });
  platform.state.reply = (call) => {
    if (call.path === '/identity') {
      return { status: 200, body: { result: call.json.idLast4 === ID_LAST4 && call.json.mobileLast4 === MOBILE_LAST4 ? 'pass' : 'fail' } };
    }
    return { status: 200, body: { status: 'frozen', reference: `FRZ-${call.json.ticketNumber}` } };
  };

  const handle = await openDatabase(databaseUrl ? { databaseUrl } : { pgliteDir: path.join(workDir, 'pgdata') });
  await runMigrations(handle);
  const now = systemClock.now();
  const token = await handle.db.transaction(async (tx) => {
    await createGroup(tx, { name: '一线客服', isDefault: true, memberIds: [], actor: { type: 'system', id: 'bench' }, now });
    await createEndpoint(tx, {
      name: '身份核验',
      url: `${platform.url}/identity`,
      purposes: ['identity_check'],
      secret: SECRET,
      actor: { type: 'system', id: 'bench' },
      now,
    });
    await createEndpoint(tx, {
      name: '紧急冻结',
      url: `${platform.url}/freeze`,
      purposes: ['account_freeze'],
      secret: SECRET,
      actor: { type: 'system', id: 'bench' },
      now,
    });
    return (
      await createApiToken(tx, { name: 'bench', scopes: ['tickets:read', 'tickets:write'], actor: { type: 'system', id: 'bench' }, now })
    ).token;
  });
  await handle.close();

  const server = await startServer(
    {
      DATA_DIR: workDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      RUN_JOBS: 'true',
      SELF_SERVICE_SECRET: `bench-self-service-${Date.now()}-0123456789abcdef`,
      SELF_SERVICE_RATE_LIMIT_PER_MINUTE: '10000',
    },
    3950,
  );
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const json = (body: unknown) => ({ method: 'POST', headers, body: JSON.stringify(body) });
  const timings: { total: number; link: number }[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const opened = await fetch(
        `${server.url}/api/v1/tickets`,
        json({
          subject: '账户被盗',
          customer: { platformUserId: `U-BENCH-${Date.now().toString(36)}-${run}` },
          article: { bodyText: '我的账户被盗了，余额被人全部转走，不是我本人操作的，请马上冻结！' },
        }),
      );
      if (opened.status !== 201) throw new Error(`open: ${opened.status} ${await opened.text()}`);
      const ticket = (await opened.json()) as { number: string; problemType: string };
      if (ticket.problemType !== 'suspected_theft') throw new Error(`classified as ${ticket.problemType}`);
      let link: string | undefined;
      while (!link) {
        const articles = (await (await fetch(`${server.url}/api/v1/tickets/${ticket.number}/articles`, { headers })).json()) as {
          bodyText: string;
        }[];
        link = articles.map((article) => article.bodyText.match(/\/self-service\/freeze\/([0-9A-Za-z_.-]+)/)?.[1]).find(Boolean);
        if (!link) await new Promise((resolve) => setTimeout(resolve, 10));
        if (performance.now() - started > TARGET_MS * 2) throw new Error('no self-service link');
      }
      const linkAt = performance.now();
      const page = `${server.url}/api/v1/self-service/freeze/${link}`;
      const anonymous = { 'content-type': 'application/json' };
      const checked = await fetch(`${page}/identity-check`, {
        method: 'POST',
        headers: anonymous,
        body: JSON.stringify({ idLast4: ID_LAST4, mobileLast4: MOBILE_LAST4 }),
      });
      if (checked.status !== 200) throw new Error(`identity check: ${checked.status} ${await checked.text()}`);
      const received = platform.nextCall((call) => call.path === '/freeze' && call.json.ticketNumber === ticket.number);
      const confirmed = await fetch(`${page}/confirm`, { method: 'POST', headers: anonymous, body: JSON.stringify({ confirm: true }) });
      if (confirmed.status !== 201) throw new Error(`confirm: ${confirmed.status} ${await confirmed.text()}`);
      const call = await received;
      if (!call.signature.valid) throw new Error(`freeze request signature: ${call.signature.reason}`);
      timings.push({ total: call.receivedAt - started, link: linkAt - started });
    }
  } finally {
    await server.stop();
    await platform.close();
    fs.rmSync(workDir, { recursive: true, force: true });
    if (databaseUrl) {
      const admin = new pg.Client({ connectionString: postgresBase });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }
  const totals = timings.map((t) => t.total).sort((a, b) => a - b);
  const links = timings.map((t) => t.link).sort((a, b) => a - b);
  const report = {
    database: kind,
    runs,
    toFreezeRequestMs: { p50: percentile(totals, 50), p95: percentile(totals, 95), max: totals.at(-1) ?? 0 },
    toSelfServiceLinkMs: { p50: percentile(links, 50), p95: percentile(links, 95), max: links.at(-1) ?? 0 },
    targetMs: TARGET_MS,
    pass: (totals.at(-1) ?? Number.POSITIVE_INFINITY) <= TARGET_MS,
  };
  const round = (figures: Record<string, number>) => Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(v)]));
  process.stdout.write(
    `[freeze/${kind}] ${runs} runs: message -> signed freeze request at the platform p50 ${round(report.toFreezeRequestMs).p50} ms, ` +
      `p95 ${round(report.toFreezeRequestMs).p95} ms, max ${round(report.toFreezeRequestMs).max} ms ` +
      `(self-service link after p50 ${round(report.toSelfServiceLinkMs).p50} ms); target ≤ 60 s: ${report.pass ? 'PASS' : 'FAIL'}\n`,
  );
  fs.mkdirSync(path.join(import.meta.dirname, 'output'), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, 'output', `freeze-${kind}.json`), `${JSON.stringify(report, null, 2)}\n`);
  if (!report.pass) process.exitCode = 1;
}

await main();
