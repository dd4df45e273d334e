/** Strings of the notices and channel settings page (/cong-dan/thong-bao), Vietnamese first and English second. */
import { lang } from './citizen-text.js';

const vi = {
  notices: 'Thông báo',
  noticesTitle: 'Thông báo về hồ sơ',
  noNotices: 'Chưa có thông báo nào.',
  unreadCount: '{n} thông báo mới',
  markRead: 'Đánh dấu đã đọc',
  newBadge: 'Mới',
  channelsTitle: 'Nhận thông báo qua',
  channelsIntro: 'Thông báo trên cổng dịch vụ công luôn được gửi. Chọn thêm kênh bạn muốn nhận mỗi khi hồ sơ thay đổi.',
  noticePortal: 'Cổng dịch vụ công (luôn bật)',
  noticeEmail: 'E-mail',
  noticeSms: 'Tin nhắn SMS',
  noticeZalo: 'Zalo (tin nhắn từ Zalo OA của cơ quan)',
  noContactEmail: 'Chưa có e-mail: thêm trong Thông tin cá nhân.',
  noContactPhone: 'Chưa có số điện thoại di động: thêm trong Thông tin cá nhân.',
  zaloFallback: 'Nếu tin Zalo không gửi được, hệ thống gửi SMS thay thế.',
  saveChannels: 'Lưu lựa chọn',
  channelsSaved: 'Đã lưu lựa chọn kênh nhận thông báo.',
  deliveryQueued: 'đang chờ gửi',
  deliverySent: 'đã gửi',
  deliveryDelivered: 'đã nhận',
  deliveryFailed: 'không gửi được',
  dossierCodeLabel: 'Hồ sơ',
  zaloShort: 'Zalo',
  smsPerDossier: 'đến số điện thoại đã khai trong từng hồ sơ (xem bên dưới)',
  recipientsTitle: 'Thông báo của từng hồ sơ được gửi đến',
  recipientsIntro: 'Mỗi hồ sơ nhận thông báo theo số điện thoại và e-mail đã khai khi nộp hồ sơ đó, không theo thông tin cá nhân hiện tại.',
  recipientSms: 'SMS đến {to}',
  recipientZalo: 'Zalo đến {to}',
  recipientEmail: 'E-mail đến {to}',
  recipientNoSms: 'không gửi SMS',
  recipientNoMobile: 'hồ sơ không có số di động',
  recipientDesk: 'Nộp tại bộ phận một cửa: gửi theo thông tin đã khai khi nộp, không theo lựa chọn trên.',
} as const;

type Key = keyof typeof vi;

const en: Record<Key, string> = {
  notices: 'Notices',
  noticesTitle: 'Notices about my dossiers',
  noNotices: 'No notices yet.',
  unreadCount: '{n} new notices',
  markRead: 'Mark as read',
  newBadge: 'New',
  channelsTitle: 'Receive notices by',
  channelsIntro: 'The portal notice is always sent. Choose the other channels you want each time a dossier changes.',
  noticePortal: 'Public-service portal (always on)',
  noticeEmail: 'E-mail',
  noticeSms: 'SMS',
  noticeZalo: "Zalo (messages from the agency's Zalo OA)",
  noContactEmail: 'No e-mail yet: add one in your profile.',
  noContactPhone: 'No mobile number yet: add one in your profile.',
  zaloFallback: 'If a Zalo message cannot be sent, an SMS goes instead.',
  saveChannels: 'Save',
  channelsSaved: 'Your notice channels are saved.',
  deliveryQueued: 'queued',
  deliverySent: 'sent',
  deliveryDelivered: 'delivered',
  deliveryFailed: 'failed',
  dossierCodeLabel: 'Dossier',
  zaloShort: 'Zalo',
  smsPerDossier: 'to the phone number given in each dossier (see below)',
  recipientsTitle: 'Where each dossier’s notices go',
  recipientsIntro: 'Each dossier is notified at the phone number and e-mail given when it was filed, not at your current profile.',
  recipientSms: 'SMS to {to}',
  recipientZalo: 'Zalo to {to}',
  recipientEmail: 'E-mail to {to}',
  recipientNoSms: 'no SMS',
  recipientNoMobile: 'no mobile number in the dossier',
  recipientDesk: 'Filed at the desk: notified as given when filed, not by the choice above.',
};

export function nt(key: Key, params?: Record<string, string | number>): string {
  const s = lang() === 'en' ? en[key] : vi[key];
  return params ? s.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? '')) : s;
}
