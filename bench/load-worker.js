// The client side of bench/load.ts, in its own thread: plain JavaScript so it loads without the TypeScript loader.
/* global fetch, performance, setTimeout */
import { parentPort, workerData } from 'node:worker_threads';

const { name, base, calls, concurrency, ratePerSecond, seed } = workerData;
const latencies = [];
let next = 0;
const started = performance.now();

// Open loop: the scheduled start of every request, Poisson arrivals (exponential gaps) from a seeded generator so that
// two runs of the same line are offered the same schedule.
let state = seed >>> 0 || 1;
const uniform = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return (state + 1) / 4294967297;
};
const schedule = [];
if (ratePerSecond) for (let i = 0, at = 0; i < calls.length; i++) schedule.push((at += (-Math.log(uniform()) * 1000) / ratePerSecond));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

try {
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls.length) {
        const i = next++;
        const c = calls[i];
        let t0 = performance.now();
        if (ratePerSecond) {
          const due = started + schedule[i];
          if (due > t0) await sleep(due - t0);
          t0 = due; // counted from when it should have started
        }
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
  parentPort.postMessage({ latencies, seconds: (performance.now() - started) / 1000 });
} catch (err) {
  parentPort.postMessage({ error: String(err) });
}
