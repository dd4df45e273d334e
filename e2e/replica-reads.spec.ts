import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type AppConfig } from '../server/src/platform/config.js';
import { createPool, type Db } from '../server/src/platform/database.js';
import { createReadRouter, LSN_COOKIE, lsnKey, readContext, rememberWrites, signLsn, type ReadRouter } from '../server/src/platform/read-replicas.js';
import { freePort } from '../server/test/process.js';

/**
 * Read-your-writes on a real streaming replica (issue 19), without Patroni: a PostgreSQL 15 primary and one standby
 * cloned from it with pg_basebackup, on loopback ports. The standby's replay is paused (pg_wal_replay_pause), so it
 * lags for as long as the test wants. The application's own hooks route the reads: after a write the writer's reads
 * go to the primary until the replica has replayed the write's WAL position; everybody else reads from the replica.
 */
const PG_BIN = '/usr/lib/postgresql/15/bin';
const missing = ['initdb', 'pg_ctl', 'pg_basebackup'].map((b) => path.join(PG_BIN, b)).filter((p) => !existsSync(p));
if (missing.length) console.warn(`[replica-reads] BỎ QUA / SKIPPED: thiếu ${missing.join(', ')} — apt-get install postgresql-15`);

const run = promisify(execFile);
/** PostgreSQL refuses to run as root: its programs run as "postgres" then. */
const asPostgres = (bin: string, args: string[]) => (process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, bin), ...args]) : run(path.join(PG_BIN, bin), args));

let dir = '';
const ports = { primary: 0, replica: 0 };
let primary: Db;
let replica: Db;
let reads: ReadRouter;
let app: FastifyInstance;
let config: AppConfig;

async function startNode(data: string, port: number) {
  await asPostgres('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', `${data}.log`, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on -c fsync=off -c shared_buffers=16MB`]);
}

describe.skipIf(missing.length > 0)('reads on a streaming replica that lags', () => {
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-replica-'));
    if (process.getuid?.() === 0) await run('chown', ['postgres', dir]);
    ports.primary = await freePort();
    ports.replica = await freePort();
    await asPostgres('initdb', ['-D', `${dir}/primary`, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    await startNode(`${dir}/primary`, ports.primary);
    await asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(ports.primary), '-U', 'postgres', '-D', `${dir}/replica`, '-R', '-X', 'stream']);
    await startNode(`${dir}/replica`, ports.replica);
    primary = createPool(`postgres://postgres@127.0.0.1:${ports.primary}/postgres`, 3);
    replica = createPool(`postgres://postgres@127.0.0.1:${ports.replica}/postgres`, 1);
    await primary.query(`CREATE TABLE note (id serial PRIMARY KEY, author text NOT NULL, body text NOT NULL)`);
    // Wait until the standby has the table (replay is running until the test pauses it).
    for (let i = 0; i < 100 && !(await replica.query(`SELECT to_regclass('note') IS NOT NULL AS ok`)).rows[0]!.ok; i++) await new Promise((r) => setTimeout(r, 100));

    reads = createReadRouter(primary, [`postgres://postgres@127.0.0.1:${ports.replica}/postgres`])!;
    config = loadConfig({ DATA_DIR: dir, JOBS: 'false', SEED_DEMO: 'false' });
    const ctx = { db: primary, reads, config };
    app = Fastify();
    await app.register(cookie);
    rememberWrites(app, ctx);
    app.post<{ Body: { author: string; body: string } }>('/notes', async (r) => {
      await primary.query(`INSERT INTO note (author, body) VALUES ($1, $2)`, [r.body.author, r.body.body]);
      return { ok: true };
    });
    // A stale-tolerant read, routed as the reports and public pages route theirs.
    app.get('/notes', async (r) => {
      const { db } = await readContext(ctx, r);
      const { rows } = await db.query<{ bodies: string[] | null; standby: boolean }>(`SELECT array_agg(body ORDER BY id) AS bodies, pg_is_in_recovery() AS standby FROM note`);
      return { bodies: rows[0]!.bodies ?? [], servedBy: rows[0]!.standby ? 'replica' : 'primary' };
    });
    await app.ready();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await reads?.end();
    await primary?.end();
    await replica?.end();
    for (const node of ['replica', 'primary']) await asPostgres('pg_ctl', ['stop', '-m', 'immediate', '-D', `${dir}/${node}`]).catch(() => {});
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  }, 60_000);

  const read = async (cookieHeader?: string) => (await app.inject({ method: 'GET', url: '/notes', headers: cookieHeader ? { cookie: cookieHeader } : {} })).json<{ bodies: string[]; servedBy: string }>();

  it("the writer sees their write at once while the replica lags; others read the replica's older state", async () => {
    await app.inject({ method: 'POST', url: '/notes', payload: { author: 'khác', body: 'trước' } });
    for (let i = 0; i < 100 && (await read()).bodies.length < 1; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await read()).toEqual({ bodies: ['trước'], servedBy: 'replica' });

    await replica.query('SELECT pg_wal_replay_pause()');
    const write = await app.inject({ method: 'POST', url: '/notes', payload: { author: 'cán bộ An', body: 'hồ sơ mới' } });
    expect(write.statusCode).toBe(200);
    const lsn = write.cookies.find((c) => c.name === LSN_COOKIE);
    expect(lsn?.value).toMatch(/^[0-9A-F]+\/[0-9A-F]+\.[\w-]{22}$/);
    const writer = `${LSN_COOKIE}=${lsn!.value}`;

    // The replica has not replayed the write (replay paused): the writer's read goes to the primary and sees it.
    expect(await read(writer)).toEqual({ bodies: ['trước', 'hồ sơ mới'], servedBy: 'primary' });
    // Everybody else reads the replica, a little behind.
    expect(await read()).toEqual({ bodies: ['trước'], servedBy: 'replica' });
    // A cookie from an older write of someone else: the replica has that one, so it serves them.
    const older = (await primary.query<{ lsn: string }>(`SELECT '0/1'::pg_lsn::text AS lsn`)).rows[0]!.lsn;
    expect((await read(`${LSN_COOKIE}=${signLsn(older, lsnKey({ config }))}`)).servedBy).toBe('replica');
    // A forged far-future position (unsigned, or the writer's signature on another position) pins nobody to the primary.
    expect((await read(`${LSN_COOKIE}=FFFFFFFF/FFFFFFFF`)).servedBy).toBe('replica');
    expect((await read(`${LSN_COOKIE}=FFFFFFFF/FFFFFFFF.${lsn!.value.split('.')[1]}`)).servedBy).toBe('replica');

    // Replay resumes: once the replica has the write, it serves the writer too.
    await replica.query('SELECT pg_wal_replay_resume()');
    let after = await read(writer);
    for (let i = 0; i < 100 && after.servedBy !== 'replica'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await read(writer);
    }
    expect(after).toEqual({ bodies: ['trước', 'hồ sơ mới'], servedBy: 'replica' });
  }, 60_000);
});
