import type { Db } from '../../../platform/database.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import { renderFormPdf } from '../../forms/forms.pdf.js';
import { trackingUrl } from '../../dossiers/dossier.notify.js';
import { postalErrors } from '../postal.errors.js';
import { seesPostalWork } from '../postal.policy.js';
import { getPickup } from '../postal.repo.js';
import { buildDispatchSlip, buildHandoverRecord } from '../postal-forms.rules.js';

export const postalForms = ['dispatch-slip', 'handover-record'] as const;

/** The Phiếu gửi hồ sơ (after pickup) or the Biên bản giao nhận (after hand-over) of a pickup order, as PDF. */
export async function renderPostalForm(deps: { db: Db; config: { publicUrl: string } }, actor: Actor, pickupId: string, form: (typeof postalForms)[number]): Promise<Buffer> {
  const p = await getPickup(deps.db, pickupId);
  if (!p) throw postalErrors.pickupNotFound();
  if (!seesPostalWork(actor, p.receivingPath)) throw postalErrors.pickupNotFound();
  const ready = form === 'dispatch-slip' ? p.pickedUpAt !== null : p.handedOverAt !== null;
  if (!ready) throw postalErrors.transition(p.statusLabel, []);
  const desk = (await getUnit(deps.db, p.receivingUnitId))!;
  const parent = desk.parentId ? await getUnit(deps.db, desk.parentId) : null;
  const facts = {
    agencyName: desk.name,
    parentAgencyName: parent ? `UBND ${parent.name}` : null,
    placeName: (parent?.name ?? desk.name).replace(/^(Phường|Xã|Đặc khu|Thị trấn|Tỉnh|Thành phố)\s+/u, ''),
    procedureName: p.procedureName,
    confirmationCode: p.confirmationCode,
    trackingCode: p.trackingCode,
    trackingUrl: trackingUrl(deps.config.publicUrl, p.dossierCode ?? p.confirmationCode),
    applicant: p.applicant,
    address: p.address,
    phone: p.phone,
    documents: p.documents,
    feeVnd: p.feeVnd,
    feeReceiptNo: p.feeReceiptNo,
    postageVnd: p.postageVnd,
    pickedUpAt: p.pickedUpAt,
    pickedUpByName: p.pickedUpByName,
    citizenSignedName: p.citizenSignedName,
    handedOverAt: p.handedOverAt,
    deskSignedName: p.deskSignedName,
    postalSignerName: p.postalSignerName,
    dossierCode: p.dossierCode,
  };
  return renderFormPdf(form === 'dispatch-slip' ? buildDispatchSlip(facts) : buildHandoverRecord(facts));
}
