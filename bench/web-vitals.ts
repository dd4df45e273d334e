/**
 * Lighthouse-style mobile budget for the citizen portal (issue 12: "Lighthouse mobile ≥ 95 for the portal home and a
 * procedure page"). Lighthouse itself is not installed (not in Debian, not in node_modules), so this measures the same
 * metrics the same way its "devtools" throttling does, with playwright-core and Chromium's DevTools protocol:
 * 390×844 phone (DPR 3, touch), CPU slowed 4× (Emulation.setCPUThrottlingRate), network as Lighthouse's slow 4G
 * (Network.emulateNetworkConditions: 562.5 ms request latency, 1.47 Mbit/s down, 0.68 Mbit/s up), cold cache.
 * FCP, LCP, CLS and long tasks come from the page's own PerformanceObserver (installed before any script runs);
 * TBT = Σ (long task − 50 ms) after FCP; transferred bytes = Σ Network.loadingFinished.encodedDataLength.
 * The score uses Lighthouse 12's mobile curves and weights without Speed Index (FCP 10, LCP 25, TBT 30, CLS 25,
 * renormalised over 90). Each page is also loaded by a browser that refuses compression (Accept-Encoding: identity), the
 * baseline of the same run.
 *
 * `npx vite build && npx tsx bench/web-vitals.ts [--runs=3]` — own database with the demo data, server on 127.0.0.1,
 * writes the `web-vitals` section of BENCHMARKS.md and exits 1 when a budget fails. One more load per page is traced (its
 * long tasks are listed in the section); `TRACE_DUMP=/tmp/t` also writes those traces, with the V8 CPU profile, to
 * /tmp/t-<time>.json (DevTools' Performance panel opens them).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/platform/config.js';
import { systemClock } from '../server/src/platform/clock.js';
import { diskFileStore } from '../server/src/platform/storage.js';
import { loadDemoData } from '../server/src/seed/load-demo.js';
import { runStandalone } from './standalone.js';
import { firstLoad, weightLine, WEIGHT_TABLE_HEAD } from './web-weight.js';

export const BUDGET = { fcpMs: 1800, lcpMs: 2500, tbtMs: 200, cls: 0.1, score: 95 } as const;
/** Lighthouse's devtools throttling for mobile (lighthouse-core/config/constants.js, mobileSlow4G). */
const SLOW_4G = { latency: 150 * 3.75, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };
const CPU_SLOWDOWN = 4;

export type Vitals = { fcp: number; lcp: number; tbt: number; cls: number; bytes: number; requests: number; uncompressedText: number; fetchedTwice: number };

/** Lighthouse's log-normal score of one metric (p10 → 0.9, median → 0.5). */
export function logNormalScore(value: number, p10: number, median: number): number {
  if (value <= 0) return 1;
  const standardized = (Math.log(value / median) * 0.9061938024368232) / -Math.log(p10 / median);
  return Math.min(1, Math.max(0, (1 - erf(standardized)) / 2));
}

function erf(x: number): number {
  // Abramowitz & Stegun 7.1.26 (error below 1.5e-7), as Lighthouse's statistics.js does.
  const sign = Math.sign(x);
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-ax * ax);
  return sign * y;
}

/** Lighthouse 12 mobile performance score without Speed Index, 0–100. */
export function performanceScore(v: Pick<Vitals, 'fcp' | 'lcp' | 'tbt' | 'cls'>): number {
  const parts = [
    [0.1, logNormalScore(v.fcp, 1800, 3000)],
    [0.25, logNormalScore(v.lcp, 2500, 4000)],
    [0.3, logNormalScore(v.tbt, 200, 600)],
    [0.25, logNormalScore(v.cls, 0.1, 0.25)],
  ] as const;
  const weight = parts.reduce((s, [w]) => s + w, 0);
  return Math.round((parts.reduce((s, [w, score]) => s + w * score, 0) / weight) * 100);
}

/** Runs in the page before its scripts: keeps paint, LCP, layout shifts and long tasks in window.__vitals. */
const OBSERVERS = `(() => {
  const v = { fcp: 0, lcp: 0, cls: 0, longTasks: [] };
  window.__vitals = v;
  const observe = (type, fn) => { try { new PerformanceObserver((l) => l.getEntries().forEach(fn)).observe({ type, buffered: true }); } catch {} };
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') v.fcp = e.startTime; });
  observe('largest-contentful-paint', (e) => { v.lcp = e.renderTime || e.loadTime || e.startTime; });
  observe('layout-shift', (e) => { if (!e.hadRecentInput) v.cls += e.value; });
  observe('longtask', (e) => v.longTasks.push([e.startTime, e.duration]));
})();`;

