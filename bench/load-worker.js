// The client side of bench/load.ts, in its own thread: plain JavaScript so it loads without the TypeScript loader.
/* global fetch, performance */
import { parentPort, workerData } from 'node:worker_threads';

const { name, base, calls, concurrency } = workerData;
const latencies = [];
let next = 0;
const started = performance.now();
try {
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls.length) {
        const c = calls[next++];
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
  parentPort.postMessage({ latencies, seconds: (performance.now() - started) / 1000 });
} catch (err) {
  parentPort.postMessage({ error: String(err) });
}
