import { z } from 'zod';
import type { Db } from '../../../platform/database.js';
import { dossierErrors } from '../dossier.errors.js';
import { normalizePhoneVn } from '../../applicants/phone.rules.js';
import { actionLabels, statusLabels, type DossierAction, type DossierStatus } from '../dossier.rules.js';

export const ZTracking = z.object({
  code: z.string(),
  procedureName: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  receivedAt: z.date().nullable(),
  dueAt: z.date().nullable(),
  returnedAt: z.date().nullable(),
  timeline: z.array(z.object({ at: z.date(), label: z.string() })),
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
 * Public look-up by dossier code plus a secret only the applicant knows (their phone, or the last 4 digits of the CCCD).
 * A wrong code and a wrong secret give the same answer, so codes cannot be enumerated; only status and dates are shown.
 */
export async function trackDossier(deps: { db: Db }, code: string, secret: string) {
  // One round trip: the dossier and its timeline together.
  const { rows } = await deps.db.query<{ code: string; procedureName: string; status: DossierStatus; receivedAt: Date | null; dueAt: Date | null; returnedAt: Date | null; idNumber: string; phone: string | null; history: { at: string; action: DossierAction }[]; shipment: { trackingCode: string | null; status: string; dueAt: string | null; deliveredAt: string | null } | null }>(
    `SELECT code, procedure_name AS "procedureName", status, received_at AS "receivedAt", due_at AS "dueAt", returned_at AS "returnedAt",
            applicant->>'idNumber' AS "idNumber", applicant->>'phone' AS phone,
            (SELECT json_agg(json_build_object('at', a.at, 'action', a.action) ORDER BY a.id) FROM dossier_action a WHERE a.dossier_id = d.id) AS history,
            (SELECT json_build_object('trackingCode', s.tracking_code, 'status', s.status, 'dueAt', s.due_at, 'deliveredAt', s.delivered_at)
               FROM postal_shipment s WHERE s.dossier_id = d.id) AS shipment
       FROM dossier d WHERE code = upper($1)`,
    [code],
  );
  const d = rows[0];
  const s = secret.trim();
  const matches = d && ((/^\d{4}$/.test(s) && d.idNumber.endsWith(s)) || (d.phone !== null && s.length >= 9 && samePhone(d.phone, s)));
  if (!d || !matches) throw dossierErrors.notFound();
  return {
    code: d.code,
    procedureName: d.procedureName,
    status: d.status,
    statusLabel: statusLabels[d.status],
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    returnedAt: d.returnedAt,
    // Only the steps a citizen understands; internal marks (claims, scans, overdue flags) stay inside.
    shipment: d.shipment && { ...d.shipment, dueAt: d.shipment.dueAt ? new Date(d.shipment.dueAt) : null, deliveredAt: d.shipment.deliveredAt ? new Date(d.shipment.deliveredAt) : null },
    timeline: d.history.filter((h) => h.action in actionLabels && h.action !== 'claim').map((h) => ({ at: new Date(h.at), label: actionLabels[h.action] })),
  };
}
