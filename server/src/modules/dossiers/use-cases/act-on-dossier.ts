import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import type { Actor } from '../../identity/permissions.policy.js';
import type { ReturnMethod } from '../../notifications/notification.templates.js';
import { ruleSets } from '../../rule-sets/rule-set.rules.js';
import { loadCalendar } from '../../working-calendar/use-cases/load-calendar.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import { deliverResultsToStore } from '../../citizens/citizen.repo.js';
import type { TActionInput } from '../dossier.contract.js';
import { actionSpec } from '../dossier-actions.rules.js';
import { toStored, type DossierEvent, type LedgerState } from '../dossier-events.rules.js';
import { citizenTimeline, type TimelineContext } from '../dossier-timeline.rules.js';
import { dossierErrors } from '../dossier.errors.js';
import { recordEvent, StaleVersion, type Notices } from '../dossier.ledger.js';
import { applicantNotifications, trackingUrl } from '../dossier.notify.js';
import { channelChoiceOf } from '../../notifications/channel-preferences.repo.js';
import type { ChannelChoice } from '../../notifications/notification.contract.js';
import { actionsOpenTo, canAct, canRead } from '../dossier.policy.js';
import { lockDossierWithSteps, numberResultDocuments, readDossierForAction, type DossierRow, type NoticeRow, type StepRow } from '../dossier.repo.js';
import { applyAction, atDeskReturnStep, endsWithDeskReturn } from '../dossier.rules.js';
import { actionHandlers } from './actions/index.js';

export { forwardCandidates, listAssignees } from './list-assignees.js';

/**
 * One action on a dossier: the policy (who may, dossier.policy.ts), the state machine and the reason the action table
 * asks for are checked here, the action's own handler (actions/<action>.ts) checks the rest and names the event, and
 * the ledger writes it — row, steps, log, notifications — in one statement (with the results' numbers, in one
 * transaction). Only legal transitions happen; others get the allowed list back.
 */
export async function actOnDossier(deps: { db: Db; clock: Clock; config: { publicUrl: string } }, actor: Actor, dossierId: string, input: TActionInput): Promise<void> {
  const now = deps.clock.now();
  // An action that writes only its event (all but the approval and the return of a result, which number and deliver
  // the results too) needs no transaction: it reads the dossier in one snapshot and records the event in one statement
  // that writes only if the row is still the version read — two round trips instead of four (BEGIN, locked read, write,
  // COMMIT; issue 12), and no row lock held across the server's work. If another writer came between, it is decided
  // again under the lock, on what that writer left.
  if (input.action !== 'approve' && input.action !== 'return_result') {
    try {
      return await act(deps, actor, dossierId, input, now, deps.db, { lock: false });
    } catch (err) {
      if (!(err instanceof StaleVersion)) throw err;
    }
  }
  await withTransaction(deps.db, (tx) => act(deps, actor, dossierId, input, now, tx, { lock: true }));
}

