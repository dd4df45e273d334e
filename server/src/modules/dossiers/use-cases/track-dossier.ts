import { z } from 'zod';
import type { Db, Queryable } from '../../../platform/database.js';
import { dossierErrors } from '../dossier.errors.js';
import { normalizePhoneVn } from '../../applicants/phone.rules.js';
import { statusLabels, type DossierStatus } from '../dossier.rules.js';
import { loadCitizenTimeline } from '../dossier.repo.js';

export const ZTracking = z.object({
  code: z.string(),
  procedureName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  receivedAt: z.date().nullable(),
  dueAt: z.date().nullable(),
  returnedAt: z.date().nullable(),
  /** Each change in plain Vietnamese: what, where, by whom (`text` adds the time), ND 224/2026 Điều 15 k1g. */
  timeline: z.array(z.object({ at: z.date(), label: z.string(), text: z.string() })),
  /** The result shipment by the public postal service, if any (postal/ module). */
  shipment: z.object({ trackingCode: z.string().nullable(), status: z.string(), dueAt: z.date().nullable(), deliveredAt: z.date().nullable() }).nullable(),
});

/** Both numbers normalised the one way the project has (applicants/phone.rules.ts), or no match. */
function samePhone(a: string, b: string): boolean {
  const x = normalizePhoneVn(a);
  const y = normalizePhoneVn(b);
  return x.ok && y.ok && x.e164 === y.e164;
}

/**
 * The tracking secret check shared by every public use of a dossier (status look-up, paying its fee, rating it): the
 * applicant's phone (normalised the project's one way) or the last 4 digits of their CCCD / tax code.
 */
export function trackingSecretMatches(applicant: { idNumber: string; phone: string | null }, secret: string): boolean {
  const s = secret.trim();
  return (/^\d{4}$/.test(s) && applicant.idNumber.endsWith(s)) || (applicant.phone !== null && s.length >= 9 && samePhone(applicant.phone, s));
}

/**
 * The dossier a citizen proves to be theirs with its code and their tracking secret; the same refusal for a wrong code
 * and a wrong secret, so codes cannot be enumerated. Used by payments and satisfaction for the public channel.
 */
export async function authoriseTracking(deps: { db: Queryable }, code: string, secret: string): Promise<{ dossierId: string; code: string }> {
  const { rows } = await deps.db.query<{ id: string; code: string; idNumber: string; phone: string | null }>(
    `SELECT id, code, applicant->>'idNumber' AS "idNumber", applicant->>'phone' AS phone FROM dossier WHERE code = upper($1)`,
    [code.trim()],
  );
  const d = rows[0];
  if (!d || !trackingSecretMatches(d, secret)) throw dossierErrors.notFound();
  return { dossierId: d.id, code: d.code };
}

/**
 * Public look-up by dossier code plus a secret only the applicant knows (their phone, or the last 4 digits of the CCCD).
 * A wrong code and a wrong secret give the same answer, so codes cannot be enumerated; only status and dates are shown.
 */
export async function trackDossier(deps: { db: Db }, code: string, secret: string) {
  // One round trip: the dossier and its timeline together.
  const { rows } = await deps.db.query<{ id: string; code: string; procedureName: string; status: DossierStatus; receivedAt: Date | null; dueAt: Date | null; returnedAt: Date | null; idNumber: string; phone: string | null; shipment: { trackingCode: string | null; status: string; dueAt: string | null; deliveredAt: string | null } | null }>(
    `SELECT id, code, procedure_name AS "procedureName", status, received_at AS "receivedAt", due_at AS "dueAt", returned_at AS "returnedAt",
            applicant->>'idNumber' AS "idNumber", applicant->>'phone' AS phone,
            (SELECT json_build_object('trackingCode', s.tracking_code, 'status', s.status, 'dueAt', s.due_at, 'deliveredAt', s.delivered_at)
               FROM postal_shipment s WHERE s.dossier_id = d.id) AS shipment
       FROM dossier d WHERE code = upper($1)`,
    [code],
  );
  const d = rows[0];
  if (!d || !trackingSecretMatches(d, secret)) throw dossierErrors.notFound();
  return {
    code: d.code,
    procedureName: d.procedureName,
    status: d.status,
    statusLabel: statusLabels[d.status],
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    returnedAt: d.returnedAt,
    shipment: d.shipment && { ...d.shipment, dueAt: d.shipment.dueAt ? new Date(d.shipment.dueAt) : null, deliveredAt: d.shipment.deliveredAt ? new Date(d.shipment.deliveredAt) : null },
    // What happened, where and by whom; internal marks (scans, overdue flags) and internal notes stay inside.
    timeline: (await loadCitizenTimeline(deps.db, d.id)).map((x) => ({ at: x.at, label: x.label, text: x.text })),
  };
}
