import { prepared, type Queryable } from './database.js';

/**
 * Rate limits and attempt guards kept in PostgreSQL (tables rate_limit_window, attempt_guard), so that every instance
 * shares one count — with N instances an in-memory limit would be N times too generous — and the embedded default works
 * the same. Every instant comes from the caller (the injected clock), never from the database's now().
 */

export type RateLimit = { key: string; max: number; windowSeconds: number };
export type RateLimitOutcome = { allowed: boolean; retryAfterSeconds: number };

/** Counts one request for `key` in a fixed window and tells whether it is within `max`. One upsert, any instance. */
export async function hitRateLimit(q: Queryable, limit: RateLimit, now: Date): Promise<RateLimitOutcome> {
  const { rows } = await q.query<{ hits: number; windowStart: Date }>(prepared(
    `INSERT INTO rate_limit_window AS w (key, window_start, hits) VALUES ($1, $2, 1)
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN w.window_start <= $2::timestamptz - make_interval(secs => $3::int) OR w.window_start > $2 THEN 1 ELSE w.hits + 1 END,
       window_start = CASE WHEN w.window_start <= $2::timestamptz - make_interval(secs => $3::int) OR w.window_start > $2 THEN $2 ELSE w.window_start END
     RETURNING hits, window_start AS "windowStart"`,
    [limit.key, now, limit.windowSeconds]),
  );
  const r = rows[0]!;
  const allowed = r.hits <= limit.max;
  const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((r.windowStart.getTime() + limit.windowSeconds * 1000 - now.getTime()) / 1000));
  return { allowed, retryAfterSeconds };
}

/** How failures against one target slow it down: `free` failures, then a wait of base·2^(n−free) seconds, at most `max`. */
export type GuardPolicy = { free: number; baseSeconds: number; maxSeconds: number; /** failures older than this are forgotten */ forgetSeconds: number };

/** The wait imposed after the `failures`-th failure (pure): none before `free`, then doubling up to the cap. */
export function guardDelaySeconds(failures: number, p: GuardPolicy): number {
  if (failures < p.free) return 0;
  return Math.min(p.maxSeconds, p.baseSeconds * 2 ** Math.min(failures - p.free, 30));
}

export type GuardState = { failures: number; blockedUntil: Date | null };

/** The guard of `key` as it stands at `now` (nothing blocks when unknown). */
export async function readGuard(q: Queryable, key: string, now: Date): Promise<GuardState> {
  const { rows } = await q.query<{ failures: number; blockedUntil: Date | null }>(
    `SELECT failures, blocked_until AS "blockedUntil" FROM attempt_guard WHERE key = $1`,
    [key],
  );
  const r = rows[0];
  return { failures: r?.failures ?? 0, blockedUntil: r?.blockedUntil && r.blockedUntil > now ? r.blockedUntil : null };
}

/**
 * Locks the guard row of `key` for the calling transaction (creating it), so that concurrent attempts on one target are
 * judged one after the other: a burst of parallel guesses cannot all pass before the first failure is counted.
 * One statement (issue 12: it was an insert and a locked read): an upsert whose conflict branch rewrites the row as it
 * is, which locks it, waits for a concurrent holder and returns the latest committed version, as FOR UPDATE did.
 */
export async function lockGuard(q: Queryable, key: string, now: Date): Promise<GuardState> {
  const { guard } = await lockGuardWith(q, key, now, null);
  return guard;
}

/**
 * `lockGuard` and, in the same statement, a read of the caller's (`also.sql`: an SQL expression, its parameters from
 * $2) — the target the guard protects, say — so an attempt costs one round trip (issue 12). The read runs whatever the
 * guard says; the caller looks at its result only when the guard lets the attempt through.
 */
export async function lockGuardWith<T>(q: Queryable, key: string, now: Date, also: { sql: string; params: unknown[] } | null): Promise<{ guard: GuardState; also: T | null }> {
  const { rows } = await q.query<{ failures: number; blockedUntil: Date | null; also: T | null }>(prepared(
    `WITH g AS (INSERT INTO attempt_guard AS g (key, failures) VALUES ($1, 0) ON CONFLICT (key) DO UPDATE SET failures = g.failures
                RETURNING failures, blocked_until)
     SELECT failures, blocked_until AS "blockedUntil", ${also ? also.sql : 'NULL'} AS also FROM g`,
    [key, ...(also?.params ?? [])]),
  );
  const r = rows[0]!;
  return { guard: { failures: r.failures, blockedUntil: r.blockedUntil && r.blockedUntil > now ? r.blockedUntil : null }, also: r.also };
}

/**
 * Counts one failure against `key` (failures older than `forgetSeconds` are forgotten first) and, from the `free`-th
 * on, blocks the key for the growing delay. Returns the new state and whether this failure started a block.
 */
export async function recordGuardFailure(q: Queryable, key: string, now: Date, p: GuardPolicy): Promise<GuardState & { blockedNow: boolean }> {
  const { rows } = await q.query<{ failures: number }>(
    `INSERT INTO attempt_guard AS g (key, failures, last_failure_at) VALUES ($1, 1, $2)
     ON CONFLICT (key) DO UPDATE SET
       failures = CASE WHEN g.last_failure_at IS NULL OR g.last_failure_at < $2::timestamptz - make_interval(secs => $3::int) THEN 1 ELSE g.failures + 1 END,
       last_failure_at = $2
     RETURNING failures`,
    [key, now, p.forgetSeconds],
  );
  const failures = rows[0]!.failures;
  const delay = guardDelaySeconds(failures, p);
  if (delay === 0) return { failures, blockedUntil: null, blockedNow: false };
  const until = new Date(now.getTime() + delay * 1000);
  await q.query(`UPDATE attempt_guard SET blocked_until = greatest(blocked_until, $2) WHERE key = $1`, [key, until]);
  return { failures, blockedUntil: until, blockedNow: true };
}

/** Forgets the failures of `key` (after a success that proves the owner, e.g. a correct password). */
export async function clearGuard(q: Queryable, key: string): Promise<void> {
  await q.query(`DELETE FROM attempt_guard WHERE key = $1`, [key]);
}

/** Drops counters nobody needs any more (windows and guards idle for `olderThanSeconds`). */
export async function purgeRateLimits(q: Queryable, now: Date, olderThanSeconds: number): Promise<void> {
  await q.query(`DELETE FROM rate_limit_window WHERE window_start < $1::timestamptz - make_interval(secs => $2::int)`, [now, olderThanSeconds]);
  await q.query(
    `DELETE FROM attempt_guard WHERE (last_failure_at IS NULL OR last_failure_at < $1::timestamptz - make_interval(secs => $2::int)) AND (blocked_until IS NULL OR blocked_until < $1)`,
    [now, olderThanSeconds],
  );
}

/** Whole seconds from `now` until `until` (at least 1), for a Retry-After header. */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
