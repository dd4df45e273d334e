import type { Queryable } from '../../platform/database.js';
import { normalizePhoneVn } from '../applicants/phone.rules.js';
import type { Attachment, Channel, Fallback, NotificationStatus } from './notification.contract.js';
import { notificationErrors } from './notification.errors.js';
import { afterFailedAttempt, CLAIM_LEASE_MINUTES } from './notification.rules.js';

export type NotificationRow = {
  id: string;
  createdAt: Date;
  channel: Channel;
  recipient: string;
  subject: string | null;
  body: string;
  templateKey: string;
  dossierId: string | null;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  sentAt: Date | null;
  templateData: Record<string, string> | null;
  fallback: Fallback | null;
  fallbackOf: string | null;
  providerMessageId: string | null;
  deliveredAt: Date | null;
};

export type NewNotification = {
  channel: Channel;
  /** E-mail address, or a Vietnamese mobile number in any usual writing (stored as +84…). */
  recipient: string;
  /** Required for e-mail, ignored for SMS. */
  subject?: string | null;
  body: string;
  templateKey: string;
  dossierId?: string | null;
  /** Do not send before this instant (default: as soon as the transaction commits). */
  notBefore?: Date;
  /** E-mail only: files sent with the message, stored with the outbox row. */
  attachments?: Attachment[];
  /** Zalo only (required there): the ZNS template's parameters. */
  templateData?: Record<string, string> | null;
  /** The message enqueued instead if this one fails for good (notification.rules.ts FALLBACK_CHANNEL). */
  fallback?: Fallback | null;
};

/** The claim a dispatcher holds on a row: `attempts` as it was set by the claim, checked when the outcome is written. */
export type NotificationClaim = Pick<NotificationRow, 'id' | 'attempts'>;

const COLUMNS = `id, created_at AS "createdAt", channel, recipient, subject, body, template_key AS "templateKey",
  dossier_id AS "dossierId", status, attempts, last_error AS "lastError", next_attempt_at AS "nextAttemptAt", sent_at AS "sentAt",
  template_data AS "templateData", fallback, fallback_of AS "fallbackOf", provider_message_id AS "providerMessageId", delivered_at AS "deliveredAt"`;

const EMAIL_RE = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:".]+(\.[^\s@<>()[\],;:".]+)+$/;
const MAX_ERROR_LENGTH = 2000;

/**
 * Writes a notification into the outbox. Call it with the transaction of the business change that causes it
 * (receiving a dossier, asking for supplementation…): it is sent only if that transaction commits, and it is
 * never lost once it has (DESIGN.md §6, STYLE.md R10). `now` is the injected clock's time of that change: the row is
 * due from then (or from `notBefore`). Throws NOTIFICATION.* domain errors on a bad recipient or
 * empty content, which roll the business change back with it.
 */
