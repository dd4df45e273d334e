import { getVersion } from '../../../procedures/procedure.repo.js';
import { computeDue, countingStart } from '../../../working-calendar/deadline.rules.js';
import { planStepDues, procedureDuration } from '../../dossier-deadline.rules.js';
import type { ActionHandler } from './action-context.js';

/**
 * Nhận hồ sơ bổ sung: the legal time restarts once the dossier is complete again (ND 61/2018 Điều 19 k4), from the
 * next working session for paper; the wait is recorded, and the remaining steps get new due times.
 */
export const supplementReceived: ActionHandler = async (c) => {
  const calendar = await c.calendar();
  const version = (await getVersion(c.tx, c.dossier.procedureVersionId))!;
  const options = { paperCutoff: true };
  const from = countingStart(c.now, calendar, options);
  const due = computeDue(c.now, procedureDuration(version.content.processingTime), calendar, options);
  const remaining = c.steps.slice(c.dossier.stepIndex);
  const dues = planStepDues(from, remaining.map((s) => Number(s.workingDays)), due, calendar);
  return {
    type: 'supplement_received',
    waitedWorkingMinutes: c.dossier.pausedAt ? calendar.workingMinutesBetween(c.dossier.pausedAt, c.now) : 0,
    countingFrom: from.toISOString(),
    newDueAt: due.toISOString(),
    stepDues: remaining.map((s, i) => ({ stepIndex: s.stepIndex, dueAt: dues[i]!.toISOString() })),
  };
};
