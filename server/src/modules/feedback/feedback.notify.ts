import type { Queryable } from '../../platform/database.js';
import { isMobileVn } from '../applicants/phone.rules.js';
import type { Attachment } from '../notifications/notification.contract.js';
import { enqueueNotification } from '../notifications/notification.repo.js';
import { fitSms } from '../notifications/notification.templates.js';
import { formatVn } from '../working-calendar/vn-time.js';

export type SenderContact = { id: string; senderName: string; senderEmail: string | null; senderPhone: string | null };
/** `attachments`: files sent with the e-mail (the routing letter as PDF); the SMS only says where to read it. */
export type FeedbackMessage = { key: string; subject: string; body: string; sms: string; attachments?: Attachment[] };

const day = (d: Date) => formatVn(d).slice(0, 10).split('-').reverse().join('/');

/** Texts sent to the sender, in Vietnamese; SMS unaccented within 160 characters (notifications module). */
export const feedbackMessages = {
  received: (code: string, unitName: string, answerDueAt: Date): FeedbackMessage => ({
    key: 'feedback.received',
    subject: `[Một Cửa] Đã tiếp nhận phản ánh, kiến nghị số ${code}`,
    body: `${unitName} đã tiếp nhận phản ánh, kiến nghị của Ông/Bà, số ${code}.\nHạn trả lời: ${day(answerDueAt)}.\nÔng/Bà theo dõi kết quả trên Cổng dịch vụ công bằng số này và số điện thoại đã khai.\n`,
    sms: fitSms(`Da tiep nhan PAKN so ${code}. Han tra loi ${day(answerDueAt)}.`),
  }),
  refused: (code: string, reason: string): FeedbackMessage => ({
    key: 'feedback.refused',
    subject: `[Một Cửa] Phản ánh, kiến nghị số ${code} không được tiếp nhận`,
    body: `Phản ánh, kiến nghị số ${code} không được tiếp nhận xử lý (Nghị định 20/2008/NĐ-CP Điều 9).\nLý do: ${reason}\n`,
    sms: fitSms(`PAKN so ${code} khong duoc tiep nhan. Ly do: `, reason),
  }),
  routedOut: (code: string, letter: string): FeedbackMessage => ({
    key: 'feedback.routed-out',
    subject: `[Một Cửa] Hướng dẫn về nội dung số ${code}`,
    body: `Nội dung Ông/Bà gửi (số ${code}) là khiếu nại hoặc tố cáo, không giải quyết theo thủ tục phản ánh, kiến nghị.\n\n${letter}\n`,
    sms: fitSms(`Noi dung so ${code} la khieu nai/to cao, xem huong dan: `, letter),
  }),
  transferred: (code: string, unitName: string, answerDueAt: Date): FeedbackMessage => ({
    key: 'feedback.transferred',
    subject: `[Một Cửa] Phản ánh, kiến nghị số ${code} đã được chuyển đến ${unitName}`,
    body: `Phản ánh, kiến nghị số ${code} đã được chuyển đến cơ quan có thẩm quyền: ${unitName}.\nHạn trả lời: ${day(answerDueAt)}.\n`,
    sms: fitSms(`PAKN so ${code} da chuyen den co quan co tham quyen. Han tra loi ${day(answerDueAt)}. `, unitName),
  }),
  infoRequested: (code: string, question: string): FeedbackMessage => ({
    key: 'feedback.info-requested',
    subject: `[Một Cửa] Đề nghị bổ sung thông tin cho phản ánh số ${code}`,
    body: `Để xử lý phản ánh, kiến nghị số ${code}, đề nghị Ông/Bà bổ sung thông tin sau trên Cổng dịch vụ công:\n${question}\n`,
    sms: fitSms(`De nghi bo sung thong tin PAKN so ${code}: `, question),
  }),
  answered: (code: string, answer: string): FeedbackMessage => ({
    key: 'feedback.answered',
    subject: `[Một Cửa] Trả lời phản ánh, kiến nghị số ${code}`,
    body: `Trả lời phản ánh, kiến nghị số ${code}:\n\n${answer}\n\nÔng/Bà có thể đánh giá kết quả trả lời hoặc đề nghị xem xét lại (một lần) trên Cổng dịch vụ công.\n`,
    sms: fitSms(`PAKN so ${code} da duoc tra loi, xem tren Cong dich vu cong. `, answer),
  }),
};

/**
 * Sends a message to the sender by the channel they gave: e-mail when they gave one (with an SMS to their mobile as the
 * fallback should the e-mail fail for good), else SMS to a mobile number; a landline or an account alone gets nothing
 * sent (they read it on the portal). Written to the outbox in the caller's transaction and linked to the item
 * (feedback_message), so its history shows what was sent, on which channel, and whether the fallback went out.
 */
