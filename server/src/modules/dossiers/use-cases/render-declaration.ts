import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { validateCccd } from '../../applicants/cccd.rules.js';
import { renderFormPdf } from '../../forms/forms.pdf.js';
import { can, scopePaths, type Actor } from '../../identity/permissions.policy.js';
import { getProcedure, listVersions } from '../../procedures/procedure.repo.js';
import { versionInForce } from '../../procedures/procedure.rules.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import { declarationModel, type DeclarationInput } from '../declaration.rules.js';
import { renderDocx } from '../declaration.docx.js';
import { dossierErrors } from '../dossier.errors.js';

export type DeclarationRequest = { applicant: DeclarationInput['applicant']; eform: Record<string, unknown>; format: 'docx' | 'pdf' };

/**
 * The prefilled declaration for the citizen to sign at the desk (DOCX to edit, PDF to print), from the CCCD data the
 * officer read and the procedure's e-form — the citizen writes nothing. For desk officers; the CCCD is checked.
 */
export async function renderDeclaration(deps: { db: Db; clock: Clock }, actor: Actor, procedureId: string, req: DeclarationRequest): Promise<{ body: Buffer; mediaType: string; fileName: string }> {
  if (!can(actor, 'dossiers.receive')) throw commonErrors.forbidden('dossiers.receive');
  const now = deps.clock.now();
  const today = vnDateOf(now);
  const procedure = await getProcedure(deps.db, procedureId);
  const version = procedure ? versionInForce(await listVersions(deps.db, procedureId), today) : null;
  if (!procedure) throw commonErrors.notFound('Procedure');
  if (!version) throw dossierErrors.procedureClosed();
  const cccd = validateCccd(req.applicant.idNumber, { birthDate: req.applicant.birthDate ?? undefined, gender: req.applicant.gender ?? undefined, today });
  if (!cccd.ok) throw dossierErrors.badApplicant(cccd.reasonVi);
  const { rows } = await deps.db.query<{ name: string }>(
    `SELECT name FROM unit WHERE path = ANY($1::text[]) AND kind IN ('commune', 'district', 'province') ORDER BY depth DESC LIMIT 1`,
    [scopePaths(actor, 'dossiers.receive').flatMap((p) => p.split('/').filter(Boolean).map((_, i, all) => `/${all.slice(0, i + 1).join('/')}/`))],
  );
  const placeName = (rows[0]?.name ?? '').replace(/^(Phường|Xã|Thị trấn|Tỉnh|Thành phố|Huyện|Quận)\s+/i, '') || '……';
  const model = declarationModel({ procedure: { code: version.content.code, name: version.content.name, agency: version.content.agency, eform: version.content.eform }, applicant: { ...req.applicant, gender: req.applicant.gender ?? cccd.gender }, eform: req.eform, placeName, now });
  const slug = `to-khai-${version.content.code}`;
  return req.format === 'docx'
    ? { body: await renderDocx(model), mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fileName: `${slug}.docx` }
    : { body: await renderFormPdf(model), mediaType: 'application/pdf', fileName: `${slug}.pdf` };
}

/**
 * The procedure's declaration left blank (every line dotted to fill by hand), rendered from its e-form by the same
 * renderer as the prefilled one: the form a citizen downloads from the procedure's page to fill on paper. Public, for
 * published (or abolished, still listed) procedures with an e-form; null otherwise.
 */
export async function renderBlankDeclaration(deps: { db: Db; clock: Clock }, procedureId: string, format: 'docx' | 'pdf'): Promise<{ body: Buffer; mediaType: string; fileName: string }> {
  const now = deps.clock.now();
  const procedure = await getProcedure(deps.db, procedureId);
  if (!procedure || (procedure.status !== 'published' && procedure.status !== 'abolished')) throw commonErrors.notFound('Procedure');
  const versions = await listVersions(deps.db, procedureId);
  const version = versionInForce(versions, vnDateOf(now)) ?? versions.find((v) => v.publishedAt) ?? null;
  if (!version?.content.eform) throw commonErrors.notFound('Procedure');
  const c = version.content;
  const model = declarationModel({
    procedure: { code: c.code, name: c.name, agency: c.agency, eform: c.eform },
    applicant: { fullName: '', idNumber: '', birthDate: null, gender: null, address: null, phone: null, email: null },
    eform: {},
    placeName: '……',
    now,
  });
  model.formNumber = 'Mẫu tờ khai';
  // No date: the citizen dates it when signing.
  model.dateLine = '……, ngày …… tháng …… năm ……';
  model.footer = ['Mẫu tờ khai để điền tay; khi nộp trực tuyến, công dân khai trên Cổng dịch vụ công và không phải nộp tờ khai này.'];
  const slug = `mau-to-khai-${c.code}`;
  return format === 'docx'
    ? { body: await renderDocx(model), mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fileName: `${slug}.docx` }
    : { body: await renderFormPdf(model), mediaType: 'application/pdf', fileName: `${slug}.pdf` };
}
