import { withTransaction, type Db, type Tx } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { getUnit, getUnitByCode } from '../../org-units/unit.repo.js';
import { validateEform } from '../../procedures/eform.js';
import { getProcedure, listVersions } from '../../procedures/procedure.repo.js';
import { acceptsDossiers, versionInForce } from '../../procedures/procedure.rules.js';
import { dossierCodeFormatOn, ruleSetOn } from '../../rule-sets/rule-set.rules.js';
import { computeDue, countingStart } from '../../working-calendar/deadline.rules.js';
import { loadCalendar } from '../../working-calendar/use-cases/load-calendar.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { TIntakeInput } from '../dossier.contract.js';
import { planStepDues, procedureDuration } from '../dossier-deadline.rules.js';
import { formatDossierCode } from '../dossier-code.rules.js';
import { dossierErrors } from '../dossier.errors.js';
import { findByIdempotencyKey, appendAction, insertDossier, insertSteps, nextSequence, upsertApplicant, type StepPlan } from '../dossier.repo.js';
import { nationalStatusCode } from '../dossier.rules.js';
import { notifyApplicant, trackingUrl } from '../dossier.notify.js';
import { validateCccd } from '../../applicants/cccd.rules.js';
import { validateTaxCode } from '../../applicants/tax-code.rules.js';


/**
 * Intake at the one-stop desk (Nghị định 61/2018 Điều 17; Nghị định 118/2025 Điều 17): the officer records the dossier
 * and one outcome — accepted (a code, the due time and the receipt, Mẫu 01), incomplete (Mẫu 02) or refused (Mẫu 03).
 * The dossier keeps the rule-set and the procedure version in force today. A retried request with the same
 * idempotency key returns the first dossier. Everything is written in one transaction with its action.
 */
export async function receiveDossier(deps: { db: Db; clock: Clock; config: { publicUrl: string } }, actor: Actor, input: TIntakeInput): Promise<string> {
  const existing = await findByIdempotencyKey(deps.db, input.idempotencyKey);
  if (existing) return existing;
  const now = deps.clock.now();
  const today = vnDateOf(now);
  const [receiving, resolving] = await Promise.all([getUnit(deps.db, input.receivingUnitId), getUnit(deps.db, input.resolvingUnitId)]);
  if (!receiving || !resolving) throw commonErrors.notFound('Unit');
  if (!can(actor, 'dossiers.receive', receiving.path)) throw commonErrors.forbidden('dossiers.receive');
  if (receiving.validTo || resolving.validTo) throw dossierErrors.unitClosed();
  // Since 1 July 2025 any centre of the province receives for any competent unit of it (ND 118/2025).
  if (receiving.path.split('/')[1] !== resolving.path.split('/')[1]) throw dossierErrors.outOfProvince();
  const ruleSet = ruleSetOn(today);
  if (!ruleSet) throw dossierErrors.procedureClosed();

  const procedure = await getProcedure(deps.db, input.procedureId);
  if (!procedure) throw dossierErrors.procedureClosed();
  const versions = await listVersions(deps.db, procedure.id);
  const version = versionInForce(versions, today);
  if (!version || !acceptsDossiers(procedure, versions, today)) throw dossierErrors.procedureClosed();

  const identity =
    input.applicant.kind === 'citizen'
      ? validateCccd(input.applicant.idNumber, { birthDate: input.applicant.birthDate ?? undefined, today })
      : validateTaxCode(input.applicant.idNumber);
  if (!identity.ok) throw dossierErrors.badApplicant(identity.reasonVi);
  if (input.outcome !== 'accept' && !input.reason && input.missing.length === 0) throw dossierErrors.reasonRequired();
  if (input.outcome === 'accept' && version.content.eform && input.eform) {
    const problems = validateEform(version.id, version.content.eform, input.eform);
    if (problems.length > 0) throw dossierErrors.eformInvalid(problems);
  }

  const calendar = await loadCalendar(deps.db, resolving.path, { from: Number(today.slice(0, 4)), to: Number(today.slice(0, 4)) + 1 });
  const stepUnits = await Promise.all(version.content.steps.map((s) => (s.unitCode ? getUnitByCode(deps.db, s.unitCode) : Promise.resolve(null))));

  return withTransaction(deps.db, async (tx: Tx) => {
    // Two requests with one key racing past the first check: the unique index decides; the loser returns the winner.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [input.idempotencyKey]);
    const raced = await findByIdempotencyKey(tx, input.idempotencyKey);
    if (raced) return raced;
    const applicantId = await upsertApplicant(tx, input.applicant);
    const accepted = input.outcome === 'accept';
    let code: string | null = null;
    let countingFrom: Date | null = null;
    let dueAt: Date | null = null;
    let steps: StepPlan[] = [];
    if (accepted) {
      const seq = await nextSequence(tx, receiving.id, today);
      code = formatDossierCode({ format: 'unit-date-seq4', unitCode: receiving.code, date: today, seq });
      // Paper dossiers received after 15:00 count from the next working day (ND 61/2018 Điều 18 k2).
      const options = { paperCutoff: true };
      countingFrom = countingStart(now, calendar, options);
      dueAt = computeDue(now, procedureDuration(version.content.processingTime), calendar, options);
      const dues = planStepDues(countingFrom, version.content.steps.map((s) => s.workingDays), dueAt, calendar);
      steps = version.content.steps.map((s, i) => ({
        stepIndex: i,
        name: s.name,
        role: s.role,
        unitId: stepUnits[i]?.id ?? resolving.id,
        workingDays: s.workingDays,
        dueAt: dues[i] ?? dueAt,
      }));
    }
    const status = accepted ? 'received' : 'not_accepted';
    const id = await insertDossier(tx, {
      code,
      idempotencyKey: input.idempotencyKey,
      procedureId: procedure.id,
      procedureVersionId: version.id,
      procedureName: version.content.name,
      ruleSet: ruleSet.id,
      receivingUnitId: receiving.id,
      receivingPath: receiving.path,
      resolvingUnitId: resolving.id,
      resolvingPath: resolving.path,
      applicantId,
      applicant: input.applicant,
      channel: 'desk',
      status,
      nationalStatus: nationalStatusCode[status],
      stepCount: Math.max(1, steps.length || version.content.steps.length),
      submittedAt: now,
      receivedAt: accepted ? now : null,
      countingFrom,
      dueAt,
      resultDelivery: input.resultDelivery,
      feeVnd: input.feeVnd,
      documents: input.documents,
      eform: input.eform,
    });
    if (accepted) await insertSteps(tx, id, steps, now);
    await appendAction(tx, {
      dossierId: id,
      at: now,
      actorId: actor.userId,
      actorName: actor.fullName,
      action: accepted ? 'accept' : 'reject_intake',
      fromStatus: null,
      toStatus: status,
      stepIndex: accepted ? 0 : null,
      note: input.reason,
      data: { outcome: input.outcome, missing: input.missing, codeFormat: dossierCodeFormatOn(today) },
    });
    if (accepted && code && dueAt) {
      await notifyApplicant(tx, id, input.applicant, 'dossier.accepted', {
        dossierCode: code,
        procedureName: version.content.name,
        applicantName: input.applicant.fullName,
        unitName: receiving.name,
        trackingUrl: trackingUrl(deps.config.publicUrl, code),
        appointmentAt: dueAt,
      });
    }
    return id;
  });
}
