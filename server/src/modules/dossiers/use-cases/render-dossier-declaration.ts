import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { validateCccd } from '../../applicants/cccd.rules.js';
import { renderFormPdf } from '../../forms/forms.pdf.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { declarationModel } from '../declaration.rules.js';
import { dossierErrors } from '../dossier.errors.js';
import { canRead } from '../dossier.policy.js';
import { getDossierDetail } from '../dossier.repo.js';

const place = (name: string) => name.replace(/^(Phường|Xã|Đặc khu|Thị trấn|Tỉnh|Thành phố|Huyện|Quận|Thị xã)\s+/u, '');

/**
 * The declaration (tờ khai) of a received dossier, printed from what the citizen answered online or the desk typed:
 * the applicant's identity and the e-form's answers in the legal form's order with its labels (declaration.rules.ts),
 * dated the day of submission, so the paper the citizen signs says what the system holds.
 */
export async function renderDossierDeclaration(deps: { db: Db; clock: Clock }, actor: Actor, dossierId: string): Promise<Buffer> {
  const d = await getDossierDetail(deps.db, dossierId);
  if (!d) throw dossierErrors.notFound();
  if (!canRead(actor, d)) throw dossierErrors.notFound();
  return declarationPdf(deps.db, d);
}

/**
 * The same declaration for whoever holds a link we signed for it (the national portal fetching the dossier's
 * components, national-portal.links.ts): the link is the permission. Null when there is no such dossier.
 */
export async function renderDeclarationForLink(deps: { db: Db }, dossierId: string): Promise<Buffer | null> {
  const d = await getDossierDetail(deps.db, dossierId);
  return d ? declarationPdf(deps.db, d) : null;
}

async function declarationPdf(db: Db, d: NonNullable<Awaited<ReturnType<typeof getDossierDetail>>>): Promise<Buffer> {
  const dossierId = d.id;
  const { rows } = await db.query<{ code: string; agency: string; placeName: string }>(
    `SELECT pv.content->>'code' AS code, coalesce(pv.content->>'agency', '') AS agency, su.name AS "placeName"
       FROM dossier x JOIN procedure_version pv ON pv.id = x.procedure_version_id JOIN unit su ON su.id = x.resolving_unit_id WHERE x.id = $1`,
    [dossierId],
  );
  const v = rows[0]!;
  const a = d.applicant as { kind: string; idNumber: string; fullName: string; birthDate?: string | null; address?: string | null; phone?: string | null; email?: string | null };
  const cccd = a.kind === 'citizen' ? validateCccd(a.idNumber) : null;
  const model = declarationModel({
    procedure: { code: v.code, name: d.procedureName, agency: v.agency || d.resolvingUnitName, eform: d.eformSchema },
    applicant: {
      fullName: a.fullName,
      idNumber: a.idNumber,
      birthDate: a.birthDate ?? null,
      gender: cccd?.ok ? cccd.gender : null,
      address: a.address ?? null,
      phone: a.phone ?? null,
      email: a.email ?? null,
    },
    eform: d.eform ?? {},
    placeName: place(v.placeName),
    resolvingUnitName: v.placeName,
    now: d.submittedAt,
  });
  return renderFormPdf(model);
}
