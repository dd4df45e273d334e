import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db, type Queryable, type Tx } from '../../../platform/database.js';
import { commonErrors } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import type { WorkingCalendar } from '../../working-calendar/calendar.rules.js';
import { deadlineState } from '../../working-calendar/deadline.rules.js';
import { loadCalendar } from '../../working-calendar/use-cases/load-calendar.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { TClassifyInput, TStaffItem } from '../feedback.contract.js';
import { feedbackErrors } from '../feedback.errors.js';
import { feedbackMessages, listSentMessages, notifySender, type FeedbackMessage } from '../feedback.notify.js';
import { canActOn, canReadItem } from '../feedback.policy.js';
import { renderRoutingLetter } from './routing-letter.js';
import { appendEvent, clockSettingsFor, findFeedback, findFile, listEvents, listFiles, updateFeedback, type FeedbackPatch, type FeedbackRow } from '../feedback.repo.js';
import {
  allowedActions,
  complaintHint,
  answerDue,
  personalHints,
  currentDue,
  isAllowed,
  needsTarget,
  ownDraftBlocks,
  targetProblem,
  publicText,
  REDACTION_VERSION,
  publicationDue,
  statusAfterClassification,
  statusLabels,
  type ClockSettings,
  type FeedbackAction,
  type FeedbackStatus,
} from '../feedback.rules.js';

type Deps = { db: Db; clock: Clock };
export type Step = {
  patch: FeedbackPatch;
  toStatus: FeedbackStatus;
  note: string | null;
  /** Whether the step met its legal deadline (null when it has none); a late step counts against QĐ 766 indicator 5.2. */
  onTime: boolean | null;
  notify?: FeedbackMessage;
  /** More for the audit row than the patch says (who wrote the draft a leader approved or returned: four eyes). */
  audit?: Record<string, unknown>;
};
export type StepContext = { row: FeedbackRow; now: Date; tx: Tx; calendar: () => Promise<WorkingCalendar>; settings: () => Promise<ClockSettings> };
export type StepActor = { id: string | null; name: string };

export async function calendarAt(q: Queryable, unitPath: string, now: Date): Promise<WorkingCalendar> {
  const year = Number(vnDateOf(now).slice(0, 4));
  return loadCalendar(q, unitPath, { from: year - 1, to: year + 1 });
}

/**
 * One step on an item, in one transaction: lock the row, check the status allows the action (the allowed actions are
 * listed otherwise), apply the step, and write the history, the audit row and the message to the sender with it.
 * `authorise` runs on the locked row; an item the caller may not read looks absent.
 */
export async function applyStep(
  deps: Deps,
  who: StepActor | ((row: FeedbackRow) => StepActor),
  where: { id?: string; code?: string },
  action: FeedbackAction,
  authorise: (row: FeedbackRow) => void,
  step: (c: StepContext) => Promise<Step>,
): Promise<FeedbackRow> {
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const row = await findFeedback(tx, where, true);
    if (!row) throw feedbackErrors.notFound();
    authorise(row);
    const actor = typeof who === 'function' ? who(row) : who;
    if (!isAllowed(row.status, action)) throw feedbackErrors.actionNotAllowed(row.status, allowedActions[row.status]);
    const s = await step({ row, now, tx, calendar: () => calendarAt(tx, row.unitPath, now), settings: () => clockSettingsFor(tx, row.unitPath) });
    await updateFeedback(tx, row.id, { ...s.patch, status: s.toStatus }, now, s.onTime === false);
    await appendEvent(tx, { feedbackId: row.id, at: now, actorId: actor.id, actorName: actor.name, action, fromStatus: row.status, toStatus: s.toStatus, note: s.note, onTime: s.onTime });
    await recordAudit(tx, { at: now, actorId: actor.id, actorName: actor.name, action: `feedback.${action}`, entity: 'feedback', entityId: row.id, before: { status: row.status, unitId: row.unitId }, after: { status: s.toStatus, ...s.patch, ...s.audit },
      // A transfer concerns the unit it leaves and the one it reaches; the receiving unit keeps reading it too.
      unitPaths: [row.unitPath, row.receivingPath, ...(typeof s.patch.unitPath === 'string' ? [s.patch.unitPath] : [])] });
    if (s.notify) await notifySender(tx, row, s.notify, now);
    return (await findFeedback(tx, { id: row.id }))!;
  });
}

