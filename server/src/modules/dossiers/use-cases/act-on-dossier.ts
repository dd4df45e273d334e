import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import { notifyApplicant, trackingUrl } from '../dossier.notify.js';
import type { ReturnMethod } from '../../notifications/notification.templates.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { officersAround } from '../../identity/identity.repo.js';
import type { TStaffRole } from '../../procedures/procedure.contract.js';
import { ruleSets } from '../../rule-sets/rule-set.rules.js';
import { classifyFinish, computeDue, countingStart } from '../../working-calendar/deadline.rules.js';
import { loadCalendar } from '../../working-calendar/use-cases/load-calendar.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { TActionInput } from '../dossier.contract.js';
import { checkApology, planStepDues, procedureDuration } from '../dossier-deadline.rules.js';
import { dossierErrors } from '../dossier.errors.js';
import { canAct } from '../dossier.policy.js';
import { getDossierRow, listSteps, lockDossierWithSteps, updateDossierWithAction } from '../dossier.repo.js';
import { applyAction, nationalStatusCode } from '../dossier.rules.js';
import { getVersion } from '../../procedures/procedure.repo.js';
import { getUnit } from '../../org-units/unit.repo.js';
import { deliverResultsToStore } from '../../citizens/citizen.repo.js';

/**
 * One action on a dossier (forward, send back, supplementation, apology, approval, return, withdrawal, stop, refusal):
 * checked against the state machine and the actor's role at the current step, then the action log, the read index
 * and the steps are written in one transaction. Only legal transitions happen; others get the allowed list back.
 */
