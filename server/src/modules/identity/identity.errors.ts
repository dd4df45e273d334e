import { DomainError } from '../../platform/errors.js';

export const identityErrors = {
  badCredentials: () =>
    new DomainError('AUTH.BAD_CREDENTIALS', 'unauthenticated', 'Tên đăng nhập hoặc mật khẩu không đúng.', 'Wrong username or password.'),
  locked: (until: Date) =>
    new DomainError(
      'AUTH.LOCKED',
      'forbidden',
      `Tài khoản tạm khóa do đăng nhập sai nhiều lần, thử lại sau ${until.toLocaleTimeString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}.`,
      'Account temporarily locked after repeated failures.',
      { lockedUntil: until.toISOString() },
    ),
  inactive: () => new DomainError('AUTH.INACTIVE', 'forbidden', 'Tài khoản đã bị vô hiệu hóa.', 'Account disabled.'),
  tooManyAttempts: () =>
    new DomainError('AUTH.TOO_MANY_ATTEMPTS', 'rate_limited', 'Quá nhiều lần đăng nhập, vui lòng thử lại sau ít phút.', 'Too many sign-in attempts.'),
  usernameTaken: () => new DomainError('USER.USERNAME_TAKEN', 'conflict', 'Tên đăng nhập đã được sử dụng.', 'Username already taken.'),
  lastAdmin: () =>
    new DomainError('USER.SELF_LOCKOUT', 'conflict', 'Không thể tự gỡ quyền quản trị hoặc vô hiệu hóa tài khoản của chính mình.', 'You cannot remove your own administrator access.'),
};
