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
};

export function nt(key: Key, params?: Record<string, string | number>): string {
  const s = lang() === 'en' ? en[key] : vi[key];
  return params ? s.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? '')) : s;
}