/** Trace categories for the main thread's tasks and what runs inside them (compile, evaluate, style, layout, GC). */
const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'blink.user_timing', 'loading'];

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string; data?: { url?: string; documentLoaderURL?: string } } };
/** One main-thread task of 50 ms or more: its start after navigation, length, and the time of each kind of work in it. */
export type LongTask = { startMs: number; durationMs: number; parts: [string, number][] };

/** The work a task is made of, as the trace names it (the outermost of these inside a task is counted, once). */
const WORK: Record<string, string> = {
  'v8.evaluateModule': 'evaluate modules',
  EvaluateScript: 'evaluate script',
  FunctionCall: 'JS call',
  'v8.compile': 'compile',
  'v8.compileModule': 'compile',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  Paint: 'paint',
  ParseHTML: 'parse HTML',
  MajorGC: 'GC',
  MinorGC: 'GC',
  'V8.GC_MC_BACKGROUND_MARKING': 'GC',
  ResourceFetcher__requestResource: 'start request',
};

/**
 * The page's main-thread tasks of 50 ms or more in a Chromium trace (its renderer: the one whose navigation loaded the
 * page), each with its time split by the kind of work inside it (JavaScript evaluation and calls, style, layout, paint,
 * GC…) — what a long task is made of, whatever the machine's load. Also the first contentful paint, from the trace.
 */
export function longTasksOfTrace(events: TraceEvent[]): { fcpMs: number; tasks: LongTask[] } {
  const nav = events.find((e) => e.name === 'navigationStart' && (e.args?.data?.documentLoaderURL ?? '').startsWith('http'));
  if (!nav) return { fcpMs: 0, tasks: [] };
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === nav.pid && e.args?.name === 'CrRendererMain');
  const mine = events
    .filter((e) => e.pid === nav.pid && e.tid === main?.tid && e.ph === 'X' && e.dur !== undefined && e.ts >= nav.ts)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const fcp = events.find((e) => e.pid === nav.pid && e.name === 'firstContentfulPaint');
  const tasks: LongTask[] = [];
  for (const task of mine) {
    if (task.name !== 'RunTask' || task.dur! < 50_000) continue;
    const end = task.ts + task.dur!;
    const parts = new Map<string, number>();
    let covered = task.ts;
    for (const e of mine) {
      if (e.ts < covered || e.ts >= end) continue;
      const kind = WORK[e.name.replace('::', '__')];
      if (!kind) continue;
      const file = e.name === 'FunctionCall' || e.name === 'EvaluateScript' ? (e.args?.data?.url ?? '').replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '.js') : '';
      const label = file ? `${kind} ${file}` : kind;
      parts.set(label, (parts.get(label) ?? 0) + e.dur! / 1000);
      covered = e.ts + e.dur!;
    }
    const known = [...parts.values()].reduce((x, y) => x + y, 0);
    parts.set('other', task.dur! / 1000 - known);
    tasks.push({ startMs: (task.ts - nav.ts) / 1000, durationMs: task.dur! / 1000, parts: [...parts].sort((x, y) => y[1] - x[1]).filter(([, ms]) => ms >= 1) });
  }
  return { fcpMs: fcp ? (fcp.ts - nav.ts) / 1000 : 0, tasks };
}

