import { DomainError, tooManyRequests } from '../../platform/errors.js';

export const identityErrors = {
  badCredentials: () =>
    new DomainError('AUTH.BAD_CREDENTIALS', 'unauthenticated', 'Tên đăng nhập hoặc mật khẩu không đúng.', 'Wrong username or password.'),
  locked: (until: Date) =>
    new DomainError(
      'AUTH.LOCKED',
      'forbidden',
      `Tài khoản đang tạm chờ do đăng nhập sai nhiều lần, thử lại sau ${until.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}. Nếu đây là tài khoản của bạn, bạn có thể đăng nhập ngay bằng mã xác thực gửi tới điện thoại hoặc e-mail. Tài khoản chưa có điện thoại hoặc e-mail thì không nhận được mã: hãy đề nghị quản trị viên đơn vị mở khóa.`,
      'Account held after repeated failures; its owner can sign in with a one-time code, or ask an administrator to unlock an account without phone or e-mail.',
      { lockedUntil: until.toISOString(), secondFactor: true },
    ),
  addressHeld: (retryAfterSeconds: number) =>
    tooManyRequests('AUTH.ADDRESS_HELD', (wait) => `Có quá nhiều lần đăng nhập sai từ địa chỉ mạng này. Vui lòng thử lại sau ${wait}, hoặc đăng nhập bằng mã xác thực.`, 'Too many failed sign-ins from this address.', retryAfterSeconds),
  inactive: () => new DomainError('AUTH.INACTIVE', 'forbidden', 'Tài khoản đã bị vô hiệu hóa.', 'Account disabled.'),
  tooManyAttempts: (retryAfterSeconds: number) =>
    tooManyRequests('AUTH.TOO_MANY_ATTEMPTS', (wait) => `Quá nhiều lần đăng nhập, vui lòng thử lại sau ${wait}.`, 'Too many sign-in attempts.', retryAfterSeconds),
  tooManyCodes: (retryAfterSeconds: number) =>
    tooManyRequests('AUTH.TOO_MANY_CODES', (wait) => `Đã gửi nhiều mã xác thực trong thời gian ngắn. Vui lòng thử lại sau ${wait}.`, 'Too many codes requested.', retryAfterSeconds),
  badCode: () =>
    new DomainError('AUTH.BAD_CODE', 'unauthenticated', 'Mã xác thực không đúng hoặc đã hết hạn. Vui lòng kiểm tra lại hoặc yêu cầu mã mới.', 'Wrong or expired one-time code.'),
  noContact: () =>
    new DomainError(
      'USER.NO_CONTACT',
      'invalid',
      'Tài khoản cán bộ phải có ít nhất số điện thoại hoặc e-mail, để nhận mã xác thực khi đăng nhập bị tạm chờ.',
      'A staff account needs a phone or an e-mail (for one-time sign-in codes).',
    ),
  usernameTaken: () => new DomainError('USER.USERNAME_TAKEN', 'conflict', 'Tên đăng nhập đã được sử dụng.', 'Username already taken.'),
  lastAdmin: () =>
    new DomainError('USER.SELF_LOCKOUT', 'conflict', 'Không thể tự gỡ quyền quản trị hoặc vô hiệu hóa tài khoản của chính mình.', 'You cannot remove your own administrator access.'),
};
