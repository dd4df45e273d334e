import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { diffStates, foldDossier } from '../dossier-events.rules.js';
import { readLedgerState, readLog, rewriteProjection } from '../dossier.ledger.js';

export type LedgerCheck = {
  checked: number;
  matching: number;
  /** Dossiers whose row differs from the fold of their log, with the columns that differ (rewritten when `rebuild`). */
  differing: { id: string; code: string | null; differences: string[] }[];
  /** Dossiers whose log cannot be folded (it does not open the dossier, or holds an unknown event): rows left as they are. */
  unreadable: { id: string; code: string | null; reason: string }[];
  rebuilt: number;
};

/**
 * Compares every dossier's row and steps with the fold of its action log (the log is the truth), and with `rebuild`
 * rewrites the rows that differ. Run after a restore, or after a migration that changed what a projection holds
 * (`npm run ledger:check`, `npm run ledger:check -- --rebuild`). Dossiers are read in pages, each one in its own
 * short transaction, so a large database is checked without a long lock.
 */
export async function checkLedger(deps: { db: Db; clock: Clock }, opts: { rebuild: boolean; pageSize?: number }): Promise<LedgerCheck> {
  const out: LedgerCheck = { checked: 0, matching: 0, differing: [], unreadable: [], rebuilt: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await deps.db.query<{ id: string; code: string | null }>(`SELECT id, code FROM dossier WHERE id > $1 ORDER BY id LIMIT $2`, [after, opts.pageSize ?? 500]);
    if (rows.length === 0) return out;
    for (const { id, code } of rows) {
      out.checked++;
      await withTransaction(deps.db, async (tx) => {
        const row = await readLedgerState(tx, id, { lock: opts.rebuild });
        if (!row) return;
        let folded;
        try {
          folded = foldDossier(await readLog(tx, id));
        } catch (err) {
          out.unreadable.push({ id, code, reason: err instanceof Error ? err.message : String(err) });
          return;
        }
        const differences = diffStates(row.state, folded);
        if (differences.length === 0) {
          out.matching++;
          return;
        }
        out.differing.push({ id, code, differences });
        if (opts.rebuild) {
          await rewriteProjection(tx, id, folded, deps.clock.now());
          out.rebuilt++;
        }
      });
    }
    after = rows[rows.length - 1]!.id;
  }
}
