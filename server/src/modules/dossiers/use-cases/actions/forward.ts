import { dossierErrors } from '../../dossier.errors.js';
import { stepOfficers } from '../list-assignees.js';
import type { ActionHandler } from './action-context.js';

/**
 * Chuyển bước tiếp theo: the current step finishes (classified against its own due time) and the next one starts,
 * either in its unit's queue or with the officer the sender chose — one who may take that step.
 */
export const forward: ActionHandler = async (c) => {
  if (!c.input.assigneeId) return { type: 'forward' };
  const next = c.steps[c.next.stepIndex];
  const chosen = next ? (await stepOfficers(c.tx, c.dossier, next)).find((o) => o.userId === c.input.assigneeId) : undefined;
  if (!chosen) throw dossierErrors.assignee();
  return { type: 'forward', assigneeId: chosen.userId, assigneeName: chosen.fullName };
};