/** One cold load of `url` on a throttled phone; `compression: false` sends Accept-Encoding: identity. */
export async function measure(browser: Browser, url: string, options: { compression: boolean; trace?: (trace: { fcpMs: number; tasks: LongTask[] }, jsBytes: number) => void }): Promise<Vitals> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'vi-VN' });
  try {
    const page = await context.newPage();
    await page.addInitScript(OBSERVERS);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_4G });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    if (!options.compression) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
    let bytes = 0;
    let requests = 0;
    let uncompressedText = 0;
    const text = new Map<string, { encoded: boolean; decoded: number }>();
    const urls = new Map<string, number>();
    const jsTypes = new Set<string>();
    let jsBytes = 0;
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.request.url, (urls.get(e.request.url) ?? 0) + 1));
    cdp.on('Network.responseReceived', (e) => {
      const encoded = Object.entries(e.response.headers).some(([k, val]) => k.toLowerCase() === 'content-encoding' && val !== 'identity');
      if (/javascript|css|html|json|svg/.test(e.response.mimeType)) text.set(e.requestId, { encoded, decoded: 0 });
      if (/javascript/.test(e.response.mimeType)) jsTypes.add(e.requestId);
    });
    cdp.on('Network.dataReceived', (e) => {
      const t = text.get(e.requestId);
      if (t) t.decoded += e.dataLength;
      if (t && jsTypes.has(e.requestId)) jsBytes += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
      requests++;
      // Lighthouse's text-compression audit skips answers under 1.4 KB.
      const t = text.get(e.requestId);
      if (t && !t.encoded && t.decoded > 1400) uncompressedText++;
    });
    if (options.trace) await browser.startTracing(page, { categories: process.env.TRACE_DUMP ? [...TRACE_CATEGORIES, 'disabled-by-default-v8.cpu_profiler'] : TRACE_CATEGORIES });
    await page.goto(url, { waitUntil: 'networkidle', timeout: 120_000 });
    // Read through the DevTools protocol, not page.waitForFunction/page.evaluate: those install Playwright's injected
    // script in the page, 50–90 ms of compiling on the throttled main thread, a long task of the harness counted as the
    // page's TBT (seen in the trace: EvaluateScript of InjectedScript/UtilityScript after the load).
    const read = async <T,>(expression: string): Promise<T> => ((await cdp.send('Runtime.evaluate', { expression, returnByValue: true })).result.value as T);
    for (const until = Date.now() + 60_000; !(await read<boolean>('__vitals.fcp > 0 && __vitals.lcp > 0')); ) {
      if (Date.now() > until) throw new Error(`${url}: no first paint within 60 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // Let late long tasks and layout shifts show; LCP is final once the page is idle.
    await new Promise((r) => setTimeout(r, 2000));
    const raw = await read<{ fcp: number; lcp: number; cls: number; longTasks: [number, number][] }>('__vitals');
    if (options.trace) {
      const buf = await browser.stopTracing();
      if (process.env.TRACE_DUMP) fs.writeFileSync(`${process.env.TRACE_DUMP}-${Date.now()}.json`, buf);
      const { traceEvents } = JSON.parse(buf.toString('utf8')) as { traceEvents: TraceEvent[] };
      options.trace(longTasksOfTrace(traceEvents), jsBytes);
    }
    const tbt = raw.longTasks.filter(([start]) => start >= raw.fcp).reduce((s, [, d]) => s + Math.max(0, d - 50), 0);
    // A preloaded answer the page fetches again (the preload and the page's request no longer match).
    const fetchedTwice = [...urls].filter(([, n]) => n > 1).length;
    return { fcp: raw.fcp, lcp: raw.lcp || raw.fcp, tbt, cls: raw.cls, bytes, requests, uncompressedText, fetchedTwice };
  } finally {
    await context.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function medianVitals(runs: Vitals[]): Vitals {
  const keys = ['fcp', 'lcp', 'tbt', 'cls', 'bytes', 'requests', 'uncompressedText', 'fetchedTwice'] as const;
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) as Vitals;
}

export function passes(v: Vitals): boolean {
  return v.fcp < BUDGET.fcpMs && v.lcp < BUDGET.lcpMs && v.tbt < BUDGET.tbtMs && v.cls < BUDGET.cls && performanceScore(v) >= BUDGET.score && v.uncompressedText === 0 && v.fetchedTwice === 0;
}

/** One traced compressed load of a page: its long tasks, in the report's words. */
function traceLine(name: string, trace: { fcpMs: number; tasks: LongTask[] }, jsBytes: number): string {
  const after = trace.tasks.filter((t) => t.startMs >= trace.fcpMs);
  const tbt = after.reduce((s, t) => s + t.durationMs - 50, 0);
  const each = trace.tasks.map(
    (t) => `${Math.round(t.durationMs)} ms at ${Math.round(t.startMs)} ms${t.startMs < trace.fcpMs ? ' (before FCP)' : ''}: ${t.parts.map(([label, ms]) => `${label} ${Math.round(ms)}`).join(', ')}`,
  );
  return `- ${name}: FCP at ${Math.round(trace.fcpMs)} ms; ${trace.tasks.length} main-thread tasks ≥ 50 ms, ${after.length} after FCP (TBT ${Math.round(tbt)} ms); ${(jsBytes / 1024).toFixed(1)} KB of JavaScript (uncompressed).${each.length ? ` ${each.join('; ')}.` : ''}`;
}

export async function benchWebVitals(base: string, pages: { name: string; path: string }[], runs: number): Promise<{ lines: string[]; traces: string[]; ok: boolean }> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const rows: string[] = [];
  const traces: string[] = [];
  let ok = true;
  try {
    for (const p of pages) {
      await measure(browser, `${base}${p.path}`, { compression: true, trace: (trace, jsBytes) => traces.push(traceLine(p.name, trace, jsBytes)) });
      for (const compression of [false, true]) {
        const all: Vitals[] = [];
        for (let i = 0; i < runs; i++) all.push(await measure(browser, `${base}${p.path}`, { compression }));
        const v = medianVitals(all);
        const score = performanceScore(v);
        if (compression) ok &&= passes(v);
        rows.push(
          `| ${p.name} (\`${p.path.length > 24 ? `${p.path.slice(0, 22)}…` : p.path}\`) | ${compression ? 'br/gzip' : 'none (baseline)'} | ${Math.round(v.fcp)} | ${Math.round(v.lcp)} | ${Math.round(v.tbt)} | ${v.cls.toFixed(3)} | ${(v.bytes / 1024).toFixed(1)} | ${v.requests} | ${v.uncompressedText} | ${v.fetchedTwice} | **${score}** | ${compression ? (passes(v) ? 'pass' : 'FAIL') : ''} |`,
        );
      }
    }
  } finally {
    await browser.close();
  }
  return {
    ok,
    traces,
    lines: [
      '| page | compression | FCP ms | LCP ms | TBT ms | CLS | transferred KB | requests | uncompressed text > 1.4 KB | fetched twice | score | budget |',
      '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
      ...rows,
    ],
  };
}