export async function actOnDossier(deps: { db: Db; clock: Clock; config: { publicUrl: string } }, actor: Actor, dossierId: string, input: TActionInput): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.db, async (tx) => {
    const locked = await lockDossierWithSteps(tx, dossierId);
    if (!locked) throw dossierErrors.notFound();
    const { dossier: d, steps } = locked;
    const current = steps[d.stepIndex] ?? null;
    if (!canAct(actor, input.action, { receivingPath: d.receivingPath, resolvingPath: d.resolvingPath, interagencyPath: d.interagencyPath, step: current ? { role: current.role, unitPath: current.unitPath } : null })) {
      throw commonErrors.forbidden(`dossier.${input.action}`);
    }
    const ruleSet = ruleSets.find((r) => r.id === d.ruleSet)!;
    const outcome = applyAction(
      { status: d.status, stepIndex: d.stepIndex, stepCount: d.stepCount, supplementCount: d.supplementCount, apologyCount: d.apologyCount, maxApologies: ruleSet.maxReappointments },
      input.action,
      { backTo: input.backTo },
    );
    if (!outcome.ok) throw dossierErrors.actionNotAllowed(d.status, input.action, outcome.allowed);
    const next = outcome.state;
    // The apology letter states its reason (ND 61/2018 Điều 19 k9), like a refusal or a supplementation request.
    if (['request_supplement', 'refuse', 'stop', 'send_back', 'apologise'].includes(input.action) && !input.note) throw dossierErrors.reasonRequired();

    const year = Number(vnDateOf(now).slice(0, 4));
    // Only the actions that move a date read the working calendar.
    const loadUnitCalendar = () => loadCalendar(tx, d.resolvingPath, { from: year - 1, to: year + 1 });
    const set: Record<string, unknown> = {};
    /** Finishes step `finish` (classified against its own due time) and/or starts step `start`, in one statement. */
    const moveSteps = async (finish: number | null, start: number | null) => {
      const due = finish === null ? null : steps[finish]?.dueAt;
      const cls = due ? classifyFinish(now, due) : null;
      await tx.query(
        `UPDATE dossier_step SET
           finished_at = CASE WHEN step_index = $2 THEN $4::timestamptz WHEN step_index = $3 THEN NULL ELSE finished_at END,
           finish_class = CASE WHEN step_index = $2 THEN $5 WHEN step_index = $3 THEN NULL ELSE finish_class END,
           started_at = CASE WHEN step_index = $3 THEN $4::timestamptz ELSE started_at END,
           assignee_id = CASE WHEN step_index = $3 THEN NULL ELSE assignee_id END
         WHERE dossier_id = $1 AND step_index IN ($2, $3)`,
        [dossierId, finish ?? -1, start ?? -1, now, cls],
      );
    };
    let data: Record<string, unknown> | undefined;

    switch (input.action) {
      case 'claim':
        set.assignee_id = actor.userId;
        await tx.query(`UPDATE dossier_step SET assignee_id = $3 WHERE dossier_id = $1 AND step_index = $2`, [dossierId, d.stepIndex, actor.userId]);
        break;
      case 'assign': {
        const assignee = current ? (await stepOfficers(tx, d, current)).find((o) => o.userId === input.assigneeId) : undefined;
        if (!assignee) throw dossierErrors.assignee();
        set.assignee_id = assignee.userId;
        await tx.query(`UPDATE dossier_step SET assignee_id = $3 WHERE dossier_id = $1 AND step_index = $2`, [dossierId, d.stepIndex, assignee.userId]);
        data = { assigneeId: assignee.userId, assigneeName: assignee.fullName };
        break;
      }
      case 'forward':
        await moveSteps(d.stepIndex, next.stepIndex);
        set.assignee_id = null;
        break;
      case 'send_back':
        await moveSteps(null, next.stepIndex);
        set.assignee_id = null;
        break;
      case 'transfer': {
        const target = input.targetUnitId ? await getUnit(tx, input.targetUnitId) : null;
        if (!target || target.validTo) throw dossierErrors.transferTarget();
        if (d.resolvingPath.startsWith(target.path) || target.path.startsWith(d.resolvingPath)) throw dossierErrors.transferTarget();
        set.interagency_unit_id = target.id;
        set.interagency_path = target.path;
        data = { targetUnitId: target.id, targetUnitName: target.name };
        break;
      }
      case 'transfer_back':
        set.interagency_unit_id = null;
        set.interagency_path = null;
        break;
      case 'request_supplement': {
        // Within 3 working days from receipt (ND 61/2018 Điều 19 k4); later, the agency refuses or apologises instead.
        const calendar = await loadUnitCalendar();
        const since = d.countingFrom ?? d.receivedAt;
        if (since && calendar.workingMinutesBetween(since, now) > ruleSet.supplementWindowWorkingDays * calendar.workingDayMinutes) {
          throw dossierErrors.supplementWindow(ruleSet.supplementWindowWorkingDays);
        }
        set.paused_at = now;
        set.supplemented_at = null;
        break;
      }
      case 'supplement_received': {
        // The legal time restarts once the dossier is complete again (ND 61/2018 Điều 19 k4); the wait is recorded.
        const calendar = await loadUnitCalendar();
        if (d.pausedAt) set.paused_minutes = d.pausedMinutes + calendar.workingMinutesBetween(d.pausedAt, now);
        set.paused_at = null;
        set.supplemented_at = null;
        const version = (await getVersion(tx, d.procedureVersionId))!;
        const options = { paperCutoff: true };
        const from = countingStart(now, calendar, options);
        const due = computeDue(now, procedureDuration(version.content.processingTime), calendar, options);
        set.counting_from = from;
        set.due_at = due;
        const remaining = steps.slice(d.stepIndex);
        const dues = planStepDues(from, remaining.map((s) => Number(s.workingDays)), due, calendar);
        for (const [i, s] of remaining.entries()) {
          await tx.query(`UPDATE dossier_step SET due_at = $3 WHERE dossier_id = $1 AND step_index = $2`, [dossierId, s.stepIndex, dues[i]]);
        }
        data = { waitedWorkingMinutes: d.pausedAt ? calendar.workingMinutesBetween(d.pausedAt, now) : 0, newDueAt: due.toISOString() };
        break;
      }
      case 'apologise': {
        if (!input.newDueAt || !d.dueAt) throw dossierErrors.apology('Cần ngày hẹn trả kết quả mới.');
        const calendar = await loadUnitCalendar();
        const newDue = new Date(input.newDueAt);
        const check = checkApology(now, d.dueAt, newDue, calendar, ruleSet.apologyLeadWorkingDays);
        if (!check.ok) throw dossierErrors.apology(check.reasonVi);
        set.original_due_at = d.originalDueAt ?? d.dueAt;
        set.due_at = newDue;
        await tx.query(`UPDATE dossier_step SET due_at = $2 WHERE dossier_id = $1 AND step_index = (SELECT max(step_index) FROM dossier_step WHERE dossier_id = $1)`, [dossierId, newDue]);
        data = { previousDueAt: d.dueAt.toISOString(), newDueAt: newDue.toISOString() };
        break;
      }
      case 'approve':
        await moveSteps(d.stepIndex, null);
        set.finished_at = now;
        set.finish_class = d.dueAt ? classifyFinish(now, d.dueAt) : null;
        break;
      case 'return_result':
        // A result sent by post is with the postal service: the desk hands it out only once it has come back.
        if (d.resultDelivery === 'post') throw dossierErrors.resultByPost();
        set.returned_at = now;
        data = { receivedBy: input.receivedBy ?? null };
        break;
      case 'withdraw':
      case 'stop':
      case 'refuse':
        set.finished_at = now;
        break;
      case 'accept':
      case 'reject_intake':
        // Online intake is decided by use-cases/accept-online.ts; desk intake goes through receiveDossier.
        throw dossierErrors.actionNotAllowed(d.status, input.action, []);
    }
    set.status = next.status;
    set.national_status = nationalStatusCode[next.status];
    set.step_index = next.stepIndex;
    set.supplement_count = next.supplementCount;
    set.apology_count = next.apologyCount;
    await updateDossierWithAction(tx, dossierId, set, {
      at: now,
      actorId: actor.userId,
      actorName: actor.fullName,
      action: input.action,
      fromStatus: d.status,
      toStatus: next.status,
      stepIndex: next.stepIndex,
      note: input.note,
      data,
    });
    // A result going online reaches the citizen's document store as it is ready (ND 45/2020 Điều 14, 16).
    if (input.action === 'approve') await deliverResultsToStore(tx, dossierId, now);
    if (notifyingActions.includes(input.action)) await notifyFor(tx, deps.config.publicUrl, dossierId, input, d.dueAt, now);
  });
}