function staffGuard(actor: Actor, action: StaffAction) {
  return (row: FeedbackRow) => {
    if (!canReadItem(actor, row.unitPath, row.receivingPath)) throw feedbackErrors.notFound();
    if (canActOn(actor, action, row.unitPath)) {
      if (ownDraftBlocks(action, row.handlerId, actor.userId)) throw feedbackErrors.ownDraft();
      return;
    }
    if (action === 'approve' || action === 'return') throw feedbackErrors.notApprover();
    if (action === 'resume') throw feedbackErrors.notHead();
    throw commonErrors.forbidden(`feedback.${action}`);
  };
}
const who = (actor: Actor): StepActor => ({ id: actor.userId, name: actor.fullName });
const by = (due: Date | null, now: Date) => (due ? now.getTime() <= due.getTime() : null);

/**
 * Classifies a received item into the classes of Nghị định 20/2008 Điều 9, or recognises a complaint or denunciation
 * and routes it out with a letter saying where it goes. A transfer (conduct of an officer, outside competence) moves
 * the item to the competent unit, where the answer clock starts again; it is on time within 5 working days.
 */
export async function classifyFeedback(deps: Deps, actor: Actor, id: string, input: TClassifyInput): Promise<FeedbackRow> {
  return applyStep(deps, who(actor), { id }, 'classify', staffGuard(actor, 'classify'), async ({ row, now, tx }) => {
    const c = input.classification;
    const to = statusAfterClassification(c);
    const base: FeedbackPatch = { classification: c, classifiedAt: now, decisionNote: input.note };
    const problem = targetProblem(c, input.targetUnitId);
    if (problem === 'required') throw feedbackErrors.targetRequired();
    if (problem === 'not_allowed') throw feedbackErrors.targetNotAllowed();
    if (c === 'refused' || c === 'complaint' || c === 'denunciation') {
      if (!input.note) throw feedbackErrors.reasonRequired();
      // A complaint or denunciation gets the letter saying where it goes as a PDF with the e-mail (NĐ 20/2008 Điều 9).
      const notify =
        c === 'refused'
          ? feedbackMessages.refused(row.code, input.note)
          : { ...feedbackMessages.routedOut(row.code, input.note), attachments: [await renderRoutingLetter(tx, row, c, input.note, actor.fullName, now)] };
      return { patch: { ...base, closedAt: now }, toStatus: to, note: input.note, onTime: by(row.refuseDueAt, now), notify };
    }
    if (needsTarget(c) && input.targetUnitId) {
      const target = await getUnit(tx, input.targetUnitId);
      if (!target || target.validTo !== null) throw feedbackErrors.unitNotFound();
      if (target.id === row.unitId) throw feedbackErrors.sameUnit();
      const due = answerDue(now, await calendarAt(tx, target.path, now), await clockSettingsFor(tx, target.path));
      return {
        patch: { ...base, unitId: target.id, unitPath: target.path, transferredAt: now, answerDueAt: due, handlerId: null, handlerName: null },
        toStatus: to,
        note: `Chuyển đến ${target.name}${input.note ? `: ${input.note}` : ''}`,
        onTime: by(row.transferDueAt, now),
        notify: feedbackMessages.transferred(row.code, target.name, due),
      };
    }
    return { patch: base, toStatus: to, note: input.note, onTime: null };
  });
}

/** Asks the sender for more information (QĐ 766: within 5 working days of receipt); the answer clock waits for it. */
export async function requestInfo(deps: Deps, actor: Actor, id: string, question: string): Promise<FeedbackRow> {
  return applyStep(deps, who(actor), { id }, 'request_info', staffGuard(actor, 'request_info'), async ({ row, now }) => ({
    patch: { infoRequestedAt: now, decisionNote: question },
    toStatus: 'awaiting_info',
    note: question,
    onTime: by(row.infoDueAt, now),
    notify: feedbackMessages.infoRequested(row.code, question),
  }));
}

/** The handler drafts (or rewrites) the answer; it goes to a leader of the unit for approval. */
export async function draftAnswer(deps: Deps, actor: Actor, id: string, text: string): Promise<FeedbackRow> {
  return applyStep(deps, who(actor), { id }, 'draft', staffGuard(actor, 'draft'), async () => ({
    patch: { answerDraft: text, handlerId: actor.userId, handlerName: actor.fullName },
    toStatus: 'drafted',
    note: null,
    onTime: null,
  }));
}

