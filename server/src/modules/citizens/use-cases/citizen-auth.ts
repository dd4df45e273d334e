import { countSecurityEvent } from '../../../platform/security-events.js';
import { addressKey } from '../../../platform/client-address.js';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import { validateCccd } from '../../applicants/cccd.rules.js';
import { hashToken } from '../../identity/auth.plugin.js';
import { identityErrors } from '../../identity/identity.errors.js';
import { throttle } from '../../identity/identity.repo.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../identity/password.js';
import { OTP_TTL_SECONDS } from '../../identity/otp.rules.js';
import { limitOtpRequests, sendOtp, useOtp, type OtpDeps } from '../../identity/use-cases/one-time-codes.js';
import { identifierTaken } from '../citizen-credentials.repo.js';
import { clearGuard, hitRateLimit, lockGuard, readGuard, recordGuardFailure, secondsUntil } from '../../../platform/rate-limit.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { ADDRESS_GUARD, accountHeldUntil, unknownNameGuard } from '../../identity/sign-in.rules.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { TCitizenLoginInput, TRegisterInput } from '../citizen.contract.js';
import { citizenErrors } from '../citizen.errors.js';
import { parseIdentifier, type Identifier } from '../citizen.rules.js';
import { findForLogin, insertPasswordAccount, recordSuccess, setFailures } from '../citizen.repo.js';
import { insertCitizenSession } from '../citizen-session.repo.js';

export type CitizenAuthSettings = { maxFailures: number; lockMinutes: number; sessionTtlHours: number };
export type Client = { ip: string; userAgent: string | null };
export type NewSession = { token: string; csrfToken: string; citizenId: string };
/** Attempts allowed per client address per minute, across all instances (same budget as the staff sign-in). */
const ATTEMPTS_PER_ADDRESS_PER_MINUTE = 20;

/** Codes one client address may ask for per hour, whatever the identifiers (someone spraying numbers). */
const CODE_REQUESTS_PER_ADDRESS_PER_HOUR = 20;

export type CodeSent = { channel: 'sms' | 'email'; expiresInMinutes: number };

export const channelOf = (id: Identifier): 'sms' | 'email' => (id.kind === 'phone' ? 'sms' : 'email');

/** Refuses a client address that asks for too many codes, before any account is looked at. */
export async function limitCodeRequestsFrom(deps: Pick<OtpDeps, 'db' | 'clock'>, client: Client): Promise<void> {
  const r = await hitRateLimit(deps.db, { key: `otp-ip:${addressKey(client.ip)}`, max: CODE_REQUESTS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 }, deps.clock.now());
  if (!r.allowed) throw identityErrors.tooManyCodes(r.retryAfterSeconds);
}

export async function openCitizenSession(q: Queryable, citizenId: string, via: 'oidc' | 'password', ttlHours: number, client: Client, now: Date): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await insertCitizenSession(q, { tokenHash: hashToken(token), citizenId, csrfToken, via, ttlHours, ...client, now });
  return { token, csrfToken, citizenId };
}

type RegistrationPayload = { passwordHash: string; fullName: string; idNumber: string; birthDate: string; gender: 'male' | 'female' | null };

/**
 * Registration for citizens without an electronic identity, step 1: e-mail or mobile number with a password (argon2id)
 * and the profile, the CCCD checked against the birth date and gender it encodes. Nothing is created yet: a one-time
 * code goes to the phone or e-mail, which proves it belongs to the registrant. The answer is the same whether the
 * phone, e-mail or CCCD already has an account (no enumeration): a taken identifier simply receives no code, and a
 * CCCD is only a claim — unverified, it gives access to nothing (see verify-identity.ts).
 */
export async function startRegistration(deps: OtpDeps, input: TRegisterInput, client: Client): Promise<CodeSent> {
  // Hashing is costly: registrations share the sign-in's per-address budget.
  const now = deps.clock.now();
  const budget = await throttle(deps.db, `citizen-ip:${addressKey(client.ip)}`, ATTEMPTS_PER_ADDRESS_PER_MINUTE, 60, now);
  if (!budget.allowed) throw identityErrors.tooManyAttempts(budget.retryAfterSeconds);
  const identifier = parseIdentifier(input.identifier);
  if (!identifier) throw citizenErrors.badIdentifier();
  const cccd = validateCccd(input.idNumber, { birthDate: input.birthDate, gender: input.gender ?? undefined, today: vnDateOf(now) });
  if (!cccd.ok) throw citizenErrors.badProfile(cccd.reasonVi);
  await limitCodeRequestsFrom(deps, client);
  await limitOtpRequests(deps, 'citizen_registration', `${identifier.kind}:${identifier.value}`);
  const payload: RegistrationPayload = { passwordHash: await hashPassword(input.password), fullName: input.fullName, idNumber: cccd.number, birthDate: input.birthDate, gender: input.gender ?? cccd.gender };
  if (!(await identifierTaken(deps.db, identifier))) {
    await sendOtp(deps, { purpose: 'citizen_registration', subject: `${identifier.kind}:${identifier.value}`, channel: channelOf(identifier), recipient: identifier.value, payload });
  }
  return { channel: channelOf(identifier), expiresInMinutes: OTP_TTL_SECONDS / 60 };
}