/** For the head assigning the current step: who may be given it. Only someone who may assign may list them. */
export async function listAssignees(deps: { db: Db }, actor: Actor, dossierId: string): Promise<{ userId: string; fullName: string; username: string }[]> {
  const d = await getDossierRow(deps.db, dossierId);
  if (!d) throw dossierErrors.notFound();
  const steps = await listSteps(deps.db, dossierId);
  const current = steps[d.stepIndex];
  const scope = { receivingPath: d.receivingPath, resolvingPath: d.resolvingPath, interagencyPath: d.interagencyPath, step: current ? { role: current.role, unitPath: current.unitPath } : null };
  if (!current || !canAct(actor, 'assign', scope)) throw commonErrors.forbidden('dossier.assign');
  return (await stepOfficers(deps.db, d, current)).map((o) => ({ userId: o.userId, fullName: o.fullName, username: o.username }));
}

/** The officers who may take the dossier's current step: those the policy lets claim it. */
export async function stepOfficers(q: Queryable, d: { receivingPath: string; resolvingPath: string; interagencyPath: string | null }, step: { role: string; unitPath: string }): Promise<Actor[]> {
  const scope = { receivingPath: d.receivingPath, resolvingPath: d.resolvingPath, interagencyPath: d.interagencyPath, step };
  const around = step.role === 'desk_officer' ? d.receivingPath : step.unitPath;
  const candidates = await officersAround(q, around, [step.role as TStaffRole, 'head', 'leader']);
  return candidates.filter((o) => canAct(o, 'claim', scope));
}

const notifyingActions: TActionInput['action'][] = ['request_supplement', 'apologise', 'approve', 'refuse'];

/** The applicant hears of what concerns them: supplementation, apology and new date, result ready, refusal. */
async function notifyFor(tx: Queryable, publicUrl: string, dossierId: string, input: TActionInput, previousDue: Date | null, now: Date): Promise<void> {
  const { rows } = await tx.query<{ code: string; procedureName: string; applicant: { fullName: string; email: string | null; phone: string | null }; unitName: string; dueAt: Date; resultDelivery: ReturnMethod }>(
    `SELECT d.code, d.procedure_name AS "procedureName", d.applicant, u.name AS "unitName", d.due_at AS "dueAt", d.result_delivery AS "resultDelivery"
       FROM dossier d JOIN unit u ON u.id = d.receiving_unit_id WHERE d.id = $1`,
    [dossierId],
  );
  const d = rows[0];
  if (!d?.code) return;
  const facts = { dossierCode: d.code, procedureName: d.procedureName, applicantName: d.applicant.fullName, unitName: d.unitName, trackingUrl: trackingUrl(publicUrl, d.code) };
  switch (input.action) {
    case 'request_supplement':
      return notifyApplicant(tx, dossierId, d.applicant, 'dossier.supplementation-requested', { ...facts, missing: [input.note ?? ''] }, now);
    case 'apologise':
      return notifyApplicant(tx, dossierId, d.applicant, 'dossier.apology', { ...facts, previousAppointmentAt: previousDue ?? d.dueAt, newAppointmentAt: d.dueAt, reason: input.note ?? '' }, now);
    case 'approve':
      return notifyApplicant(tx, dossierId, d.applicant, 'dossier.result-ready', { ...facts, returnMethod: d.resultDelivery }, now);
    case 'refuse':
      return notifyApplicant(tx, dossierId, d.applicant, 'dossier.refused', { ...facts, reason: input.note ?? '' }, now);
    default:
      return;
  }
}
