import { requireLetterSigner } from '../../../org-units/use-cases/set-signatory.js';
import { checkApology, inWorkingTime } from '../../dossier-deadline.rules.js';
import { vnDateOf } from '../../../working-calendar/vn-time.js';
import { dossierErrors } from '../../dossier.errors.js';
import type { ActionHandler } from './action-context.js';

/**
 * Xin lỗi và hẹn lại (ND 61/2018 Điều 19 k9; Mẫu 04): the reason and a new appointment. Due one working day before
 * the due time; later it is still issued — a late dossier always gets its letter — and recorded as late. The letter is
 * the competent agency's, signed by the resolving unit's signer valid on the day (its head, or a deputy authorised for that period), recorded as issued.
 */
export const apologise: ActionHandler = async (c) => {
  if (!c.input.newDueAt || !c.dossier.dueAt) throw dossierErrors.apology('Cần ngày hẹn trả kết quả mới.');
  const newDue = new Date(c.input.newDueAt);
  const calendar = await c.calendar();
  const check = checkApology(c.now, c.dossier.dueAt, newDue, calendar, c.ruleSet.apologyLeadWorkingDays);
  if (!check.ok) throw dossierErrors.apology(check.reasonVi);
  // The citizen comes for the result at the new appointment: a working day, in the hours the calendar says.
  if (!inWorkingTime(newDue, calendar)) {
    const day = calendar.isWorkingDay(newDue) ? vnDateOf(newDue) : calendar.nextWorkingDay(newDue);
    throw dossierErrors.appointmentOutsideWorkingTime(calendar.sessionsOn(day).map((x) => `${x.start}–${x.end}`).join(', '));
  }
  // Refused, nothing written, when the agency has no signer that day: the officer is told who must set one.
  const signer = await requireLetterSigner(c.tx, c.dossier.resolvingUnitId, c.now);
  return { type: 'apologise', previousDueAt: c.dossier.dueAt.toISOString(), newDueAt: newDue.toISOString(), late: check.late, signer };
};
