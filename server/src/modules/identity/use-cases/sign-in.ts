import { countSecurityEvent } from '../../../platform/security-events.js';
import { addressKey } from '../../../platform/client-address.js';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db } from '../../../platform/database.js';
import { clearGuard, lockGuard, readGuard, recordGuardFailure, secondsUntil } from '../../../platform/rate-limit.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { hashToken } from '../auth.plugin.js';
import type { TLoginInput } from '../identity.contract.js';
import { identityErrors } from '../identity.errors.js';
import { findUserForLogin, insertSession, recordLoginSuccess, setLoginFailures, staffCodeRecipient, throttle, userUnitPaths } from '../identity.repo.js';
import { dummyPasswordHash, verifyPassword } from '../password.js';
import { OTP_TTL_SECONDS } from '../otp.rules.js';
import { ADDRESS_GUARD, accountHeldUntil, unknownNameGuard } from '../sign-in.rules.js';
import { limitOtpRequests, sendOtp, useOtp, type OtpDeps } from './one-time-codes.js';

export type SignInSettings = { maxFailures: number; lockMinutes: number; sessionTtlHours: number };
/** Attempts allowed per client address per minute, across all instances. */
const ATTEMPTS_PER_ADDRESS_PER_MINUTE = 20;

/**
 * Signs an officer in. Wrong passwords slow down the account (growing delays) and the client address (sign-in.rules.ts),
 * never for good: the owner of a held account signs in with the password plus a one-time code sent to their phone or
 * e-mail (`sendStaffSignInCode`), which also passes the address guard — strangers' failures cannot lock them out.
 * Every failure is audited, for unknown user names too. Returns a fresh session token and CSRF token.
 */
export async function signIn(
  deps: { db: Db; clock: Clock; settings: SignInSettings },
  input: TLoginInput,
  client: { ip: string; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; userId: string }> {
  const now = deps.clock.now();
  const budget = await throttle(deps.db, `ip:${addressKey(client.ip)}`, ATTEMPTS_PER_ADDRESS_PER_MINUTE, 60, now);
  if (!budget.allowed) throw identityErrors.tooManyAttempts(budget.retryAfterSeconds);
  const guardKey = `signin-ip:${addressKey(client.ip)}`;
  // A second factor first: a right code (spent here, once) lets the owner past every delay strangers caused.
  let secondFactor = false;
  if (input.code) {
    const who = await staffCodeRecipient(deps.db, input.username);
    secondFactor = who !== null && (await useOtp(deps, 'staff_sign_in', who.userId, input.code)).ok;
    if (!secondFactor) throw identityErrors.badCode();
  }
  if (!secondFactor) {
    const held = await readGuard(deps.db, guardKey, now);
    if (held.blockedUntil) throw identityErrors.addressHeld(secondsUntil(held.blockedUntil, now));
  }
  // The check and the counter update happen in one transaction with the row locked, so concurrent
  // wrong guesses cannot slip past the delay.
  const outcome = await withTransaction(deps.db, async (tx) => {
    const user = await findUserForLogin(tx, input.username);
    if (!user) {
      // A name no account has is held exactly like an account (same count, same delays, same answer).
      const nameKey = `signin-name:${input.username}`;
      const guard = await lockGuard(tx, nameKey, now);
      if (guard.blockedUntil) return { kind: 'locked' as const, until: guard.blockedUntil };
      await verifyPassword(await dummyPasswordHash(), input.password);
      const failure = await recordGuardFailure(tx, nameKey, now, unknownNameGuard(deps.settings));
      await recordAudit(tx, { at: now, actorId: null, actorName: null, action: 'auth.failed', entity: 'staff_user', entityId: 'unknown', after: { username: input.username, known: false, failures: failure.failures, heldUntil: failure.blockedUntil }, ip: client.ip, unitPaths: [] });
      await recordGuardFailure(tx, guardKey, now, ADDRESS_GUARD);
      return failure.blockedUntil ? { kind: 'locked' as const, until: failure.blockedUntil } : { kind: 'bad' as const };
    }
    if (!secondFactor && user.lockedUntil && user.lockedUntil > now) return { kind: 'locked' as const, until: user.lockedUntil };
    const ok = await verifyPassword(user.passwordHash, input.password);
    if (!ok) {
      const failures = user.failedLogins + 1;
      const until = accountHeldUntil(failures, deps.settings, now);
      await setLoginFailures(tx, user.id, failures, until);
      await recordAudit(tx, { at: now, actorId: user.id, actorName: user.fullName, action: 'auth.failed', entity: 'staff_user', entityId: user.id, after: { failures, heldUntil: until }, ip: client.ip, unitPaths: await userUnitPaths(tx, user.id) });
      await recordGuardFailure(tx, guardKey, now, ADDRESS_GUARD);
      return until ? { kind: 'locked' as const, until } : { kind: 'bad' as const };
    }
    if (!user.active) return { kind: 'inactive' as const };
    await recordLoginSuccess(tx, user.id);
    await clearGuard(tx, guardKey);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await insertSession(tx, { tokenHash: hashToken(token), userId: user.id, csrfToken, ttlHours: deps.settings.sessionTtlHours, ...client, now });
    await recordAudit(tx, { actorId: user.id, actorName: user.fullName, action: 'auth.signed_in', entity: 'staff_user', entityId: user.id, after: secondFactor ? { secondFactor: true } : undefined, ip: client.ip, unitPaths: await userUnitPaths(tx, user.id), at: now });
    return { kind: 'ok' as const, token, csrfToken, userId: user.id };
  });
  switch (outcome.kind) {
    case 'ok':
      return { token: outcome.token, csrfToken: outcome.csrfToken, userId: outcome.userId };
    case 'locked':
      countSecurityEvent('staff_sign_in_held');
      throw identityErrors.locked(outcome.until);
    case 'inactive':
      throw identityErrors.inactive();
    case 'bad':
      throw identityErrors.badCredentials();
  }
}

/**
 * Sends an officer a one-time sign-in code (to the mobile phone on the account, else its e-mail). The answer is the
 * same for every user name — existing or not, with or without a phone — and requests are limited per user name.
 */
export async function sendStaffSignInCode(deps: OtpDeps, username: string): Promise<{ expiresInMinutes: number; message: string }> {
  await limitOtpRequests(deps, 'staff_sign_in', username);
  const who = await staffCodeRecipient(deps.db, username);
  if (who?.phone) await sendOtp(deps, { purpose: 'staff_sign_in', subject: who.userId, channel: 'sms', recipient: who.phone });
  else if (who?.email) await sendOtp(deps, { purpose: 'staff_sign_in', subject: who.userId, channel: 'email', recipient: who.email });
  // The same words for every name (whether it exists or has a contact is nobody's business), saying plainly what to
  // do when no code comes: an account without phone or e-mail is unlocked by an administrator.
  return {
    expiresInMinutes: OTP_TTL_SECONDS / 60,
    message: `Nếu tên đăng nhập đúng và tài khoản có số điện thoại hoặc e-mail, mã xác thực đã được gửi, có hiệu lực ${OTP_TTL_SECONDS / 60} phút. Tài khoản chưa có điện thoại hoặc e-mail thì không nhận được mã: hãy đề nghị quản trị viên đơn vị mở khóa.`,
  };
}
