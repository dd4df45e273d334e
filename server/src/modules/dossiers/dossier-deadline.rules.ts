import type { TProcessingTime } from '../procedures/procedure.contract.js';
import type { WorkingCalendar } from '../working-calendar/calendar.rules.js';
import { dateOfDayNumber, dayNumberOf } from '../working-calendar/vn-time.js';
import { actionSpec } from './dossier-actions.rules.js';
import { computeDue, countingStart, type DeadlineState, type Duration } from '../working-calendar/deadline.rules.js';

/** The legal processing time of a procedure as a calendar duration. */
export function procedureDuration(t: TProcessingTime): Duration {
  switch (t.unit) {
    case 'working_day':
      return { unit: 'working_day', amount: t.amount };
    case 'working_hour':
      return { unit: 'working_hour', amount: t.amount };
    case 'same_day':
      return { unit: 'same_day', amount: 0 };
  }
}

/**
 * Each internal step's due time: the steps' working-day shares laid end to end from the moment counting starts.
 * The last step never ends after the dossier's own due time.
 */
export function planStepDues(countingFrom: Date, stepDays: number[], dossierDue: Date, calendar: WorkingCalendar): Date[] {
  let cumulative = 0;
  return stepDays.map((days) => {
    cumulative += days;
    const due = calendar.addWorkingMinutes(countingFrom, cumulative * calendar.workingDayMinutesOn(countingFrom));
    return due > dossierDue ? dossierDue : due;
  });
}

/**
 * The last instant at which a due time still counts as "sắp đến hạn": at most one working day (of the province's
 * hours on that day) left. One rule for the queue's "Sắp đến hạn" tab (SQL `due_at <= until`) and the state shown on
 * each row and on the dossier page, so a dossier due exactly at the edge is in the tab and shown due soon. When one
 * working day from now ends at a session's end (11:30), every instant up to the next session's start leaves the same
 * working time, so the edge moves there.
 */
export function dueSoonUntil(now: Date, calendar: WorkingCalendar): Date {
  return calendar.nextWorkingInstant(calendar.addWorkingMinutes(now, calendar.workingDayMinutesOn(now)));
}

/** quá hạn after the due instant, sắp đến hạn up to `soonUntil` (from `dueSoonUntil`), else trong hạn. */
export function deadlineStateWithin(now: Date, dueAt: Date, soonUntil: Date): DeadlineState {
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  return dueAt.getTime() <= soonUntil.getTime() ? 'due_soon' : 'on_track';
}

/**
 * A running dossier's deadline state, as its page and its queue row show it: overdue when it was already late at its
 * apology letter (`lateSince`, `lateBeforeLetter`) whatever the new appointment — the rule of the "Quá hạn" tab —
 * else by its due time.
 */
export function dossierDeadlineState(now: Date, d: { dueAt: Date; lateSince: Date | null }, soonUntil: Date): DeadlineState {
  return d.lateSince ? 'overdue' : deadlineStateWithin(now, d.dueAt, soonUntil);
}

export type ApologyCheck = { ok: true; late: boolean } | { ok: false; reasonVi: string };

/**
 * Whether a letter now is late: the law asks for it at the latest `leadWorkingDays` working day before the due time
 * (ND 61/2018 Điều 19 k9, kept by the 2025 provincial rules). Past that, the letter is still owed to the citizen
 * ("hồ sơ trễ hạn phải có thư xin lỗi") and is issued marked late (phát hành muộn), which the reports count.
 */
export function apologyIsLate(now: Date, dueAt: Date, calendar: WorkingCalendar, leadWorkingDays: number): boolean {
  if (now >= dueAt) return true;
  return calendar.workingMinutesBetween(now, dueAt) < leadWorkingDays * calendar.workingDayMinutesOn(now);
}

/**
 * Whether an appointment falls within working time by the working calendar: a working day (not a weekend, holiday or
 * day off of the calendar) and inside one of its sessions, its end included (a due time lands on a session's end). The
 * new appointment (ND 61/2018 Điều 19 k9) is when the citizen comes to the desk for the result, so it falls in the
 * desk's working time like every appointment the schedule computes (the province's working hours, working-calendar/).
 */
export function inWorkingTime(at: Date, calendar: WorkingCalendar): boolean {
  if (!calendar.isWorkingDay(at)) return false;
  return calendar.nextWorkingInstant(at).getTime() === at.getTime() || calendar.workingMinutesBetween(new Date(at.getTime() - 60_000), at) > 0;
}

/** The working days and their sessions in [from, from + days): what the console's date picker offers. */
export function workingDaysFrom(from: string, days: number, calendar: WorkingCalendar): { date: string; sessions: { start: string; end: string }[] }[] {
  const out: { date: string; sessions: { start: string; end: string }[] }[] = [];
  const first = dayNumberOf(from);
  for (let n = first; n < first + days; n++) {
    const date = dateOfDayNumber(n);
    if (calendar.isWorkingDay(date)) out.push({ date, sessions: calendar.sessionsOn(date).map((x) => ({ start: x.start, end: x.end })) });
  }
  return out;
}

