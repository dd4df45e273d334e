import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { ruleSets } from '../../rule-sets/rule-set.rules.js';
import { deadlineState } from '../../working-calendar/deadline.rules.js';
import { loadCalendar } from '../../working-calendar/use-cases/load-calendar.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { TDossier } from '../dossier.contract.js';
import { dossierErrors } from '../dossier.errors.js';
import { canAct, canRead } from '../dossier.policy.js';
import { getDossierDetail, listHistory, listStepsWithUnits } from '../dossier.repo.js';
import { allowedActions, isClosed, statusLabels } from '../dossier.rules.js';

/** Due soon (sắp đến hạn) = less than one working day left. */
const DUE_SOON_MINUTES = 480;

/** A dossier with its steps, history, deadline state and the actions this officer may take now. */
export async function readDossier(deps: { db: Db; clock: Clock }, actor: Actor, id: string): Promise<TDossier> {
  // Independent reads in parallel; the permission check needs only the first.
  const [d, steps, history] = await Promise.all([getDossierDetail(deps.db, id), listStepsWithUnits(deps.db, id), listHistory(deps.db, id)]);
  if (!d) throw dossierErrors.notFound();
  // Officers may always look again at a dossier they acted on (e.g. a partner unit after returning its part).
  if (!canRead(actor, d) && !(await actedOn(deps.db, id, actor.userId))) throw commonErrors.forbidden('dossiers.read');
  const now = deps.clock.now();
  let state: string | null = null;
  let stepState: string | null = null;
  if (d.dueAt && !isClosed(d.status) && d.status !== 'result_ready') {
    const year = Number(vnDateOf(now).slice(0, 4));
    const calendar = await loadCalendar(deps.db, d.resolvingPath, { from: year - 1, to: year + 1 });
    state = d.status === 'supplement_requested' ? 'paused' : deadlineState(now, d.dueAt, calendar, DUE_SOON_MINUTES);
    const stepDue = steps[d.stepIndex]?.dueAt;
    // The current step's own clock: due soon when less than a quarter of a working day is left.
    if (stepDue) stepState = d.status === 'supplement_requested' ? 'paused' : deadlineState(now, stepDue, calendar, DUE_SOON_MINUTES / 4);
  }
  const ruleSet = ruleSets.find((r) => r.id === d.ruleSet)!;
  const current = steps[d.stepIndex];
  const possible = allowedActions({ ...d, maxApologies: ruleSet.maxReappointments }).filter((a) =>
    canAct(actor, a, { receivingPath: d.receivingPath, resolvingPath: d.resolvingPath, interagencyPath: d.interagencyPath, step: current ? { role: current.role, unitPath: current.unitPath } : null }),
  );
  const { receivingPath: _r, resolvingPath: _s, stepCount: _c, interagencyPath: _i, ...rest } = d;
  return { ...rest, statusLabel: statusLabels[d.status], steps: steps.map(({ unitPath: _p, ...s }) => ({ ...s, workingDays: Number(s.workingDays), deadlineState: s.stepIndex === d.stepIndex ? stepState : null })), deadlineState: state, allowedActions: possible, history };
}

async function actedOn(db: Db, dossierId: string, userId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM dossier_action WHERE dossier_id = $1 AND actor_id = $2 LIMIT 1', [dossierId, userId]);
  return rows.length > 0;
}
