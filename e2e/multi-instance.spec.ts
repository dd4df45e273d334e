import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../server/test/db.js';
import type { Db } from '../server/src/platform/database.js';

/**
 * Two real server processes on one database, each with its job runner: they seed once, receive dossiers at the same
 * desk at the same time without duplicate codes, and a scheduled job fires once per tick, not once per instance.
 */
const PASSWORD = 'Hai-phien-ban-2026';
let db: Db;
let drop: () => Promise<void>;
const children: ChildProcess[] = [];
const ports = [41000 + (process.pid % 500) * 2, 41001 + (process.pid % 500) * 2];

async function waitReady(port: number): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`instance on ${port} did not start`);
}

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  drop = fresh.drop;
  for (const port of ports) {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-multi-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env: { ...process.env, DATABASE_URL: fresh.url, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', JOBS: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (b: Buffer) => process.stderr.write(`[instance ${port}] ${b.toString()}`));
    children.push(child);
  }
  await Promise.all(ports.map(waitReady));
}, 120_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  await drop();
});

async function signIn(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'motcua.anbinh', password: PASSWORD }) });
  expect(res.status).toBe(200);
  const me = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
}

describe('two instances on one database', () => {
  it('seed the demo data once and receive concurrently without duplicate codes', async () => {
    const units = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM unit WHERE code = '000.00.71.H20'`)).rows[0]!.n;
    expect(units).toBe(1);
    const ids = Object.fromEntries((await db.query<{ code: string; id: string }>(`SELECT code, id FROM unit WHERE code IN ('000.01.71.H20', '000.00.71.H20')`)).rows.map((r) => [r.code, r.id]));
    const procedure = (await db.query<{ id: string }>(`SELECT p.id FROM procedure p JOIN unit u ON u.id = p.owner_unit_id WHERE u.code = '000.00.00.H20' AND p.code = '1.001193'`)).rows[0]!.id;
    const sessions = await Promise.all(ports.map(signIn));
    const results = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const port = ports[i % 2]!;
        const res = await fetch(`http://127.0.0.1:${port}/api/dossiers`, {
          method: 'POST',
          headers: sessions[i % 2]!,
          body: JSON.stringify({
            idempotencyKey: `multi-instance-${i}`,
            procedureId: procedure,
            receivingUnitId: ids['000.01.71.H20'],
            resolvingUnitId: ids['000.00.71.H20'],
            applicant: { kind: 'citizen', idNumber: `0870900${String(i).padStart(5, '0')}`, fullName: `Công dân ${i}` },
            outcome: 'accept',
          }),
        });
        expect(res.status).toBe(201);
        return ((await res.json()) as { code: string }).code;
      }),
    );
    expect(new Set(results).size).toBe(40);
    expect(results.map((c) => Number(c.slice(-4))).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('a scheduled job fires once per tick, whichever instance runs it', async () => {
    // notifications.dispatch is scheduled every minute by both instances; wait for two ticks. Each job names its tick.
    const deadline = Date.now() + 150_000;
    let ticks: { tick: string; n: number; claimed: number }[] = [];
    while (Date.now() < deadline) {
      ticks = (await db.query<{ tick: string; n: number; claimed: number }>(
        `SELECT j.data->>'tick' AS tick, count(*)::int AS n, count(t.job_id)::int AS claimed
           FROM pgboss.job j LEFT JOIN job_tick t ON t.name = j.name AND t.job_id = j.id
          WHERE j.name = 'notifications.dispatch' GROUP BY 1 ORDER BY 1`,
      )).rows;
      if (ticks.length >= 2) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const t of ticks) expect(t).toEqual({ tick: expect.stringMatching(/:00\.000Z$/), n: 1, claimed: 1 });
  }, 180_000);
});