/**
 * A dossier already past its due time when its apology letter was issued stays late: the new appointment is what the
 * citizen is told, but it does not make a missed deadline timely. ND 61/2018 Điều 19 k9 asks for the letter before
 * the deadline (at the latest one working day before it), so a re-appointment in time moves the deadline; one sent
 * after it only apologises for a lateness that already happened. QĐ 766/QĐ-TTg's progress indicator (tiến độ giải
 * quyết) and Biểu 06's "quá hạn" count a dossier by its time limit; a letter issued after the limit changes neither.
 * So such a dossier stays in "Quá hạn" and its finish is classified against the due time it had missed.
 * `letter`: the last apology entry (its time and the due time it replaced).
 */
export function lateBeforeLetter(letter: { at: Date; previousDueAt: Date } | null | undefined): Date | null {
  return letter && letter.at.getTime() > letter.previousDueAt.getTime() ? letter.previousDueAt : null;
}

/**
 * A late dossier gets an apology letter with a new appointment, before its due time or after it (then marked late).
 * The new appointment must be after the current one and after now.
 */
export function checkApology(now: Date, dueAt: Date, newDueAt: Date, calendar: WorkingCalendar, leadWorkingDays: number): ApologyCheck {
  if (newDueAt <= dueAt) return { ok: false, reasonVi: 'Ngày hẹn mới phải sau ngày hẹn trả kết quả hiện tại.' };
  if (newDueAt <= now) return { ok: false, reasonVi: 'Ngày hẹn mới phải sau thời điểm hiện tại.' };
  return { ok: true, late: apologyIsLate(now, dueAt, calendar, leadWorkingDays) };
}

/** The statuses in which a letter can be issued: the action table's `from` column of `apologise`. */
const apologyStatuses: readonly string[] = actionSpec.apologise.from;

export type ApologyAvailability = { possible: true; late: boolean } | { possible: false; reasonVi: string; reasonEn: string };

/**
 * Whether this dossier can get its letter now, known before the form opens: the console disables the button with
 * the reason. Closed, paused or unscheduled dossiers and those already re-appointed as often as the rule-set allows
 * ("chỉ được hẹn lại một lần") cannot.
 */
export function apologyAvailability(
  d: { status: string; dueAt: Date | null; apologyCount: number },
  now: Date,
  calendar: WorkingCalendar,
  rules: { apologyLeadWorkingDays: number; maxReappointments: number },
): ApologyAvailability {
  if (!apologyStatuses.includes(d.status) || !d.dueAt) return { possible: false, reasonVi: 'Hồ sơ không ở trạng thái đang giải quyết.', reasonEn: 'The dossier is not being resolved.' };
  if (d.apologyCount >= rules.maxReappointments) return { possible: false, reasonVi: 'Hồ sơ đã được xin lỗi và hẹn lại; chỉ được hẹn lại một lần.', reasonEn: 'Already re-appointed; only once is allowed.' };
  return { possible: true, late: apologyIsLate(now, d.dueAt, calendar, rules.apologyLeadWorkingDays) };
}

/**
 * The "Cần xin lỗi" queue: dossiers being resolved (clock running), without a letter yet, whose due time falls before
 * `apologyBefore` (two working days ahead: the letter is due one working day before the deadline, ND 61/2018 Điều 19
 * k9, so the officer sees it while a letter in time is possible) — late ones included,
 * since their letter is still owed. The queue's SQL (dossier-queue.repo.ts) is tested against this rule.
 */
export function needsApology(d: { status: string; dueAt: Date | null; apologyCount: number }, apologyBefore: Date, maxReappointments: number): boolean {
  return apologyStatuses.includes(d.status) && d.apologyCount === 0 && maxReappointments > 0 && d.dueAt !== null && d.dueAt < apologyBefore;
}

export type PlannedStep = { stepIndex: number; name: string; role: string; unitId: string; workingDays: number; dueAt: Date | null };

/**
 * The schedule fixed at acceptance: when the legal time starts counting (after 15:00 for paper: the next working day,
 * ND 61/2018 Điều 18 k2), the dossier's due time and each internal step's own due time. `unitIdOf` places a step at
 * its unit (the resolving unit when the step names none).
 */
export function scheduleDossier(
  now: Date,
  content: { processingTime: TProcessingTime; steps: { name: string; role: string; workingDays: number; unitCode?: string | null }[] },
  calendar: WorkingCalendar,
  unitIdOf: (unitCode: string | null | undefined) => string,
  options: { paperCutoff: boolean },
): { countingFrom: Date; dueAt: Date; steps: PlannedStep[] } {
  const countingFrom = countingStart(now, calendar, options);
  const dueAt = computeDue(now, procedureDuration(content.processingTime), calendar, options);
  const dues = planStepDues(countingFrom, content.steps.map((s) => s.workingDays), dueAt, calendar);
  const steps = content.steps.map((s, i) => ({ stepIndex: i, name: s.name, role: s.role, unitId: unitIdOf(s.unitCode), workingDays: s.workingDays, dueAt: dues[i] ?? dueAt }));
  return { countingFrom, dueAt, steps };
}
