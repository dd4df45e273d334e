import { randomBytes } from 'node:crypto';
import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { hashToken } from '../auth.plugin.js';
import type { TLoginInput } from '../identity.contract.js';
import { identityErrors } from '../identity.errors.js';
import { findUserForLogin, insertSession, recordLoginFailure, recordLoginSuccess, throttle } from '../identity.repo.js';
import { dummyPasswordHash, verifyPassword } from '../password.js';

export type SignInSettings = { maxFailures: number; lockMinutes: number; sessionTtlHours: number };
/** Attempts allowed per client address per minute, across all instances. */
const ATTEMPTS_PER_ADDRESS_PER_MINUTE = 20;

/**
 * Signs an officer in: rate-limited per client address, the account locks for a while after repeated
 * failures, and the password is checked with argon2id. Returns a fresh session token and CSRF token.
 */
export async function signIn(
  deps: { db: Db; clock: Clock; settings: SignInSettings },
  input: TLoginInput,
  client: { ip: string; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; userId: string }> {
  const now = deps.clock.now();
  const allowed = await throttle(deps.db, `ip:${client.ip}`, ATTEMPTS_PER_ADDRESS_PER_MINUTE, 60, now);
  if (!allowed) throw identityErrors.tooManyAttempts();
  // The check and the counter update happen in one transaction with the row locked, so concurrent
  // wrong guesses cannot slip past the lockout.
  const outcome = await withTransaction(deps.db, async (tx) => {
    const user = await findUserForLogin(tx, input.username);
    if (!user) {
      await verifyPassword(await dummyPasswordHash(), input.password);
      return { kind: 'bad' as const };
    }
    if (user.lockedUntil && user.lockedUntil > now) return { kind: 'locked' as const, until: user.lockedUntil };
    const ok = await verifyPassword(user.passwordHash, input.password);
    if (!ok) {
      const lockedUntil = await recordLoginFailure(tx, user.id, deps.settings.maxFailures, deps.settings.lockMinutes, now);
      await recordAudit(tx, { actorId: user.id, actorName: user.fullName, action: 'auth.failed', entity: 'staff_user', entityId: user.id, ip: client.ip, at: now });
      return lockedUntil && lockedUntil > now ? { kind: 'locked' as const, until: lockedUntil } : { kind: 'bad' as const };
    }
    if (!user.active) return { kind: 'inactive' as const };
    await recordLoginSuccess(tx, user.id);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await insertSession(tx, { tokenHash: hashToken(token), userId: user.id, csrfToken, ttlHours: deps.settings.sessionTtlHours, ...client, now });
    await recordAudit(tx, { actorId: user.id, actorName: user.fullName, action: 'auth.signed_in', entity: 'staff_user', entityId: user.id, ip: client.ip, at: now });
    return { kind: 'ok' as const, token, csrfToken, userId: user.id };
  });
  switch (outcome.kind) {
    case 'ok':
      return { token: outcome.token, csrfToken: outcome.csrfToken, userId: outcome.userId };
    case 'locked':
      throw identityErrors.locked(outcome.until);
    case 'inactive':
      throw identityErrors.inactive();
    case 'bad':
      throw identityErrors.badCredentials();
  }
}
