import { randomUUID } from 'node:crypto';
import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { requestFingerprint, sameRequest } from '../../../platform/idempotency.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { validateEform } from '../../procedures/eform.js';
import { feeLines, feeTotal } from '../../procedures/fee.rules.js';
import { acceptsDossiers, versionInForce } from '../../procedures/procedure.rules.js';
import { dossierCodeFormatOn, ruleSetOn } from '../../rule-sets/rule-set.rules.js';
import { calendarFromAdjustments } from '../../working-calendar/use-cases/load-calendar.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { TIntakeInput, TIntakeReceipt } from '../dossier.contract.js';
import { scheduleDossier, type PlannedStep } from '../dossier-deadline.rules.js';
import { codePlaceholder, dossierCodeTemplate } from '../dossier-code.rules.js';
import { dossierErrors } from '../dossier.errors.js';
import { loadIntakeContext, type ExistingIntake } from '../dossier-intake.repo.js';
import { statusLabels } from '../dossier.rules.js';
import { openDossier } from '../dossier.ledger.js';
import { applicantNotifications, trackingUrl } from '../dossier.notify.js';
import { checkApplicantId } from '../../applicants/applicant-id.rules.js';
import { getPayableDossier } from '../../payments/payment.repo.js';
import { payCashLocked } from '../../payments/use-cases/record-cash.js';

export type IntakeChannel = 'desk' | 'postal';

/**
 * Intake at the one-stop desk (Nghị định 61/2018 Điều 17; Nghị định 118/2025 Điều 17): the officer records the dossier
 * and one outcome — accepted (a code, the due time and the receipt, Mẫu 01), incomplete (Mẫu 02) or refused (Mẫu 03).
 * The dossier keeps the rule-set and the procedure version in force today. A retried request with the same
 * idempotency key returns the first dossier; another request under that key (another applicant, procedure, outcome…)
 * is refused (422 `DOSSIER.IDEMPOTENCY_KEY_REUSED`) and writes nothing. Everything is written in one transaction with
 * its action. Answers the receipt (`ZIntakeReceipt`: the code, the appointment, the names the desk hands over), from
 * what the intake knew.
 * `channel` 'postal' records a dossier the public postal service handed over (QĐ 45/2016 Điều 7): it counts as
 * submitted at the hand-over, which is now.
 * The fee is the procedure's own rule applied to this case (fee.rules.ts, the rule the portal shows): the desk never
 * types a sum of its own. A postal hand-over records what the post collected at the citizen's door (`collectedFeeVnd`).
 */
