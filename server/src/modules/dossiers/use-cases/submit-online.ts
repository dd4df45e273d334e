import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { requestFingerprint, sameRequest } from '../../../platform/idempotency.js';
import { completeApplicant } from '../../procedures/eform.rules.js';
import { validateCccd } from '../../applicants/cccd.rules.js';
import { citizenErrors } from '../../citizens/citizen.errors.js';
import { feeToPay, missingDocuments, onlineSubmissionProblem } from '../../citizens/citizen.rules.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { validateEform } from '../../procedures/eform.js';
import { acceptsDossiers, versionInForce } from '../../procedures/procedure.rules.js';
import { ruleSetOn } from '../../rule-sets/rule-set.rules.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { TApplicantInput } from '../dossier.contract.js';
import { dossierErrors } from '../dossier.errors.js';
import { loadIntakeContext } from '../dossier-intake.repo.js';
import { openDossier } from '../dossier.ledger.js';

/** Who submits: the citizen in the portal, or an officer on the citizen's behalf (assisted, free of charge). */
export type OnlineSubmitter = { kind: 'citizen'; citizenId: string; fullName: string } | { kind: 'officer'; actor: Actor; citizenId: string | null };

export type OnlineSubmission = {
  idempotencyKey: string;
  procedureId: string;
  resolvingUnitId: string;
  applicant: TApplicantInput;
  eform: Record<string, unknown>;
  /** Files given for the required documents (name of the document, stored file). */
  files: { name: string; sha256: string }[];
  /** Documents listed without a file (assisted submission: papers the officer scans later). */
  documentNames: string[];
  resultDelivery: 'desk' | 'post' | 'online';
};

/**
 * Online submission (nộp hồ sơ trực tuyến, ND 61/2018 Điều 16 k3; ND 118/2025 Điều 15; ND 45/2020 Điều 9, 11): only a
 * procedure with an online level (ND 42/2022 Điều 11) is accepted, the e-form is validated against the version's
 * JSON Schema, the required documents need a file, and the result may go online only when the service is toàn trình.
 * The dossier waits in the desk's queue "online, awaiting acceptance" (status chờ tiếp nhận, national code 1) without
 * a code: it is numbered, and its legal time starts, when the desk accepts it (use-cases/accept-online.ts).
 * An officer may submit on a citizen's behalf: the dossier is flagged assisted and costs nothing ("Công dân không
 * viết", free help to prepare dossiers). A retried request with the same key returns the first dossier; another
 * request under that key (another applicant, procedure, answers, files…) is refused (422
 * `DOSSIER.IDEMPOTENCY_KEY_REUSED`) and writes nothing.
 */
