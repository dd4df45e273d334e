import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { ruleSets } from '../../rule-sets/rule-set.rules.js';
import { deadlineState } from '../../working-calendar/deadline.rules.js';
import { calendarFromAdjustments } from '../../working-calendar/use-cases/load-calendar.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { TDossier } from '../dossier.contract.js';
import { dossierErrors } from '../dossier.errors.js';
import { actionsOpenTo, canRead } from '../dossier.policy.js';
import { getDossierView, type HistoryView } from '../dossier.repo.js';
import { apologyAvailability, dossierDeadlineState, dueSoonUntil } from '../dossier-deadline.rules.js';
import { undoableUntil } from './undo-forward.js';
import { letterSignerAmong } from '../../org-units/use-cases/set-signatory.js';
import type { Signer } from '../../org-units/signatory.rules.js';
import { fromStored } from '../dossier-events.rules.js';
import { unitErrors } from '../../org-units/unit.errors.js';
import { getUnit } from '../../org-units/unit.repo.js';
import { allowedActions, atDeskReturnStep, endsWithDeskReturn, isClosed, statusLabels } from '../dossier.rules.js';

/** A dossier with its steps, history, deadline state and the actions this officer may take now. */
export async function readDossier(deps: { db: Db; clock: Clock }, actor: Actor, id: string): Promise<TDossier> {
  const now = deps.clock.now();
  const year = Number(vnDateOf(now).slice(0, 4));
  const view = await getDossierView(deps.db, id, { actorId: actor.userId, from: `${year - 1}-01-01`, to: `${year + 1}-12-31` });
  if (!view) throw dossierErrors.notFound();
  const { steps, history, adjustments, hours, actedOn, signers, openedByOthersSinceLast, ...d } = view;
  // Officers may always look again at a dossier they acted on (e.g. a partner unit after returning its part).
  // Outside the officer's sight the dossier answers as a wrong id would: a 403 would confirm that it exists.
  if (!canRead(actor, d) && !actedOn) throw dossierErrors.notFound();
  // One calendar for every rule below (the deadline states, each step's day length, the apology's availability).
  const calendar = calendarFromAdjustments(adjustments, hours);
  let state: string | null = null;
  let stepState: string | null = null;
  if (d.dueAt && !isClosed(d.status) && d.status !== 'result_ready') {
    // Due soon (sắp đến hạn): the queue's rule (at most one working day of the province's hours left).
    const dueSoonMinutes = calendar.workingDayMinutesOn(now);
    // Already past its due time when the apology letter came: still overdue (`dossierDeadlineState`).
    state = d.status === 'supplement_requested' ? 'paused' : dossierDeadlineState(now, { dueAt: d.dueAt, lateSince: d.lateSince }, dueSoonUntil(now, calendar));
    const stepDue = steps[d.stepIndex]?.dueAt;
    // The current step's own clock: due soon when less than a quarter of a working day is left.
    if (stepDue) stepState = d.status === 'supplement_requested' ? 'paused' : deadlineState(now, stepDue, calendar, dueSoonMinutes / 4);
  }
  const ruleSet = ruleSets.find((r) => r.id === d.ruleSet)!;
  const current = steps[d.stepIndex];
  // What this officer may do now (dossier.policy.ts `actionsOpenTo`, the same list a refusal names).
  const possible = actionsOpenTo(
    actor,
    { ...d, step: current ? { role: current.role, unitPath: current.unitPath } : null },
    allowedActions({ ...d, maxApologies: ruleSet.maxReappointments, deskReturnStep: atDeskReturnStep(d, current), deskReturnLast: endsWithDeskReturn(steps) }),
  );
  const apology = await apologyOf(deps.db, d, signers, now, calendar, ruleSet, possible.includes('apologise'));
  const { receivingPath: _r, resolvingPath: _s, stepCount: _c, interagencyPath: _i, scopeUnitIds: _u, assigneeId: _a, ...rest } = d;
  return {
    ...rest,
    statusLabel: statusLabels[d.status],
    // Each step's days read in the hours in force at its time (working hours have a history), not today's.
    steps: steps.map(({ unitPath: _p, ...s }) => ({
      ...s, workingDays: Number(s.workingDays), deadlineState: s.stepIndex === d.stepIndex ? stepState : null,
      dayMinutes: calendar.workingDayMinutesOn(s.startedAt ?? d.countingFrom ?? now),
    })),
    deadlineState: state,
    allowedActions: possible,
    apology,
    undoForwardUntil: undoableUntil(history.map((h) => ({ at: h.at, actorId: h.actorId, event: fromStored(h.action, h.data) })), openedByOthersSinceLast, actor, now),
    history: history.map(historyEntry),
  };
}

/** What the history shows of an action's recorded facts: dates moved, who collected the result, where it went. */
function historyEntry({ data, actorId: _actorId, ...h }: HistoryView): TDossier['history'][number] {
  const pick = <T,>(key: string, guard: (v: unknown) => v is T): T | undefined => (data && guard(data[key]) ? data[key] : undefined);
  const str = (v: unknown): v is string => typeof v === 'string';
  const num = (v: unknown): v is number => typeof v === 'number';
  return {
    ...h,
    details: {
      previousDueAt: pick('previousDueAt', str),
      newDueAt: pick('newDueAt', str),
      receivedBy: pick('receivedBy', str),
      targetUnitName: pick('targetUnitName', str),
      waitedWorkingMinutes: pick('waitedWorkingMinutes', num),
      assigneeName: pick('assigneeName', str),
    },
  };
}

/** The apology letter's availability for this officer now (the button shows it disabled with the reason otherwise). */
async function apologyOf(
  db: Db,
  d: { status: string; dueAt: Date | null; apologyCount: number; resolvingUnitId: string },
  signers: readonly Signer[],
  now: Date,
  calendar: ReturnType<typeof calendarFromAdjustments>,
  rules: { apologyLeadWorkingDays: number; maxReappointments: number },
  mayAct: boolean,
): Promise<TDossier['apology']> {
  const a = apologyAvailability(d, now, calendar, rules);
  if (!a.possible) return { possible: false, late: false, reason: a.reasonVi, reasonEn: a.reasonEn, signer: null };
  if (!mayAct) return { possible: false, late: a.late, reason: 'Chỉ cơ quan có thẩm quyền giải quyết hoặc Bộ phận Một cửa được gửi văn bản xin lỗi.', reasonEn: 'Only the competent agency or its desk may issue the letter.', signer: null };
  const signer = letterSignerAmong(signers, now);
  // Known before the form opens: without a signer the letter would be refused (apologise.ts); say who must set one.
  if (!signer) {
    const refusal = unitErrors.noSigner((await getUnit(db, d.resolvingUnitId))?.name ?? 'đơn vị giải quyết', vnDateOf(now));
    return { possible: false, late: a.late, reason: refusal.messageVi, reasonEn: refusal.messageEn, signer: null };
  }
  // The days and hours the new appointment may take are asked when the letter's form opens (apology-days.ts).
  return { possible: true, late: a.late, reason: null, reasonEn: null, signer };
}
