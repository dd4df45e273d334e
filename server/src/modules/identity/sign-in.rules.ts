/**
 * How failed sign-ins slow down, for officers and citizens alike. Two keys, so that no one can lock someone else out
 * and no one can guess freely:
 * - the account: after `maxFailures` wrong passwords it waits LOGIN_LOCK_MINUTES, doubling with each further failure (at
 *   most a day) — but its owner still gets in at once with a one-time code sent to their phone or e-mail;
 * - the client address: after 20 failures it waits 30 seconds, doubling (at most an hour), whatever accounts it tries.
 * A success clears both. Both are counted in PostgreSQL, on the injected clock.
 */
export type AccountThrottle = { maxFailures: number; lockMinutes: number };

export const ADDRESS_GUARD = { free: 20, baseSeconds: 30, maxSeconds: 3600, forgetSeconds: 3600 } as const;
const ACCOUNT_MAX_DELAY_SECONDS = 24 * 3600;

/** The wait after the `failures`-th consecutive failure of one account (0 before `maxFailures`). */
export function accountDelaySeconds(failures: number, t: AccountThrottle): number {
  if (failures < t.maxFailures) return 0;
  return Math.min(ACCOUNT_MAX_DELAY_SECONDS, t.lockMinutes * 60 * 2 ** Math.min(failures - t.maxFailures, 20));
}

/** When the account may try again after its `failures`-th failure at `now` (null: at once). */
export function accountHeldUntil(failures: number, t: AccountThrottle, now: Date): Date | null {
  const s = accountDelaySeconds(failures, t);
  return s === 0 ? null : new Date(now.getTime() + s * 1000);
}

/**
 * The guard that stands in for an account when the typed name (or citizen phone/e-mail) has none: the same free
 * failures and the same doubling delays, so that "held after 5 tries" answers alike for names that exist and names that
 * do not — the lockout tells no one which accounts exist. Counted per typed identifier in attempt_guard.
 */
export function unknownNameGuard(t: AccountThrottle): { free: number; baseSeconds: number; maxSeconds: number; forgetSeconds: number } {
  return { free: t.maxFailures, baseSeconds: t.lockMinutes * 60, maxSeconds: ACCOUNT_MAX_DELAY_SECONDS, forgetSeconds: 30 * 24 * 3600 };
}
