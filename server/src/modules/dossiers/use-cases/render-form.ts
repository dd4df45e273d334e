import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { getVersion } from '../../procedures/procedure.repo.js';
import { feeLines, type FeeRule } from '../../procedures/fee.rules.js';
import { formatVnd } from '../../forms/vn-format.rules.js';
import { formatReceiptNo } from '../../payments/payment.rules.js';
import type { TFormDocument, TDossierFormHeader } from '../../forms/forms.contract.js';
import { buildApologyForm, buildControlSlipForm, buildReceiptForm, buildRefusalForm, buildStopNoticeForm, buildSupplementationRequestForm } from '../../forms/forms.rules.js';
import { renderFormPdf } from '../../forms/forms.pdf.js';
import { dossierErrors } from '../dossier.errors.js';
import { canRead } from '../dossier.policy.js';
import { trackingUrl } from '../dossier.notify.js';
import { parseDossierCode } from '../dossier-code.rules.js';
import { requireLetterSigner } from '../../org-units/use-cases/set-signatory.js';
import { UNSET_SIGNER } from '../../org-units/signatory.rules.js';

export const dossierForms = ['receipt', 'supplementation', 'refusal', 'apology', 'stop-notice', 'control-slip'] as const;
export type DossierForm = (typeof dossierForms)[number];

type Facts = {
  id: string; code: string | null; ruleSet: 'nd61-2018' | 'nd118-2025'; procedureName: string; versionId: string; receivingPath: string; resolvingPath: string; resolvingUnitId: string;
  deskName: string; deskParentName: string | null; resolvingName: string; resolvingKind: string; resolvingParentName: string | null; applicant: { fullName: string; address: string | null; phone: string | null; email: string | null };
  documents: { name: string; kind: string; count: number }[]; eform: Record<string, unknown> | null; channel: string; feeVnd: number; submittedAt: Date; receivedAt: Date | null; dueAt: Date | null; originalDueAt: Date | null; resultDelivery: 'desk' | 'post' | 'online'; scopeUnitIds: string[];
};
type ActionRow = {
  at: Date; actorName: string; action: string; note: string | null; stepIndex: number | null;
  data: { missing?: { name: string; count: number }[]; previousDueAt?: string; newDueAt?: string; late?: boolean; signer?: { name: string; capacity: string[] }; schedule?: { dueAt?: string } } | null;
};

/**
 * The receipt lists only what this dossier is charged (fee.rules.ts: the case's fees, per copy asked, the channel's
 * rate), not every fee the procedure knows; exemptions and a dossier charged nothing print "Không".
 */
function chargedFees(fees: FeeRule[], d: Pick<Facts, 'eform' | 'channel' | 'feeVnd'>): { name: string; amountVnd: number }[] {
  if (d.feeVnd === 0) return [];
  return feeLines(fees, { eform: d.eform, channel: d.channel === 'online' ? 'online' : 'desk' })
    .filter((l) => l.amountVnd > 0)
    .map((l) => ({ name: l.quantity > 1 ? `${l.name} (${l.quantity} × ${formatVnd(l.unitVnd)})` : l.name, amountVnd: l.amountVnd }));
}

const formOf = (kind: string): TFormDocument['form'] => (kind === 'copy' || kind === 'original_or_copy' ? 'copy' : kind === 'certified_copy' ? 'certified_copy' : 'original');
const place = (name: string) => name.replace(/^(Phường|Xã|Đặc khu|Thị trấn|Tỉnh|Thành phố|Huyện|Quận|Thị xã)\s+/u, '');

/**
 * Renders one official form of a dossier as PDF, with the numbers and titles of the rule-set the dossier was received
 * under (TT 01/2018 Mẫu 01–05 before 1 July 2025, TT 03/2025 forms after), so old dossiers print their old forms.
 */
