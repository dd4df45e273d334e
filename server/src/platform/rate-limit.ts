import { prepared, statement, type Queryable, type Statement } from './database.js';

/**
 * Rate limits and attempt guards kept in PostgreSQL (tables rate_limit_window, attempt_guard), so that every instance
 * shares one count — with N instances an in-memory limit would be N times too generous — and the embedded default works
 * the same. Every instant comes from the caller (the injected clock), never from the database's now().
 */

export type RateLimit = { key: string; max: number; windowSeconds: number };
export type RateLimitOutcome = { allowed: boolean; retryAfterSeconds: number };

/**
 * The upsert counting one request in `key`'s fixed window — a new window when the last one is over, or began more than
 * a window after the clock (another timeline: a clock set back) — from `source`, a row of ($1 the key, $2 now); $3 is
 * the window in seconds. Returns hits and window_start. A window that began a moment after `now` is the current one:
 * concurrent requests read the clock a few milliseconds apart, and the one that read it first must not open a new
 * window (its count from 1) after another opened this one — a burst would then get past the limit.
 */
const countSql = (source: string) => `INSERT INTO rate_limit_window AS w (key, window_start, hits) ${source}
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN ${windowOver('w.window_start', '$2', '$3')} THEN 1 ELSE w.hits + 1 END,
       window_start = CASE WHEN ${windowOver('w.window_start', '$2', '$3')} THEN $2 ELSE w.window_start END
     RETURNING hits, window_start`;
/** The SQL condition: the window that began at `start` is not the one of `now` (the same rule as rate_limit_gate). */
function windowOver(start: string, now: string, seconds: string): string {
  return `(${start} <= ${now}::timestamptz - make_interval(secs => ${seconds}::int) OR ${start} > ${now}::timestamptz + make_interval(secs => ${seconds}::int))`;
}
const countRequestSql = countSql(`VALUES ($1, $2, 1)`);

function windowOutcome(limit: RateLimit, r: { hits: number; windowStart: Date }, now: Date): RateLimitOutcome {
  return gateOutcome(limit, { allowed: r.hits <= limit.max, windowStart: r.windowStart }, now);
}

function gateOutcome(limit: RateLimit, r: { allowed: boolean; windowStart: Date }, now: Date): RateLimitOutcome {
  const allowed = r.allowed;
  const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((r.windowStart.getTime() + limit.windowSeconds * 1000 - now.getTime()) / 1000));
  return { allowed, retryAfterSeconds };
}

const hitRateLimitSql = statement(`WITH w AS (${countRequestSql}) SELECT hits, window_start AS "windowStart" FROM w`);

/** Counts one request for `key` in a fixed window and tells whether it is within `max`. One upsert, any instance. */
export async function hitRateLimit(q: Queryable, limit: RateLimit, now: Date): Promise<RateLimitOutcome> {
  const { rows } = await q.query<{ hits: number; windowStart: Date }>(prepared(hitRateLimitSql, [limit.key, now, limit.windowSeconds]));
  return windowOutcome(limit, rows[0]!, now);
}

const countFailureSql = statement(
  `WITH rl AS MATERIALIZED (SELECT * FROM rate_limit_gate($1, $2, $3, $4)),
        counted AS (${countSql(`SELECT $1::text, $2::timestamptz, 1 FROM rl WHERE rl.allowed`)})
   SELECT allowed, window_start AS "windowStart" FROM rl`,
);

/**
 * A failed public attempt that needs no look-up (nothing to look for in what was typed): refused when the address has
 * no failures left in its window (`guardedAttempt`'s budget), else counted as one.
 */
export async function countFailure(q: Queryable, limit: RateLimit, now: Date): Promise<RateLimitOutcome> {
  const { rows } = await q.query<{ allowed: boolean; windowStart: Date }>(prepared(countFailureSql, [limit.key, now, limit.windowSeconds, limit.max]));
  return gateOutcome(limit, rows[0]!, now);
}

/**
 * How failures against one target slow it down: `free` failures, then a wait of base·2^(n−free) seconds, at most `max`
 * (the SQL function guard_delay_seconds, migration 20261213000001, so that one statement can judge an attempt).
 */
export type GuardPolicy = { free: number; baseSeconds: number; maxSeconds: number; /** failures older than this are forgotten */ forgetSeconds: number };

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

const lockGuardSql = statement(
  `INSERT INTO attempt_guard AS g (key, failures) VALUES ($1, 0) ON CONFLICT (key) DO UPDATE SET failures = g.failures
   RETURNING failures, blocked_until AS "blockedUntil"`,
);

/**
 * Locks the guard row of `key` for the calling transaction (creating it), so that concurrent attempts on one target are
 * judged one after the other: a burst of parallel guesses cannot all pass before the first failure is counted.
 * One statement (issue 12: it was an insert and a locked read): an upsert whose conflict branch rewrites the row as it
 * is, which locks it, waits for a concurrent holder and returns the latest committed version, as FOR UPDATE did.
 */
export async function lockGuard(q: Queryable, key: string, now: Date): Promise<GuardState> {
  const { rows } = await q.query<{ failures: number; blockedUntil: Date | null }>(prepared(lockGuardSql, [key]));
  const r = rows[0]!;
  return { failures: r.failures, blockedUntil: r.blockedUntil && r.blockedUntil > now ? r.blockedUntil : null };
}

