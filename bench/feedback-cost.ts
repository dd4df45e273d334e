/**
 * Where a public register search spends its time (issue 17): Node.js CPU per request through the whole HTTP stack
 * (routing, auth hook, query validation, the search, response encoding), the same search called directly, and the
 * floor of the stack (GET /healthz) as the baseline measured in the same run; then the statement times in PostgreSQL
 * (EXPLAIN ANALYZE). Sequential requests (one at a time), so the figures are work, not queueing: at 16 concurrent
 * readers the Node.js share queues on one core and PostgreSQL's on the others.
 *
 *   npx tsx bench/feedback-cost.ts --items=30000 --requests=300   (its own database; writes BENCHMARKS.md "feedback-cost")
 *
 * The plans read index ranges whose size does not grow with the register (bench/feedback.ts shows them at 1 M), so the
 * per-request work measured here on a small register is the work at 1 M, except the PostgreSQL execution time.
 */
import os from 'node:os';
import fs from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/platform/config.js';
import { diskFileStore } from '../server/src/platform/storage.js';
import { systemClock } from '../server/src/platform/clock.js';
import { searchRegister } from '../server/src/modules/feedback/use-cases/read-feedback.js';
import { explainRegister, generate } from './feedback.js';
import { runStandalone } from './standalone.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ITEMS = arg('items', 30_000);
const N = arg('requests', 300);

type Cost = { wallMs: number; cpuMs: number };
async function measure(run: (i: number) => Promise<unknown>): Promise<Cost> {
  for (let i = 0; i < 20; i++) await run(i); // warm: plans cached per connection, code optimised
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await run(i);
  const cpu = process.cpuUsage(c0);
  return { wallMs: (performance.now() - t0) / N, cpuMs: (cpu.user + cpu.system) / 1000 / N };
}

await runStandalone({ section: 'feedback-cost' }, async (db, dataDir) => {
  const load0 = os.loadavg()[0]!;
  const g = await generate(db, ITEMS, new Date());
  await fs.mkdir(path.join(dataDir, 'web/portal'), { recursive: true });
  await fs.writeFile(path.join(dataDir, 'web/portal/index.html'), '<!doctype html><title>Cổng</title>');
  const app = await buildApp(
    { config: loadConfig({ DATA_DIR: dataDir, JOBS: 'false', TRACKING_PER_MINUTE: '1000000' }), db, clock: systemClock, files: diskFileStore(dataDir, systemClock) },
    { webDir: path.join(dataDir, 'web') },
  );
  await app.ready();
  const header = (i: number) => ({ 'x-forwarded-for': `198.51.100.${(i % 64) + 1}` });
  const floor = await measure((i) => app.inject({ url: '/healthz', headers: header(i) }));
  const kinds: [string, Record<string, string>][] = [
    ['latest published (no words)', {}],
    ['latest of a commune (no words)', { unitId: g.communeId }],
    ['one common word ("duong")', { q: 'duong' }],
    ['two words ("den chieu sang le loi")', { q: 'den chieu sang le loi' }],
    ['words that never meet ("ngap nuoc tan hoa")', { q: 'ngap nuoc tan hoa' }],
  ];
  const rows: string[] = [];
  for (const [name, query] of kinds) {
    const url = `/api/feedback/public/register?${new URLSearchParams({ ...query, limit: '20' }).toString()}`;
    const http = await measure((i) => app.inject({ url, headers: header(i) }));
    const direct = await measure(() => searchRegister(db, { limit: 20, ...query }));
    const sql = (await explainRegister(db, { limit: 20, ...query })).join('<br>');
    rows.push(`| ${name} | ${http.cpuMs.toFixed(2)} | ${direct.cpuMs.toFixed(2)} | ${(http.cpuMs - direct.cpuMs - floor.cpuMs).toFixed(2)} | ${http.wallMs.toFixed(2)} | ${direct.wallMs.toFixed(2)} | ${sql} |`);
  }
  await app.close();
  const load1 = os.loadavg()[0]!;
  return [
    '## Feedback register: work per request',
    '',
    `Command: \`npx tsx bench/feedback-cost.ts --items=${ITEMS} --requests=${N}\` — ${ITEMS.toLocaleString('en')} items generated as in bench/feedback.ts, ${N} sequential requests per kind through \`app.inject\` (no socket) and the same search called directly. Baseline in the same run: GET /healthz costs ${floor.cpuMs.toFixed(2)} ms of Node.js CPU (${floor.wallMs.toFixed(2)} ms wall). Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), PostgreSQL on the same machine; load average ${load0.toFixed(1)} at the start, ${load1.toFixed(1)} at the end; measured ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| query | Node CPU ms, HTTP | Node CPU ms, search only | HTTP layer beyond /healthz | wall ms, HTTP | wall ms, search only | PostgreSQL (EXPLAIN ANALYZE) |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
  ];
});
