import type { Queryable } from '../../../platform/database.js';
import { createWorkingCalendar, type CalendarAdjustment, type IntakeSessions, type WorkingCalendar } from '../calendar.rules.js';
import { listAdjustments } from '../calendar.repo.js';

/**
 * The working calendar that applies to a unit (or the whole system when `unitPath` is null) for the given years:
 * statutory holidays plus the adjustments stored by administrators, including the unit's out-of-hours sessions.
 */
export async function loadCalendar(q: Queryable, unitPath: string | null, years: { from: number; to: number }): Promise<WorkingCalendar> {
  const rows = await listAdjustments(q, { from: `${years.from}-01-01`, to: `${years.to}-12-31`, unitPath });
  const adjustments: CalendarAdjustment[] = [];
  const extraIntakeSessions: IntakeSessions[] = [];
  for (const r of rows) {
    if (r.kind === 'extra_session') extraIntakeSessions.push({ date: r.day, sessions: r.sessions ?? [], nameVi: r.name });
    else adjustments.push({ date: r.day, kind: r.kind, nameVi: r.name, ...(r.sessions ? { sessions: r.sessions } : {}) });
  }
  return createWorkingCalendar({ adjustments, extraIntakeSessions });
}