/** A leader sends the draft back to the handler with a reason. */
export async function returnDraft(deps: Deps, actor: Actor, id: string, reason: string): Promise<FeedbackRow> {
  return applyStep(deps, who(actor), { id }, 'return', staffGuard(actor, 'return'), async ({ row }) => ({
    patch: { decisionNote: reason },
    toStatus: 'handling',
    note: reason,
    onTime: null,
    audit: { draftedBy: row.handlerId, draftedByName: row.handlerName },
  }));
}

/**
 * A leader approves the answer: it is sent to the sender by their channel (e-mail, SMS, and always on the portal) and the
 * publication clock starts (QĐ 766: published within 2 working days). On time when answered within the answer clock.
 */
export async function approveAnswer(deps: Deps, actor: Actor, id: string): Promise<FeedbackRow> {
  return applyStep(deps, who(actor), { id }, 'approve', staffGuard(actor, 'approve'), async ({ row, now, calendar, settings }) => {
    const answer = row.answerDraft ?? '';
    // A new answer (after a reopening) is rated afresh: the sender rates the latest answer and QĐ 766 indicator 5.3
    // counts that rating; the earlier one stays in the item's history (its `rate` event).
    const freshRating = row.rating === null ? {} : { rating: null, ratingComment: null, ratedAt: null };
    return {
      patch: { answerText: answer, answeredAt: now, approvedBy: actor.userId, publishDueAt: publicationDue(now, await calendar(), await settings()), ...freshRating },
      toStatus: 'answered',
      note: null,
      onTime: by(row.answerDueAt, now),
      notify: feedbackMessages.answered(row.code, answer),
      audit: { draftedBy: row.handlerId, draftedByName: row.handlerName },
    };
  });
}

/** The item as the public register shows it: subject, content and answer with personal data removed (unless agreed). */
export function publicVersion(row: FeedbackRow): { subject: string; content: string; answer: string } {
  const personal = { name: row.senderName, address: row.senderAddress, phone: row.senderPhone, email: row.senderEmail };
  return {
    subject: publicText(row.subject, personal, row.consentPublishIdentity),
    content: publicText(row.content, personal, row.consentPublishIdentity),
    // Before approval the draft is what would be sent and published: the leader reads its public form.
    answer: publicText(row.answerText ?? row.answerDraft ?? '', personal, row.consentPublishIdentity, 'office'),
  };
}

/** Publishes the answered item in the public register, without the sender's personal data unless they agreed. */
export async function publishAnswer(deps: Deps, actor: Actor, id: string): Promise<FeedbackRow> {
  return applyStep(deps, who(actor), { id }, 'publish', staffGuard(actor, 'publish'), async ({ row, now }) => {
    const shown = publicVersion(row);
    return {
      patch: { publishedAt: now, closedAt: now, publicSubject: shown.subject, publicContent: shown.content, publicAnswer: shown.answer, redactionVersion: REDACTION_VERSION },
      toStatus: 'published',
      note: null,
      onTime: by(row.publishDueAt, now),
    };
  });
}

/** A head (or leader) gives a reopened item back to handling; the answer clock restarted when it was reopened. */
export async function resumeFeedback(deps: Deps, actor: Actor, id: string, note: string | null): Promise<FeedbackRow> {
  return applyStep(deps, who(actor), { id }, 'resume', staffGuard(actor, 'resume'), async () => ({ patch: { handlerId: null, handlerName: null }, toStatus: 'handling', note, onTime: null }));
}

/**
 * An attachment of an item, to an officer who may read the item (the same scope as staffView: another unit's officer
 * is told it does not exist); the file as stored, with the media type found from its content at upload.
 */
export async function staffFile(deps: Deps, actor: Actor, id: string, sha256: string): Promise<{ sha256: string; fileName: string; mediaType: string }> {
  const row = await findFeedback(deps.db, { id });
  if (!row || !canReadItem(actor, row.unitPath, row.receivingPath)) throw feedbackErrors.notFound();
  const file = await findFile(deps.db, row.id, sha256);
  if (!file) throw feedbackErrors.notFound();
  return file;
}

/** The item as an officer in scope sees it, with its deadline state and the actions this officer may take now. */
export async function staffView(deps: Deps, actor: Actor, id: string): Promise<TStaffItem> {
  const row = await findFeedback(deps.db, { id });
  if (!row || !canReadItem(actor, row.unitPath, row.receivingPath)) throw feedbackErrors.notFound();
  const now = deps.clock.now();
  const [events, files, messages] = await Promise.all([listEvents(deps.db, row.id), listFiles(deps.db, row.id), listSentMessages(deps.db, row.id)]);
  return {
    ...toStaffItem(actor, row, await dueStateOf(deps.db, row, now), events, files),
    messages: messages.map(({ templateKey: _k, sentAt: _s, ...m }) => m),
  };
}

