import { countFailure, guardedAttempt, secondsUntil } from '../../../platform/rate-limit.js';
import { dossierErrors } from '../../dossiers/dossier.errors.js';
import { dateOrNull, publicLookupLimit, trackingGuardPolicy, trackingSecretCheck, type TrackingDeps } from '../../dossiers/use-cases/track-dossier.js';
import { postalErrors } from '../postal.errors.js';
import { pickupStatusLabels, type PickupStatus } from '../postal.rules.js';

/** The confirmation code as typed: letters and digits only, upper case ("ab2c-d3ef" → "AB2CD3EF"). */
export function normalisePickupCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** The pickup look-up's candidates (`guardedAttempt`), built once (issue 12: a statement's text is not rebuilt per request). */
function pickupCandidatesSql(first: number): string {
  if (pickupCandidates?.first !== first) {
    const matches = trackingSecretCheck('', first + 1).matches(`p.applicant->>'idNumber'`, 'p.phone');
    pickupCandidates = {
      first,
      sql: `SELECT ${matches} AS ok,
                   json_build_object('confirmationCode', p.confirmation_code, 'procedureName', p.procedure_name, 'receivingUnitName', u.name,
                     'status', p.status, 'dueAt', p.due_at, 'createdAt', p.created_at, 'pickedUpAt', p.picked_up_at, 'handedOverAt', p.handed_over_at,
                     'trackingCode', p.tracking_code, 'resultDelivery', p.result_delivery, 'dossierCode', d.code) AS row
              FROM postal_pickup p JOIN unit u ON u.id = p.receiving_unit_id LEFT JOIN dossier d ON d.id = p.dossier_id
             WHERE p.confirmation_code = $${first}`,
    };
  }
  return pickupCandidates.sql;
}
let pickupCandidates: { first: number; sql: string } | undefined;

/**
 * The citizen follows their pickup request (QĐ 45/2016 Điều 5–7) with its confirmation code and the phone they gave or
 * the last 4 digits of their CCCD: what the post has done and, once the desk signed the hand-over, the dossier's code
 * to track it further. Guarded as the dossier look-up is: the client's per-minute budget shared with every public
 * look-up, and a hold on the code after a handful of wrong secrets; a wrong code and a wrong secret answer the same.
 */
export async function trackPickup(deps: TrackingDeps, codeInput: string, secret: string, client: { ip: string }) {
  const now = deps.clock.now();
  const limit = publicLookupLimit(deps.config, client.ip);
  if (!trackingSecretCheck(secret, 1).readable) throw dossierErrors.trackingSecretFormat();
  const code = normalisePickupCode(codeInput);
  if (code.length !== 8) {
    const budget = await countFailure(deps.db, limit, now);
    if (!budget.allowed) throw dossierErrors.trackingRateLimited(budget.retryAfterSeconds);
    throw postalErrors.pickupNotFound();
  }
  // The rate limit, the look-up, the secret and the code's guard in one statement (`guardedAttempt`, issue 12).
  const outcome = await guardedAttempt<{
    confirmationCode: string; procedureName: string; receivingUnitName: string; status: PickupStatus; dueAt: string | null; createdAt: string;
    pickedUpAt: string | null; handedOverAt: string | null; trackingCode: string | null; resultDelivery: string; dossierCode: string | null;
  }>(deps.db, {
    limit,
    key: `pickup-tracking:${code}`,
    now,
    policy: trackingGuardPolicy(deps.config.trackingSecretFailures),
    candidates: (first) => ({ sql: pickupCandidatesSql(first), params: [code, ...trackingSecretCheck(secret, first + 1).params] }),
  });
  if (outcome.kind === 'rate_limited') throw dossierErrors.trackingRateLimited(outcome.retryAfterSeconds);
  if (outcome.kind === 'blocked') throw dossierErrors.trackingCodeBlocked(secondsUntil(outcome.until, now));
  if (outcome.kind === 'wrong') throw postalErrors.pickupNotFound();
  const r = outcome.row;
  const p = { ...r, dueAt: dateOrNull(r.dueAt), createdAt: new Date(r.createdAt), pickedUpAt: dateOrNull(r.pickedUpAt), handedOverAt: dateOrNull(r.handedOverAt) };
  const steps: { at: Date; label: string }[] = [{ at: p.createdAt, label: 'Đã gửi yêu cầu bưu điện đến lấy hồ sơ' }];
  if (p.pickedUpAt) steps.push({ at: p.pickedUpAt, label: 'Nhân viên bưu điện đã nhận hồ sơ tại nhà' });
  if (p.handedOverAt) steps.push({ at: p.handedOverAt, label: `Bưu điện đã giao hồ sơ cho ${p.receivingUnitName}` });
  return { ...p, statusLabel: pickupStatusLabels[p.status], steps };
}
