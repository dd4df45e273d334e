import { withTransaction } from '../../../platform/database.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { identityErrors } from '../../identity/identity.errors.js';
import { hashPassword } from '../../identity/password.js';
import { OTP_TTL_SECONDS } from '../../identity/otp.rules.js';
import { limitOtpRequests, sendOtp, useOtp, type OtpDeps } from '../../identity/use-cases/one-time-codes.js';
import { citizenErrors } from '../citizen.errors.js';
import { parseIdentifier } from '../citizen.rules.js';
import { findPasswordAccount, replacePassword } from '../citizen-credentials.repo.js';
import { channelOf, limitCodeRequestsFrom, openCitizenSession, type CitizenAuthSettings, type Client, type CodeSent, type NewSession } from './citizen-auth.js';

/**
 * "Quên mật khẩu": sends a one-time code to the phone or e-mail the citizen signs in with. The answer is the same
 * whether an account exists or not (no enumeration); requests are limited per identifier and per address.
 */
export async function startPasswordRecovery(deps: OtpDeps, input: { identifier: string }, client: Client): Promise<CodeSent> {
  const identifier = parseIdentifier(input.identifier);
  if (!identifier) throw citizenErrors.badIdentifier();
  await limitCodeRequestsFrom(deps, client);
  await limitOtpRequests(deps, 'citizen_recovery', `${identifier.kind}:${identifier.value}`);
  const account = await findPasswordAccount(deps.db, identifier);
  if (account) await sendOtp(deps, { purpose: 'citizen_recovery', subject: account.id, channel: channelOf(identifier), recipient: identifier.value });
  return { channel: channelOf(identifier), expiresInMinutes: OTP_TTL_SECONDS / 60 };
}

/**
 * Finishes the recovery: the right code sets the new password, lifts the sign-in throttle (the owner gets back in even
 * while strangers keep failing), ends every other session, is audited and signs the citizen in. A wrong, expired or
 * spent code — or an unknown identifier — gets one and the same answer.
 */
export async function finishPasswordRecovery(
  deps: OtpDeps & { settings: CitizenAuthSettings },
  input: { identifier: string; code: string; password: string },
  client: Client,
): Promise<NewSession> {
  const identifier = parseIdentifier(input.identifier);
  const account = identifier ? await findPasswordAccount(deps.db, identifier) : null;
  const passwordHash = await hashPassword(input.password);
  if (!account) throw identityErrors.badCode();
  const used = await useOtp(deps, 'citizen_recovery', account.id, input.code);
  if (!used.ok) throw identityErrors.badCode();
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    await replacePassword(tx, account.id, passwordHash, now);
    await recordAudit(tx, { at: now, actorId: null, actorName: account.fullName, action: 'citizen.password_reset', entity: 'citizen_account', entityId: account.id, after: { via: channelOf(identifier!) }, ip: client.ip, unitPaths: [] });
    return openCitizenSession(tx, account.id, 'password', deps.settings.sessionTtlHours, client, now);
  });
}
