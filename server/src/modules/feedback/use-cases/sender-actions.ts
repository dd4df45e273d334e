import type { AppConfig } from '../../../platform/config.js';
import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import { lockGuard, recordGuardFailure, secondsUntil } from '../../../platform/rate-limit.js';
import { countSecurityEvent } from '../../../platform/security-events.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { trackingGuardPolicy } from '../../dossiers/use-cases/track-dossier.js';
import { normalizePhoneVn } from '../../applicants/phone.rules.js';
import { enqueueNotification } from '../../notifications/notification.repo.js';
import { formatVn } from '../../working-calendar/vn-time.js';
import type { TSenderView } from '../feedback.contract.js';
import { feedbackErrors } from '../feedback.errors.js';
import { listSentMessages, senderNotices } from '../feedback.notify.js';
import { findFeedback, listEvents, type FeedbackRow } from '../feedback.repo.js';
import { answerDue, statusLabels } from '../feedback.rules.js';
import { applyStep } from './act-on-feedback.js';

type Deps = { db: Db; clock: Clock };

/** How the sender proves an item is theirs: its number and the phone they gave, or their portal account. */
export type SenderProof = { code: string; phone: string } | { id: string; citizenId: string };

function samePhone(a: string | null, b: string): boolean {
  if (!a) return false;
  const x = normalizePhoneVn(a);
  const y = normalizePhoneVn(b);
  return x.ok && y.ok && x.e164 === y.e164;
}

/** The same refusal for a wrong number, a wrong phone and someone else's item, so numbers cannot be enumerated. */
function ownedBy(proof: SenderProof) {
  return (row: FeedbackRow) => {
    const ok = 'citizenId' in proof ? row.citizenId === proof.citizenId : samePhone(row.senderPhone, proof.phone);
    if (!ok) throw feedbackErrors.notFound();
  };
}
const where = (proof: SenderProof) => ('citizenId' in proof ? { id: proof.id } : { code: proof.code.trim() });

export type ProofDeps = {
  db: Db;
  clock: Clock;
  config: Pick<AppConfig, 'trackingSecretFailures'>;
  log?: { warn(fields: Record<string, unknown>, msg: string): void };
};

/**
 * The guard in front of every public use of a feedback number with a phone (follow, rate, reopen, supply), as for
 * dossier codes (dossiers/use-cases/track-dossier.ts): the number takes a handful of wrong phones, then refuses every
 * attempt — right or wrong — for a delay that doubles with each further failure, whatever address the guesses come
 * from; the start of a hold is audited, logged and counted as a security event. A wrong number counts too, with the
 * same answer. The signed-in sender is never held: their account is the proof.
 */
export async function authoriseSenderProof(deps: ProofDeps, proof: { code: string; phone: string }, client: { ip: string }): Promise<void> {
  const now = deps.clock.now();
  const typed = proof.code.trim().toUpperCase();
  const key = `feedback-track:${typed}`;
  const outcome = await withTransaction(deps.db, async (tx) => {
    const guard = await lockGuard(tx, key, now);
    if (guard.blockedUntil) return { kind: 'blocked' as const, until: guard.blockedUntil };
    const row = await findFeedback(tx, { code: typed });
    if (row && samePhone(row.senderPhone, proof.phone)) return { kind: 'ok' as const };
    const failure = await recordGuardFailure(tx, key, now, trackingGuardPolicy(deps.config.trackingSecretFailures));
    if (failure.blockedNow) {
      await recordAudit(tx, {
        at: now,
        actorId: null,
        actorName: null,
        action: 'feedback.code_blocked',
        entity: 'feedback',
        // A number that matches no item concerns no unit: the entry is then readable by every province, so it does not
        // repeat what was typed (which may be another unit's number); the log line keeps it for the operator.
        entityId: row?.id ?? 'unknown',
        after: { ...(row ? { code: typed } : {}), failures: failure.failures, blockedUntil: failure.blockedUntil },
        ip: client.ip,
        unitPaths: row ? [row.unitPath, row.receivingPath] : [],
      });
    }
    return { kind: 'wrong' as const, alert: failure.blockedNow ? failure : null };
  });
  if (outcome.kind === 'ok') return;
  if (outcome.kind === 'blocked') throw feedbackErrors.codeBlocked(secondsUntil(outcome.until, now));
  if (outcome.alert) {
    countSecurityEvent('feedback_code_held');
    deps.log?.warn({ event: 'feedback.code_blocked', code: typed, failures: outcome.alert.failures, blockedUntil: outcome.alert.blockedUntil, ip: client.ip }, 'Số phản ánh bị thử sai nhiều lần, tạm khóa tra cứu');
  }
  throw feedbackErrors.notFound();
}

