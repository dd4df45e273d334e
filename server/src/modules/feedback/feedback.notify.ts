import type { Queryable } from '../../platform/database.js';
import { isMobileVn } from '../applicants/phone.rules.js';
import { enqueueNotification } from '../notifications/notification.repo.js';
import { fitSms } from '../notifications/notification.templates.js';
import { formatVn } from '../working-calendar/vn-time.js';

export type SenderContact = { senderName: string; senderEmail: string | null; senderPhone: string | null };
export type FeedbackMessage = { key: string; subject: string; body: string; sms: string };

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
 * Sends a message to the sender by the channel they gave: e-mail when they gave one, else SMS to a mobile number;
 * a landline or an account alone gets nothing sent (they read it on the portal). Written to the outbox in the caller's
 * transaction.
 */
export async function notifySender(q: Queryable, to: SenderContact, msg: FeedbackMessage, now: Date): Promise<void> {
  if (to.senderEmail) {
    await enqueueNotification(q, { channel: 'email', recipient: to.senderEmail, subject: msg.subject, body: `Kính gửi ${to.senderName},\n\n${msg.body}`, templateKey: msg.key }, now);
  } else if (to.senderPhone && isMobileVn(to.senderPhone)) {
    await enqueueNotification(q, { channel: 'sms', recipient: to.senderPhone, body: msg.sms, templateKey: msg.key }, now);
  }
}