async function standalone(): Promise<void> {
  const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
  let failed = false;
  await runStandalone({ section: 'web-vitals' }, async (db, dataDir) => {
    const ctx = { config: loadConfig({ DATA_DIR: dataDir, JOBS: 'false', DEMO_PASSWORD: 'bench-password-2026' }), db, clock: systemClock, files: diskFileStore(dataDir, systemClock) };
    await loadDemoData(ctx);
    const { rows } = await db.query<{ id: string; name: string }>(
      `SELECT p.id, p.name FROM procedure p JOIN procedure_version v ON v.id = p.current_version_id WHERE p.status = 'published' ORDER BY length(v.content::text) DESC LIMIT 1`,
    );
    const procedure = rows[0]!;
    const app = await buildApp(ctx, { webDir: path.resolve('dist/web') });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    let result;
    try {
      result = await benchWebVitals(base, [{ name: 'portal home', path: '/' }, { name: 'procedure page', path: `/thu-tuc/${procedure.id}` }], runs);
    } finally {
      await app.close();
    }
    failed = !result.ok;
    const weights = [await firstLoad('console'), await firstLoad('portal')];
    return [
      '## Portal on a phone (Lighthouse-style, issue 12)',
      '',
      `Command: \`npx vite build && npx tsx bench/web-vitals.ts --runs=${runs}\` — real server with the demo data on 127.0.0.1, Chromium (Debian) through playwright-core and the DevTools protocol: 390×844 phone, CPU 4× slower, Lighthouse's slow 4G (562.5 ms latency, 1.47 Mbit/s down), cold cache; median of ${runs} loads per row. Lighthouse is not installed: FCP, LCP, CLS and long tasks come from the page's PerformanceObserver, TBT = Σ(long task − 50 ms) after FCP, score = Lighthouse 12 mobile curves and weights without Speed Index. Procedure page: the demo procedure with the longest content ("${procedure.name}"). The baseline row refuses compression (Accept-Encoding: identity) in the same run.`,
      `Budgets: FCP < ${BUDGET.fcpMs} ms, LCP < ${BUDGET.lcpMs} ms, TBT < ${BUDGET.tbtMs} ms, CLS < ${BUDGET.cls}, score ≥ ${BUDGET.score}, no text answer over 1.4 KB sent uncompressed, no preloaded answer fetched twice. Run ${new Date().toISOString()}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} on ${os.cpus().length} CPUs (other engineers' test suites: the absolute times grow with it).`,
      '',
      ...result.lines,
      '',
      'One more compressed load of each page under a Chromium trace (same throttling; the trace itself adds a little): the main thread\'s tasks of 50 ms or more, each with the work directly inside it in ms (what TBT is made of):',
      '',
      ...result.traces,
      '',
      'First load from the build manifest (`npx tsx bench/web-weight.ts`; e2e/web-weight.spec.ts fails over budget):',
      '',
      ...WEIGHT_TABLE_HEAD,
      ...weights.map(weightLine),
      '',
    ];
  });
  if (failed) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await standalone();
