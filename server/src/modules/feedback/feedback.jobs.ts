import type { AppContext } from '../../platform/context.js';
import { withTransaction } from '../../platform/database.js';
import type { JobDefinition } from '../../platform/jobs.js';
import { enqueueNotification } from '../notifications/notification.repo.js';
import { formatVn } from '../working-calendar/vn-time.js';
import { reredactPublished } from './use-cases/reredact-published.js';

/**
 * Warns, once per deadline, the handler and the heads and leaders over the unit holding an item whose current legal
 * clock has passed (classification, answer or publication), as dossiers do. Rows are claimed with SKIP LOCKED so two
 * instances never warn twice.
 */
export async function warnOverdueFeedback(ctx: Pick<AppContext, 'db' | 'clock'>, limit = 200): Promise<{ code: string; recipients: string[] }[]> {
  const now = ctx.clock.now();
  return withTransaction(ctx.db, async (tx) => {
    const { rows } = await tx.query<{ id: string; code: string; unitPath: string; handlerId: string | null; dueAt: Date }>(
      `SELECT id, code, unit_path AS "unitPath", handler_id AS "handlerId", due AS "dueAt" FROM (
         SELECT f.*, CASE WHEN f.status = 'received' THEN f.refuse_due_at WHEN f.status = 'answered' THEN f.publish_due_at
                          WHEN f.status IN ('handling', 'drafted', 'reopened') THEN f.answer_due_at END AS due
           FROM feedback f WHERE f.status IN ('received', 'handling', 'drafted', 'reopened', 'answered')) x
        WHERE due < $1 AND (overdue_notified_at IS NULL OR overdue_notified_at < due)
        ORDER BY due LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    const out: { code: string; recipients: string[] }[] = [];
    for (const f of rows) {
      const r = await tx.query<{ name: string; email: string }>(
        `SELECT DISTINCT s.full_name AS name, s.email FROM staff_user s
          WHERE s.active AND s.email IS NOT NULL AND (s.id = $1 OR EXISTS (
            SELECT 1 FROM role_assignment r JOIN unit u ON u.id = r.unit_id WHERE r.user_id = s.id AND r.role IN ('head', 'leader') AND $2 LIKE u.path || '%'))`,
        [f.handlerId, f.unitPath],
      );
      await tx.query(`UPDATE feedback SET overdue_notified_at = $2 WHERE id = $1`, [f.id, now]);
      for (const p of r.rows) {
        await enqueueNotification(tx, {
          channel: 'email',
          recipient: p.email,
          subject: `[Một Cửa] Phản ánh ${f.code} đã quá hạn xử lý`,
          body: `Kính gửi ${p.name},\n\nPhản ánh, kiến nghị ${f.code} đã quá hạn (hạn ${formatVn(f.dueAt).slice(0, 16).replace('T', ' ')}).\nĐề nghị xử lý ngay (QĐ 766/QĐ-TTg chỉ số 5.2).\n`,
          templateKey: 'staff.feedback-overdue'
        }, now);
      }
      out.push({ code: f.code, recipients: r.rows.map((p) => p.name) });
    }
    return out;
  });
}

export const feedbackJobs: JobDefinition[] = [
  {
    // Public text of items published before a redaction rule changed, brought to the current rules (bounded per run).
    name: 'feedback.reredact',
    cron: '*/5 * * * *',
    handler: async (ctx) => {
      // Each changed item is audited (feedback.reredact); the counts are not needed here.
      await reredactPublished(ctx);
    },
  },
  {
    name: 'feedback.warn-overdue',
    cron: '*/10 * * * *',
    handler: async (ctx) => {
      await warnOverdueFeedback(ctx);
    },
  },
];