export async function enqueueNotification(q: Queryable, n: NewNotification, now: Date): Promise<{ id: string }> {
  const c = checkNotification(n);
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO notification_outbox (channel, recipient, subject, body, template_key, dossier_id, created_at, next_attempt_at, template_data, fallback)
     VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8::timestamptz, $7), $9, $10)
     RETURNING id`,
    [c.channel, c.recipient, c.subject, c.body, c.templateKey, c.dossierId ?? null, now, c.notBefore ?? null,
      c.templateData ? JSON.stringify(c.templateData) : null, c.fallback ? JSON.stringify(c.fallback) : null],
  );
  const id = rows[0]!.id;
  if (c.channel === 'email' && c.attachments && c.attachments.length > 0) {
    const a = c.attachments;
    await q.query(
      `INSERT INTO notification_attachment (notification_id, position, file_name, media_type, content)
       SELECT $1, p - 1, f, m, c FROM unnest($2::text[], $3::text[], $4::bytea[]) WITH ORDINALITY AS x(f, m, c, p)`,
      [id, a.map((x) => x.fileName), a.map((x) => x.mediaType), a.map((x) => x.content)],
    );
  }
  return { id };
}


/**
 * The notification as it will be stored: recipient normalised (SMS numbers as +84…), content required. Throws the
 * same NOTIFICATION.* errors as `enqueueNotification`; use it to insert notifications in a caller's own statement.
 */
export function checkNotification(n: NewNotification): NewNotification & { subject: string | null } {
  const recipient = checkRecipient(n.channel, n.recipient);
  const subject = n.channel === 'email' ? (n.subject ?? '').trim() : null;
  if (subject === '') throw notificationErrors.invalidContent('subject');
  if (n.body.trim() === '') throw notificationErrors.invalidContent('body');
  if (n.channel === 'zalo' && (!n.templateData || Object.keys(n.templateData).length === 0)) throw notificationErrors.invalidContent('body');
  const fallback = n.fallback ? { ...n.fallback, recipient: checkRecipient(n.fallback.channel, n.fallback.recipient) } : null;
  if (fallback && fallback.channel === 'zalo') throw new Error('a fallback cannot be a Zalo message (it has no template data)');
  return { ...n, recipient, subject, fallback };
}

/** E-mail syntax; SMS and Zalo to a Vietnamese mobile number, returned as +84…. */
function checkRecipient(channel: Channel, raw: string): string {
  const recipient = raw.trim();
  if (channel === 'sms' || channel === 'zalo') {
    const phone = normalizePhoneVn(recipient);
    if (!phone.ok) throw notificationErrors.invalidRecipient(channel, phone.reasonVi);
    if (phone.kind !== 'mobile') throw notificationErrors.invalidRecipient(channel, 'số cố định không nhận được tin nhắn.');
    return phone.e164;
  }
  if (recipient.length > 254 || !EMAIL_RE.test(recipient)) throw notificationErrors.invalidRecipient('email', '');
  return recipient;
}

/** The attachments of an outbox e-mail, in order. */
export async function notificationAttachments(q: Queryable, id: string): Promise<Attachment[]> {
  const { rows } = await q.query<Attachment>(
    `SELECT file_name AS "fileName", media_type AS "mediaType", content FROM notification_attachment WHERE notification_id = $1 ORDER BY position`,
    [id],
  );
  return rows;
}

/**
 * Claims up to `limit` due pending notifications of the given channels, oldest first. Rows another dispatcher is
 * claiming at the same moment are skipped (`FOR UPDATE SKIP LOCKED`), and a claimed row is leased: its
 * `next_attempt_at` moves `leaseMinutes` ahead and `attempts` grows by one, so no other instance takes it while it
 * is being sent. If the dispatcher dies, the row becomes due again when the lease ends.
 */
export async function claimDueNotifications(
  q: Queryable,
  opts: { now: Date; limit: number; channels: readonly Channel[]; leaseMinutes?: number },
): Promise<NotificationRow[]> {
  if (opts.channels.length === 0 || opts.limit < 1) return [];
  const { rows } = await q.query<NotificationRow>(
    `WITH due AS (
       SELECT id AS due_id FROM notification_outbox
        WHERE status = 'pending' AND next_attempt_at <= $1 AND channel = ANY($2::text[])
        ORDER BY next_attempt_at, created_at
        LIMIT $3
        FOR UPDATE SKIP LOCKED
     )
     UPDATE notification_outbox o
        SET attempts = o.attempts + 1, next_attempt_at = $1::timestamptz + make_interval(mins => $4)
       FROM due WHERE o.id = due.due_id
     RETURNING ${COLUMNS}`,
    [opts.now, opts.channels, opts.limit, opts.leaseMinutes ?? CLAIM_LEASE_MINUTES],
  );
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/**
 * Records that the provider accepted the message (with its own message id, when it gives one, for the delivery
 * receipts). False when the claim is stale (the lease ran out and another dispatcher took the row).
 */
export async function markNotificationSent(q: Queryable, claim: NotificationClaim, now: Date, providerMessageId: string | null = null): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE notification_outbox SET status = 'sent', sent_at = $3, last_error = NULL, provider_message_id = $4
      WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
    [claim.id, claim.attempts, now, providerMessageId],
  );
  return rowCount === 1;
}

/**
 * Enqueues the fallback of a message that failed for good, in the statement's transaction: once per message (the
 * unique `fallback_of`), due at once. Does nothing for a message without a fallback.
 */
const FALLBACK_INSERT = `INSERT INTO notification_outbox (channel, recipient, subject, body, template_key, dossier_id, created_at, next_attempt_at, fallback_of)
  SELECT f.fallback->>'channel', f.fallback->>'recipient', f.fallback->>'subject', f.fallback->>'body', f.template_key, f.dossier_id, $FALLBACK_NOW, $FALLBACK_NOW, f.id
    FROM failed f WHERE f.fallback IS NOT NULL
  ON CONFLICT (fallback_of) DO NOTHING`;

/**
 * Records a failed attempt: the row waits for its next try (backoff of notification.rules.ts) or, after the last
 * attempt, becomes 'failed'. Returns what happened, or 'stale' when the claim no longer holds.
 */
export async function markNotificationFailed(
  q: Queryable,
  claim: NotificationClaim,
  error: string,
  now: Date,
  opts: { permanent?: boolean } = {},
): Promise<'retry' | 'failed' | 'stale'> {
  const next = opts.permanent ? ({ status: 'failed' } as const) : afterFailedAttempt(claim.attempts, now);
  // The failure and its fallback commit together: a crash between them can neither lose the fallback nor double it.
  const { rows } = await q.query<{ updated: number }>(
    `WITH failed AS (
       UPDATE notification_outbox
          SET status = $3, last_error = $4, next_attempt_at = coalesce($5::timestamptz, next_attempt_at)
        WHERE id = $1 AND attempts = $2 AND status = 'pending'
        RETURNING id, fallback, template_key, dossier_id, status),
     fb AS (${FALLBACK_INSERT.replaceAll('$FALLBACK_NOW', '$6::timestamptz').replace('FROM failed f WHERE', "FROM failed f WHERE f.status = 'failed' AND")} RETURNING id)
     SELECT count(*)::int AS updated FROM failed`,
    [claim.id, claim.attempts, next.status, error.slice(0, MAX_ERROR_LENGTH), next.status === 'pending' ? next.nextAttemptAt : null, now],
  );
  if (rows[0]!.updated !== 1) return 'stale';
  return next.status === 'pending' ? 'retry' : 'failed';
}

/** A delivery receipt as a provider's callback reports it, its signature already checked. */
export type Receipt = { provider: Channel; providerMessageId: string; event: string; occurredAt: Date; payload: unknown };

/**
 * Records a provider's delivery receipt: the receipt itself, once per message and event (the provider's retries of
 * the same callback change nothing), and the message becomes 'delivered'. Returns 'unknown' for a message id this
 * outbox never sent (the provider is answered OK all the same: retrying cannot help it).
 */
export async function recordDelivery(q: Queryable, r: Receipt, now: Date): Promise<'recorded' | 'duplicate' | 'unknown'> {
  const { rows } = await q.query<{ id: string; inserted: boolean }>(
    `WITH m AS (SELECT id FROM notification_outbox WHERE channel = $1 AND provider_message_id = $2),
     ins AS (
       INSERT INTO notification_receipt (notification_id, provider, event, status, occurred_at, received_at, payload)
       SELECT m.id, $1, $3, 'delivered', $4, $5, $6 FROM m
       ON CONFLICT (notification_id, event) DO NOTHING RETURNING notification_id),
     upd AS (
       UPDATE notification_outbox o SET status = 'delivered', delivered_at = $4
         FROM ins WHERE o.id = ins.notification_id AND o.status = 'sent' RETURNING o.id)
     SELECT m.id, EXISTS (SELECT 1 FROM ins) AS inserted FROM m`,
    [r.provider, r.providerMessageId, r.event, r.occurredAt, now, JSON.stringify(r.payload)],
  );
  const row = rows[0];
  if (!row) return 'unknown';
  return row.inserted ? 'recorded' : 'duplicate';
}

/** Gives claimed rows back untried (due at once, the claim's attempt not counted), e.g. when a batch runs out of time. */
export async function releaseNotifications(q: Queryable, claims: readonly NotificationClaim[], now: Date): Promise<number> {
  if (claims.length === 0) return 0;
  const { rowCount } = await q.query(
    `UPDATE notification_outbox o SET attempts = o.attempts - 1, next_attempt_at = $3
       FROM unnest($1::uuid[], $2::int[]) AS c(id, attempts)
      WHERE o.id = c.id AND o.attempts = c.attempts AND o.status = 'pending'`,
    [claims.map((c) => c.id), claims.map((c) => c.attempts), now],
  );
  return rowCount ?? 0;
}

/** Whether pending notifications of a channel are due (uses the partial index on due rows). */
export async function hasDueNotifications(q: Queryable, channel: Channel, now: Date): Promise<boolean> {
  const { rows } = await q.query<{ due: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM notification_outbox WHERE status = 'pending' AND next_attempt_at <= $2 AND channel = $1) AS due`,
    [channel, now],
  );
  return rows[0]!.due;
}

export async function getNotification(q: Queryable, id: string): Promise<NotificationRow | null> {
  const { rows } = await q.query<NotificationRow>(`SELECT ${COLUMNS} FROM notification_outbox WHERE id = $1`, [id]);
  return rows[0] ?? null;
}