async function act(deps: { config: { publicUrl: string } }, actor: Actor, dossierId: string, input: TActionInput, now: Date, q: Queryable, o: { lock: boolean }): Promise<void> {
  const locked = o.lock ? await lockDossierWithSteps(q, dossierId) : await readDossierForAction(q, dossierId);
  if (!locked) throw dossierErrors.notFound();
  // Read without the lock, the row and its steps are one snapshot: a stale state cannot occur, but is decided again if it does.
  if (!o.lock && !locked.ledger) throw new StaleVersion(dossierId);
  const { dossier: d, steps } = locked;
  const current = steps[d.stepIndex] ?? null;
  const scope = { receivingPath: d.receivingPath, resolvingPath: d.resolvingPath, interagencyPath: d.interagencyPath, step: current ? { role: current.role, unitPath: current.unitPath } : null };
  if (!canAct(actor, input.action, scope)) {
    // Outside the officer's sight the dossier does not exist (404, as a wrong id); in sight but not theirs to act: 403.
    throw canRead(actor, d) ? commonErrors.forbidden(`dossier.${input.action}`) : dossierErrors.notFound();
  }
  const ruleSet = ruleSets.find((r) => r.id === d.ruleSet)!;
  const outcome = applyAction(
    {
      status: d.status, stepIndex: d.stepIndex, stepCount: d.stepCount, supplementCount: d.supplementCount, apologyCount: d.apologyCount, maxApologies: ruleSet.maxReappointments,
      deskReturnStep: atDeskReturnStep(d, current), deskReturnLast: endsWithDeskReturn(steps),
    },
    input.action,
    { backTo: input.backTo },
  );
  // The refusal names what this officer may do now, not what someone else could (the desk's withdrawal to a leader).
  if (!outcome.ok) throw dossierErrors.actionNotAllowed(d.status, input.action, actionsOpenTo(actor, { ...scope, status: d.status, assigneeId: d.assigneeId, resultDelivery: d.resultDelivery }, outcome.allowed));
  const spec = actionSpec[input.action];
  if (spec.note === 'required' && !input.note) throw dossierErrors.reasonRequired();
  // Online intake is decided by accept-online.ts, desk intake by receive-dossier.ts.
  if (input.action === 'accept' || input.action === 'reject_intake') throw dossierErrors.actionNotAllowed(d.status, input.action, []);
  const year = Number(vnDateOf(now).slice(0, 4));
  // At the desk's own return step the result is finished here: first the step's end (the result is ready, the
  // finish classified, an online result delivered, as `approve` records it), then its return at the desk. A result
  // going by post stops at "ready": the post hands it out (postal/).
  const returningAtStep = input.action === 'return_result' && d.status === 'processing';
  if (returningAtStep) {
    const finished = noticeFacts(deps.config.publicUrl, locked);
    const byPost = d.resultDelivery === 'post';
    await recordEvent(
      q,
      dossierId,
      { at: now, actorId: actor.userId, actorName: actor.fullName, note: byPost ? input.note : null, event: { type: 'approve' } },
      { notices: finished && byPost ? (after) => noticesFor(finished, { type: 'approve' }, null, after, { at: now, actorName: actor.fullName, beforeStatus: d.status }) : undefined },
    );
    await numberResultDocuments(q, dossierId);
    await deliverResultsToStore(q, dossierId, now);
    if (byPost) return;
  }
  const event = await actionHandlers[input.action]({
    tx: q, now, actor, input, dossier: d, steps, next: outcome.state, ruleSet,
    calendar: () => loadCalendar(q, d.resolvingPath, { from: year - 1, to: year + 1 }),
  });
  // Nghị định 224/2026 Điều 15 k1g: every change of status is told at once, on the channels the citizen chose.
  const facts = spec.notifies || spec.to !== 'same' ? noticeFacts(deps.config.publicUrl, locked) : null;
  const told = { at: now, actorName: actor.fullName, beforeStatus: returningAtStep ? 'result_ready' : d.status };
  await recordEvent(
    q,
    dossierId,
    { at: now, actorId: actor.userId, actorName: actor.fullName, note: input.note, event },
    // The state locked at the start, unless an event was recorded since (the result returned at its step).
    {
      notices: facts ? (after) => noticesFor(facts, event, input.note, after, told) : undefined,
      locked: returningAtStep ? null : locked.ledger,
      ifVersion: o.lock ? undefined : locked.version,
    },
  );
  // A result going online reaches the citizen's document store as it is ready (ND 45/2020 Điều 14, 16).
  // Each result document has its number once approved (MaGiayToKetQua): the officer's, else one given now.
  if (input.action === 'approve') {
    await numberResultDocuments(q, dossierId);
    await deliverResultsToStore(q, dossierId, now);
  }
}

type NoticeFacts = {
  applicant: { fullName: string; email: string | null; phone: string | null };
  choice: ChannelChoice | null;
  facts: { dossierCode: string; procedureName: string; applicantName: string; unitName: string; trackingUrl: string };
  /** The steps' names, roles and units, to say a change as the citizen's timeline says it. */
  timeline: TimelineContext;
};

/** The notice's facts from what the action read with its lock (`lockDossierWithSteps`); none without a code yet. */
function noticeFacts(publicUrl: string, locked: { dossier: DossierRow; steps: StepRow[]; notice: NoticeRow }): NoticeFacts | null {
  const { dossier: d, notice: n } = locked;
  if (!d.code) return null;
  return {
    applicant: n.applicant,
    choice: channelChoiceOf(n.choice),
    facts: { dossierCode: d.code, procedureName: n.procedureName, applicantName: n.applicant.fullName, unitName: n.receivingUnitName, trackingUrl: trackingUrl(publicUrl, d.code) },
    timeline: { receivingUnitName: n.receivingUnitName, steps: locked.steps.map((s) => ({ name: s.name, role: s.role, unitName: s.unitName })) },
  };
}

/** The applicant hears of what concerns them (the `notifies` column of the action table), with the dossier as it now is. */
function noticesFor(n: NoticeFacts, event: DossierEvent, note: string | null, after: LedgerState, told: { at: Date; actorName: string; beforeStatus: string }): Notices {
  const { applicant, facts, choice } = n;
  switch (event.type) {
    case 'request_supplement':
      return { items: applicantNotifications(applicant, 'dossier.supplementation-requested', { ...facts, missing: [note ?? ''] }, choice) };
    case 'apologise':
      return { items: applicantNotifications(applicant, 'dossier.apology', { ...facts, previousAppointmentAt: new Date(event.previousDueAt), newAppointmentAt: new Date(event.newDueAt), reason: note ?? '' }, choice) };
    case 'approve':
      return { items: applicantNotifications(applicant, 'dossier.result-ready', { ...facts, returnMethod: after.resultDelivery as ReturnMethod }, choice) };
    case 'refuse':
      return { items: applicantNotifications(applicant, 'dossier.refused', { ...facts, reason: note ?? '' }, choice) };
    default: {
      // Any other change of status, or of step as the dossier moves on, in the words of the citizen's timeline.
      if (after.status === told.beforeStatus && event.type !== 'forward') return { items: [] };
      const stored = toStored(event);
      const [item] = citizenTimeline(
        [{ at: told.at, action: stored.action, actorName: told.actorName, stepIndex: after.receivedAt ? after.stepIndex : null, note: null, data: stored.data, toStatus: after.status }],
        n.timeline,
      );
      return item ? { items: applicantNotifications(applicant, 'dossier.status-changed', { ...facts, what: item.text }, choice) } : { items: [] };
    }
  }
}