export async function loadOwnItem(q: Queryable, proof: SenderProof): Promise<FeedbackRow> {
  const row = await findFeedback(q, where(proof));
  if (!row) throw feedbackErrors.notFound();
  ownedBy(proof)(row);
  return row;
}

const eventLabels: Record<string, string> = {
  received: 'Đã tiếp nhận',
  classify: 'Đã phân loại',
  request_info: 'Đề nghị bổ sung thông tin',
  supply_info: 'Người gửi đã bổ sung thông tin',
  draft: 'Đang dự thảo trả lời',
  approve: 'Đã trả lời',
  return: 'Đang xử lý',
  publish: 'Đã công khai kết quả trả lời',
  rate: 'Người gửi đã đánh giá',
  reopen: 'Người gửi đề nghị xem xét lại',
  resume: 'Đang xử lý lại',
};

export async function senderView(q: Queryable, row: FeedbackRow): Promise<TSenderView> {
  const events = await listEvents(q, row.id);
  const messages = await listSentMessages(q, row.id);
  const answered = row.status === 'answered' || row.status === 'published';
  // After a review is asked for, the sender still reads the answer they asked about, beside the new status and due date.
  const earlierAnswer = !answered && row.reopenCount > 0 && row.answeredAt !== null;
  // The answer deadline concerns the sender only while the unit still owes an answer: none once answered, refused or
  // sent to another agency (routed out: a complaint/denunciation goes elsewhere under Luật Khiếu nại / Luật Tố cáo).
  const owesAnswer = row.status === 'received' || row.status === 'handling' || row.status === 'drafted' || row.status === 'reopened' || row.status === 'awaiting_info';
  const showNote = row.status === 'refused' || row.status === 'routed_out' || row.status === 'awaiting_info';
  return {
    code: row.code,
    kind: row.kind,
    status: row.status,
    statusLabel: statusLabels[row.status].vi,
    subject: row.subject,
    content: row.content,
    unitName: row.unitName,
    receivedAt: row.receivedAt,
    answerDueAt: owesAnswer ? row.answerDueAt : null,
    answer: answered || earlierAnswer ? row.answerText : null,
    answeredAt: answered || earlierAnswer ? row.answeredAt : null,
    note: showNote ? row.decisionNote : null,
    rating: row.rating,
    canRate: answered && row.rating === null,
    canReopen: answered && row.reopenCount === 0,
    canSupplyInfo: row.status === 'awaiting_info',
    hasLetter: row.status === 'routed_out' && (row.classification === 'complaint' || row.classification === 'denunciation'),
    // Internal drafts and returns are not the sender's business: only the steps that concern them.
    timeline: events.filter((e) => e.action !== 'draft' && e.action !== 'return').map((e) => ({ at: e.at, label: eventLabels[e.action] ?? e.action })),
    notices: senderNotices(messages),
  };
}

/** The office's steps a signed-in sender is told of in the account's notices (their own steps and internal drafts are not). */
const NOTICE_ACTIONS = ['received', 'classify', 'request_info', 'approve', 'publish', 'resume'];

export type FeedbackNotice = { feedbackId: string; code: string; subject: string; at: Date; text: string; deliveries: { channel: 'email' | 'sms' | 'zalo'; status: 'pending' | 'sent' | 'delivered' | 'failed' }[] };

/**
 * The portal notices of a signed-in citizen's own feedback items, newest first: each step of the office (received,
 * classified, more information asked, answered, published, taken up again) with how the message about it went out —
 * the messages written in that step's transaction (same instant), and their fallbacks. The answer reaches the account
 * even when the sender gave no e-mail and no mobile (nothing else is sent then).
 */
