/**
 * PURE: how long delivered outbox rows are kept. The outboxes (notifications, webhooks, the national portal's sync and
 * answers) are written in the business transaction and only ever grow; once a row is delivered and old, it has done
 * its work. Undelivered rows (pending, failed, given up) are never pruned: they are work or evidence still open.
 */

const DAY_MS = 86_400_000;

/** Rows delivered before this instant may go: `retentionDays` whole days before now (the injected clock's). */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new RangeError(`retentionDays must be a whole number ≥ 1, got ${retentionDays}`);
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** Rows deleted per statement: short locks and small WAL bursts on a busy primary; the job loops until done. */
export const PRUNE_BATCH = 5_000;
