/**
 * A server for a benchmark in its own Node.js process, as production runs it: the compiled dist/server/main.js when it
 * is built (`npm run build:server`), else the sources through tsx; or any other script (the bare baselines). Waits for
 * it to answer, samples its RSS, stops it with SIGTERM (its pool closes, so its statistics reach pg_stat_*).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';

export type ServerProcess = { base: string; pid: number; compiled: boolean; peakRss: () => number; cpuSeconds: () => Promise<number>; stop: () => Promise<void> };

export async function startServer(o: { dbUrl: string; dataDir: string; env?: Record<string, string>; script?: string; ready?: string; nodeArgs?: string[] }): Promise<ServerProcess> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const compiled = o.script ? true : await fs.access('dist/server/main.js').then(() => true, () => false);
  const args = o.script ? [o.script] : compiled ? ['dist/server/main.js'] : ['--import', 'tsx', 'server/src/main.ts'];
  // nodeArgs: e.g. --cpu-prof (not allowed in NODE_OPTIONS) or --import of bench/count-queries.js.
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), ...args], {
    env: { ...process.env, DATABASE_URL: o.dbUrl, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'false', JOBS: 'false', LOG_LEVEL: 'warn', DATA_DIR: o.dataDir, ...o.env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}${o.ready ?? '/healthz'}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || i > 600) throw new Error(`server ${args.join(' ')} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  let peak = 0;
  const status = async () => fs.readFile(`/proc/${child.pid}/status`, 'utf8');
  const sampler = setInterval(() => void status().then((s) => (peak = Math.max(peak, Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0) * 1024))).catch(() => {}), 200);
  return {
    base,
    pid: child.pid!,
    compiled,
    peakRss: () => peak,
    // utime + stime of the process, from /proc/PID/stat (clock ticks of 1/100 s on Linux).
    cpuSeconds: async () => {
      const f = (await fs.readFile(`/proc/${child.pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
      return (Number(f[11]) + Number(f[12])) / 100;
    },
    stop: async () => {
      clearInterval(sampler);
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * CPU seconds (user + system) of every PostgreSQL process on this machine so far: the benchmarks' database runs here
 * (127.0.0.1), so the difference over a phase is what the phase cost PostgreSQL — its share of the two cores, beside the
 * server's own. Processes that end during the phase (none of ours: the pools stay open) drop out of the sum.
 */
export async function postgresCpuSeconds(): Promise<number> {
  let ticks = 0;
  for (const pid of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (!stat.includes('(postgres)')) continue;
    const f = stat.split(') ')[1]!.split(' ');
    ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / 100;
}

/**
 * The machine's CPU time so far (/proc/stat, every core): busy (user, nice, system, irq, softirq, steal) and total ticks.
 * Over a phase, busy / total says whether the machine was saturated: a phase at ~100 % is bound by CPU, whatever its
 * backends wait for; one well below it is bound by waiting (a hot row, a flush).
 */
export async function machineCpuTicks(): Promise<{ busy: number; total: number }> {
  const line = (await fs.readFile('/proc/stat', 'utf8')).split('\n')[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number) as [number, number, number, number, number, number, number, number];
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}
