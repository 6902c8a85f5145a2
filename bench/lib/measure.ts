import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

export interface LatencyFigures {
  requests: number;
  p50: number;
  p95: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Number((sorted[Math.max(0, index)] ?? 0).toFixed(2));
}

/** Sequential GETs on a keep-alive connection after a warm-up; milliseconds per request. */
export async function measureLatency(url: string, headers: Record<string, string>, count = 200, warmup = 20): Promise<LatencyFigures> {
  const timings: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    if (i >= warmup) timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return { requests: count, p50: percentile(timings, 50), p95: percentile(timings, 95), max: Number((timings.at(-1) ?? 0).toFixed(2)) };
}

export interface ThroughputFigures {
  tool: 'wrk' | 'autocannon';
  requestsPerSecond: number;
  completed: number;
  errors: number;
  non2xx: number;
  p50: number;
  p99: number;
}

/**
 * Who opens the tickets: `returning` customers are already known (a seeded
 * pool, taken in turn), `new` ones write for the first time, so each creation
 * also creates a customer.
 */
export type CreationCustomers = { kind: 'returning'; pool: number } | { kind: 'new'; tag: string };

function customerUserId(customers: CreationCustomers, n: number): string {
  return customers.kind === 'returning' ? `U${100_000 + (n % customers.pool)}` : `N${customers.tag}-${n}`;
}

function creationBody(n: number, userId: string): string {
  return JSON.stringify({
    subject: `【提现未到账+${userId}】提现三天没到账`,
    customer: { platformUserId: userId, name: '压测用户' },
    article: { bodyText: `我在11月20日申请提现${n}元到招商银行卡，到现在还没到账，页面一直显示处理中。` },
  });
}

/**
 * Ticket creations through POST /api/v1/tickets. wrk (Debian's package, a C
 * load generator) is preferred because on a two-core machine the generator
 * competes with the server for CPU and wrk needs a fraction of what a Node.js
 * generator does; autocannon otherwise.
 */
export async function measureTicketCreation(
  baseUrl: string,
  token: string,
  options: { seconds: number; connections: number; customers: CreationCustomers },
): Promise<ThroughputFigures> {
  const hasWrk = spawnSync('wrk', ['--version']).error === undefined;
  return hasWrk ? creationWithWrk(baseUrl, token, options) : creationWithAutocannon(baseUrl, token, options);
}

function creationWithWrk(
  baseUrl: string,
  token: string,
  { seconds, connections, customers }: { seconds: number; connections: number; customers: CreationCustomers },
): ThroughputFigures {
  const script = path.join(os.tmpdir(), `huiying-bench-${process.pid}.lua`);
  // The placeholders become %s (user id, twice) and %d (amount) slots of the Lua template.
  const template = creationBody(987_654_321, 'USERID')
    .replace(/987654321/g, '%d')
    .replace(/USERID/g, '%s');
  const userId = customers.kind === 'returning' ? `"U" .. (100000 + counter % ${customers.pool})` : `"N${customers.tag}-" .. counter`;
  fs.writeFileSync(
    script,
    [
      'local counter = 0',
      `local template = [==[${template}]==]`,
      'wrk.method = "POST"',
      `wrk.headers["authorization"] = "Bearer ${token}"`,
      'wrk.headers["content-type"] = "application/json"',
      'request = function()',
      '  counter = counter + 1',
      `  local userId = ${userId}`,
      '  return wrk.format(nil, "/api/v1/tickets", nil, string.format(template, userId, userId, counter))',
      'end',
    ].join('\n'),
  );
  try {
    const output = execFileSync(
      'wrk',
      ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', script, `${baseUrl}/api/v1/tickets`],
      {
        encoding: 'utf8',
      },
    );
    const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? 0);
    const millis = (label: string) => {
      const match = new RegExp(`${label}%\\s+([\\d.]+)(us|ms|s)`).exec(output);
      if (!match) return 0;
      const value = Number(match[1]);
      return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
    };
    return {
      tool: 'wrk',
      requestsPerSecond: Math.round(number(/Requests\/sec:\s+([\d.]+)/)),
      completed: number(/(\d+) requests in/),
      errors: number(/Socket errors:.*?timeout (\d+)/),
      non2xx: number(/Non-2xx or 3xx responses: (\d+)/),
      p50: millis('50'),
      p99: millis('99'),
    };
  } finally {
    fs.rmSync(script, { force: true });
  }
}

async function creationWithAutocannon(
  baseUrl: string,
  token: string,
  { seconds, connections, customers }: { seconds: number; connections: number; customers: CreationCustomers },
): Promise<ThroughputFigures> {
  let n = 0;
  const result = await autocannon({
    url: `${baseUrl}/api/v1/tickets`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (request) => {
          n++;
          return { ...request, body: creationBody(n, customerUserId(customers, n)) };
        },
      },
    ],
  });
  return {
    tool: 'autocannon',
    requestsPerSecond: Math.round(result.requests.average),
    completed: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}
