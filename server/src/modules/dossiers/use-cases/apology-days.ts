import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { loadCalendar } from '../../working-calendar/use-cases/load-calendar.js';
import type { WorkingCalendar } from '../../working-calendar/calendar.rules.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import { dossierErrors } from '../dossier.errors.js';
import { canRead } from '../dossier.policy.js';
import { getDossierRow } from '../dossier.repo.js';
import { workingDaysFrom } from '../dossier-deadline.rules.js';

/** How far ahead the apology's picker offers working days (a new appointment is days or weeks away, not months). */
const APPOINTMENT_DAYS = 120;

type AppointmentDay = ReturnType<typeof workingDaysFrom>[number];

/**
 * The days and hours an apology letter's new appointment may take (apologise.ts refuses any other), for the letter's
 * picker: the working days of the dossier's resolving unit from today, with their sessions. Asked when the form opens
 * — they were part of every dossier answer, 7.8 KB of its 13 (issue 12). Outside the officer's sight the dossier
 * answers as a wrong id would, as the dossier itself does.
 */
export async function appointmentDaysOf(deps: { db: Db; clock: Clock }, actor: Actor, dossierId: string): Promise<AppointmentDay[]> {
  const d = await getDossierRow(deps.db, dossierId);
  if (!d || !canRead(actor, d)) throw dossierErrors.notFound();
  const today = vnDateOf(deps.clock.now());
  const year = Number(today.slice(0, 4));
  // The calendar the letter is checked against (act-on-dossier.ts gives apologise.ts the same years).
  return appointmentDays(today, await loadCalendar(deps.db, d.resolvingPath, { from: year - 1, to: year + 1 }));
}

/**
 * The same for every dossier of a calendar on a day: computed once per calendar and day (calendars are built once per
 * set of adjustments and hours, so the cache goes with its calendar).
 */
const pickerDays = new WeakMap<WorkingCalendar, { from: string; days: AppointmentDay[] }>();
function appointmentDays(from: string, calendar: WorkingCalendar): AppointmentDay[] {
  const hit = pickerDays.get(calendar);
  if (hit?.from === from) return hit.days;
  const days = workingDaysFrom(from, APPOINTMENT_DAYS, calendar);
  pickerDays.set(calendar, { from, days });
  return days;
}
