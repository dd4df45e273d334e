import type { AppContext } from '../../platform/context.js';
import { withTransaction } from '../../platform/database.js';
import type { JobDefinition } from '../../platform/jobs.js';
import { appendAction } from './dossier.repo.js';
import { enqueueNotification } from '../notifications/notification.repo.js';
import { formatVn } from '../working-calendar/vn-time.js';

export type OverdueWarning = { dossierId: string; code: string; dueAt: Date; recipients: { name: string; email: string | null }[] };

/**
 * Marks dossiers that passed their due time (once each) and lists whom to warn: the officer holding the dossier and
 * the heads and leaders over the current step's unit. Rows are locked with SKIP LOCKED so two instances never mark
 * the same dossier twice.
 */
export async function markOverdue(ctx: Pick<AppContext, 'db' | 'clock'>, limit = 200): Promise<OverdueWarning[]> {
  const now = ctx.clock.now();
  return withTransaction(ctx.db, async (tx) => {
    const { rows } = await tx.query<{ id: string; code: string; dueAt: Date; status: string; stepIndex: number; stepPath: string; assigneeId: string | null }>(
      `SELECT d.id, d.code, d.due_at AS "dueAt", d.status, d.step_index AS "stepIndex", u.path AS "stepPath", d.assignee_id AS "assigneeId"
         FROM dossier d JOIN dossier_step s ON s.dossier_id = d.id AND s.step_index = d.step_index JOIN unit u ON u.id = s.unit_id
        WHERE d.status IN ('received', 'processing', 'interagency') AND d.due_at < $1 AND d.overdue_notified_at IS NULL
        ORDER BY d.due_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED`,
      [now, limit],
    );
    const warnings: OverdueWarning[] = [];
    for (const d of rows) {
      const recipients = await tx.query<{ name: string; email: string | null }>(
        `SELECT DISTINCT s.full_name AS name, s.email FROM staff_user s
          WHERE s.active AND (s.id = $1 OR EXISTS (
            SELECT 1 FROM role_assignment r JOIN unit u ON u.id = r.unit_id
             WHERE r.user_id = s.id AND r.role IN ('head', 'leader') AND $2 LIKE u.path || '%'))`,
        [d.assigneeId, d.stepPath],
      );
      await tx.query(`UPDATE dossier SET overdue_notified_at = $2 WHERE id = $1`, [d.id, now]);
      for (const r of recipients.rows) {
        if (!r.email) continue;
        await enqueueNotification(tx, {
          channel: 'email',
          recipient: r.email,
          subject: `[Một Cửa] Hồ sơ ${d.code} đã quá hạn giải quyết`,
          body: `Kính gửi ${r.name},\n\nHồ sơ ${d.code} đã quá hạn giải quyết (hạn ${formatVn(d.dueAt).slice(0, 16).replace('T', ' ')}).\nĐề nghị xử lý ngay và gửi văn bản xin lỗi, hẹn lại ngày trả kết quả cho người nộp hồ sơ theo quy định.\n`,
          templateKey: 'staff.overdue',
          dossierId: d.id,
        }, now);
      }
      await appendAction(tx, {
        dossierId: d.id,
        at: now,
        actorId: null,
        actorName: 'Hệ thống',
        action: 'overdue_marked',
        fromStatus: d.status,
        toStatus: d.status,
        stepIndex: d.stepIndex,
        note: 'Hồ sơ đã quá hạn giải quyết',
        data: { dueAt: d.dueAt.toISOString(), warned: recipients.rows.map((r) => r.name) },
      });
      warnings.push({ dossierId: d.id, code: d.code, dueAt: d.dueAt, recipients: recipients.rows });
    }
    return warnings;
  });
}

export const dossierJobs: JobDefinition[] = [
  {
    name: 'dossiers.mark-overdue',
    cron: '*/10 * * * *',
    handler: async (ctx) => {
      await markOverdue(ctx);
    },
  },
];
