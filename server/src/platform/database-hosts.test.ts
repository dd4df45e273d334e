import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db.js';
import { chooseHost, HostLocator, isConnectionLoss, NoHostError, parseDatabaseUrl, retryOnConnectionLoss, urlAt } from './database-hosts.js';
import { createPool, type Db } from './database.js';
import { createReadRouter } from './read-replicas.js';
import { loadConfig } from './config.js';

describe('parseDatabaseUrl (libpq multi-host form)', () => {
  it.each([
    ['postgres://u:p@h1:5432,h2:5433,h3/db?target_session_attrs=read-write', [['h1', 5432], ['h2', 5433], ['h3', 5432]], 'read-write', 'postgres://u:p@h1:5432/db'],
    ['postgresql://u@127.0.0.1:6432/motcua?sslmode=disable', [['127.0.0.1', 6432]], 'any', 'postgresql://u@127.0.0.1:6432/motcua?sslmode=disable'],
    ['postgres://u:p@a:1,b:2/db', [['a', 1], ['b', 2]], 'read-write', 'postgres://u:p@a:1/db'],
    ['postgres://u:p@[::1]:5432,b/db?target_session_attrs=prefer-standby&application_name=x', [['::1', 5432], ['b', 5432]], 'prefer-standby', 'postgres://u:p@[::1]:5432/db?application_name=x'],
  ])('%s', (url, hosts, target, single) => {
    const p = parseDatabaseUrl(url);
    expect(p.hosts.map((h) => [h.host, h.port])).toEqual(hosts);
    expect(p.target).toBe(target);
    expect(p.single).toBe(single);
  });

  it.each(['mysql://u@h/db', 'postgres://u@h:99999/db', 'postgres://u@h1,,h2/db', 'postgres://u@h/db?target_session_attrs=read-only-please', 'not a url'])('refuses %s', (url) => {
    expect(() => parseDatabaseUrl(url)).toThrow();
  });

  it('each host keeps user, database and parameters (property)', () => {
    const host = fc.stringMatching(/^[a-z][a-z0-9.-]{0,20}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(host, fc.integer({ min: 1, max: 65535 })), { minLength: 1, maxLength: 5 }), (hosts) => {
        const url = `postgres://app:secret@${hosts.map(([h, p]) => `${h}:${p}`).join(',')}/motcua?sslmode=require&target_session_attrs=read-write`;
        const parsed = parseDatabaseUrl(url);
        expect(parsed.hosts).toEqual(hosts.map(([h, p]) => ({ host: h, port: p })));
        for (const h of parsed.hosts) expect(urlAt(parsed, h)).toBe(`postgres://app:secret@${h.host}:${h.port}/motcua?sslmode=require`);
      }),
    );
  });

  it('the configuration accepts a multi-host DATABASE_URL and a list of replicas, and refuses garbage', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@a:1,b:2/db?target_session_attrs=read-write', DATABASE_REPLICA_URLS: 'postgres://u:p@r1:5432/db; postgres://u:p@r2:5432/db' });
    expect(c.databaseUrl).toContain('a:1,b:2');
    expect(c.databaseReplicaUrls).toEqual(['postgres://u:p@r1:5432/db', 'postgres://u:p@r2:5432/db']);
    expect(loadConfig({}).databaseReplicaUrls).toEqual([]);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@a:1,b:x/db' })).toThrow(/PostgreSQL/);
  });
});