export async function citizenFeedbackNotices(q: Queryable, citizenId: string, limit: number): Promise<FeedbackNotice[]> {
  const { rows } = await q.query<Omit<FeedbackNotice, 'text'> & { action: string }>(
    `SELECT f.id AS "feedbackId", f.code, f.subject, e.at, e.action,
            coalesce((SELECT json_agg(json_build_object('channel', o.channel, 'status', o.status) ORDER BY o.created_at, o.channel)
                        FROM feedback_message m JOIN notification_outbox n ON n.id = m.notification_id
                        JOIN notification_outbox o ON o.id = n.id OR o.fallback_of = n.id
                       WHERE m.feedback_id = f.id AND n.created_at = e.at), '[]'::json) AS deliveries
       FROM feedback f JOIN feedback_event e ON e.feedback_id = f.id
      WHERE f.citizen_id = $1 AND e.action = ANY($2::text[])
      ORDER BY e.at DESC, e.id DESC LIMIT $3`,
    [citizenId, NOTICE_ACTIONS, limit],
  );
  return rows.map(({ action, ...r }) => ({ ...r, text: `${eventLabels[action] ?? action}: ${r.subject}` }));
}

const asSender = (row: FeedbackRow) => ({ id: null, name: row.senderName });

/** The sender rates the answer, satisfied or not (QĐ 766 indicator 5.3); once. */
export async function rateAnswer(deps: Deps, proof: SenderProof, satisfied: boolean, comment: string | null): Promise<FeedbackRow> {
  return applyStep(
    deps,
    asSender,
    where(proof),
    'rate',
    (row) => {
      ownedBy(proof)(row);
      if (row.rating !== null) throw feedbackErrors.alreadyRated();
    },
    async ({ row, now }) => ({
      patch: { rating: satisfied ? 'satisfied' : 'unsatisfied', ratingComment: comment, ratedAt: now },
      toStatus: row.status,
      note: `${satisfied ? 'Hài lòng' : 'Không hài lòng'}${comment ? `: ${comment}` : ''}`,
      onTime: null,
    }),
  );
}

/**
 * The sender asks, once, for the answer to be reconsidered, with a reason. The item goes back to the heads and leaders of
 * the unit that answered (warned by e-mail), and the answer clock starts again.
 */
export async function reopenFeedback(deps: Deps, proof: SenderProof, reason: string): Promise<FeedbackRow> {
  return applyStep(
    deps,
    asSender,
    where(proof),
    'reopen',
    (row) => {
      ownedBy(proof)(row);
      if (row.reopenCount >= 1) throw feedbackErrors.reopenedOnce();
    },
    async ({ row, now, tx, calendar, settings }) => {
      const due = answerDue(now, await calendar(), await settings());
      const heads = await tx.query<{ name: string; email: string }>(
        `SELECT DISTINCT s.full_name AS name, s.email FROM staff_user s JOIN role_assignment r ON r.user_id = s.id JOIN unit u ON u.id = r.unit_id
          WHERE s.active AND s.email IS NOT NULL AND r.role IN ('head', 'leader') AND $1 LIKE u.path || '%'`,
        [row.unitPath],
      );
      for (const h of heads.rows) {
        await enqueueNotification(tx, {
          channel: 'email',
          recipient: h.email,
          subject: `[Một Cửa] Phản ánh ${row.code} bị đề nghị xem xét lại`,
          body: `Kính gửi ${h.name},\n\nNgười gửi phản ánh ${row.code} đề nghị xem xét lại câu trả lời.\nLý do: ${reason}\nHạn trả lời mới: ${formatVn(due).slice(0, 10)}.\nĐề nghị giao xử lý lại.\n`,
          templateKey: 'staff.feedback-reopened'
        }, now);
      }
      return { patch: { reopenCount: row.reopenCount + 1, reopenReason: reason, answerDueAt: due, publishDueAt: null }, toStatus: 'reopened', note: reason, onTime: null };
    },
  );
}

/** The sender supplies the information asked for; the answer clock starts again from it. */
export async function supplyInfo(deps: Deps, proof: SenderProof, text: string): Promise<FeedbackRow> {
  return applyStep(
    deps,
    asSender,
    where(proof),
    'supply_info',
    (row) => {
      ownedBy(proof)(row);
    },
    async ({ row, now, calendar, settings }) => ({
      patch: { content: `${row.content}\n\n[Bổ sung ${formatVn(now).slice(0, 10)}] ${text}`, answerDueAt: answerDue(now, await calendar(), await settings()) },
      toStatus: row.classification ? 'handling' : 'received',
      note: text,
      onTime: null,
    }),
  );
}
