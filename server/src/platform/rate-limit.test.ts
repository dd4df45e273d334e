import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db.js';
import type { Db } from './database.js';
import { clearGuard, countFailure, guardedAttempt, hitRateLimit, lockGuard, readGuard, recordGuardFailure, type GuardPolicy } from './rate-limit.js';

const policy: GuardPolicy = { free: 3, baseSeconds: 60, maxSeconds: 600, forgetSeconds: 3600 };
const t0 = new Date('2026-12-03T02:00:00Z');
const later = (s: number) => new Date(t0.getTime() + s * 1000);

describe('counters in PostgreSQL', () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => ({ db, drop } = await freshDatabase()));
  afterAll(() => drop());

  it('lets `free` failures pass, then doubles the wait up to the cap (guard_delay_seconds)', async () => {
    const { rows } = await db.query<{ d: number[] }>(
      `SELECT array_agg(guard_delay_seconds(n, $1, $2, $3) ORDER BY o) AS d FROM unnest($4::int[]) WITH ORDINALITY AS t(n, o)`,
      [policy.free, policy.baseSeconds, policy.maxSeconds, [1, 2, 3, 4, 5, 6, 7, 50, 2_000_000_000]],
    );
    expect(rows[0]!.d).toEqual([0, 0, 60, 120, 240, 480, 600, 600, 600]);
  });

  it('counts a fixed window per key, shared by every caller, and says when to come back', async () => {
    const limit = { key: 'public:10.0.0.1', max: 3, windowSeconds: 60 };
    const results = await Promise.all([0, 1, 2, 3, 4].map(() => hitRateLimit(db, limit, later(10))));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
    expect(results.filter((r) => !r.allowed).map((r) => r.retryAfterSeconds)).toEqual([60, 60]);
    expect((await hitRateLimit(db, { ...limit, key: 'public:10.0.0.2' }, later(10))).allowed).toBe(true);
    expect((await hitRateLimit(db, limit, later(70))).allowed).toBe(true);
  });

  it('counts a request whose clock read a moment before the window opened in that window: concurrent requests do not reopen it', async () => {
    const limit = { key: 'public:skew', max: 2, windowSeconds: 60 };
    const opened = new Date(t0.getTime() + 5);
    expect((await hitRateLimit(db, limit, opened)).allowed).toBe(true);
    // Read the clock 5 ms earlier (it was waiting for a connection): the window it finds is the current one.
    expect((await hitRateLimit(db, limit, t0)).allowed).toBe(true);
    expect(await hitRateLimit(db, limit, t0)).toEqual({ allowed: false, retryAfterSeconds: 61 });
    // The same for the budget of failures.
    const failures = { key: 'public:skew-failures', max: 2, windowSeconds: 60 };
    expect((await countFailure(db, failures, opened)).allowed).toBe(true);
    expect((await countFailure(db, failures, t0)).allowed).toBe(true);
    expect((await countFailure(db, failures, t0)).allowed).toBe(false);
    // A clock set back by more than a window (another timeline) starts afresh.
    expect((await hitRateLimit(db, limit, later(-120))).allowed).toBe(true);
    expect((await countFailure(db, failures, later(-120))).allowed).toBe(true);
  });

  it('blocks a key after `free` failures for a growing delay, forgets old failures, clears on success', async () => {
    const key = 'tracking:X';
    expect((await recordGuardFailure(db, key, t0, policy)).blockedUntil).toBeNull();
    expect((await recordGuardFailure(db, key, later(1), policy)).blockedUntil).toBeNull();
    const third = await recordGuardFailure(db, key, later(2), policy);
    expect(third).toEqual({ failures: 3, blockedUntil: later(62), blockedNow: true });
    expect((await readGuard(db, key, later(30))).blockedUntil).toEqual(later(62));
    expect((await readGuard(db, key, later(62))).blockedUntil).toBeNull();
    expect((await recordGuardFailure(db, key, later(70), policy)).blockedUntil).toEqual(later(190));
    // An hour and more without failures: forgotten.
    expect((await recordGuardFailure(db, key, later(70 + 3601), policy)).failures).toBe(1);
    await clearGuard(db, key);
    expect(await readGuard(db, key, later(70 + 3601))).toEqual({ failures: 0, blockedUntil: null });
  });

  it('serialises attempts on one key inside transactions (lockGuard)', async () => {
    const c1 = await db.connect();
    const c2 = await db.connect();
    try {
      await c1.query('BEGIN');
      await lockGuard(c1, 'tracking:Y', t0);
      await c2.query('BEGIN');
      let second = false;
      const waiting = lockGuard(c2, 'tracking:Y', t0).then((state) => ((second = true), state));
      await new Promise((r) => setTimeout(r, 100));
      expect(second).toBe(false);
      await recordGuardFailure(c1, 'tracking:Y', t0, { ...policy, free: 1 });
      await c1.query('COMMIT');
      // The waiting attempt is judged on the state the first one committed, not on what it saw when it started.
      expect(await waiting).toEqual({ failures: 1, blockedUntil: later(60) });
      expect((await lockGuard(c2, 'tracking:Y', t0)).blockedUntil).toEqual(later(60));
      await c2.query('COMMIT');
    } finally {
      c1.release();
      c2.release();
    }
  });

  describe('one guarded attempt in one statement (guardedAttempt)', () => {
    const attempt = (key: string, secret: string, n: number, at = t0, max = 1000) =>
      guardedAttempt<{ n: number }>(db, {
        limit: { key: `public:${key}`, max, windowSeconds: 60 },
        key,
        now: at,
        policy,
        candidates: (first) => ({ sql: `SELECT $${first}::text = 'right' AS ok, json_build_object('n', $${first + 1}::int) AS row`, params: [secret, n] }),
      });

    it('judges a burst of parallel guesses one after the other: `free` failures, then every attempt held, right or wrong', async () => {
      const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt('tracking:burst', i === 11 ? 'right' : 'wrong', i)));
      const kinds = outcomes.map((o) => o.kind);
      // Without the guard's lock every wrong guess would see no failure yet and be counted as a mere failure.
      expect(kinds.filter((k) => k === 'wrong')).toHaveLength(3);
      expect(kinds.filter((k) => k === 'blocked').length + kinds.filter((k) => k === 'ok').length).toBe(9);
      expect(outcomes.filter((o) => o.kind === 'wrong' && o.held !== null)).toEqual([
        { kind: 'wrong', rows: [{ n: expect.any(Number) }], held: { failures: 3, blockedUntil: later(60) } },
      ]);
      expect(await readGuard(db, 'tracking:burst', t0)).toEqual({ failures: 3, blockedUntil: later(60) });
      // Held: the right secret too is refused until the hold ends, then answered, its failures kept.
      expect(await attempt('tracking:burst', 'right', 20, later(59))).toEqual({ kind: 'blocked', until: later(60) });
      expect(await attempt('tracking:burst', 'right', 21, later(60))).toEqual({ kind: 'ok', row: { n: 21 } });
      expect(await readGuard(db, 'tracking:burst', later(60))).toEqual({ failures: 3, blockedUntil: null });
      // The next failure within the forgetting time waits twice as long.
      expect(await attempt('tracking:burst', 'wrong', 22, later(61))).toEqual({ kind: 'wrong', rows: [{ n: 22 }], held: { failures: 4, blockedUntil: later(181) } });
    });

    it('a right answer writes nothing: a code only ever looked up with its secret has no guard row', async () => {
      const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => attempt('tracking:quiet', 'right', i)));
      expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM attempt_guard WHERE key = 'tracking:quiet'`);
      expect(rows[0]!.n).toBe(0);
      // A failure then writes it, and the next right answer reads it (failures kept, nothing held).
      expect(await attempt('tracking:quiet', 'wrong', 7)).toEqual({ kind: 'wrong', rows: [{ n: 7 }], held: null });
      expect(await attempt('tracking:quiet', 'right', 8)).toEqual({ kind: 'ok', row: { n: 8 } });
      expect(await readGuard(db, 'tracking:quiet', t0)).toEqual({ failures: 1, blockedUntil: null });
    });

    it('counts a failure against the address: over its budget nothing is judged, looked up or counted', async () => {
      expect(await attempt('tracking:budget', 'wrong', 1, t0, 1)).toEqual({ kind: 'wrong', rows: [{ n: 1 }], held: null });
      expect(await attempt('tracking:budget', 'wrong', 2, later(1), 1)).toEqual({ kind: 'rate_limited', retryAfterSeconds: 59 });
      expect(await attempt('tracking:budget', 'right', 3, later(2), 1)).toEqual({ kind: 'rate_limited', retryAfterSeconds: 58 });
      expect(await readGuard(db, 'tracking:budget', later(1))).toEqual({ failures: 1, blockedUntil: null });
      expect(await attempt('tracking:budget', 'right', 4, later(60), 1)).toEqual({ kind: 'ok', row: { n: 4 } });
    });

    it('a right answer costs the address nothing: a client behind a shared address is not refused for look-ups that succeed', async () => {
      const shared = (secret: string, n: number) =>
        guardedAttempt<{ n: number }>(db, {
          limit: { key: 'public:shared', max: 2, windowSeconds: 60 }, key: `tracking:shared-${n}`, now: t0, policy,
          candidates: (first) => ({ sql: `SELECT $${first}::text = 'right' AS ok, json_build_object('n', $${first + 1}::int) AS row`, params: [secret, n] }),
        });
      const right = await Promise.all(Array.from({ length: 10 }, (_, i) => shared('right', i)));
      expect(right.map((o) => o.kind)).toEqual(Array(10).fill('ok'));
      const { rows } = await db.query(`SELECT key FROM rate_limit_window WHERE key = 'public:shared'`);
      expect(rows).toEqual([]);
      expect((await shared('wrong', 10)).kind).toBe('wrong');
      expect((await shared('wrong', 11)).kind).toBe('wrong');
      expect(await shared('right', 12)).toEqual({ kind: 'rate_limited', retryAfterSeconds: 60 });
    });

    it("judges a burst of one address's guesses on many targets one after the other: only its budget of failures is looked up", async () => {
      const burst = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          guardedAttempt<{ n: number }>(db, {
            limit: { key: 'public:burst', max: 3, windowSeconds: 60 }, key: `tracking:many-${i}`, now: t0, policy,
            candidates: (first) => ({ sql: `SELECT $${first}::text = 'right' AS ok, json_build_object('n', $${first + 1}::int) AS row`, params: ['wrong', i] }),
          }),
        ),
      );
      // Without the address's lock every guess would read a window with no failure yet and be looked up.
      expect(burst.filter((o) => o.kind === 'wrong')).toHaveLength(3);
      expect(burst.filter((o) => o.kind === 'rate_limited')).toHaveLength(9);
      const { rows } = await db.query<{ hits: number }>(`SELECT hits FROM rate_limit_window WHERE key = 'public:burst'`);
      expect(rows).toEqual([{ hits: 3 }]);
    });

    it('a target that matches nothing is a failure like a wrong secret', async () => {
      const none = await guardedAttempt<{ n: number }>(db, {
        limit: { key: 'public:none', max: 10, windowSeconds: 60 }, key: 'tracking:none', now: t0, policy,
        candidates: () => ({ sql: `SELECT true AS ok, json_build_object('n', 1) AS row WHERE false`, params: [] }),
      });
      expect(none).toEqual({ kind: 'wrong', rows: [], held: null });
      expect((await readGuard(db, 'tracking:none', t0)).failures).toBe(1);
    });
  });
});
