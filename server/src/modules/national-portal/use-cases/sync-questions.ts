import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import { normalizePhoneVn } from '../../applicants/phone.rules.js';
import { receiveFeedback } from '../../feedback/use-cases/receive-feedback.js';
import { NationalPortalError, type NationalPortal, type THoiDap } from '../national-portal.contract.js';
import { retryDelayMs } from '../national-portal.rules.js';
import { CLAIM_LEASE_MS } from '../national-portal.repo.js';

export type QuestionsReport = { listed: number; created: number; existing: number; unrouted: number };
export type AnswersReport = { claimed: number; sent: number; failed: number };

/**
 * The unit a question goes to: the agency it names (MaCoQuan), else the unit owning the procedure it is about (by
 * national code), else the province's own agency (NATIONAL_PORTAL_AGENCY_CODE) when that is a unit here.
 */
async function routeQuestion(q: Queryable, h: THoiDap, provinceCode: string): Promise<{ unitId: string; procedureId: string | null } | null> {
  const { rows } = await q.query<{ unitId: string | null; procedureId: string | null }>(
    `WITH p AS (SELECT p.id, p.owner_unit_id FROM procedure p LEFT JOIN procedure_version v ON v.id = p.current_version_id
                 WHERE $2 <> '' AND coalesce(v.content->'national'->>'maTTHC', p.code) = $2 AND p.status = 'published' ORDER BY p.code LIMIT 1)
     SELECT coalesce((SELECT id FROM unit WHERE $1 <> '' AND code = $1 AND valid_to IS NULL),
                     (SELECT owner_unit_id FROM p),
                     (SELECT id FROM unit WHERE code = $3 AND valid_to IS NULL)) AS "unitId",
            (SELECT id FROM p) AS "procedureId"`,
    [h.MaCoQuan, h.MaTTHC, provinceCode],
  );
  const r = rows[0];
  return r?.unitId ? { unitId: r.unitId, procedureId: r.procedureId } : null;
}

/**
 * Questions citizens asked on the national portal (LayDanhSachHoiDapGuiTuDVCQG) become items of our feedback register
 * on the competent unit (kind "question", channel "national"), once each: the question's national code is kept with
 * its item, and a question listed again (it stays listed until answered) is recognised. The answer clocks of QĐ 766
 * start as for any item received here.
 */
export async function ingestNationalQuestions(deps: { db: Db; clock: Clock; portal: NationalPortal; provinceCode: string }): Promise<QuestionsReport> {
  const questions = await deps.portal.listQuestions();
  const report: QuestionsReport = { listed: questions.length, created: 0, existing: 0, unrouted: 0 };
  for (const h of questions) {
    const outcome = await withTransaction(deps.db, async (tx) => {
      // Two instances pulling at once take one question one at a time.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('dvcqg-hoi-dap:' || $1))`, [h.MaHoiDap]);
      const { rows } = await tx.query(`SELECT 1 FROM national_question WHERE ma_hoi_dap = $1`, [h.MaHoiDap]);
      if (rows.length > 0) return 'existing' as const;
      const route = await routeQuestion(tx, h, deps.provinceCode);
      if (!route) return 'unrouted' as const;
      const phone = h.SoDienThoai ? normalizePhoneVn(h.SoDienThoai) : null;
      const receipt = await receiveFeedback(
        deps,
        {
          channel: 'national',
          kind: 'question',
          category: 'tthc',
          unitId: route.unitId,
          subject: h.TieuDe.slice(0, 300),
          content: h.CauHoi,
          procedureId: route.procedureId,
          dossierId: null,
          officerName: null,
          sender: { name: h.NguoiHoi.trim() || 'Người hỏi trên Cổng Dịch vụ công quốc gia', address: null, phone: phone?.ok ? phone.national : null, email: /^[^@\s]+@[^@\s]+$/.test(h.Email) ? h.Email : null },
          citizenId: null,
          open311ClientId: null,
          consent: false,
          place: null,
          files: [],
          recordedBy: null,
        },
        tx,
      );
      await tx.query(`INSERT INTO national_question (ma_hoi_dap, feedback_id, received_at) VALUES ($1, $2, $3)`, [h.MaHoiDap, receipt.id, deps.clock.now()]);
      return 'created' as const;
    });
    report[outcome]++;
  }
  return report;
}

/**
 * Sends the answers published here back to the national portal (DongBoKetQuaHoiDapGuiTuDVCQG) from the outbox the
 * publication wrote in its own transaction: a question's rows strictly in order (a republished answer after the first),
 * the public version of the answer (personal data removed unless the asker agreed), retried with backoff until taken.
 * Sending an answer twice sets the same answer again, so an unknown outcome is simply sent again.
 */
export async function dispatchNationalAnswers(deps: { db: Db; clock: Clock; portal: NationalPortal }, limit = 50): Promise<AnswersReport> {
  const now = deps.clock.now();
  const { rows } = await deps.db.query<{ id: string; maHoiDap: string; attempts: number; answer: string }>(
    `WITH heads AS (
       SELECT id FROM (SELECT DISTINCT ON (ma_hoi_dap) id, next_attempt_at, claimed_until FROM national_answer_outbox
                        WHERE status = 'pending' ORDER BY ma_hoi_dap, id) h
        WHERE h.next_attempt_at <= $1 AND (h.claimed_until IS NULL OR h.claimed_until <= $1)
        ORDER BY h.next_attempt_at, h.id LIMIT $3)
     UPDATE national_answer_outbox o SET claimed_until = $2
       FROM heads WHERE o.id = heads.id AND o.status = 'pending' AND (o.claimed_until IS NULL OR o.claimed_until <= $1)
     RETURNING o.id::text, o.ma_hoi_dap AS "maHoiDap", o.attempts,
               (SELECT coalesce(f.public_answer, f.answer_text, '') FROM feedback f WHERE f.id = o.feedback_id) AS answer`,
    [now, new Date(now.getTime() + CLAIM_LEASE_MS), limit],
  );
  const report: AnswersReport = { claimed: rows.length, sent: 0, failed: 0 };
  for (const row of rows.sort((a, b) => Number(a.id) - Number(b.id))) {
    try {
      await deps.portal.answerQuestion(row.maHoiDap, row.answer);
      await deps.db.query(`UPDATE national_answer_outbox SET status = 'sent', sent_at = $2, claimed_until = NULL, last_error = NULL WHERE id = $1 AND status = 'pending'`, [row.id, deps.clock.now()]);
      report.sent++;
    } catch (err) {
      const message = err instanceof NationalPortalError || err instanceof Error ? err.message : String(err);
      const next = new Date(deps.clock.now().getTime() + retryDelayMs(row.attempts + 1));
      await deps.db.query(
        `UPDATE national_answer_outbox SET attempts = attempts + 1, next_attempt_at = $2, claimed_until = NULL, last_error = $3 WHERE id = $1 AND status = 'pending'`,
        [row.id, next, message.slice(0, 1000)],
      );
      report.failed++;
    }
  }
  return report;
}
