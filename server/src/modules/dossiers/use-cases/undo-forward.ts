import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { dossierErrors } from '../dossier.errors.js';
import { canRead } from '../dossier.policy.js';
import { readLog, recordEvent } from '../dossier.ledger.js';
import { checkUndoForward, UNDO_WINDOW_MINUTES, type UndoCheck } from '../dossier-undo.rules.js';
import type { LedgerEntry } from '../dossier-events.rules.js';

/** Whether someone other than `actorId` opened the dossier since `since` (dossier_access: the receiver has seen it). */
async function openedByOthers(q: Queryable, dossierId: string, actorId: string, since: Date): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM dossier_access WHERE dossier_id = $1 AND at >= $2 AND actor_id <> $3 LIMIT 1`, [dossierId, since, actorId]);
  return rows.length > 0;
}

async function check(q: Queryable, dossierId: string, actor: Actor, now: Date): Promise<{ log: LedgerEntry[]; result: UndoCheck }> {
  const log = await readLog(q, dossierId);
  const last = log[log.length - 1];
  const opened = last ? await openedByOthers(q, dossierId, actor.userId, last.at) : false;
  return { log, result: checkUndoForward(log, actor.userId, now, opened) };
}

/**
 * Takes back the officer's own forward (NĐ 224/2026 Điều 23) while it is safe: a new ledger entry restores the state
 * before it; the forward stays in the log. The rule is dossier-undo.rules.ts.
 */
export async function undoForward(deps: { db: Db; clock: Clock }, actor: Actor, dossierId: string): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.db, async (tx) => {
    const locked = await tx.query<{ scopeUnitIds: string[] }>(
      `SELECT ARRAY(SELECT sc.unit_id FROM dossier_scope sc WHERE sc.dossier_id = d.id) AS "scopeUnitIds" FROM dossier d WHERE d.id = $1 FOR UPDATE`,
      [dossierId],
    );
    // Outside the officer's sight the dossier does not exist (404, as a wrong id): why an undo is refused tells of its state.
    if (!locked.rows[0] || !canRead(actor, locked.rows[0])) throw dossierErrors.notFound();
    const { result } = await check(tx, dossierId, actor, now);
    if (!result.ok) throw dossierErrors.undoRefused(result.reasonVi, result.reasonEn);
    await recordEvent(tx, dossierId, { at: now, actorId: actor.userId, actorName: actor.fullName, note: null, event: { type: 'forward_undone', restore: result.restore } });
  });
}

/**
 * Until when this officer may still undo their last forward of the dossier (null: not undoable now), from its log and
 * whether anyone else opened it since the last entry — both read with the dossier screen (dossier.repo.ts
 * `getDossierView`), so the answer costs no round trip of its own. The rule is the one `undoForward` applies.
 */
export function undoableUntil(log: readonly LedgerEntry[], openedByOthers: boolean, actor: Actor, now: Date): Date | null {
  if (!checkUndoForward(log, actor.userId, now, openedByOthers).ok) return null;
  return new Date(log[log.length - 1]!.at.getTime() + UNDO_WINDOW_MINUTES * 60_000);
}
