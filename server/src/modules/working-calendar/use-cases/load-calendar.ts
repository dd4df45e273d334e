import type { Queryable } from '../../../platform/database.js';
import type { TAdjustment } from '../calendar.contract.js';
import { createWorkingCalendar, type CalendarAdjustment, type IntakeSessions, type WorkingCalendar, type WorkingHours } from '../calendar.rules.js';
import { listAdjustments, listWorkingHours } from '../calendar.repo.js';

/**
 * The working calendar that applies to a unit (or the whole system when `unitPath` is null) for the given years:
 * statutory holidays plus the adjustments stored by administrators, including the unit's out-of-hours sessions, on the
 * office hours of the unit's province (the national default without a unit).
 */
export async function loadCalendar(q: Queryable, unitPath: string | null, years: { from: number; to: number }): Promise<WorkingCalendar> {
  const [adjustments, hours] = await Promise.all([listAdjustments(q, { from: `${years.from}-01-01`, to: `${years.to}-12-31`, unitPath }), listWorkingHours(q, unitPath)]);
  return calendarFromAdjustments(adjustments, hours);
}

/** Calendars are pure values of their adjustments: the same rows give the same calendar, so it is built once. */
const built = new Map<string, WorkingCalendar>();
const MAX_BUILT = 64;

/**
 * The calendar from adjustment rows and the province's office hours already read (by a caller that fetched them with
 * other data in one statement).
 */
export function calendarFromAdjustments(rows: TAdjustment[], hours: readonly WorkingHours[] = []): WorkingCalendar {
  const key = JSON.stringify([rows.map((r) => [r.day, r.kind, r.name, r.sessions ?? null]), hours]);
  const hit = built.get(key);
  if (hit) return hit;
  const adjustments: CalendarAdjustment[] = [];
  const extraIntakeSessions: IntakeSessions[] = [];
  for (const r of rows) {
    if (r.kind === 'extra_session') extraIntakeSessions.push({ date: r.day, sessions: r.sessions ?? [], nameVi: r.name });
    else adjustments.push({ date: r.day, kind: r.kind, nameVi: r.name, ...(r.sessions ? { sessions: r.sessions } : {}) });
  }
  const calendar = createWorkingCalendar({ adjustments, extraIntakeSessions, workingHours: hours });
  if (built.size >= MAX_BUILT) built.delete(built.keys().next().value!);
  built.set(key, calendar);
  return calendar;
}
