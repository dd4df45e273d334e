import { requireLetterSigner } from '../../../org-units/use-cases/set-signatory.js';
import { checkApology } from '../../dossier-deadline.rules.js';
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
  const check = checkApology(c.now, c.dossier.dueAt, newDue, await c.calendar(), c.ruleSet.apologyLeadWorkingDays);
  if (!check.ok) throw dossierErrors.apology(check.reasonVi);
  // Refused, nothing written, when the agency has no signer that day: the officer is told who must set one.
  const signer = await requireLetterSigner(c.tx, c.dossier.resolvingUnitId, c.now);
  return { type: 'apologise', previousDueAt: c.dossier.dueAt.toISOString(), newDueAt: newDue.toISOString(), late: check.late, signer };
};
