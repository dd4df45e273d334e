import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { APPLICANT, seedDesk } from '../../test/dossier-fixtures.js';
import { freshDatabase } from '../../test/db.js';
import { freePort, spawnServer, type ServerProcess } from '../../test/process.js';
import { loadConfig } from './config.js';
import { createPool } from './database.js';
import { diskFileStore } from './storage.js';

/**
 * kill -9 of the server while desks are receiving dossiers, then a plain restart: every intake the server acknowledged
 * (201) is there with its code, no code is given twice, and the embedded PostgreSQL comes back by itself.
 */
async function crashAndRestart(env: Record<string, string>, databaseUrl: string): Promise<string> {
  const dataDir = env.DATA_DIR!;
  let server: ServerProcess = spawnServer(env);
  await server.ready();

  // Staff, units and a published procedure, written straight into the server's database.
  const db = createPool(databaseUrl, 3);
  // A start without the demo still has the official days off (Tết Bính Ngọ's 29 tháng Chạp), which deadlines count.
  expect((await db.query(`SELECT kind FROM calendar_adjustment WHERE day = '2026-02-16' AND unit_id IS NULL`)).rows).toEqual([{ kind: 'day_off' }]);
  const local = await buildApp({ config: loadConfig({ DATA_DIR: dataDir, JOBS: 'false', SEED_DEMO: 'false' }), db, clock: { now: () => new Date() }, files: diskFileStore(path.join(dataDir, 'files'), { now: () => new Date() }) });
  const s = await seedDesk(local, db);
  await local.close();
  await db.end();

  const acknowledged: { id: string; code: string }[] = [];
  let seq = 0;
  let stop = false;
  const intake = async (worker: number) => {
    while (!stop) {
      const res = await fetch(`${server.baseUrl}/api/dossiers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: s.desk.cookie, 'x-csrf-token': s.desk.csrf },
        body: JSON.stringify({
          idempotencyKey: `crash-${worker}-${++seq}`,
          procedureId: s.procedureId,
          receivingUnitId: s.tree.deskA.id,
          resolvingUnitId: s.tree.communeA.id,
          applicant: APPLICANT,
          documents: [{ name: 'Tờ khai', kind: 'original', count: 1 }],
          outcome: 'accept',
        }),
      }).catch(() => null);
      if (!res) return; // the server is gone
      if (res.status === 201) acknowledged.push((await res.json()) as { id: string; code: string });
      else await res.text().catch(() => '');
    }
  };
  const workers = Array.from({ length: 6 }, (_, i) => intake(i));
  while (acknowledged.length < 25) await new Promise((r) => setTimeout(r, 20));
  server.child.kill('SIGKILL');
  await server.exited;
  stop = true;
  await Promise.all(workers);
  expect(acknowledged.length).toBeGreaterThanOrEqual(25);

  // A plain restart, nothing cleaned by hand.
  server = spawnServer(env);
  try {
    await server.ready();
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    try {
      const { rows } = await c.query<{ id: string; code: string }>('SELECT id, code FROM dossier WHERE id = ANY($1::uuid[])', [acknowledged.map((a) => a.id)]);
      const found = new Map(rows.map((r) => [r.id, r.code]));
      for (const a of acknowledged) expect(found.get(a.id), a.id).toBe(a.code);
      const dup = await c.query('SELECT code FROM dossier WHERE code IS NOT NULL GROUP BY code HAVING count(*) > 1');
      expect(dup.rows).toEqual([]);
    } finally {
      await c.end();
    }
    // And it still takes intakes.
    const after = await fetch(`${server.baseUrl}/api/auth/me`, { headers: { cookie: s.desk.cookie } });
    expect(after.status).toBe(200);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  return server.output();
}

describe('kill -9 during concurrent intakes loses no acknowledged dossier', () => {
  it('on the embedded PostgreSQL, which comes back by itself', { timeout: 120_000 }, async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-crash-'));
    // mkdtemp makes it 0700; run as root, the embedded server runs as "postgres" and must reach its data directory.
    await fs.chmod(dataDir, 0o755);
    const pgPort = await freePort();
    const port = await freePort();
    try {
      const env = { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), SEED_DEMO: 'false', JOBS: 'false' };
      const restart = await crashAndRestart(env, `postgres://postgres:postgres@127.0.0.1:${pgPort}/motcua`);
      // The PostgreSQL left behind by the killed server was found and stopped cleanly, not cleaned up by hand.
      expect(restart).toMatch(/PostgreSQL nhúng của lần chạy trước \(PID \d+\) vẫn chạy: dừng an toàn/);
      // The restarted server stopped its PostgreSQL on SIGTERM: nothing left holding the data directory.
      await expect(fs.access(path.join(dataDir, 'pg', 'postmaster.pid'))).rejects.toThrow();
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('on an external PostgreSQL', { timeout: 120_000 }, async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-crash-'));
    const { url, drop } = await freshDatabase();
    try {
      const env = { DATA_DIR: dataDir, PORT: String(await freePort()), DATABASE_URL: url, SEED_DEMO: 'false', JOBS: 'false' };
      await crashAndRestart(env, url);
    } finally {
      await drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