export async function submitOnline(deps: { db: Db; clock: Clock }, submitter: OnlineSubmitter, input: OnlineSubmission): Promise<string> {
  const now = deps.clock.now();
  const today = vnDateOf(now);
  const year = Number(today.slice(0, 4));
  const { rows: desks } = await deps.db.query<{ id: string }>(
    `SELECT coalesce((SELECT id FROM unit WHERE parent_id = $1 AND kind = 'desk' AND valid_to IS NULL ORDER BY code LIMIT 1), $1) AS id`,
    [input.resolvingUnitId],
  );
  // A citizen's keys are their own; an officer's are the receiving desk's (never shared across desks).
  const key = submitter.kind === 'citizen' ? `online:${submitter.citizenId}:${input.idempotencyKey}` : `assisted:${desks[0]!.id}:${input.idempotencyKey}`;
  // What the request asks for, kept beside its key. A citizen's applicant is their profile, not something they sent:
  // a profile edited between a lost answer and its retry leaves the retry the same request.
  const { idempotencyKey: _key, applicant: sentApplicant, ...asked } = input;
  const fingerprint = requestFingerprint({ ...asked, applicant: submitter.kind === 'officer' ? sentApplicant : null });
  const ctx = await loadIntakeContext(deps.db, { receivingUnitId: desks[0]!.id, resolvingUnitId: input.resolvingUnitId, procedureId: input.procedureId, idempotencyKey: key, from: `${year}-01-01`, to: `${year}-12-31` });
  const { receiving, resolving, procedure } = ctx;
  if (!receiving || !resolving) throw commonErrors.notFound('Unit');
  if (submitter.kind === 'officer' && !can(submitter.actor, 'dossiers.receive', receiving.path) && !can(submitter.actor, 'dossiers.receive', resolving.path)) {
    throw commonErrors.forbidden('dossiers.receive');
  }
  if (ctx.existing) {
    if (!sameRequest(ctx.existingFingerprint, fingerprint)) throw dossierErrors.idempotencyKeyReused();
    return ctx.existing.id;
  }
  if (receiving.validTo || resolving.validTo) throw dossierErrors.unitClosed();
  const ruleSet = ruleSetOn(today);
  if (!procedure) throw commonErrors.notFound('Procedure');
  if (!ruleSet) throw dossierErrors.procedureClosed();
  if (!resolving.path.startsWith(procedure.ownerUnitPath)) throw dossierErrors.outOfProvince();
  const version = versionInForce(ctx.versions, today);
  if (!version || !acceptsDossiers(procedure, ctx.versions, today)) throw dossierErrors.procedureClosed();
  const problem = onlineSubmissionProblem(version.content.onlineLevel, input.resultDelivery);
  if (problem === 'not_online') throw citizenErrors.notOnline();
  if (problem === 'no_online_result') throw citizenErrors.onlineResultNotOffered();

  const identity = validateCccd(input.applicant.idNumber, { birthDate: input.applicant.birthDate ?? undefined, today });
  if (!identity.ok) throw dossierErrors.badApplicant(identity.reasonVi);
  // Stored as its 12 digits, whatever spacing was typed (applicant-id.rules.ts).
  const applicant = { ...input.applicant, idNumber: identity.number };
  if (version.content.eform) {
    const problems = validateEform(version.id, version.content.eform, input.eform);
    if (problems.length > 0) throw dossierErrors.eformInvalid(problems);
  }
  if (submitter.kind === 'citizen') {
    const missing = missingDocuments(version.content.documents, input.files);
    if (missing.length > 0) throw citizenErrors.missingDocuments(missing);
  }
  const assisted = submitter.kind === 'officer';
  const documents = version.content.documents
    .filter((d) => input.files.some((f) => f.name === d.name) || input.documentNames.includes(d.name))
    .map((d) => ({ name: d.name, kind: d.kind, count: d.count }));
  const actorId = submitter.kind === 'officer' ? submitter.actor.userId : null;
  const actorName = submitter.kind === 'officer' ? submitter.actor.fullName : submitter.fullName;
  const citizenId = submitter.citizenId;

  try {
    return await withTransaction(deps.db, async (tx) => {
      const { id } = await openDossier(
        tx,
        {
          idempotencyKey: key,
          requestFingerprint: fingerprint,
          procedureId: procedure.id,
          procedureVersionId: version.id,
          procedureName: version.content.name,
          ruleSet: ruleSet.id,
          receivingUnitId: receiving.id,
          receivingPath: receiving.path,
          resolvingUnitId: resolving.id,
          resolvingPath: resolving.path,
          // Facts the profile lacks (address, phone) as the citizen declared them in the e-form (eform.rules.ts).
          applicant: completeApplicant(applicant, version.content.eform, input.eform),
          feeVnd: feeToPay(version.content.fees, assisted, input.eform),
          documents,
          eform: input.eform,
          citizenId,
          assisted,
        },
        {
          at: now,
          actorId,
          actorName,
          note: null,
          event: { type: 'submit', assisted, opening: { channel: 'online', submittedAt: now.toISOString(), resultDelivery: input.resultDelivery, stepCount: Math.max(1, version.content.steps.length) } },
        },
        { numbering: null, steps: [], notices: { items: [] } },
      );
      if (input.files.length > 0) {
        await tx.query(
          // A file the citizen took from the national store keeps that store's id (DuocLayTuKhoDMQG, ND 45/2020 Điều 16).
          `INSERT INTO dossier_file (dossier_id, sha256, document_name, kind, added_by, added_by_citizen, added_at, file_name, national_store_id)
           SELECT $1, f.sha, f.name, 'component', $4, $5, $6, s.file_name,
                  (SELECT c.national_store_id FROM citizen_document c WHERE c.citizen_id = $7 AND c.sha256 = f.sha)
             FROM unnest($2::text[], $3::text[]) AS f(sha, name) JOIN stored_file s ON s.sha256 = f.sha ON CONFLICT DO NOTHING`,
          [id, input.files.map((f) => f.sha256), input.files.map((f) => f.name), actorId, submitter.kind === 'citizen' ? citizenId : null, now, citizenId],
        );
      }
      if (submitter.kind === 'citizen') await tx.query(`DELETE FROM citizen_draft WHERE citizen_id = $1 AND procedure_id = $2`, [citizenId, procedure.id]);
      return id;
    });
  } catch (err) {
    // Two requests with one key raced past the check: the unique index decided; the loser returns the winner if it
    // asked the same, else it is refused like any other request reusing the key.
    if ((err as { code?: string; constraint?: string }).code === '23505' && (err as { constraint?: string }).constraint === 'dossier_idempotency_key_key') {
      const { rows } = await deps.db.query<{ id: string; fingerprint: string | null }>(`SELECT id, request_fingerprint AS fingerprint FROM dossier WHERE idempotency_key = $1`, [key]);
      if (rows[0]) {
        if (!sameRequest(rows[0].fingerprint, fingerprint)) throw dossierErrors.idempotencyKeyReused();
        return rows[0].id;
      }
    }
    throw err;
  }
}
