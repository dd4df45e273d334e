import { countSecurityEvent } from '../../../platform/security-events.js';
import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { DomainError, inputErrors } from '../../../platform/errors.js';
import { zodRefusal } from '../../../platform/validation.js';
import { ZOperatorCallback } from '../postal.contract.js';
import { postalErrors } from '../postal.errors.js';
import { getShipment } from '../postal.repo.js';
import { operatorEventOf, shipmentTransition } from '../postal.rules.js';
import { verifySignature } from '../postal.signature.js';
import { recordShipmentEvent } from './record-shipment-event.js';

export type CallbackOutcome = { eventId: string; outcome: 'applied' | 'ignored' | 'duplicate' };

/**
 * A status callback of the postal operator (TT 22/2019: the system connects with the operators' systems). The signature
 * over the raw body is checked first (forged or stale: refused, nothing stored); the event id is then recorded once, so
 * a replay within the tolerance changes nothing and answers "duplicate". An event that does not fit the shipment's state
 * (late, out of order) is stored as "ignored" and acknowledged, so the operator stops retrying it.
 */
export async function handleOperatorCallback(
  deps: { db: Db; clock: Clock; config: { postalCallbackSecret: string } },
  rawBody: string,
  headers: { signature?: string; timestamp?: string },
): Promise<CallbackOutcome> {
  const check = verifySignature(deps.config.postalCallbackSecret, rawBody, headers, deps.clock.now().getTime(), 300);
  if (!check.ok) {
    countSecurityEvent('postal_signature_refused');
    throw postalErrors.badSignature(check.reason);
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw inputErrors.badJson();
  }
  const parsed = ZOperatorCallback.safeParse(json);
  if (!parsed.success) throw zodRefusal(parsed.error.issues);
  const e = parsed.data;
  return withTransaction(deps.db, async (tx) => {
    const shipment = await getShipment(tx, { trackingCode: e.trackingCode }, true);
    const pickup = shipment ? null : (await tx.query(`SELECT 1 FROM postal_pickup WHERE tracking_code = $1`, [e.trackingCode])).rows[0];
    if (!shipment && !pickup) throw postalErrors.unknownTracking();
    const event = operatorEventOf[e.status];
    const fits = shipment !== null && shipmentTransition(shipment.status, event).ok;
    const ins = await tx.query(
      `INSERT INTO postal_event (event_id, tracking_code, status, occurred_at, payload, outcome, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (event_id) DO NOTHING`,
      [e.eventId, e.trackingCode, e.status, new Date(e.occurredAt), rawBody, fits ? 'applied' : 'ignored', deps.clock.now()],
    );
    if (ins.rowCount === 0) return { eventId: e.eventId, outcome: 'duplicate' as const };
    if (!shipment || !fits) return { eventId: e.eventId, outcome: 'ignored' as const };
    const input =
      event === 'hand_over' ? { event, originals: null }
      : event === 'deliver' ? { event, receivedBy: e.receivedBy?.trim() || shipment.recipientName }
      : event === 'fail' ? { event, reason: e.reason?.trim() || 'Phát không thành công (doanh nghiệp bưu chính báo)' }
      : { event, reason: e.reason ?? null };
    // The dossier may refuse (e.g. its result was meanwhile handed out at the desk): keep the event as "ignored" then,
    // so the operator is answered and stops retrying.
    await tx.query('SAVEPOINT postal_event_apply');
    try {
      await recordShipmentEvent(deps, { kind: 'operator', at: deps.clock.now() }, shipment.id, input, tx);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await tx.query('ROLLBACK TO SAVEPOINT postal_event_apply');
      await tx.query(`UPDATE postal_event SET outcome = 'ignored' WHERE event_id = $1`, [e.eventId]);
      return { eventId: e.eventId, outcome: 'ignored' as const };
    }
    return { eventId: e.eventId, outcome: 'applied' as const };
  });
}