const guardFailSql = statement(`SELECT failures, blocked_until AS "blockedUntil", held FROM guard_fail($1, $2, $3, $4, $5, $6)`);

/**
 * Counts one failure against `key` (failures older than `forgetSeconds` are forgotten first) and, from the `free`-th
 * on, blocks the key for the growing delay. Returns the new state and whether this failure started a block.
 */
export async function recordGuardFailure(q: Queryable, key: string, now: Date, p: GuardPolicy): Promise<GuardState & { blockedNow: boolean }> {
  const { rows } = await q.query<{ failures: number; blockedUntil: Date | null; held: boolean }>(prepared(guardFailSql, [key, now, p.free, p.baseSeconds, p.maxSeconds, p.forgetSeconds]));
  const r = rows[0]!;
  return { failures: r.failures, blockedUntil: r.held ? r.blockedUntil : null, blockedNow: r.held };
}

export type AttemptOutcome<T> =
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'blocked'; until: Date }
  | { kind: 'ok'; row: T }
  /** `held`: this failure started or extended a hold on the target (an alert). `rows`: the candidates looked at. */
  | { kind: 'wrong'; rows: T[]; held: { failures: number; blockedUntil: Date } | null };

/** The statement of `guardedAttempt` around a caller's candidates, built once per candidates' text. */
function attemptStatement(candidatesSql: string): Statement {
  let s = attemptStatements.get(candidatesSql);
  if (!s) {
    s = statement(
      `WITH rl AS MATERIALIZED (SELECT * FROM rate_limit_gate($1, $2, $3, $4)
     ), c AS MATERIALIZED (
       SELECT x.ok, x.row FROM (${candidatesSql}) x WHERE (SELECT rl.allowed FROM rl)
     ), g AS MATERIALIZED (
       SELECT a.* FROM rl CROSS JOIN LATERAL guard_attempt($5, $2, EXISTS (SELECT 1 FROM c WHERE c.ok), $6, $7, $8, $9) a WHERE rl.allowed
     ), counted AS (${countSql(`SELECT $1::text, $2::timestamptz, 1 FROM g WHERE g.outcome IN ('failed', 'held')`)}
     )
     SELECT rl.allowed, rl.window_start AS "windowStart", g.outcome, g.failures, g.blocked_until AS "blockedUntil",
            (SELECT coalesce(json_agg(json_build_object('ok', c.ok, 'row', c.row)), '[]') FROM c) AS candidates
       FROM rl LEFT JOIN g ON true`,
    );
    if (attemptStatements.size >= 100) attemptStatements.clear();
    attemptStatements.set(candidatesSql, s);
  }
  return s;
}
const attemptStatements = new Map<string, Statement>();

/**
 * One public attempt on a guarded target, in one statement (issue 12: it was four round trips). `limit` is the client's
 * budget of failures (rate_limit_gate, migration 20261218000000): with none left in its window nothing is looked up;
 * else the candidates are looked up — `candidates(first)` gives a SELECT of columns `ok` (the secret is right for this
 * row) and `row` (json, what the caller reads), its parameters numbered from `$first` — and the attempt judged under the
 * target's guard (guard_attempt: blocked while a hold lasts, else right, or a failure counted against the target and
 * the client). The attempts of one client, and those on one target, wait for each other on advisory locks that end
 * with the statement, so a burst is judged one attempt after the other; a right answer writes nothing. The candidates'
 * text is best built once per kind of look-up (the same string each time): the whole statement is then found again
 * without being rebuilt or hashed.
 */
export async function guardedAttempt<T>(
  q: Queryable,
  o: { limit: RateLimit; key: string; now: Date; policy: GuardPolicy; candidates: (first: number) => { sql: string; params: unknown[] } },
): Promise<AttemptOutcome<T>> {
  const c = o.candidates(10);
  const { rows } = await q.query<{ allowed: boolean; windowStart: Date; outcome: string | null; failures: number | null; blockedUntil: Date | null; candidates: { ok: boolean; row: T }[] }>(prepared(
    attemptStatement(c.sql),
    [o.limit.key, o.now, o.limit.windowSeconds, o.limit.max, o.key, o.policy.free, o.policy.baseSeconds, o.policy.maxSeconds, o.policy.forgetSeconds, ...c.params]),
  );
  const r = rows[0]!;
  const budget = gateOutcome(o.limit, r, o.now);
  if (!budget.allowed) return { kind: 'rate_limited', retryAfterSeconds: budget.retryAfterSeconds };
  switch (r.outcome) {
    case 'blocked':
      return { kind: 'blocked', until: r.blockedUntil! };
    case 'ok':
      return { kind: 'ok', row: r.candidates.find((x) => x.ok)!.row };
    case 'failed':
    case 'held':
      return { kind: 'wrong', rows: r.candidates.map((x) => x.row), held: r.outcome === 'held' ? { failures: r.failures!, blockedUntil: r.blockedUntil! } : null };
    default:
      throw new Error(`guard_attempt: unexpected outcome ${String(r.outcome)}`);
  }
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
