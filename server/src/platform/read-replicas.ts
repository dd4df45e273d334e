import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from './context.js';
import { createPool, type Db } from './database.js';
import type { DatabaseTimeouts } from './database-hosts.js';

/**
 * Reads that tolerate a little staleness (reports, dashboards, the public catalogue and information pages, exports)
 * may go to streaming replicas (DATABASE_REPLICA_URLS); the code says which, per use, with `readContext`. Everything
 * else, and everything when no replica is set, stays on the primary.
 *
 * Read-your-writes: after a successful write request the primary's WAL position is kept in a cookie of that person;
 * a replica serves them only once it has replayed that position (pg_last_wal_replay_lsn), else the primary does.
 * The cookie is signed: a forged far-future position would otherwise send anyone's reads to the primary for good.
 */
export type ReadRouter = {
  /** A pool for a stale-tolerant read, never behind `seenLsn` (the person's last write). */
  forRead(seenLsn: string | null): Promise<Db>;
  /** The primary's WAL position now (after a write). */
  writePosition(): Promise<string>;
  end(): Promise<void>;
};

/** The cookie holding the WAL position of the person's last write. */
export const LSN_COOKIE = 'mc_lsn';
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/;
/** How long a replica that failed is left out before it is tried again (ms, monotonic). */
const REST_MS = 5_000;

export function createReadRouter(primary: Db, replicaUrls: string[], poolSize = 5, timeouts?: Partial<DatabaseTimeouts>): ReadRouter | null {
  if (replicaUrls.length === 0) return null;
  const replicas = replicaUrls.map((url) => ({ pool: createPool(url, poolSize, timeouts), downUntil: 0 }));
  let next = 0;
  return {
    async forRead(seenLsn) {
      const seen = seenLsn && LSN.test(seenLsn) ? seenLsn : null;
      for (let i = 0; i < replicas.length; i++) {
        const r = replicas[(next + i) % replicas.length]!;
        if (r.downUntil > performance.now()) continue;
        next = (next + i + 1) % replicas.length;
        try {
          // NULL replay position: the node is no longer a standby (it was promoted), so it has every write.
          const { rows } = await r.pool.query<{ ok: boolean }>(
            `SELECT pg_last_wal_replay_lsn() IS NULL OR $1::pg_lsn IS NULL OR pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`,
            [seen],
          );
          return rows[0]!.ok ? r.pool : primary;
        } catch {
          r.downUntil = performance.now() + REST_MS;
        }
      }
      return primary;
    },
    async writePosition() {
      const { rows } = await primary.query<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS lsn`);
      return rows[0]!.lsn;
    },
    async end() {
      await Promise.all(replicas.map((r) => r.pool.end()));
    },
  };
}

type Keyed = Pick<AppContext, 'config'>;
const keys = new WeakMap<object, Buffer>();

/** The key that signs LSN cookies, derived from the receipt-link secret (its own purpose, so never the same MAC). */
export function lsnKey(ctx: Keyed): Buffer {
  let key = keys.get(ctx.config);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', ctx.config.receiptLinkSecret, 'mot-cua', 'read-your-writes LSN cookie', 32));
    keys.set(ctx.config, key);
  }
  return key;
}

const macOf = (lsn: string, key: Buffer) => createHmac('sha256', key).update(lsn).digest('base64url').slice(0, 22);

/** The cookie value for `lsn`: the position and its MAC (pure). */
export function signLsn(lsn: string, key: Buffer): string {
  return `${lsn}.${macOf(lsn, key)}`;
}

/** The position a cookie vouches for, or null when it is malformed or was not signed with `key` (pure). */
export function verifiedLsn(value: string | undefined | null, key: Buffer): string | null {
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  const lsn = value.slice(0, dot);
  if (dot < 0 || !LSN.test(lsn)) return null;
  const given = Buffer.from(value.slice(dot + 1));
  const wanted = Buffer.from(macOf(lsn, key));
  return given.length === wanted.length && timingSafeEqual(given, wanted) ? lsn : null;
}

/** The context a stale-tolerant read of this request runs with: a replica's pool when one may serve it, else ctx itself. */
export async function readContext<C extends Pick<AppContext, 'db' | 'reads' | 'config'>>(ctx: C, request: FastifyRequest): Promise<C> {
  if (!ctx.reads) return ctx;
  return { ...ctx, db: await ctx.reads.forRead(verifiedLsn(request.cookies[LSN_COOKIE], lsnKey(ctx))) };
}

/** Keeps the WAL position of each successful write request in the writer's cookie (only when replicas are set). */
export function rememberWrites(app: FastifyInstance, ctx: Pick<AppContext, 'reads' | 'config'>): void {
  const reads = ctx.reads;
  if (!reads) return;
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || reply.statusCode >= 400) return payload;
    try {
      const lsn = await reads.writePosition();
      reply.setCookie(LSN_COOKIE, signLsn(lsn, lsnKey(ctx)), { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies, maxAge: 600 });
    } catch {
      // Without the position the person's next reads may be a little stale; the write itself succeeded.
    }
    return payload;
  });
}
