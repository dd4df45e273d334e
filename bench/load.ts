import { Worker } from 'node:worker_threads';

/**
 * A bounded load generator for 127.0.0.1: `requests` calls with `concurrency` in flight (closed loop), or at a given
 * rate (`pace`, open loop). The calls run
 * in a worker thread, so the client does not share the measured server's event loop (it still shares the machine).
 */
export type Stat = { name: string; requests: number; rps: number; p50: number; p95: number; p99: number; max: number };
export type Call = { path: string; method?: string; body?: unknown; headers?: Record<string, string> };
/**
 * Open loop instead of closed: requests start at Poisson arrival times of `ratePerSecond` in all (as pgbench -R
 * schedules its transactions), whatever the answers' speed, `concurrency` at most in flight; each latency is counted
 * from its scheduled start, so a request that waited for a free slot counts its wait (no coordinated omission).
 */
export type Pace = { ratePerSecond: number; seed?: number };

export async function load(name: string, base: string, calls: (i: number) => Call, requests: number, concurrency = 16, pace?: Pace): Promise<Stat> {
  const list = Array.from({ length: requests }, (_, i) => calls(i));
  const worker = new Worker(new URL('./load-worker.js', import.meta.url), { workerData: { name, base, calls: list, concurrency, ratePerSecond: pace?.ratePerSecond ?? null, seed: pace?.seed ?? 1 } });
  const result = await new Promise<{ latencies: number[]; seconds: number } | { error: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  if ('error' in result) throw new Error(result.error);
  const { latencies, seconds } = result;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return { name, requests: latencies.length, rps: latencies.length / seconds, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: latencies[latencies.length - 1]! };
}

export function row(s: Stat): string {
  return `| ${s.name} | ${s.requests} | ${s.rps.toFixed(0)} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.max.toFixed(1)} |`;
}
