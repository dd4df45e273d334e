import { DomainError } from '../../../platform/errors.js';
import type { CitizenSession } from '../../citizens/citizen-session.repo.js';
import { authoriseTracking, type TrackingDeps } from '../../dossiers/use-cases/track-dossier.js';
import type { TPortalFeedbackInput, TReceipt } from '../feedback.contract.js';
import { feedbackErrors } from '../feedback.errors.js';
import { receiveFeedback } from './receive-feedback.js';

/**
 * Feedback sent on the portal, by a signed-in citizen (their account is the sender; the form adds the address or phone
 * the profile lacks) or by anyone giving their name, address and phone (ND 20/2008 Điều 7: required of both,
 * receive-feedback.ts senderGap). "Phản ánh về hồ sơ này": the dossier is proved with its tracking credentials, and the item goes to the desk that received the dossier, about its procedure.
 */
export async function receiveFromPortal(deps: TrackingDeps, input: TPortalFeedbackInput, citizen: CitizenSession | null, client: { ip: string }): Promise<TReceipt> {
  let unitId = input.unitId;
  let procedureId = input.procedureId;
  let dossierId: string | null = null;
  if (input.dossier) {
    // The dossier is proved like any public look-up: the same budget and per-code guard (a 429 stays a 429).
    const { dossierId: id } = await authoriseTracking(deps, input.dossier.code, input.dossier.secret, client).catch((err: unknown) => {
      throw err instanceof DomainError && err.kind === 'not_found' ? feedbackErrors.dossierNotFound() : err;
    });
    const { rows } = await deps.db.query<{ unitId: string; procedureId: string }>(`SELECT receiving_unit_id AS "unitId", procedure_id AS "procedureId" FROM dossier WHERE id = $1`, [id]);
    dossierId = id;
    unitId = rows[0]!.unitId;
    procedureId = rows[0]!.procedureId;
  }
  // Nothing given: receiveFeedback names every field Điều 7 asks for (senderGap).
  let sender = input.sender ?? { name: '', address: null, phone: null, email: null };
  if (citizen) {
    // The account names the sender; what the form gives (the fields the profile lacks, or a phone for this item) wins
    // over the profile, so the phone typed here is the one kept, tracked with and texted.
    const { rows } = await deps.db.query<{ phone: string | null; email: string | null; address: string | null }>(`SELECT phone, email, address FROM citizen_account WHERE id = $1`, [citizen.citizenId]);
    const acc = rows[0];
    sender = { name: citizen.fullName, address: input.sender?.address ?? acc?.address ?? null, phone: input.sender?.phone ?? acc?.phone ?? null, email: input.sender?.email ?? acc?.email ?? null };
  }
  return receiveFeedback(deps, {
    channel: 'portal',
    kind: input.kind,
    category: input.category,
    unitId,
    subject: input.subject,
    content: input.content,
    procedureId,
    dossierId,
    officerName: input.officerName,
    sender,
    citizenId: citizen?.citizenId ?? null,
    open311ClientId: null,
    consent: input.consentPublishIdentity,
    place: input.place,
    files: input.files,
    recordedBy: null,
  });
}
