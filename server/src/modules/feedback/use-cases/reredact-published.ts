import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db } from '../../../platform/database.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { lockStalePublished, updateFeedback } from '../feedback.repo.js';
import { REDACTION_VERSION } from '../feedback.rules.js';
import { publicVersion } from './act-on-feedback.js';

/**
 * Brings the public text of items published under older redaction rules to the current ones (REDACTION_VERSION):
 * subject, content and answer recomputed from what the sender wrote and the approved answer, as publishing does. One
 * transaction per batch (rows claimed with SKIP LOCKED, so instances share the work), at most `maxBatches` per run so
 * a run after a rule change on a million items stays short; the next run goes on. Idempotent: a row at the version is
 * not read again, and a second run changes nothing. Each item whose text changed gets an audit row with the old and
 * new public text; the register follows by its trigger on the public columns.
 */
export async function reredactPublished(deps: { db: Db; clock: Clock }, opts: { batch?: number; maxBatches?: number } = {}): Promise<{ checked: number; changed: number }> {
  const batch = opts.batch ?? 200;
  const maxBatches = opts.maxBatches ?? 25;
  let checked = 0;
  let changed = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await withTransaction(deps.db, async (tx) => {
      const now = deps.clock.now();
      const rows = await lockStalePublished(tx, REDACTION_VERSION, batch);
      for (const row of rows) {
        const shown = publicVersion(row);
        const before = { subject: row.publicSubject, content: row.publicContent, answer: row.publicAnswer };
        const differs = shown.subject !== before.subject || shown.content !== before.content || shown.answer !== (before.answer ?? '');
        if (differs) {
          await updateFeedback(tx, row.id, { publicSubject: shown.subject, publicContent: shown.content, publicAnswer: shown.answer, redactionVersion: REDACTION_VERSION }, now);
          await recordAudit(tx, {
            at: now,
            actorId: null,
            actorName: 'Hệ thống (ẩn thông tin cá nhân theo quy tắc mới)',
            action: 'feedback.reredact',
            entity: 'feedback',
            entityId: row.id,
            before: { ...before, redactionVersion: row.redactionVersion },
            after: { ...shown, redactionVersion: REDACTION_VERSION },
            unitPaths: [row.unitPath, row.receivingPath],
          });
          changed++;
        } else {
          // Only the version: updated_at stays, nothing a reader sees changed.
          await tx.query(`UPDATE feedback SET redaction_version = $2 WHERE id = $1`, [row.id, REDACTION_VERSION]);
        }
      }
      return rows.length;
    });
    checked += n;
    if (n < batch) break;
  }
  return { checked, changed };
}
