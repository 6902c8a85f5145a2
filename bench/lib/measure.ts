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
  requestsPerSecond: number;
  completed: number;
  errors: number;
  non2xx: number;
  p50: number;
  p99: number;
}

/** Ticket creations through POST /api/v1/tickets with autocannon, each for a different customer. */
export async function measureTicketCreation(
  baseUrl: string,
  token: string,
  seconds: number,
  connections: number,
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
          return {
            ...request,
            body: JSON.stringify({
              subject: `【提现未到账+B${n % 5000}】提现三天没到账`,
              customer: { platformUserId: `B${n % 5000}`, name: '压测用户' },
              article: { bodyText: `我在11月20日申请提现${n}元到招商银行卡，到现在还没到账，页面一直显示处理中。` },
            }),
          };
        },
      },
    ],
  });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    completed: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}
