import type { Queryable } from '../../platform/database.js';
import type { TDelivery, TSubscription } from './webhook.contract.js';

/** How long a claimed delivery belongs to one dispatcher: far longer than a call's timeout. */
export const CLAIM_LEASE_MS = 5 * 60_000;
/** Most deliveries one "replay from a time" queues again. */
export const REPLAY_LIMIT = 5_000;

export async function insertSubscription(
  q: Queryable,
  s: { unitId: string; name: string; url: string; eventTypes: string[]; secretSealed: string; createdBy: string; at: Date },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO webhook_subscription (unit_id, name, url, event_types, secret_sealed, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [s.unitId, s.name, s.url, s.eventTypes, s.secretSealed, s.createdBy, s.at],
  );
  return rows[0]!.id;
}

const subscriptionColumns = `s.id, s.unit_id AS "unitId", u.name AS "unitName", s.name, s.url, s.event_types AS "eventTypes", s.active, s.created_at AS "createdAt",
  (SELECT count(*) FILTER (WHERE d.status = 'pending') FROM webhook_delivery d WHERE d.subscription_id = s.id)::int AS pending,
  (SELECT count(*) FILTER (WHERE d.status = 'delivered') FROM webhook_delivery d WHERE d.subscription_id = s.id)::int AS delivered,
  (SELECT count(*) FILTER (WHERE d.status = 'failed') FROM webhook_delivery d WHERE d.subscription_id = s.id)::int AS failed`;

/** Subscriptions of units inside any of `paths` (the caller's scope): the active ones first, then by name. */
export async function listSubscriptions(q: Queryable, paths: string[]): Promise<TSubscription[]> {
  const { rows } = await q.query<TSubscription>(
    `SELECT ${subscriptionColumns} FROM webhook_subscription s JOIN unit u ON u.id = s.unit_id
      WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) p WHERE starts_with(u.path, p))
      ORDER BY s.active DESC, vn_fold(s.name), s.name, s.created_at DESC, s.id LIMIT 200`,
    [paths],
  );
  return rows;
}

export type SubscriptionRow = TSubscription & { unitPath: string };

