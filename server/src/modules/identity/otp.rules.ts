/**
 * One-time codes (mã xác thực một lần): a 6-digit code sent by SMS or e-mail, valid 10 minutes, used once, refused after
 * 5 wrong tries. Only a salted SHA-256 of the code is stored; comparing takes constant time.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export type OtpPurpose = 'staff_sign_in' | 'citizen_recovery' | 'citizen_registration' | 'citizen_contact_change';
export type OtpChannel = 'sms' | 'email';

export const OTP_DIGITS = 6;
export const OTP_TTL_SECONDS = 10 * 60;
export const OTP_MAX_ATTEMPTS = 5;
/** Codes one subject may be sent per hour (the rest of the hour the request is refused, for existing and unknown alike). */
export const OTP_SENDS_PER_HOUR = 5;

export function newOtpCode(): string {
  return String(randomInt(0, 10 ** OTP_DIGITS)).padStart(OTP_DIGITS, '0');
}

export function newOtpSalt(): string {
  return randomBytes(16).toString('base64url');
}

/** The stored form of a code: bound to its purpose and subject, so a code for one thing never opens another. */
export function hashOtp(salt: string, purpose: OtpPurpose, subject: string, code: string): string {
  return createHash('sha256').update(`${salt}\u0000${purpose}\u0000${subject}\u0000${code}`).digest('base64url');
}

export function otpMatches(stored: { salt: string; codeHash: string }, purpose: OtpPurpose, subject: string, code: string): boolean {
  if (!/^\d{6}$/.test(code.trim())) return false;
  const a = Buffer.from(hashOtp(stored.salt, purpose, subject, code.trim()));
  const b = Buffer.from(stored.codeHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The message carrying a code: unaccented ASCII for SMS (one 160-character part), plain Vietnamese for e-mail. */
export function otpMessage(purpose: OtpPurpose, channel: OtpChannel, code: string): { subject: string | null; body: string } {
  const minutes = OTP_TTL_SECONDS / 60;
  const what = {
    staff_sign_in: { vi: 'đăng nhập hệ thống Một Cửa', ascii: 'dang nhap Mot Cua' },
    citizen_recovery: { vi: 'đặt lại mật khẩu Cổng dịch vụ công', ascii: 'dat lai mat khau Cong DVC' },
    citizen_registration: { vi: 'đăng ký tài khoản Cổng dịch vụ công', ascii: 'dang ky tai khoan Cong DVC' },
    citizen_contact_change: { vi: 'xác nhận số điện thoại/e-mail mới của tài khoản Cổng dịch vụ công', ascii: 'xac nhan so dien thoai/e-mail moi Cong DVC' },
  }[purpose];
  if (channel === 'sms') return { subject: null, body: `Ma xac thuc ${what.ascii}: ${code}. Hieu luc ${minutes} phut. Khong cung cap ma cho bat ky ai.` };
  return {
    subject: `Mã xác thực ${what.vi}`,
    body: `Mã xác thực để ${what.vi} của bạn là: ${code}\n\nMã có hiệu lực ${minutes} phút và chỉ dùng được một lần. Không cung cấp mã này cho bất kỳ ai, kể cả người tự xưng là cán bộ.\nNếu bạn không yêu cầu mã, hãy bỏ qua thư này.`,
  };
}