export async function renderDossierForm(deps: { db: Db; clock: Clock; config: { publicUrl: string } }, actor: Actor, dossierId: string, form: DossierForm): Promise<Buffer> {
  const { rows } = await deps.db.query<Facts>(
    `SELECT d.id, d.code, d.rule_set AS "ruleSet", d.procedure_name AS "procedureName", d.procedure_version_id AS "versionId", d.receiving_path AS "receivingPath",
            d.resolving_path AS "resolvingPath", d.resolving_unit_id AS "resolvingUnitId", ru.name AS "deskName", rp.name AS "deskParentName", su.name AS "resolvingName", su.kind AS "resolvingKind", sp.name AS "resolvingParentName", d.applicant, d.documents,
            d.eform, d.channel, d.fee_vnd::int AS "feeVnd", d.submitted_at AS "submittedAt", d.received_at AS "receivedAt", d.due_at AS "dueAt", d.original_due_at AS "originalDueAt", d.result_delivery AS "resultDelivery",
            ARRAY(SELECT sc.unit_id FROM dossier_scope sc WHERE sc.dossier_id = d.id) AS "scopeUnitIds"
       FROM dossier d JOIN unit ru ON ru.id = d.receiving_unit_id LEFT JOIN unit rp ON rp.id = ru.parent_id JOIN unit su ON su.id = d.resolving_unit_id LEFT JOIN unit sp ON sp.id = su.parent_id WHERE d.id = $1`,
    [dossierId],
  );
  const d = rows[0];
  if (!d) throw dossierErrors.notFound();
  if (!canRead(actor, d)) throw dossierErrors.notFound();
  const actions = (await deps.db.query<ActionRow>(`SELECT at, actor_name AS "actorName", action, note, step_index AS "stepIndex", data FROM dossier_action WHERE dossier_id = $1 ORDER BY id`, [dossierId])).rows;
  const last = (a: string) => [...actions].reverse().find((x) => x.action === a);
  const missing = () => dossierErrors.actionNotAllowed('not_accepted', 'accept', []);
  const header = (issuedAt: Date): TDossierFormHeader => ({
    ruleSetId: d.ruleSet,
    parentAgencyName: d.deskParentName ? `UBND ${d.deskParentName}`.toUpperCase() : null,
    agencyName: d.deskName.toUpperCase(),
    placeName: place(d.resolvingName),
    issuedAt,
    dossierCode: d.code ?? 'Chưa cấp mã',
    trackingUrl: trackingUrl(deps.config.publicUrl, d.code ?? d.id),
  });
  // The competent agency (the resolving unit) issues the apology in its own name (ND 61/2018 Điều 19 k9): a people's
  // committee by its name, an office or department under the committee of its parent.
  const general = ['province', 'district', 'commune'].includes(d.resolvingKind);
  const agencyHeader = (issuedAt: Date): TDossierFormHeader => ({
    ...header(issuedAt),
    parentAgencyName: general ? null : d.resolvingParentName ? `UBND ${d.resolvingParentName}`.toUpperCase() : null,
    agencyName: (general ? `UBND ${d.resolvingName}` : d.resolvingName).toUpperCase(),
  });
  const applicant = { name: d.applicant.fullName, address: d.applicant.address ?? undefined, phone: d.applicant.phone ?? undefined, email: d.applicant.email ?? undefined };
  const leaderSigner = (name: string) => ({ capacity: ['THỦ TRƯỞNG CƠ QUAN'], name });
  const documents = d.documents.length > 0 ? d.documents.map((x) => ({ name: x.name, form: formOf(x.kind), count: x.count })) : [{ name: 'Hồ sơ theo quy định', form: 'original' as const, count: 1 }];

  let model;
  switch (form) {
    case 'receipt': {
      const accept = last('accept');
      if (!accept || !d.receivedAt || !d.dueAt || !d.code) throw missing();
      // A reprint shows the appointment the receipt was issued with, not one moved later by an apology (the letter
      // carries the new one); entries before the schedule was recorded fall back to the first appointment.
      const issuedWith = accept.data?.schedule?.dueAt ? new Date(accept.data.schedule.dueAt) : (d.originalDueAt ?? d.dueAt);
      const version = (await getVersion(deps.db, d.versionId))!;
      // The fee already paid (at the desk in cash, by transfer, online): the slip's fee line says so, with the receipt.
      const { rows: paid } = await deps.db.query<{ method: string; receiptSeq: number | null; receiptYear: number | null; paidAt: Date }>(
        `SELECT method, receipt_seq AS "receiptSeq", receipt_year AS "receiptYear", paid_at AS "paidAt" FROM payment WHERE dossier_id = $1 AND status = 'paid'`,
        [d.id],
      );
      const p = paid[0];
      const feePaid = p && d.feeVnd > 0
        ? { method: p.method === 'cash' ? ('cash' as const) : p.method === 'vietqr' ? ('transfer' as const) : ('online' as const), receiptNo: p.receiptSeq ? `${formatReceiptNo(p.receiptSeq)}/${p.receiptYear}` : null, paidAt: p.paidAt }
        : null;
      model = buildReceiptForm({
        header: header(d.receivedAt), applicant, procedureName: d.procedureName, documents, setCount: 1,
        processingTime: version.content.processingTime, receivedAt: d.receivedAt, appointmentAt: issuedWith,
        resultDelivery: d.resultDelivery === 'post' ? { channel: 'post', address: d.applicant.address ?? 'Theo địa chỉ người nộp' } : { channel: d.resultDelivery },
        fees: chargedFees(version.content.fees, d), feePaid, receivingOfficer: { name: accept.actorName },
        bookEntry: { volume: d.receivedAt.getUTCFullYear().toString(), sequence: parseDossierCode(d.code)?.seq ?? 1 },
      });
      break;
    }
    case 'supplementation': {
      const a = last('request_supplement') ?? last('reject_intake');
      if (!a) throw missing();
      const items = a.data?.missing?.length ? a.data.missing.map((m) => ({ name: m.name, form: 'original' as const, count: m.count })) : [{ name: a.note ?? 'Giấy tờ theo yêu cầu', form: 'original' as const, count: 1 }];
      model = buildSupplementationRequestForm({
        header: header(a.at), applicant, procedureName: d.procedureName, documentNumber: `${actions.indexOf(a) + 1}/HDHS`, submittedAt: d.submittedAt,
        items, reason: a.note ?? 'Hồ sơ chưa đầy đủ theo quy định', contactOfficer: { name: a.actorName, phone: 'Bộ phận Một cửa' }, issuingOfficer: { name: a.actorName },
      });
      break;
    }
    case 'refusal': {
      const a = last('refuse') ?? last('reject_intake');
      if (!a?.note) throw missing();
      model = buildRefusalForm({ header: header(a.at), applicant, procedureName: d.procedureName, submittedAt: d.submittedAt, reasons: [a.note], signer: { capacity: ['NGƯỜI TIẾP NHẬN HỒ SƠ'], name: a.actorName } });
      break;
    }
    case 'apology': {
      const a = last('apologise');
      if (!a || !d.receivedAt || !d.dueAt) throw missing();
      // The letter as issued: its dates and signer from the log entry (older entries: the row, the acting officer). An
      // entry issued with no signer set gets the one set since for its day; if there is still none it is not printed
      // with a blank head's signature but refused, saying who must set one.
      const recorded = a.data?.signer;
      const signer = recorded && recorded.name === UNSET_SIGNER.name ? await requireLetterSigner(deps.db, d.resolvingUnitId, a.at) : (recorded ?? leaderSigner(a.actorName));
      model = buildApologyForm({
        header: agencyHeader(a.at), applicant, procedureName: d.procedureName, receivedAt: d.receivedAt,
        originalAppointmentAt: a.data?.previousDueAt ? new Date(a.data.previousDueAt) : (d.originalDueAt ?? d.dueAt),
        newAppointmentAt: a.data?.newDueAt ? new Date(a.data.newDueAt) : d.dueAt, reason: a.note ?? 'Hồ sơ cần thêm thời gian thẩm định',
        signer, issuedLate: a.data?.late === true,
      });
      break;
    }
    case 'stop-notice': {
      const a = last('stop') ?? last('withdraw');
      if (!a || !d.receivedAt) throw missing();
      model = buildStopNoticeForm({ header: header(a.at), applicant, procedureName: d.procedureName, receivedAt: d.receivedAt, requestedAt: a.at, reason: a.note ?? undefined, signer: leaderSigner(a.actorName) });
      break;
    }
    case 'control-slip': {
      if (!d.receivedAt || !d.dueAt) throw missing();
      const steps = (await deps.db.query<{ stepIndex: number; name: string; unitName: string; finishedAt: Date | null; finishClass: 'early' | 'on_time' | 'late' | null }>(
        `SELECT s.step_index AS "stepIndex", s.name, u.name AS "unitName", s.finished_at AS "finishedAt", s.finish_class AS "finishClass"
           FROM dossier_step s JOIN unit u ON u.id = s.unit_id WHERE s.dossier_id = $1 ORDER BY s.step_index`, [dossierId])).rows;
      const handovers = actions
        .filter((a) => ['accept', 'forward', 'send_back', 'approve', 'return_result'].includes(a.action))
        .map((a, i, all) => {
          const step = steps[a.stepIndex ?? 0];
          return { fromUnit: i === 0 ? d.deskName : (steps[(all[i - 1]!.stepIndex ?? 0)]?.unitName ?? d.resolvingName), fromPerson: a.actorName, toUnit: step?.unitName ?? d.resolvingName, at: a.at, result: steps[(all[i - 1]?.stepIndex ?? 0)]?.finishClass ?? null, note: step?.name };
        });
      model = buildControlSlipForm({ header: header(d.receivedAt), applicant, procedureName: d.procedureName, receivedAt: d.receivedAt, appointmentAt: d.dueAt, handovers });
      break;
    }
  }
  return renderFormPdf(model);
}