/** Registration, step 2: the code from the phone or e-mail creates the account (CCCD unverified) and signs in. */
export async function confirmRegistration(deps: OtpDeps & { settings: CitizenAuthSettings }, input: { identifier: string; code: string }, client: Client): Promise<NewSession> {
  const identifier = parseIdentifier(input.identifier);
  if (!identifier) throw identityErrors.badCode();
  const now = deps.clock.now();
  const used = await useOtp(deps, 'citizen_registration', `${identifier.kind}:${identifier.value}`, input.code);
  if (!used.ok) throw identityErrors.badCode();
  const p = used.payload as RegistrationPayload;
  try {
    return await withTransaction(deps.db, async (tx) => {
      const id = await insertPasswordAccount(tx, { identifier, passwordHash: p.passwordHash, fullName: p.fullName, idNumber: p.idNumber, birthDate: p.birthDate, gender: p.gender }, now);
      return openCitizenSession(tx, id, 'password', deps.settings.sessionTtlHours, client, now);
    });
  } catch (err) {
    // The identifier was registered by someone else between the code and its use.
    if ((err as { code?: string }).code === '23505') throw identityErrors.badCode();
    throw err;
  }
}

/**
 * Password sign-in by e-mail or phone, with the staff sign-in's protections (identity/sign-in.rules.ts): a per-address
 * rate limit, growing delays per account and per address, all shared by every instance. A held account's owner gets
 * in at once through password recovery by one-time code (recover-password.ts), so strangers cannot lock them out.
 * Failures are audited, for unknown identifiers too.
 */
export async function signInCitizen(deps: { db: Db; clock: Clock; settings: CitizenAuthSettings }, input: TCitizenLoginInput, client: Client): Promise<NewSession> {
  const now = deps.clock.now();
  const budget = await throttle(deps.db, `citizen-ip:${addressKey(client.ip)}`, ATTEMPTS_PER_ADDRESS_PER_MINUTE, 60, now);
  if (!budget.allowed) throw identityErrors.tooManyAttempts(budget.retryAfterSeconds);
  const guardKey = `citizen-signin-ip:${addressKey(client.ip)}`;
  const held = await readGuard(deps.db, guardKey, now);
  if (held.blockedUntil) throw identityErrors.addressHeld(secondsUntil(held.blockedUntil, now));
  const identifier = parseIdentifier(input.identifier);
  const outcome = await withTransaction(deps.db, async (tx) => {
    const account = identifier ? await findForLogin(tx, identifier) : null;
    if (!account || !account.passwordHash) {
      // No password account for this phone/e-mail: held exactly like one (same count, same delays, same answer).
      const nameKey = `citizen-signin-id:${identifier?.value ?? input.identifier.trim().toLowerCase()}`;
      const guard = await lockGuard(tx, nameKey, now);
      if (guard.blockedUntil) return { kind: 'locked' as const, until: guard.blockedUntil };
      await verifyPassword(await dummyPasswordHash(), input.password);
      const failure = await recordGuardFailure(tx, nameKey, now, unknownNameGuard(deps.settings));
      await recordAudit(tx, { at: now, actorId: null, actorName: null, action: 'citizen.sign_in_failed', entity: 'citizen_account', entityId: account?.id ?? 'unknown', after: { identifier: identifier?.value ?? null, known: !!account, failures: failure.failures, heldUntil: failure.blockedUntil }, ip: client.ip, unitPaths: [] });
      await recordGuardFailure(tx, guardKey, now, ADDRESS_GUARD);
      return failure.blockedUntil ? { kind: 'locked' as const, until: failure.blockedUntil } : { kind: 'bad' as const };
    }
    if (account.lockedUntil && account.lockedUntil > now) return { kind: 'locked' as const, until: account.lockedUntil };
    if (!(await verifyPassword(account.passwordHash, input.password))) {
      const failures = account.failedLogins + 1;
      const until = accountHeldUntil(failures, deps.settings, now);
      await setFailures(tx, account.id, failures, until);
      await recordAudit(tx, { at: now, actorId: null, actorName: null, action: 'citizen.sign_in_failed', entity: 'citizen_account', entityId: account.id, after: { failures, heldUntil: until }, ip: client.ip, unitPaths: [] });
      await recordGuardFailure(tx, guardKey, now, ADDRESS_GUARD);
      return until ? { kind: 'locked' as const, until } : { kind: 'bad' as const };
    }
    await recordSuccess(tx, account.id);
    await clearGuard(tx, guardKey);
    return { kind: 'ok' as const, session: await openCitizenSession(tx, account.id, 'password', deps.settings.sessionTtlHours, client, now) };
  });
  switch (outcome.kind) {
    case 'ok':
      return outcome.session;
    case 'locked':
      countSecurityEvent('citizen_sign_in_held');
      throw identityErrors.locked(outcome.until);
    case 'bad':
      throw citizenErrors.badCredentials();
  }
}
