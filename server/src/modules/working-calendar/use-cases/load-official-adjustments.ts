import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { officialAdjustments } from '../official-adjustments.js';

const LOADED = 'calendar.official_loaded';

/**
 * Puts the official yearly arrangements shipped with this version (official-adjustments.ts: Tết and Quốc khánh days,
 * swaps, make-up days) into the calendar of every database, a real one as well as the demo: deadlines depend on them
 * (Luật Hộ tịch, ND 61/2018 count working days). A day is loaded once: a day an administrator has already set, or
 * removed after an earlier load, is left as they left it (the days loaded are kept in the audit log). Two instances
 * starting together load it once (transaction-scoped advisory lock). Returns the days added.
 */
export async function loadOfficialAdjustments(deps: { db: Db; clock: Clock }): Promise<string[]> {
  return withTransaction(deps.db, (tx) => loadOfficialAdjustmentsIn(tx, deps.clock.now()));
}

/** The same, inside a transaction the caller holds (the demo seed's). */
export async function loadOfficialAdjustmentsIn(tx: Queryable, now: Date): Promise<string[]> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [LOADED]);
  const { rows } = await tx.query<{ day: string }>(
    `SELECT DISTINCT d AS day FROM audit_log, jsonb_array_elements_text(after->'days') AS d WHERE action = $1
     UNION SELECT to_char(day, 'YYYY-MM-DD') FROM calendar_adjustment WHERE unit_id IS NULL`,
    [LOADED],
  );
  const known = new Set(rows.map((r) => r.day));
  const added = officialAdjustments.filter((a) => !known.has(a.date));
  for (const a of added) {
    await tx.query(`INSERT INTO calendar_adjustment (day, kind, name, sessions, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      a.date,
      a.kind,
      a.nameVi,
      a.sessions ? JSON.stringify(a.sessions) : null,
      now,
    ]);
  }
  const days = [...new Set(added.map((a) => a.date))];
  if (days.length > 0) await recordAudit(tx, { actorId: null, actorName: 'Hệ thống', action: 'calendar.official_loaded', entity: 'system', entityId: 'calendar', after: { days }, unitPaths: [], at: now });
  return days;
}