export async function receiveDossier(
  deps: { db: Db; clock: Clock; config: { publicUrl: string } },
  actor: Actor,
  input: Omit<TIntakeInput, 'paidCash'> & { paidCash?: boolean },
  options: { channel?: IntakeChannel; collectedFeeVnd?: number } = {},
): Promise<TIntakeReceipt> {
  const now = deps.clock.now();
  const today = vnDateOf(now);
  const year = Number(today.slice(0, 4));
  // Idempotency keys are the desk's own: another desk's key can neither collide with this one nor reveal its dossier.
  const idempotencyKey = deskIdempotencyKey(input.receivingUnitId, input.idempotencyKey);
  // What the request asks for, kept beside its key (the key and the desk are the key itself): the whole input as sent
  // — an exact retry sends it again — and the channel, so a desk key never answers for a postal hand-over.
  const { idempotencyKey: _key, receivingUnitId: _desk, ...asked } = input;
  const fingerprint = requestFingerprint({ ...asked, paidCash: input.paidCash ?? false, channel: options.channel ?? 'desk', collectedFeeVnd: options.collectedFeeVnd });
  const ctx = await loadIntakeContext(deps.db, { ...input, idempotencyKey, from: `${year}-01-01`, to: `${year + 1}-12-31` });
  const { receiving, resolving, procedure } = ctx;
  if (!receiving || !resolving) throw commonErrors.notFound('Unit');
  if (!can(actor, 'dossiers.receive', receiving.path)) throw commonErrors.forbidden('dossiers.receive');
  if (ctx.existing) {
    // Never the first dossier's receipt for another request: the desk would believe this one recorded.
    if (!sameRequest(ctx.existingFingerprint, fingerprint)) throw dossierErrors.idempotencyKeyReused(ctx.existing);
    return receiptOf(ctx.existing);
  }
  if (receiving.validTo || resolving.validTo) throw dossierErrors.unitClosed();
  // Since 1 July 2025 any centre of the province receives for any competent unit of it (ND 118/2025).
  if (receiving.path.split('/')[1] !== resolving.path.split('/')[1]) throw dossierErrors.outOfProvince();
  const ruleSet = ruleSetOn(today);
  if (!procedure) throw commonErrors.notFound('Procedure');
  if (!ruleSet) throw dossierErrors.procedureClosed();
  const version = versionInForce(ctx.versions, today);
  if (!version || !acceptsDossiers(procedure, ctx.versions, today)) throw dossierErrors.procedureClosed();

  const identity = checkApplicantId(input.applicant.kind, input.applicant.idNumber, { birthDate: input.applicant.birthDate ?? undefined, today });
  if (!identity.ok) throw dossierErrors.badApplicant(identity.reasonVi);
  const applicant = { ...input.applicant, idNumber: identity.idNumber };
  if (input.outcome !== 'accept' && !input.reason && input.missing.length === 0) throw dossierErrors.reasonRequired();
  if (input.outcome === 'accept' && version.content.eform && input.eform) {
    const problems = validateEform(version.id, version.content.eform, input.eform);
    if (problems.length > 0) throw dossierErrors.eformInvalid(problems);
  }

  const accepted = input.outcome === 'accept';
  // The one fee rule for these answers (the desk shows the same); a postal hand-over records what the post collected.
  const fee = feeTotal(feeLines(version.content.fees, { eform: input.eform, channel: 'desk' }));
  if (input.paidCash) {
    // Cash is taken with an accepted paper dossier only, and it is the fee the one rule computes for these answers.
    if (!accepted || (options.channel ?? 'desk') !== 'desk') throw dossierErrors.cashNotAccepted();
    if (fee === 0) throw dossierErrors.cashNoFee();
    if (input.feeVnd !== undefined && input.feeVnd !== fee) throw dossierErrors.cashAmount(fee);
  }
  // Paper dossiers received after 15:00 count from the next working day (ND 61/2018 Điều 18 k2).
  const schedule = accepted
    ? scheduleDossier(now, version.content, calendarFromAdjustments(ctx.adjustments, ctx.hours), (code) => (code ? ctx.stepUnits.get(code)?.id : undefined) ?? resolving.id, { paperCutoff: true })
    : null;
  const steps: PlannedStep[] = schedule?.steps ?? [];

  // One format decides both the number and what the action log records (TT 04/2025/TT-VPCP from 25/01/2026: the
  // sequence has at least 4 digits and is not capped at 9,999 a day).
  const format = dossierCodeFormatOn(today);
  const codeTemplate = dossierCodeTemplate({ format, unitCode: receiving.code, date: today });
  // The code is numbered inside the write; the notifications carry a stand-in of its length until then.
  const codeToken = codePlaceholder(codeTemplate, randomUUID());
  const notifications = schedule
    ? applicantNotifications(applicant, 'dossier.accepted', {
        dossierCode: codeToken,
        procedureName: version.content.name,
        applicantName: input.applicant.fullName,
        unitName: receiving.name,
        trackingUrl: trackingUrl(deps.config.publicUrl, codeToken),
        appointmentAt: schedule.dueAt,
      })
    : [];
  try {
    const opening = { channel: options.channel ?? 'desk', submittedAt: now.toISOString(), resultDelivery: input.resultDelivery, stepCount: Math.max(1, version.content.steps.length) } as const;
    const intakeFacts = { outcome: input.outcome, missing: input.missing, codeFormat: format };
    // Without cash, the intake is the single statement of openDossier, run on its own: PostgreSQL commits it as soon as
    // it ends (atomic like any statement), so the desk's day-counter and report-counter rows are locked for that
    // statement and its commit only, not for two more round trips (BEGIN, COMMIT) that every other intake at the desk
    // would wait for (issue 12). With cash, the payment joins it in one transaction.
    const write = async (tx: Queryable) => {
      const { id, code, state } = await openDossier(
        tx,
        {
          idempotencyKey,
          requestFingerprint: fingerprint,
          procedureId: procedure.id,
          procedureVersionId: version.id,
          procedureName: version.content.name,
          ruleSet: ruleSet.id,
          receivingUnitId: receiving.id,
          receivingPath: receiving.path,
          resolvingUnitId: resolving.id,
          resolvingPath: resolving.path,
          applicant,
          feeVnd: options.collectedFeeVnd ?? fee,
          documents: input.documents,
          eform: input.eform,
        },
        {
          at: now,
          actorId: actor.userId,
          actorName: actor.fullName,
          note: input.reason,
          event: schedule
            ? { type: 'accept', opening, ...intakeFacts, schedule: { code: null, receivedAt: now.toISOString(), countingFrom: schedule.countingFrom.toISOString(), dueAt: schedule.dueAt.toISOString(), stepCount: opening.stepCount, stepDues: steps.map((s) => s.dueAt?.toISOString() ?? null) } }
            : { type: 'reject_intake', opening, ...intakeFacts },
        },
        {
          numbering: accepted ? { unitId: receiving.id, day: today, ...codeTemplate } : null,
          steps,
          notices: { codeToken, items: notifications },
        },
      );
      // The fee received with the dossier: paid in the intake's transaction, receipt numbered (payments module).
      if (input.paidCash) await payCashLocked(tx, actor, (await getPayableDossier(tx, id, true))!, now);
      return receiptOf({
        id, code, status: state.status, procedureName: version.content.name, applicantName: input.applicant.fullName, resolvingUnitName: resolving.name,
        dueAt: state.dueAt, receivedAt: state.receivedAt,
      });
    };
    return input.paidCash ? await withTransaction(deps.db, write) : await write(deps.db);
  } catch (err) {
    // Two requests with one key raced past the check: the unique index decided; the loser returns the winner if it
    // asked the same, else it is refused like any other request reusing the key.
    const raced = isUniqueViolation(err, 'dossier_idempotency_key_key') ? await loadIntakeContext(deps.db, { ...input, idempotencyKey, from: today, to: today }) : null;
    if (raced?.existing) {
      if (!sameRequest(raced.existingFingerprint, fingerprint)) throw dossierErrors.idempotencyKeyReused(raced.existing);
      return receiptOf(raced.existing);
    }
    if (isSqlState(err, '22003')) throw dossierErrors.dayFull();
    throw err;
  }
}

/** The intake's receipt: the dossier as the intake left it, in the words the desk hands over. */
function receiptOf(d: ExistingIntake): TIntakeReceipt {
  return { ...d, statusLabel: statusLabels[d.status] };
}

/** The stored form of a desk's idempotency key: scoped to the receiving desk. */
export function deskIdempotencyKey(receivingUnitId: string, key: string): string {
  return `desk:${receivingUnitId}:${key}`;
}

function isSqlState(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === code;
}

function isUniqueViolation(err: unknown, constraint: string): boolean {
  return isSqlState(err, '23505') && (err as { constraint?: string }).constraint === constraint;
}
