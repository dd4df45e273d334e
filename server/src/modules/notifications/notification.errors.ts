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
  channelWithoutContact: (channel: Channel) =>
    new DomainError(
      'NOTIFICATION.CHANNEL_WITHOUT_CONTACT',
      'unprocessable',
      channel === 'email'
        ? 'Tài khoản chưa có địa chỉ e-mail: thêm e-mail trong Thông tin cá nhân trước khi chọn nhận thông báo qua e-mail.'
        : `Tài khoản chưa có số điện thoại di động: thêm số điện thoại trong Thông tin cá nhân trước khi chọn nhận thông báo qua ${channel === 'zalo' ? 'Zalo' : 'SMS'}.`,
      `The account has no ${channel === 'email' ? 'e-mail address' : 'mobile number'} for ${channel} notices.`,
      { channel },
    ),
  channelUnavailable: () =>
    new DomainError('NOTIFICATION.CHANNEL_UNAVAILABLE', 'unprocessable', 'Cơ quan chưa kết nối Zalo: chưa thể nhận thông báo qua Zalo.', 'Zalo is not connected here yet.', { channel: 'zalo' }),
  badSignature: () =>
    new DomainError('NOTIFICATION.BAD_SIGNATURE', 'unauthenticated', 'Chữ ký thông báo của nhà cung cấp không hợp lệ.', 'The provider callback signature is invalid.'),
  invalidContent: (what: 'subject' | 'body') =>
    new DomainError(
      'NOTIFICATION.INVALID_CONTENT',
      'invalid',
      what === 'subject' ? 'Thông báo qua e-mail cần có tiêu đề.' : 'Nội dung thông báo không được để trống.',
      what === 'subject' ? 'An e-mail notification needs a subject.' : 'The notification body is empty.',
      { field: what },
    ),
};