export async function notifySender(q: Queryable, to: SenderContact, msg: FeedbackMessage, now: Date): Promise<void> {
  const mobile = to.senderPhone && isMobileVn(to.senderPhone) ? to.senderPhone : null;
  let sent: { id: string } | null = null;
  if (to.senderEmail) {
    sent = await enqueueNotification(
      q,
      {
        channel: 'email', recipient: to.senderEmail, subject: msg.subject, body: `Kính gửi ${to.senderName},\n\n${msg.body}`, templateKey: msg.key,
        ...(msg.attachments ? { attachments: msg.attachments } : {}),
        fallback: mobile ? { channel: 'sms', recipient: mobile, subject: null, body: msg.sms } : null,
      },
      now,
    );
  } else if (mobile) {
    sent = await enqueueNotification(q, { channel: 'sms', recipient: mobile, body: msg.sms, templateKey: msg.key }, now);
  }
  if (sent) await q.query(`INSERT INTO feedback_message (feedback_id, notification_id) VALUES ($1, $2)`, [to.id, sent.id]);
}

export type SentMessage = { at: Date; channel: string; recipient: string; status: string; isFallback: boolean; lastError: string | null };
/** A sent message with what the sender's own view needs besides: which message it was and when it left. */
export type SentMessageRow = SentMessage & { templateKey: string; sentAt: Date | null };

/** The messages sent to the sender of an item, with the fallbacks of failed ones, oldest first. */
export async function listSentMessages(q: Queryable, feedbackId: string): Promise<SentMessageRow[]> {
  const { rows } = await q.query<SentMessageRow>(
    `SELECT o.created_at AS at, o.channel, o.recipient, o.status, o.fallback_of IS NOT NULL AS "isFallback", o.last_error AS "lastError",
            n.template_key AS "templateKey", o.sent_at AS "sentAt"
       FROM feedback_message m JOIN notification_outbox n ON n.id = m.notification_id
       JOIN notification_outbox o ON o.id = n.id OR o.fallback_of = n.id
      WHERE m.feedback_id = $1 ORDER BY o.created_at, o.fallback_of NULLS FIRST`,
    [feedbackId],
  );
  return rows;
}

/** What each message to the sender was, in the sender's words (the template keys of feedbackMessages). */
const noticeAbout: Record<string, string> = {
  'feedback.received': 'Thông báo tiếp nhận',
  'feedback.refused': 'Thông báo không tiếp nhận',
  'feedback.routed-out': 'Văn bản hướng dẫn',
  'feedback.transferred': 'Thông báo chuyển cơ quan có thẩm quyền',
  'feedback.info-requested': 'Đề nghị bổ sung thông tin',
  'feedback.answered': 'Trả lời phản ánh, kiến nghị',
};

export type SenderNotice = { at: Date; about: string; channel: 'email' | 'sms' | 'zalo'; to: string; state: 'sending' | 'sent' | 'failed'; instead: boolean };

/**
 * The address a message went to, as the sender's own view shows it: enough for them to recognise their number or
 * mailbox, not enough for someone holding only the item's number and phone to learn the e-mail address (the last four
 * digits of a phone; the first letter and the domain of an e-mail).
 */
export function maskRecipient(channel: string, recipient: string): string {
  if (channel === 'email') {
    const at = recipient.lastIndexOf('@');
    return at > 0 ? `${recipient[0]}…${recipient.slice(at)}` : '…';
  }
  const digits = recipient.replace(/\D/g, '');
  return digits.length >= 4 ? `…${digits.slice(-4)}` : '…';
}

/**
 * How the sender was told of each step, for their own view (tracking and "Phản ánh của tôi"): the channel, the masked
 * address, whether it went, and whether it was the SMS sent instead of an e-mail that failed. Not the provider's error,
 * the attempts or the full address — those are the officers' (staffView's `messages`).
 */
export function senderNotices(messages: readonly SentMessageRow[]): SenderNotice[] {
  return messages.map((m) => {
    const state = m.status === 'failed' ? 'failed' : m.status === 'sent' || m.status === 'delivered' ? 'sent' : 'sending';
    return {
      at: state === 'sent' && m.sentAt ? m.sentAt : m.at,
      about: noticeAbout[m.templateKey] ?? 'Thông báo',
      channel: m.channel === 'email' || m.channel === 'zalo' ? m.channel : 'sms',
      to: maskRecipient(m.channel, m.recipient),
      state,
      instead: m.isFallback,
    };
  });
}
