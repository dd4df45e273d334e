import type { Db } from '../../../platform/database.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { fromStored, type LedgerEntry } from '../../dossiers/dossier-events.rules.js';
import { loadCalendar } from '../../working-calendar/use-cases/load-calendar.js';
import type { WorkingCalendar } from '../../working-calendar/calendar.rules.js';
import { dayNumberOf, instantOfDay } from '../../working-calendar/vn-time.js';
import type { TReportQuery } from '../reports.contract.js';
import { aggregateStepTimes, stepStints, type MeasuredStint, type StepTimeRow } from '../step-time.rules.js';
import { checkRange, scopedUnit } from './report-scope.js';

/** Most dossiers one report folds (the answer says when it stopped there). */
export const STEP_TIME_DOSSIER_LIMIT = 5_000;

export type StepTimeReport = {
  unitName: string;
  from: string;
  to: string;
  truncated: boolean;
  rows: (StepTimeRow & { unitName: string; officerName: string | null })[];
};

/**
 * Time spent in each step of the process, by unit, step and officer, over the stints that ended in [from, to] (Vietnam
 * days): folded from the ledger's events of the dossiers in the unit's scope, working minutes measured on the working
 * calendar of the step's unit (its holidays, swapped days and the unit's adjustments). Read at request time, bounded
 * to STEP_TIME_DOSSIER_LIMIT dossiers and a year; only steps of units inside the report's unit are counted.
 */
export async function getStepTimes(deps: { db: Db }, actor: Actor, q: TReportQuery): Promise<StepTimeReport> {
  checkRange(q.from, q.to);
  const { unit } = await scopedUnit(deps.db, actor, q.unitId);
  const start = instantOfDay(dayNumberOf(q.from));
  const end = instantOfDay(dayNumberOf(q.to) + 1);
  const { rows: ids } = await deps.db.query<{ id: string }>(
    `SELECT s.dossier_id AS id FROM dossier_scope s
      WHERE s.unit_id = $1 AND s.submitted_at < $3
        AND EXISTS (SELECT 1 FROM dossier_action a WHERE a.dossier_id = s.dossier_id AND a.at >= $2 AND a.at < $3)
      ORDER BY s.submitted_at DESC LIMIT $4`,
    [unit.id, start, end, STEP_TIME_DOSSIER_LIMIT + 1],
  );
  const truncated = ids.length > STEP_TIME_DOSSIER_LIMIT;
  const dossierIds = ids.slice(0, STEP_TIME_DOSSIER_LIMIT).map((r) => r.id);
  if (dossierIds.length === 0) return { unitName: unit.name, from: q.from, to: q.to, truncated, rows: [] };

  const [{ rows: log }, { rows: steps }] = await Promise.all([
    deps.db.query<{ dossierId: string; at: Date; actorId: string | null; action: string; data: Record<string, unknown> | null }>(
      `SELECT dossier_id AS "dossierId", at, actor_id AS "actorId", action, data FROM dossier_action WHERE dossier_id = ANY($1::uuid[]) ORDER BY dossier_id, id`,
      [dossierIds],
    ),
    deps.db.query<{ dossierId: string; stepIndex: number; name: string; unitId: string; unitPath: string; unitName: string }>(
      `SELECT s.dossier_id AS "dossierId", s.step_index AS "stepIndex", s.name, s.unit_id AS "unitId", u.path AS "unitPath", u.name AS "unitName"
         FROM dossier_step s JOIN unit u ON u.id = s.unit_id WHERE s.dossier_id = ANY($1::uuid[])`,
      [dossierIds],
    ),
  ]);
  const logs = new Map<string, LedgerEntry[]>();
  for (const r of log) {
    const list = logs.get(r.dossierId) ?? [];
    list.push({ at: r.at, actorId: r.actorId, event: fromStored(r.action, r.data) });
    logs.set(r.dossierId, list);
  }
  const stepOf = new Map(steps.map((s) => [`${s.dossierId}:${s.stepIndex}`, s]));
  const unitNames = new Map(steps.map((s) => [s.unitId, s.unitName]));
  const calendars = new Map<string, Promise<WorkingCalendar>>();
  const years = { from: Number(q.from.slice(0, 4)) - 1, to: Number(q.to.slice(0, 4)) };
  const calendarOf = (path: string) => {
    let c = calendars.get(path);
    if (!c) calendars.set(path, (c = loadCalendar(deps.db, path, years)));
    return c;
  };

  const measured: MeasuredStint[] = [];
  for (const [dossierId, entries] of logs) {
    for (const s of stepStints(entries)) {
      if (s.to < start || s.to >= end) continue;
      const step = stepOf.get(`${dossierId}:${s.stepIndex}`);
      if (!step || !step.unitPath.startsWith(unit.path)) continue;
      const calendar = await calendarOf(step.unitPath);
      measured.push({
        dossierId,
        unitId: step.unitId,
        stepName: step.name,
        officerId: s.assigneeId,
        workingMinutes: calendar.workingMinutesBetween(s.from, s.to),
        elapsedMinutes: (s.to.getTime() - s.from.getTime()) / 60_000,
      });
    }
  }
  const rows = aggregateStepTimes(measured);
  const officerIds = [...new Set(rows.map((r) => r.officerId).filter((x): x is string => x !== null))];
  const { rows: officers } = await deps.db.query<{ id: string; fullName: string }>(`SELECT id, full_name AS "fullName" FROM staff_user WHERE id = ANY($1::uuid[])`, [officerIds]);
  const names = new Map(officers.map((o) => [o.id, o.fullName]));
  return {
    unitName: unit.name,
    from: q.from,
    to: q.to,
    truncated,
    rows: rows.map((r) => ({ ...r, unitName: unitNames.get(r.unitId) ?? '', officerName: r.officerId ? (names.get(r.officerId) ?? null) : null })),
  };
}
