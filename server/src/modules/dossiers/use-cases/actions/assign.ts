import { dossierErrors } from '../../dossier.errors.js';
import { stepOfficers } from '../list-assignees.js';
import type { ActionHandler } from './action-context.js';

/** Phân công: the head gives the current step to one of the officers who may take it (ND 61/2018 Điều 19 k1). */
export const assign: ActionHandler = async (c) => {
  const current = c.steps[c.dossier.stepIndex];
  const assignee = current ? (await stepOfficers(c.tx, c.dossier, current)).find((o) => o.userId === c.input.assigneeId) : undefined;
  if (!assignee) throw dossierErrors.assignee();
  return { type: 'assign', assigneeId: assignee.userId, assigneeName: assignee.fullName };
};
