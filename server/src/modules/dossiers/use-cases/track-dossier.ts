import { z } from 'zod';
import type { Db, Queryable } from '../../../platform/database.js';
import { dossierErrors } from '../dossier.errors.js';
import { normalizePhoneVn } from '../../applicants/phone.rules.js';
import { actionLabels, statusLabels, type DossierAction, type DossierStatus } from '../dossier.rules.js';
import { parseTrackingInput, submissionReference } from '../tracking-code.rules.js';

/**
 * The SQL condition finding a dossier from what the citizen typed or scanned (tracking-code.rules.ts): the code on its
 * letters and digits only, or the submission reference; both use an index (migration 20261203150000). Null: nothing to look for.
 */
function lookup(input: string): { where: string; param: string } | null {
  const key = parseTrackingInput(input);
  if (!key) return null;
  return key.kind === 'reference'
    ? { where: `left(d.id::text, 11) = $1`, param: key.idPrefix }
    : { where: `regexp_replace(d.code, '[^0-9A-Z]', '', 'g') = $1 AND d.code IS NOT NULL`, param: key.compact };
}

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
  const l = lookup(code);
  if (!l) throw dossierErrors.notFound();
  const { rows } = await deps.db.query<{ id: string; code: string | null; idNumber: string; phone: string | null }>(
    `SELECT d.id, d.code, d.applicant->>'idNumber' AS "idNumber", d.applicant->>'phone' AS phone FROM dossier d WHERE ${l.where} LIMIT 5`,
    [l.param],
  );
  const d = rows.find((r) => trackingSecretMatches(r, secret));
  if (!d) throw dossierErrors.notFound();
  return { dossierId: d.id, code: d.code ?? submissionReference(d.id) };
}

/**
 * Public look-up by dossier code plus a secret only the applicant knows (their phone, or the last 4 digits of the CCCD).
 * A wrong code and a wrong secret give the same answer, so codes cannot be enumerated; only status and dates are shown.
 */
export async function trackDossier(deps: { db: Db }, code: string, secret: string) {
  // One round trip: the dossier and its timeline together.
  const l = lookup(code);
  if (!l) throw dossierErrors.notFound();
  const { rows } = await deps.db.query<{ id: string; code: string | null; procedureName: string; status: DossierStatus; receivedAt: Date | null; dueAt: Date | null; returnedAt: Date | null; idNumber: string; phone: string | null; history: { at: string; action: DossierAction }[]; shipment: { trackingCode: string | null; status: string; dueAt: string | null; deliveredAt: string | null } | null }>(
    `SELECT d.id, d.code, procedure_name AS "procedureName", status, received_at AS "receivedAt", due_at AS "dueAt", returned_at AS "returnedAt",
            applicant->>'idNumber' AS "idNumber", applicant->>'phone' AS phone,
            (SELECT json_agg(json_build_object('at', a.at, 'action', a.action) ORDER BY a.id) FROM dossier_action a WHERE a.dossier_id = d.id) AS history,
            (SELECT json_build_object('trackingCode', s.tracking_code, 'status', s.status, 'dueAt', s.due_at, 'deliveredAt', s.delivered_at)
               FROM postal_shipment s WHERE s.dossier_id = d.id) AS shipment
       FROM dossier d WHERE ${l.where} LIMIT 5`,
    [l.param],
  );
  const d = rows.find((r) => trackingSecretMatches(r, secret));
  if (!d) throw dossierErrors.notFound();
  return {
    code: d.code ?? submissionReference(d.id),
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
