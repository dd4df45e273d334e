import type { TProcessingTime } from '../procedures/procedure.contract.js';
import type { WorkingCalendar } from '../working-calendar/calendar.rules.js';
import { computeDue, countingStart, type Duration } from '../working-calendar/deadline.rules.js';

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
    const due = calendar.addWorkingMinutes(countingFrom, cumulative * calendar.workingDayMinutes);
    return due > dossierDue ? dossierDue : due;
  });
}

export type ApologyCheck = { ok: true } | { ok: false; reasonVi: string };

/**
 * A late dossier needs an apology letter with a new appointment, sent at the latest `leadWorkingDays` working day
 * before the due time (ND 61/2018 Điều 19 k9; kept in 2025 provincial rules), and the new date must be later.
 */
export function checkApology(now: Date, dueAt: Date, newDueAt: Date, calendar: WorkingCalendar, leadWorkingDays: number): ApologyCheck {
  if (newDueAt <= dueAt) return { ok: false, reasonVi: 'Ngày hẹn mới phải sau ngày hẹn trả kết quả hiện tại.' };
  const left = calendar.workingMinutesBetween(now, dueAt);
  if (left < leadWorkingDays * calendar.workingDayMinutes) {
    return { ok: false, reasonVi: `Văn bản xin lỗi phải gửi chậm nhất ${leadWorkingDays} ngày làm việc trước hạn trả kết quả.` };
  }
  return { ok: true };
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
