import { withTransaction } from '../../../platform/database.js';
import { hitRateLimit, lockGuard, recordGuardFailure, secondsUntil } from '../../../platform/rate-limit.js';
import { dossierErrors } from '../../dossiers/dossier.errors.js';
import { trackingGuardPolicy, trackingSecretMatches, type TrackingDeps } from '../../dossiers/use-cases/track-dossier.js';
import { postalErrors } from '../postal.errors.js';
import { pickupStatusLabels, type PickupStatus } from '../postal.rules.js';

/** The confirmation code as typed: letters and digits only, upper case ("ab2c-d3ef" → "AB2CD3EF"). */
export function normalisePickupCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/**
 * The citizen follows their pickup request (QĐ 45/2016 Điều 5–7) with its confirmation code and the phone they gave or
 * the last 4 digits of their CCCD: what the post has done and, once the desk signed the hand-over, the dossier's code
 * to track it further. Guarded as the dossier look-up is: the client's per-minute budget shared with every public
 * look-up, and a hold on the code after a handful of wrong secrets; a wrong code and a wrong secret answer the same.
 */
export async function trackPickup(deps: TrackingDeps, codeInput: string, secret: string, client: { ip: string }) {
  const now = deps.clock.now();
  const budget = await hitRateLimit(deps.db, { key: `public-tracking:${client.ip}`, max: deps.config.trackingPerMinute, windowSeconds: 60 }, now);
  if (!budget.allowed) throw dossierErrors.trackingRateLimited(budget.retryAfterSeconds);
  const code = normalisePickupCode(codeInput);
  if (code.length !== 8) throw postalErrors.pickupNotFound();
  const key = `pickup-tracking:${code}`;
  const outcome = await withTransaction(deps.db, async (tx) => {
    const guard = await lockGuard(tx, key, now);
    if (guard.blockedUntil) return { kind: 'blocked' as const, until: guard.blockedUntil };
    const { rows } = await tx.query<{
      confirmationCode: string; procedureName: string; receivingUnitName: string; status: PickupStatus; dueAt: Date | null; createdAt: Date;
      pickedUpAt: Date | null; handedOverAt: Date | null; trackingCode: string | null; resultDelivery: string; dossierCode: string | null;
      idNumber: string; phone: string;
    }>(
      `SELECT p.confirmation_code AS "confirmationCode", p.procedure_name AS "procedureName", u.name AS "receivingUnitName", p.status,
              p.due_at AS "dueAt", p.created_at AS "createdAt", p.picked_up_at AS "pickedUpAt", p.handed_over_at AS "handedOverAt",
              p.tracking_code AS "trackingCode", p.result_delivery AS "resultDelivery", d.code AS "dossierCode",
              p.applicant->>'idNumber' AS "idNumber", p.phone
         FROM postal_pickup p JOIN unit u ON u.id = p.receiving_unit_id LEFT JOIN dossier d ON d.id = p.dossier_id
        WHERE p.confirmation_code = $1`,
      [code],
    );
    const p = rows[0];
    if (p && trackingSecretMatches(p, secret)) return { kind: 'ok' as const, pickup: p };
    await recordGuardFailure(tx, key, now, trackingGuardPolicy(deps.config.trackingSecretFailures));
    return { kind: 'wrong' as const };
  });
  if (outcome.kind === 'blocked') throw dossierErrors.trackingCodeBlocked(secondsUntil(outcome.until, now));
  if (outcome.kind === 'wrong') throw postalErrors.pickupNotFound();
  const { idNumber: _i, phone: _p, ...p } = outcome.pickup;
  const steps: { at: Date; label: string }[] = [{ at: p.createdAt, label: 'Đã gửi yêu cầu bưu điện đến lấy hồ sơ' }];
  if (p.pickedUpAt) steps.push({ at: p.pickedUpAt, label: 'Nhân viên bưu điện đã nhận hồ sơ tại nhà' });
  if (p.handedOverAt) steps.push({ at: p.handedOverAt, label: `Bưu điện đã giao hồ sơ cho ${p.receivingUnitName}` });
  return { ...p, statusLabel: pickupStatusLabels[p.status], steps };
}
