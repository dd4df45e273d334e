import { DomainError } from '../../platform/errors.js';
import type { UrlProblem } from './webhook.rules.js';

const urlMessages: Record<UrlProblem, { vi: string; en: string }> = {
  invalid: { vi: 'Địa chỉ nhận không hợp lệ (cần http:// hoặc https://).', en: 'The target URL is invalid.' },
  not_https: { vi: 'Khi chạy thật, địa chỉ nhận phải dùng https://.', en: 'In production the target URL must use https://.' },
  private_address: {
    vi: 'Không được gửi tới địa chỉ nội bộ, máy này hoặc mạng riêng (chống SSRF).',
    en: 'The target resolves to a loopback, private or link-local address (SSRF).',
  },
  credentials: { vi: 'Địa chỉ nhận không được chứa tên đăng nhập hay mật khẩu.', en: 'The target URL must not carry credentials.' },
};

export const webhookErrors = {
  badUrl: (p: UrlProblem) => new DomainError(`WEBHOOK.URL_${p.toUpperCase()}`, 'unprocessable', urlMessages[p].vi, urlMessages[p].en, { problem: p }),
  subscriptionNotFound: () => new DomainError('WEBHOOK.SUBSCRIPTION_NOT_FOUND', 'not_found', 'Không tìm thấy đăng ký webhook.', 'Webhook subscription not found.'),
  deliveryNotFound: () => new DomainError('WEBHOOK.DELIVERY_NOT_FOUND', 'not_found', 'Không tìm thấy lần gửi webhook.', 'Webhook delivery not found.'),
  unitNotFound: () => new DomainError('WEBHOOK.UNIT_NOT_FOUND', 'not_found', 'Không tìm thấy đơn vị.', 'Unit not found.'),
  inactive: () => new DomainError('WEBHOOK.INACTIVE', 'conflict', 'Đăng ký webhook đã tắt, không gửi lại được.', 'The subscription is disabled.'),
};
