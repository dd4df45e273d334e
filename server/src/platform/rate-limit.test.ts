import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db.js';
import type { Db } from './database.js';
import { clearGuard, guardDelaySeconds, hitRateLimit, lockGuard, readGuard, recordGuardFailure, type GuardPolicy } from './rate-limit.js';

const policy: GuardPolicy = { free: 3, baseSeconds: 60, maxSeconds: 600, forgetSeconds: 3600 };
const t0 = new Date('2026-12-03T02:00:00Z');
const later = (s: number) => new Date(t0.getTime() + s * 1000);

describe('growing delays (pure)', () => {
  it('lets `free` failures pass, then doubles the wait up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => guardDelaySeconds(n, policy))).toEqual([0, 0, 60, 120, 240, 480, 600, 600]);
  });
});

describe('counters in PostgreSQL', () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => ({ db, drop } = await freshDatabase()));
  afterAll(() => drop());

  it('counts a fixed window per key, shared by every caller, and says when to come back', async () => {
    const limit = { key: 'public:10.0.0.1', max: 3, windowSeconds: 60 };
    const results = await Promise.all([0, 1, 2, 3, 4].map(() => hitRateLimit(db, limit, later(10))));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
    expect(results.filter((r) => !r.allowed).map((r) => r.retryAfterSeconds)).toEqual([60, 60]);
    expect((await hitRateLimit(db, { ...limit, key: 'public:10.0.0.2' }, later(10))).allowed).toBe(true);
    expect((await hitRateLimit(db, limit, later(70))).allowed).toBe(true);
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
});
