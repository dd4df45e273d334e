import type { AppConfig } from '../../../platform/config.js';
import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db } from '../../../platform/database.js';
import { hitRateLimit } from '../../../platform/rate-limit.js';
import { normalizePhoneVn } from '../../applicants/phone.rules.js';
import { identityErrors } from '../identity.errors.js';
import { otpDeliveryFor } from '../otp.delivery.js';
import { countOtpWrongTry, insertOtp, lockLiveOtp, markOtpUsed } from '../otp.repo.js';
import { hashOtp, newOtpCode, newOtpSalt, OTP_MAX_ATTEMPTS, OTP_SENDS_PER_HOUR, OTP_TTL_SECONDS, otpMatches, otpMessage, type OtpChannel, type OtpPurpose } from '../otp.rules.js';

export type OtpDeps = { db: Db; clock: Clock; config: Pick<AppConfig, 'smtpUrl' | 'mailFrom' | 'otpLogCodes'> };

/**
 * Counts a request for a code about `requestedFor` (what the requester typed: a user name, a phone, an e-mail) and
 * refuses beyond OTP_SENDS_PER_HOUR — counted the same whether an account exists or not, so the refusal reveals nothing.
 */
export async function limitOtpRequests(deps: Pick<OtpDeps, 'db' | 'clock'>, purpose: OtpPurpose, requestedFor: string): Promise<void> {
  const r = await hitRateLimit(deps.db, { key: `otp-send:${purpose}:${requestedFor}`, max: OTP_SENDS_PER_HOUR, windowSeconds: 3600 }, deps.clock.now());
  if (!r.allowed) throw identityErrors.tooManyCodes(r.retryAfterSeconds);
}

/**
 * Issues a code for (purpose, subject) and sends it to `recipient` (a Vietnamese mobile number or an e-mail address).
 * Earlier codes of the pair stop working. `payload` waits with the code (a registration's data) and comes back when
 * the code is used.
 */
export async function sendOtp(
  deps: OtpDeps,
  o: { purpose: OtpPurpose; subject: string; channel: OtpChannel; recipient: string; payload?: unknown },
): Promise<void> {
  const now = deps.clock.now();
  const code = newOtpCode();
  const salt = newOtpSalt();
  const recipient = o.channel === 'sms' ? normalizePhoneVn(o.recipient) : null;
  if (recipient && !recipient.ok) return;
  await insertOtp(deps.db, {
    purpose: o.purpose,
    subject: o.subject,
    channel: o.channel,
    salt,
    codeHash: hashOtp(salt, o.purpose, o.subject, code),
    payload: o.payload,
    now,
    expiresAt: new Date(now.getTime() + OTP_TTL_SECONDS * 1000),
  });
  const text = otpMessage(o.purpose, o.channel, code);
  await otpDeliveryFor(deps)({ purpose: o.purpose, channel: o.channel, recipient: recipient ? recipient.e164 : o.recipient, code, ...text });
}

/**
 * Uses the live code of (purpose, subject): right → it is spent and its payload returned; wrong → one of its
 * OTP_MAX_ATTEMPTS tries is spent (committed at once, whatever the caller does next). Concurrent uses of one code
 * are judged one after the other, so a code opens one door once.
 */
export async function useOtp(deps: Pick<OtpDeps, 'db' | 'clock'>, purpose: OtpPurpose, subject: string, code: string): Promise<{ ok: true; payload: unknown } | { ok: false }> {
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const live = await lockLiveOtp(tx, purpose, subject, now);
    if (!live || live.attempts >= OTP_MAX_ATTEMPTS) return { ok: false as const };
    if (!otpMatches(live, purpose, subject, code)) {
      await countOtpWrongTry(tx, live.id);
      return { ok: false as const };
    }
    await markOtpUsed(tx, live.id, now);
    return { ok: true as const, payload: live.payload };
  });
}
