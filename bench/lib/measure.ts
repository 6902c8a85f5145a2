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

function creationBody(n: number): string {
  return JSON.stringify({
    subject: `【提现未到账+B${n % 5000}】提现三天没到账`,
    customer: { platformUserId: `B${n % 5000}`, name: '压测用户' },
    article: { bodyText: `我在11月20日申请提现${n}元到招商银行卡，到现在还没到账，页面一直显示处理中。` },
  });
}

/**
 * Ticket creations through POST /api/v1/tickets, 5,000 different customers in
 * turn. wrk (Debian's package, a C load generator) is preferred because on a
 * two-core machine the generator competes with the server for CPU and wrk
 * needs a fraction of what a Node.js generator does; autocannon otherwise.
 */
export async function measureTicketCreation(
  baseUrl: string,
  token: string,
  seconds: number,
  connections: number,
): Promise<ThroughputFigures> {
  const hasWrk = spawnSync('wrk', ['--version']).error === undefined;
  return hasWrk ? creationWithWrk(baseUrl, token, seconds, connections) : creationWithAutocannon(baseUrl, token, seconds, connections);
}

function creationWithWrk(baseUrl: string, token: string, seconds: number, connections: number): ThroughputFigures {
  const script = path.join(os.tmpdir(), `huiying-bench-${process.pid}.lua`);
  // n = 987654321 makes the customer B4321: both become %d slots in the Lua template.
  const template = creationBody(987_654_321)
    .replace(/987654321/g, '%d')
    .replace(/B4321/g, 'B%d');
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
      '  local customer = counter % 5000',
      '  return wrk.format(nil, "/api/v1/tickets", nil, string.format(template, customer, customer, counter))',
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

async function creationWithAutocannon(baseUrl: string, token: string, seconds: number, connections: number): Promise<ThroughputFigures> {
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
          return { ...request, body: creationBody(n) };
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
