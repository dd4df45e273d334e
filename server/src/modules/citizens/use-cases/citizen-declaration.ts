import type { Db } from '../../../platform/database.js';
import { citizenOwnsDossierFlagSql } from '../citizen-identity.repo.js';
import type { Clock } from '../../../platform/clock.js';
import { renderFormPdf } from '../../forms/forms.pdf.js';
import { renderDocx } from '../../dossiers/declaration.docx.js';
import { declarationModel } from '../../dossiers/declaration.rules.js';
import { commonErrors } from '../../../platform/errors.js';
import { dossierErrors } from '../../dossiers/dossier.errors.js';
import { getProcedure, getVersion, listVersions } from '../../procedures/procedure.repo.js';
import { versionInForce } from '../../procedures/procedure.rules.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import { getDraft, getProfile } from '../citizen.repo.js';
import { citizenErrors } from '../citizen.errors.js';

export type DeclarationFile = { body: Buffer; mediaType: string; fileName: string };

const placeOf = (unitName: string | undefined) => (unitName ?? '').replace(/^(Phường|Xã|Đặc khu|Thị trấn|Tỉnh|Thành phố|Huyện|Quận)\s+/i, '') || '……';

async function unitName(db: Db, id: string | null | undefined): Promise<string | undefined> {
  if (!id) return undefined;
  const { rows } = await db.query<{ name: string }>(`SELECT name FROM unit WHERE id = $1`, [id]);
  return rows[0]?.name;
}

/**
 * The declaration (tờ khai) written from the citizen's online answers — the e-form is the declaration, so no scan of
 * it is asked for (procedure.contract.ts `filledByEform`). From a submitted dossier of the citizen's own (its answers as
 * submitted, under the procedure version it was submitted under) or, before submitting, from the saved draft.
 */
export async function renderCitizenDeclaration(
  deps: { db: Db; clock: Clock },
  citizenId: string,
  source: { dossierId: string } | { procedureId: string },
  format: 'pdf' | 'docx',
): Promise<DeclarationFile> {
  const now = deps.clock.now();
  const profile = (await getProfile(deps.db, citizenId))!;
  let content, eform: Record<string, unknown>, unitId: string | null | undefined;
  let applicant = { fullName: profile.fullName ?? '', idNumber: profile.idNumber ?? '', birthDate: profile.birthDate, gender: profile.gender, address: profile.address, phone: profile.phone, email: profile.email };
  if ('dossierId' in source) {
    const { rows } = await deps.db.query<{ owned: boolean; versionId: string; eform: Record<string, unknown> | null; unitId: string; applicant: { fullName?: string; idNumber?: string; birthDate?: string | null; address?: string | null; phone?: string | null; email?: string | null } | null }>(
      `SELECT ${citizenOwnsDossierFlagSql('d', '$2')} AS owned, procedure_version_id AS "versionId", eform, resolving_unit_id AS "unitId", applicant
         FROM dossier d WHERE id = $1`,
      [source.dossierId, citizenId],
    );
    const row = rows[0];
    if (!row) throw dossierErrors.notFound();
    if (!row.owned) throw citizenErrors.notOwner();
    const version = await getVersion(deps.db, row.versionId);
    if (!version) throw dossierErrors.notFound();
    content = version.content;
    eform = row.eform ?? {};
    unitId = row.unitId;
    // The applicant as recorded on the dossier (a snapshot taken at submission).
    const a = row.applicant;
    if (a?.fullName) applicant = { ...applicant, fullName: a.fullName, idNumber: a.idNumber ?? applicant.idNumber, birthDate: a.birthDate ?? applicant.birthDate, address: a.address ?? applicant.address, phone: a.phone ?? applicant.phone, email: a.email ?? applicant.email };
  } else {
    const procedure = await getProcedure(deps.db, source.procedureId);
    const version = procedure ? versionInForce(await listVersions(deps.db, source.procedureId), vnDateOf(now)) : null;
    if (!procedure) throw commonErrors.notFound('Procedure');
    if (!version) throw dossierErrors.procedureClosed();
    content = version.content;
    const draft = await getDraft(deps.db, citizenId, source.procedureId);
    eform = draft?.data.eform ?? {};
    unitId = draft?.data.resolvingUnitId;
  }
  const resolvingUnitName = await unitName(deps.db, unitId);
  const model = declarationModel({
    procedure: { code: content.code, name: content.name, agency: content.agency, eform: content.eform },
    applicant,
    eform,
    placeName: placeOf(resolvingUnitName),
    resolvingUnitName,
    now,
  });
  model.footer = ['Tờ khai do công dân khai trực tuyến trên Cổng dịch vụ công; hệ thống lập từ nội dung đã khai.'];
  const slug = `to-khai-${content.code}`;
  return format === 'docx'
    ? { body: await renderDocx(model), mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fileName: `${slug}.docx` }
    : { body: await renderFormPdf(model), mediaType: 'application/pdf', fileName: `${slug}.pdf` };
}
