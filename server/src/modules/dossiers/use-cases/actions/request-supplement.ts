import { dossierErrors } from '../../dossier.errors.js';
import type { ActionHandler } from './action-context.js';

/**
 * Yêu cầu bổ sung: within the rule-set's window of working days from receipt (3 under ND 61/2018 Điều 19 k4); later,
 * the agency refuses or apologises instead. The legal clock pauses until the supplement is received.
 */
export const requestSupplement: ActionHandler = async (c) => {
  const since = c.dossier.countingFrom ?? c.dossier.receivedAt;
  if (since) {
    const calendar = await c.calendar();
    if (calendar.workingMinutesBetween(since, c.now) > c.ruleSet.supplementWindowWorkingDays * calendar.workingDayMinutesOn(c.now)) {
      throw dossierErrors.supplementWindow(c.ruleSet.supplementWindowWorkingDays);
    }
  }
  return { type: 'request_supplement' };
};
