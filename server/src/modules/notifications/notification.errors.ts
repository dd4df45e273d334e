import { DomainError } from '../../platform/errors.js';
import type { Channel } from './notification.contract.js';

export const notificationErrors = {
  invalidRecipient: (channel: Channel, reasonVi: string) =>
    new DomainError(
      'NOTIFICATION.INVALID_RECIPIENT',
      'invalid',
      channel === 'email' ? 'Địa chỉ e-mail nhận thông báo không hợp lệ.' : `Số điện thoại nhận tin nhắn không hợp lệ: ${reasonVi}`,
      channel === 'email' ? 'Invalid e-mail address for the notification.' : 'Invalid mobile number for the SMS.',
      { channel },
    ),
  invalidContent: (what: 'subject' | 'body') =>
    new DomainError(
      'NOTIFICATION.INVALID_CONTENT',
      'invalid',
      what === 'subject' ? 'Thông báo qua e-mail cần có tiêu đề.' : 'Nội dung thông báo không được để trống.',
      what === 'subject' ? 'An e-mail notification needs a subject.' : 'The notification body is empty.',
      { field: what },
    ),
};