export async function getSubscription(q: Queryable, id: string): Promise<SubscriptionRow | null> {
  const { rows } = await q.query<SubscriptionRow>(
    `SELECT ${subscriptionColumns}, u.path AS "unitPath" FROM webhook_subscription s JOIN unit u ON u.id = s.unit_id WHERE s.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function disableSubscription(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query(`UPDATE webhook_subscription SET active = false, disabled_at = $2 WHERE id = $1 AND active`, [id, at]);
}

/** A subscription's delivery log, newest first, keyset-paged by id. */
export async function listDeliveries(q: Queryable, subscriptionId: string, opts: { before: string | null; limit: number }): Promise<Omit<TDelivery, 'lastErrorKind'>[]> {
  const { rows } = await q.query<Omit<TDelivery, 'lastErrorKind'>>(
    `SELECT w.id::text, w.event_type AS "eventType", w.dossier_id AS "dossierId", w.payload->'dossier'->>'code' AS "dossierCode", w.status, w.attempts,
            w.last_status AS "lastStatus", w.last_error AS "lastError", w.created_at AS "createdAt", w.delivered_at AS "deliveredAt",
            w.next_attempt_at AS "nextAttemptAt", w.replay_of::text AS "replayOf"
       FROM webhook_delivery w
      WHERE w.subscription_id = $1 AND ($2::bigint IS NULL OR w.id < $2)
      ORDER BY w.id DESC LIMIT $3`,
    [subscriptionId, opts.before, opts.limit],
  );
  return rows;
}

export async function getDeliverySubscriptionId(q: Queryable, id: string): Promise<string | null> {
  const { rows } = await q.query<{ subscriptionId: string }>(`SELECT subscription_id AS "subscriptionId" FROM webhook_delivery WHERE id = $1`, [id]);
  return rows[0]?.subscriptionId ?? null;
}

/** A claimed delivery with its subscription's secret: sealed, or in clear for a row not yet sealed (migration 20261206050000). */
export type ClaimedDelivery = { id: string; subscriptionId: string; url: string; secretSealed: string | null; secretClear: string | null; eventType: string; payload: unknown; attempts: number };

/**
 * Claims the head delivery (the oldest pending one) of each active subscription and dossier that is due, at most `limit`:
 * a dossier's later events wait behind it, so a subscriber receives them in ledger order. Safe with several
 * dispatchers: the lease is re-checked under the row lock, so a delivery goes to one of them.
 */
export async function claimHeads(q: Queryable, now: Date, limit: number, subscriptionId: string | null = null): Promise<ClaimedDelivery[]> {
  const { rows } = await q.query<ClaimedDelivery>(
    `WITH heads AS (
       SELECT id FROM (SELECT DISTINCT ON (subscription_id, dossier_id) id, next_attempt_at, claimed_until FROM webhook_delivery
                        WHERE status = 'pending' AND ($4::uuid IS NULL OR subscription_id = $4)
                          AND subscription_id IN (SELECT id FROM webhook_subscription WHERE active)
                        ORDER BY subscription_id, dossier_id, id) h
        WHERE h.next_attempt_at <= $1 AND (h.claimed_until IS NULL OR h.claimed_until <= $1)
        ORDER BY h.next_attempt_at, h.id LIMIT $3),
     claimed AS (
       UPDATE webhook_delivery o SET claimed_until = $2
         FROM heads WHERE o.id = heads.id AND o.status = 'pending' AND (o.claimed_until IS NULL OR o.claimed_until <= $1)
       RETURNING o.id, o.subscription_id, o.event_type, o.payload, o.attempts)
     SELECT c.id::text, c.subscription_id AS "subscriptionId", s.url, s.secret_sealed AS "secretSealed", s.secret AS "secretClear", c.event_type AS "eventType", c.payload, c.attempts
       FROM claimed c JOIN webhook_subscription s ON s.id = c.subscription_id ORDER BY c.id`,
    [now, new Date(now.getTime() + CLAIM_LEASE_MS), limit, subscriptionId],
  );
  return rows;
}

export type AttemptOutcome = { at: Date; statusCode: number | null; error: string | null; durationMs: number };

export async function recordAttempt(q: Queryable, deliveryId: string, o: AttemptOutcome): Promise<void> {
  await q.query(`INSERT INTO webhook_attempt (delivery_id, at, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5)`, [
    deliveryId, o.at, o.statusCode, o.error?.slice(0, 1000) ?? null, Math.max(0, Math.round(o.durationMs)),
  ]);
}

export async function markDelivered(q: Queryable, id: string, o: AttemptOutcome): Promise<void> {
  await q.query(
    `UPDATE webhook_delivery SET status = 'delivered', attempts = attempts + 1, delivered_at = $2, last_status = $3, last_error = NULL, claimed_until = NULL
      WHERE id = $1 AND status = 'pending'`,
    [id, o.at, o.statusCode],
  );
  await recordAttempt(q, id, o);
}

/** One more failed attempt: due again at `next`, or given up ("failed") when `giveUp`. */
export async function markFailed(q: Queryable, id: string, o: AttemptOutcome, next: Date, giveUp: boolean): Promise<void> {
  await q.query(
    `UPDATE webhook_delivery SET attempts = attempts + 1, next_attempt_at = $2, claimed_until = NULL, last_status = $3, last_error = $4,
            status = CASE WHEN $5 THEN 'failed' ELSE status END
      WHERE id = $1 AND status = 'pending'`,
    [id, next, o.statusCode, o.error?.slice(0, 1000) ?? null, giveUp],
  );
  await recordAttempt(q, id, o);
}

/** Queues the entries of the given deliveries again as new deliveries (same body), due at `now`. Returns how many. */
export async function insertReplays(q: Queryable, subscriptionId: string, filter: { deliveryId: string } | { from: Date }, now: Date): Promise<number> {
  const { rowCount } = await q.query(
    `INSERT INTO webhook_delivery (subscription_id, dossier_id, action_id, event_type, payload, created_at, next_attempt_at, replay_of)
     SELECT w.subscription_id, w.dossier_id, w.action_id, w.event_type, w.payload, $4, $4, w.id
       FROM webhook_delivery w
      WHERE w.subscription_id = $1
        AND CASE WHEN $2::bigint IS NOT NULL THEN w.id = $2 ELSE w.created_at >= $3 AND w.replay_of IS NULL END
      ORDER BY w.id LIMIT ${REPLAY_LIMIT}`,
    [subscriptionId, 'deliveryId' in filter ? filter.deliveryId : null, 'from' in filter ? filter.from : null, now],
  );
  return rowCount ?? 0;
}

/** Subscriptions whose secret is still in clear (made before sealing), locked for the caller's transaction. */
export async function lockClearSecrets(q: Queryable): Promise<{ id: string; secret: string }[]> {
  const { rows } = await q.query<{ id: string; secret: string }>(`SELECT id, secret FROM webhook_subscription WHERE secret IS NOT NULL FOR UPDATE`);
  return rows;
}

export async function storeSealedSecret(q: Queryable, id: string, sealed: string): Promise<void> {
  await q.query(`UPDATE webhook_subscription SET secret_sealed = $2, secret = NULL WHERE id = $1`, [id, sealed]);
}
