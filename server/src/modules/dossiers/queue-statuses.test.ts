import { describe, expect, it } from 'vitest';
import { runningStatuses, unreturnedStatuses } from './dossier-actions.rules.js';

/**
 * The queue tabs are partial indexes whose predicates spell their statuses out (migration 20261203130000 and
 * dossier-queue.repo.ts `tabCondition`, which must match them word for word). They must stay the action table's sets.
 */
describe('queue tabs and the action table', () => {
  it('the clock-running tabs (due soon, overdue, needs apology) list exactly the running statuses', () => {
    expect([...runningStatuses].sort()).toEqual(['interagency', 'processing', 'received']);
  });
  it('the unit tab lists exactly the statuses whose result is not out yet', () => {
    expect([...unreturnedStatuses].sort()).toEqual(['interagency', 'processing', 'received', 'result_ready', 'supplement_requested']);
  });
});