describe('chooseHost and isConnectionLoss (pure)', () => {
  const a = { host: 'a', port: 1 };
  const b = { host: 'b', port: 2 };
  it('picks the node in the wanted role, in the configured order', () => {
    expect(chooseHost('read-write', [{ host: a, inRecovery: true }, { host: b, inRecovery: false }])).toEqual(b);
    expect(chooseHost('read-write', [null, { host: b, inRecovery: true }])).toBeNull();
    expect(chooseHost('standby', [{ host: a, inRecovery: false }, { host: b, inRecovery: true }])).toEqual(b);
    expect(chooseHost('prefer-standby', [{ host: a, inRecovery: false }, null])).toEqual(a);
    expect(chooseHost('any', [null, { host: b, inRecovery: true }])).toEqual(b);
  });
  it('tells a lost connection from an ordinary error', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', '25006']) expect(isConnectionLoss({ code })).toBe(true);
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
    for (const code of ['23505', '40001', '22P02', undefined]) expect(isConnectionLoss({ code, message: 'duplicate key' })).toBe(false);
    expect(isConnectionLoss(null)).toBe(false);
  });
});

describe('on a real PostgreSQL', () => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let deadPort = 0;
  const pools: Db[] = [];
  beforeAll(async () => {
    fresh = await freshDatabase();
    // A port nobody listens on: a node that is down.
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    deadPort = (s.address() as net.AddressInfo).port;
    await new Promise((r) => s.close(r));
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    await fresh.drop();
  });
  const withDead = (url: string) => {
    const u = new URL(url);
    return `${u.protocol}//${u.username}${u.password ? `:${u.password}` : ''}@127.0.0.1:${deadPort},${u.hostname}:${u.port || 5432}${u.pathname}?target_session_attrs=read-write`;
  };

  it('a pool on several hosts skips the dead one and writes to the primary', async () => {
    const db = createPool(withDead(fresh.url), 2);
    pools.push(db);
    const { rows } = await db.query<{ r: boolean; port: number }>(`SELECT pg_is_in_recovery() AS r, inet_server_port() AS port`);
    expect(rows[0]!.r).toBe(false);
    expect(rows[0]!.port).toBe(Number(new URL(fresh.url).port || 5432));
  });

  it('with no host serving read-write the search gives up after its wait with a vi+en message', async () => {
    const parsed = parseDatabaseUrl(`postgres://u:p@127.0.0.1:${deadPort}/db?target_session_attrs=read-write`);
    const locator = new HostLocator(parsed, { waitMs: 300, probeTimeoutMs: 200 });
    await expect(locator.locate()).rejects.toBeInstanceOf(NoHostError);
    await expect(locator.locate()).rejects.toThrow(/Không có máy chủ.*no database host/);
  });

  it('a standby is wanted but only a primary answers: no host, rather than a write-capable node by mistake', async () => {
    const u = new URL(fresh.url);
    const parsed = parseDatabaseUrl(`${fresh.url.split('?')[0]!.replace(`${u.hostname}:${u.port}`, `${u.hostname}:${u.port},127.0.0.1:${deadPort}`)}?target_session_attrs=standby`);
    const locator = new HostLocator(parsed, { waitMs: 300, probeTimeoutMs: 500 });
    await expect(locator.locate()).rejects.toBeInstanceOf(NoHostError);
    const primaries = new HostLocator({ ...parsed, target: 'read-write' }, { waitMs: 300, probeTimeoutMs: 500 });
    expect(await primaries.locate()).toEqual({ host: u.hostname, port: Number(u.port || 5432) });
  });

  it('retries only a lost connection, and only as often as asked', async () => {
    let calls = 0;
    await expect(retryOnConnectionLoss(async () => { calls++; if (calls < 3) throw Object.assign(new Error('x'), { code: '57P01' }); return 'ok'; })).resolves.toBe('ok');
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryOnConnectionLoss(async () => { calls++; throw Object.assign(new Error('dup'), { code: '23505' }); })).rejects.toThrow('dup');
    expect(calls).toBe(1);
    calls = 0;
    await expect(retryOnConnectionLoss(async () => { calls++; throw Object.assign(new Error('gone'), { code: 'ECONNRESET' }); }, 2)).rejects.toThrow('gone');
    expect(calls).toBe(2);
  });

  it('read router: no replica set → none; a replica that answers serves reads; a dead one → the primary; a write position is an LSN', async () => {
    const primary = createPool(fresh.url, 2);
    pools.push(primary);
    expect(createReadRouter(primary, [])).toBeNull();
    const dead = createReadRouter(primary, [`postgres://u:p@127.0.0.1:${deadPort}/db`])!;
    expect(await dead.forRead(null)).toBe(primary);
    await dead.end();
    // A node that is not in recovery has every write: it may serve even a reader who just wrote.
    const live = createReadRouter(primary, [fresh.url])!;
    const lsn = await live.writePosition();
    expect(lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    const chosen = await live.forRead(lsn);
    expect(chosen).not.toBe(primary);
    expect((await chosen.query<{ n: number }>('SELECT 1 AS n')).rows[0]!.n).toBe(1);
    // A cookie that is not an LSN is ignored rather than sent to PostgreSQL.
    expect(await live.forRead("0/0'; DROP TABLE x; --")).not.toBe(primary);
    await live.end();
  });

  /** A TCP relay to the real server that can go silent: it keeps every socket open and forwards nothing (a network cut). */
  async function relay(target: { host: string; port: number }) {
    let silent = false;
    let accepted = 0;
    const sockets = new Set<net.Socket>();
    const server = net.createServer((client) => {
      accepted++;
      sockets.add(client);
      client.on('error', () => {});
      if (silent) return;
      const upstream = net.connect(target.port, target.host);
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.on('data', (d) => void (silent || upstream.write(d)));
      upstream.on('data', (d) => void (silent || client.write(d)));
      client.on('close', () => {
        sockets.delete(client);
        upstream.destroy();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return {
      port: (server.address() as net.AddressInfo).port,
      accepted: () => accepted,
      /** Connections open through the relay now (the pool's; the probes' are closed after their question). */
      open: () => [...sockets].filter((x) => !x.destroyed && x.remotePort !== target.port).length,
      cut: () => void (silent = true),
      close: async () => {
        for (const s of sockets) s.destroy();
        await new Promise((r) => server.close(r));
      },
    };
  }

  it('a primary that goes silent: the query ends at the query timeout, then every request reaches the other host', async () => {
    const u = new URL(fresh.url);
    const target = { host: u.hostname, port: Number(u.port || 5432) };
    const relays = [await relay(target), await relay(target)];
    try {
      const url = `${u.protocol}//${u.username}${u.password ? `:${u.password}` : ''}@127.0.0.1:${relays[0]!.port},127.0.0.1:${relays[1]!.port}${u.pathname}?target_session_attrs=read-write`;
      const db = createPool(url, 3, { connectMs: 1_000, queryMs: 2_000 });
      pools.push(db);
      // Three connections open to the host the locator chose (both answer as primary); that one goes silent.
      await Promise.all([0, 1, 2].map(() => db.query('SELECT pg_sleep(0.1)')));
      const first = relays.find((r) => r.open() === 3)!;
      const second = relays.find((r) => r !== first)!;
      expect(first).toBeDefined();
      const probedOnly = second.accepted();
      first.cut();
      const cutAt = performance.now();
      await expect(db.query('SELECT 1')).rejects.toThrow(/Query read timeout/);
      expect(performance.now() - cutAt).toBeLessThan(4_000);
      // The two connections left to the silent host fail at once (stale) instead of each waiting its own 2 s; retried,
      // the requests open connections to the other host.
      const again = performance.now();
      const answers = await Promise.all([0, 1, 2, 3].map(() => retryOnConnectionLoss(() => db.query<{ n: number }>('SELECT 1 AS n'))));
      expect(answers.map((a) => a.rows[0]!.n)).toEqual([1, 1, 1, 1]);
      expect(performance.now() - again).toBeLessThan(1_500);
      // The answers can only have come through the other host (the first forwards nothing now).
      expect(second.accepted()).toBeGreaterThan(probedOnly);
    } finally {
      for (const r of relays) await r.close();
    }
  });
});
