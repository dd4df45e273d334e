import { checkApology } from '../../dossier-deadline.rules.js';
import { dossierErrors } from '../../dossier.errors.js';
import type { ActionHandler } from './action-context.js';

/**
 * Xin lỗi và hẹn lại (ND 61/2018 Điều 19 k9; Mẫu 04): before the due time, with the reason and a new appointment that
 * the rule-set accepts; the last step's due time moves with it.
 */
export const apologise: ActionHandler = async (c) => {
  if (!c.input.newDueAt || !c.dossier.dueAt) throw dossierErrors.apology('Cần ngày hẹn trả kết quả mới.');
  const newDue = new Date(c.input.newDueAt);
  const check = checkApology(c.now, c.dossier.dueAt, newDue, await c.calendar(), c.ruleSet.apologyLeadWorkingDays);
  if (!check.ok) throw dossierErrors.apology(check.reasonVi);
  return { type: 'apologise', previousDueAt: c.dossier.dueAt.toISOString(), newDueAt: newDue.toISOString() };
};
