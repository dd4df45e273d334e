/** A bounded closed-loop load generator for 127.0.0.1: `requests` calls with `concurrency` in flight. */
export type Stat = { name: string; requests: number; rps: number; p50: number; p99: number; max: number };
export type Call = { path: string; method?: string; body?: unknown; headers?: Record<string, string> };

export async function load(name: string, base: string, calls: (i: number) => Call, requests: number, concurrency = 16): Promise<Stat> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const c = calls(next++);
        const t0 = performance.now();
        const res = await fetch(base + c.path, {
          method: c.method ?? 'GET',
          headers: { ...(c.body === undefined ? {} : { 'content-type': 'application/json' }), ...c.headers },
          body: c.body === undefined ? undefined : JSON.stringify(c.body),
        });
        const text = await res.text();
        if (res.status >= 300) throw new Error(`${name}: HTTP ${res.status} ${text.slice(0, 300)}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { name, requests: latencies.length, rps: latencies.length / seconds, p50: q(0.5), p99: q(0.99), max: latencies[latencies.length - 1]! };
}

export function row(s: Stat): string {
  return `| ${s.name} | ${s.requests} | ${s.rps.toFixed(0)} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.max.toFixed(1)} |`;
}
