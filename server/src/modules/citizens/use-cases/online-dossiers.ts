import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { getProcedure, listVersions } from '../../procedures/procedure.repo.js';
import { versionInForce } from '../../procedures/procedure.rules.js';
import { commonErrors } from '../../../platform/errors.js';
import { dossierErrors } from '../../dossiers/dossier.errors.js';
import { submitOnline } from '../../dossiers/use-cases/submit-online.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { CitizenSession } from '../citizen-session.repo.js';
import { ZDraftData, type TDraftData, type TOnlineSubmitInput } from '../citizen.contract.js';
import { citizenErrors } from '../citizen.errors.js';
import { eformDefaults } from '../../procedures/eform.rules.js';
import { conditionalPrefill, earlierAnswers, feeToPay, prefillEform } from '../citizen.rules.js';
import { getDraft, getProfile, ownedFiles, saveDraft } from '../citizen.repo.js';

/** The units that may resolve a procedure: open units of its level under the unit that published it. */
async function resolvingUnits(db: Db, ownerUnitId: string, level: string): Promise<{ id: string; name: string }[]> {
  const kind = level === 'commune' ? 'commune' : level === 'district' ? 'district' : null;
  const { rows } = await db.query<{ id: string; name: string }>(
    `SELECT u.id, u.name FROM unit u JOIN unit o ON o.id = $1
      WHERE u.valid_to IS NULL AND u.path LIKE o.path || '%' AND (($2::text IS NULL AND u.id = o.id) OR u.kind = $2) ORDER BY u.name LIMIT 500`,
    [ownerUnitId, kind],
  );
  return rows;
}

/**
 * Where a citizen may submit a procedure online today: the procedure (published, in force, offered online) and the
 * units that may resolve it; null when it cannot be submitted online.
 */
export async function onlineSubmissionUnits(db: Db, procedureId: string, today: string): Promise<{ id: string; name: string }[] | null> {
  const procedure = await getProcedure(db, procedureId);
  const version = procedure ? versionInForce(await listVersions(db, procedureId), today) : null;
  if (!procedure || !version || procedure.status !== 'published' || version.content.onlineLevel === 'none') return null;
  return resolvingUnits(db, procedure.ownerUnitId, version.content.level);
}

/**
 * What the submission wizard starts from (Công dân không viết): the procedure in force, its e-form prefilled from the
 * profile and the citizen's earlier dossiers (or the saved draft when there is one), the documents and the fee.
 */
export async function startSubmission(deps: { db: Db; clock: Clock }, citizenId: string, procedureId: string) {
  const today = vnDateOf(deps.clock.now());
  const procedure = await getProcedure(deps.db, procedureId);
  const version = procedure ? versionInForce(await listVersions(deps.db, procedureId), today) : null;
  if (!procedure) throw commonErrors.notFound('Procedure');
  if (!version || procedure.status !== 'published') throw dossierErrors.procedureClosed();
  const c = version.content;
  if (c.onlineLevel === 'none') throw citizenErrors.notOnline();
  const profile = (await getProfile(deps.db, citizenId))!;
  // The latest earlier dossier of the same procedure: its answers are offered, never filled silently.
  const { rows: earlier } = await deps.db.query<{ eform: Record<string, unknown>; code: string | null; submittedAt: Date }>(
    `SELECT eform, code, submitted_at AS "submittedAt" FROM dossier
      WHERE citizen_id = $1 AND procedure_id = $2 AND eform IS NOT NULL ORDER BY submitted_at DESC LIMIT 1`,
    [citizenId, procedureId],
  );
  const prefilled = prefillEform(c.eform, { ...profile });
  const reusable = earlierAnswers(c.eform, earlier[0]?.eform ?? null);
  const saved = await getDraft(deps.db, citizenId, procedureId);
  const units = await resolvingUnits(deps.db, procedure.ownerUnitId, c.level);
  const draft: TDraftData = saved
    ? ZDraftData.parse(saved.data)
    : {
        resolvingUnitId: units.find((u) => u.id === profile.addressUnitId)?.id ?? (units.length === 1 ? units[0]!.id : null),
        // The form's own defaults first (dân tộc "Kinh", quốc tịch "Việt Nam"), the applicant's facts over them.
        eform: { ...eformDefaults(c.eform), ...prefilled },
        documents: [],
        resultDelivery: c.onlineLevel === 'full' ? 'online' : 'desk',
      };
  return {
    procedureId,
    procedureName: c.name,
    onlineLevel: c.onlineLevel,
    eformSchema: c.eform,
    documents: c.documents.map((d) => ({ name: d.name, kind: d.kind, count: d.count, required: d.required, filledByEform: c.eform !== null && d.filledByEform === true })),
    fees: c.fees,
    feeTotalVnd: feeToPay(c.fees, false, draft.eform),
    units,
    draft,
    draftSavedAt: saved?.updatedAt ?? null,
    prefilledFields: Object.keys(prefilled),
    prefilled,
    prefillWhen: conditionalPrefill(c.eform, { ...profile }),
    earlier: reusable && earlier[0] ? { dossierCode: earlier[0].code, submittedAt: earlier[0].submittedAt, answers: reusable } : null,
  };
}

/** Saves the wizard's state server-side (lưu nháp), one draft per procedure. */
export async function saveSubmissionDraft(deps: { db: Db; clock: Clock }, citizenId: string, procedureId: string, data: TDraftData): Promise<Date> {
  const procedure = await getProcedure(deps.db, procedureId);
  if (!procedure) throw commonErrors.notFound('Procedure');
  return saveDraft(deps.db, citizenId, procedureId, data, deps.clock.now());
}

/**
 * Submits the citizen's dossier online: the applicant is the profile (CCCD required), the documents are files of the
 * citizen's own store (uploaded or kept from earlier dossiers and results).
 */
export async function submitAsCitizen(deps: { db: Db; clock: Clock }, citizen: CitizenSession, input: TOnlineSubmitInput): Promise<string> {
  const profile = (await getProfile(deps.db, citizen.citizenId))!;
  if (!profile.idNumber || !profile.fullName) throw citizenErrors.profileIncomplete();
  const owned = await ownedFiles(deps.db, citizen.citizenId, input.documents.map((d) => d.sha256));
  if (input.documents.some((d) => !owned.has(d.sha256))) throw citizenErrors.documentNotInStore();
  return submitOnline(deps, { kind: 'citizen', citizenId: citizen.citizenId, fullName: profile.fullName }, {
    idempotencyKey: input.idempotencyKey,
    procedureId: input.procedureId,
    resolvingUnitId: input.resolvingUnitId,
    applicant: {
      kind: 'citizen',
      idNumber: profile.idNumber,
      fullName: profile.fullName,
      birthDate: profile.birthDate,
      address: profile.address,
      addressUnitId: profile.addressUnitId,
      phone: profile.phone,
      email: profile.email,
    },
    eform: input.eform,
    files: input.documents,
    documentNames: [],
    resultDelivery: input.resultDelivery,
  });
}
