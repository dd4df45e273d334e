import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { PERIOD_REVERSED } from '../../working-calendar/calendar-day.contract.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import { unitErrors } from '../../org-units/unit.errors.js';
import { ruleSetOn } from '../../rule-sets/rule-set.rules.js';
import { buildTrackingBookForm } from '../../forms/forms.rules.js';
import { renderFormPdf } from '../../forms/forms.pdf.js';
import { renderTrackingBookXlsx } from '../../forms/forms.xlsx.js';
import { parseDossierCode } from '../dossier-code.rules.js';

const MAX_ROWS = 10_000;

/**
 * The tracking book (Sổ theo dõi hồ sơ, TT 01/2018 Mẫu 06 / TT 03/2025 form 07) of a receiving unit for a period:
 * every dossier received there with its code, applicant, resolving agency, dates and how the result was handed over.
 */
export async function renderTrackingBook(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  q: { unitId: string; from: string; to: string; format: 'pdf' | 'xlsx' },
): Promise<{ body: Buffer; mediaType: string }> {
  const unit = await getUnit(deps.db, q.unitId);
  if (!unit) throw unitErrors.notFound();
  if (!can(actor, 'dossiers.read', unit.path)) throw commonErrors.forbidden('dossiers.read');
  if (q.to < q.from) throw commonErrors.validation([{ path: '/to', message: PERIOD_REVERSED.message, messageEn: PERIOD_REVERSED.params.messageEn }]);
  const { rows } = await deps.db.query<{
    code: string; procedureName: string; applicant: { fullName: string; address: string | null; phone: string | null };
    resolvingName: string; receivedAt: Date; dueAt: Date; returnedAt: Date | null; resultDelivery: 'desk' | 'post' | 'online'; receivedBy: string | null;
  }>(
    `SELECT d.code, d.procedure_name AS "procedureName", d.applicant, su.name AS "resolvingName", d.received_at AS "receivedAt", d.due_at AS "dueAt",
            d.returned_at AS "returnedAt", d.result_delivery AS "resultDelivery",
            (SELECT a.data->>'receivedBy' FROM dossier_action a WHERE a.dossier_id = d.id AND a.action = 'return_result' ORDER BY a.id DESC LIMIT 1) AS "receivedBy"
       FROM dossier d JOIN unit su ON su.id = d.resolving_unit_id
      WHERE d.receiving_path LIKE $1 || '%' AND d.code IS NOT NULL
        AND d.received_at >= ($2::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
        AND d.received_at < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
      ORDER BY d.received_at, d.code LIMIT $4`,
    [unit.path, q.from, q.to, MAX_ROWS],
  );
  const ruleSet = ruleSetOn(q.to) ?? ruleSetOn(q.from);
  const model = buildTrackingBookForm({
    header: { ruleSetId: ruleSet?.id ?? 'nd118-2025', parentAgencyName: null, agencyName: unit.name.toUpperCase(), placeName: unit.name, issuedAt: deps.clock.now() },
    volume: q.from.slice(0, 4),
    year: Number(q.from.slice(0, 4)),
    entries: rows.map((r, i) => ({
      sequence: parseDossierCode(r.code)?.seq ?? i + 1,
      dossierCode: r.code,
      procedureName: r.procedureName,
      applicantName: r.applicant.fullName,
      applicantAddress: r.applicant.address ?? undefined,
      applicantPhone: r.applicant.phone ?? undefined,
      resolvingAgency: r.resolvingName,
      receivedAt: r.receivedAt,
      appointmentAt: r.dueAt,
      returnedAt: r.returnedAt,
      resultChannel: r.resultDelivery,
      signedBy: r.receivedBy ?? undefined,
    })),
  });
  return q.format === 'xlsx'
    ? { body: await renderTrackingBookXlsx(model), mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }
    : { body: await renderFormPdf(model), mediaType: 'application/pdf' };
}
