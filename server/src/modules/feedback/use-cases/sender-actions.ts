import type { Clock } from '../../../platform/clock.js';
import type { Db, Queryable } from '../../../platform/database.js';
import { normalizePhoneVn } from '../../applicants/phone.rules.js';
import { enqueueNotification } from '../../notifications/notification.repo.js';
import { formatVn } from '../../working-calendar/vn-time.js';
import type { TSenderView } from '../feedback.contract.js';
import { feedbackErrors } from '../feedback.errors.js';
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
  const answered = row.status === 'answered' || row.status === 'published';
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
    answerDueAt: row.answerDueAt,
    answer: answered ? row.answerText : null,
    answeredAt: answered ? row.answeredAt : null,
    note: showNote ? row.decisionNote : null,
    rating: row.rating,
    canRate: answered && row.rating === null,
    canReopen: answered && row.reopenCount === 0,
    canSupplyInfo: row.status === 'awaiting_info',
    // Internal drafts and returns are not the sender's business: only the steps that concern them.
    timeline: events.filter((e) => e.action !== 'draft' && e.action !== 'return').map((e) => ({ at: e.at, label: eventLabels[e.action] ?? e.action })),
  };
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