export async function dueStateOf(q: Queryable, row: FeedbackRow, now: Date, calendar?: WorkingCalendar) {
  const due = currentDue(row.status, row);
  if (!due) return { dueAt: null, dueState: null };
  const cal = calendar ?? (await calendarAt(q, row.unitPath, now));
  return { dueAt: due, dueState: deadlineState(now, due, cal, cal.workingDayMinutesOn(now)) };
}

type StaffAction = Exclude<FeedbackAction, 'rate' | 'reopen' | 'supply_info'>;
const senderActions: readonly FeedbackAction[] = ['rate', 'reopen', 'supply_info'];

/**
 * The steps this officer may take on the item now: allowed by its status and by the same policy the API applies
 * (feedback.policy.ts canActOn), so the console never offers a button the API would refuse.
 */
export function staffActionsFor(actor: Actor, row: Pick<FeedbackRow, 'status' | 'unitPath' | 'handlerId'>): StaffAction[] {
  return policyActions(actor, row).filter((a) => !ownDraftBlocks(a, row.handlerId, actor.userId));
}

function policyActions(actor: Actor, row: Pick<FeedbackRow, 'status' | 'unitPath'>): StaffAction[] {
  return (allowedActions[row.status] as readonly FeedbackAction[]).filter((a): a is StaffAction => !senderActions.includes(a) && canActOn(actor, a as StaffAction, row.unitPath));
}

/** The steps this officer's role would allow but four eyes does not (their own draft), with why, for the console to say. */
function blockedActionsFor(actor: Actor, row: Pick<FeedbackRow, 'status' | 'unitPath' | 'handlerId'>): TStaffItem['blockedActions'] {
  return policyActions(actor, row)
    .filter((a) => ownDraftBlocks(a, row.handlerId, actor.userId))
    .map((action) => ({ action, reason: feedbackErrors.ownDraft().messageVi, reasonEn: feedbackErrors.ownDraft().messageEn }));
}

/** The public form of a drafted or answered item and what still looks personal in it (for the approving leader). */
function previewOf(row: FeedbackRow): Pick<TStaffItem, 'publicPreview' | 'personalHints'> {
  if (row.status !== 'drafted' && row.status !== 'answered') return { publicPreview: null, personalHints: [] };
  const preview = publicVersion(row);
  return { publicPreview: preview, personalHints: personalHints(`${preview.subject}\n${preview.content}\n${preview.answer}`, Number(vnDateOf(row.receivedAt).slice(0, 4))) };
}

export function toStaffItem(
  actor: Actor,
  row: FeedbackRow,
  due: { dueAt: Date | null; dueState: TStaffItem['dueState'] },
  events: TStaffItem['events'],
  files: TStaffItem['files'],
): TStaffItem {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    category: row.category,
    channel: row.channel,
    status: row.status,
    statusLabel: statusLabels[row.status].vi,
    classification: row.classification,
    unitId: row.unitId,
    unitName: row.unitName,
    receivingUnitName: row.receivingUnitName,
    procedureName: row.procedureName,
    dossierCode: row.dossierCode,
    officerName: row.officerName,
    subject: row.subject,
    content: row.content,
    sender: { name: row.senderName, address: row.senderAddress, phone: row.senderPhone, email: row.senderEmail, signedIn: row.citizenId !== null },
    consentPublishIdentity: row.consentPublishIdentity,
    place: { latitude: row.latitude, longitude: row.longitude, address: row.placeAddress },
    receivedAt: row.receivedAt,
    refuseDueAt: row.refuseDueAt,
    answerDueAt: row.answerDueAt,
    publishDueAt: row.publishDueAt,
    ...due,
    lateSteps: row.lateSteps,
    handlerName: row.handlerName,
    decisionNote: row.decisionNote,
    answerDraft: row.answerDraft,
    answerText: row.answerText,
    publicAnswer: row.publicAnswer,
    ...previewOf(row),
    rating: row.rating,
    complaintHint: row.status === 'received' ? complaintHint(`${row.subject}\n${row.content}`) : null,
    reopenReason: row.reopenReason,
    allowedActions: staffActionsFor(actor, row),
    blockedActions: blockedActionsFor(actor, row),
    files,
    events,
  };
}
