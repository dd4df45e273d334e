/**
 * Retry policy of the notification outbox (pure). The delays grow so that a mail server or SMS gateway outage of
 * hours loses nothing, while a message that can never be delivered stops after MAX_ATTEMPTS tries (about 45 hours).
 */

/** Delivery attempts before a notification is marked failed. */
export const MAX_ATTEMPTS = 8;

/** Minutes to wait after the n-th failed attempt (index n − 1), for n = 1 … MAX_ATTEMPTS − 1. */
export const RETRY_DELAYS_MINUTES: readonly number[] = Object.freeze([1, 5, 30, 120, 360, 720, 1440]);

/**
 * How long a claimed notification is reserved for the dispatcher that claimed it. Another dispatcher may take it
 * again only after this, so a crashed instance delays a message but never loses it.
 */
export const CLAIM_LEASE_MINUTES = 10;

export type AfterFailure = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

/** What happens to a notification whose `attempts`-th delivery attempt (counting from 1) has just failed at `now`. */
export function afterFailedAttempt(attempts: number, now: Date): AfterFailure {
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`Số lần thử không hợp lệ: ${attempts}`);
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed' };
  const minutes = RETRY_DELAYS_MINUTES[attempts - 1] ?? RETRY_DELAYS_MINUTES[RETRY_DELAYS_MINUTES.length - 1]!;
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + minutes * 60_000) };
}
