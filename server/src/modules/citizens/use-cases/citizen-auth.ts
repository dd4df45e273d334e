import { randomBytes } from 'node:crypto';
import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { validateCccd } from '../../applicants/cccd.rules.js';
import { hashToken } from '../../identity/auth.plugin.js';
import { identityErrors } from '../../identity/identity.errors.js';
import { throttle } from '../../identity/identity.repo.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../identity/password.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { TCitizenLoginInput, TRegisterInput } from '../citizen.contract.js';
import { citizenErrors } from '../citizen.errors.js';
import { parseIdentifier } from '../citizen.rules.js';
import { findForLogin, insertPasswordAccount, recordFailure, recordSuccess } from '../citizen.repo.js';
import { insertCitizenSession } from '../citizen-session.repo.js';

export type CitizenAuthSettings = { maxFailures: number; lockMinutes: number; sessionTtlHours: number };
export type Client = { ip: string; userAgent: string | null };
export type NewSession = { token: string; csrfToken: string; citizenId: string };
/** Attempts allowed per client address per minute, across all instances (same budget as the staff sign-in). */
const ATTEMPTS_PER_ADDRESS_PER_MINUTE = 20;

export async function openCitizenSession(q: Queryable, citizenId: string, via: 'oidc' | 'password', ttlHours: number, client: Client, now: Date): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await insertCitizenSession(q, { tokenHash: hashToken(token), citizenId, csrfToken, via, ttlHours, ...client, now });
  return { token, csrfToken, citizenId };
}

/**
 * Registration for citizens without an electronic identity: e-mail or mobile number with a password (argon2id), the
 * CCCD checked against the birth date and gender it encodes. Signs the citizen in.
 */
export async function registerCitizen(deps: { db: Db; clock: Clock; settings: CitizenAuthSettings }, input: TRegisterInput, client: Client): Promise<NewSession> {
  // Hashing is costly: registrations share the sign-in's per-address budget.
  const now = deps.clock.now();
  if (!(await throttle(deps.db, `citizen-ip:${client.ip}`, ATTEMPTS_PER_ADDRESS_PER_MINUTE, 60, now))) throw identityErrors.tooManyAttempts();
  const identifier = parseIdentifier(input.identifier);
  if (!identifier) throw citizenErrors.badIdentifier();
  const cccd = validateCccd(input.idNumber, { birthDate: input.birthDate, gender: input.gender ?? undefined, today: vnDateOf(now) });
  if (!cccd.ok) throw citizenErrors.badProfile(cccd.reasonVi);
  const passwordHash = await hashPassword(input.password);
  return withTransaction(deps.db, async (tx) => {
    const taken = await tx.query<{ email: boolean; phone: boolean; idNumber: boolean }>(
      `SELECT bool_or(email = $1) AS email, bool_or(phone = $1) AS phone, bool_or(id_number = $2) AS "idNumber" FROM citizen_account WHERE email = $1 OR phone = $1 OR id_number = $2`,
      [identifier.value, cccd.number],
    );
    const t = taken.rows[0];
    if (t?.email) throw citizenErrors.taken('email');
    if (t?.phone) throw citizenErrors.taken('phone');
    if (t?.idNumber) throw citizenErrors.taken('idNumber');
    const id = await insertPasswordAccount(tx, { identifier, passwordHash, fullName: input.fullName, idNumber: cccd.number, birthDate: input.birthDate, gender: input.gender ?? cccd.gender }, now);
    return openCitizenSession(tx, id, 'password', deps.settings.sessionTtlHours, client, now);
  });
}

/**
 * Password sign-in by e-mail or phone, with the staff sign-in's protections: a per-address rate limit shared by all
 * instances (login_throttle) and a temporary lock of the account after repeated failures.
 */
export async function signInCitizen(deps: { db: Db; clock: Clock; settings: CitizenAuthSettings }, input: TCitizenLoginInput, client: Client): Promise<NewSession> {
  const now = deps.clock.now();
  if (!(await throttle(deps.db, `citizen-ip:${client.ip}`, ATTEMPTS_PER_ADDRESS_PER_MINUTE, 60, now))) throw identityErrors.tooManyAttempts();
  const identifier = parseIdentifier(input.identifier);
  const outcome = await withTransaction(deps.db, async (tx) => {
    const account = identifier ? await findForLogin(tx, identifier) : null;
    if (!account || !account.passwordHash) {
      await verifyPassword(await dummyPasswordHash(), input.password);
      return { kind: 'bad' as const };
    }
    if (account.lockedUntil && account.lockedUntil > now) return { kind: 'locked' as const, until: account.lockedUntil };
    if (!(await verifyPassword(account.passwordHash, input.password))) {
      const until = await recordFailure(tx, account.id, deps.settings.maxFailures, deps.settings.lockMinutes, now);
      return until && until > now ? { kind: 'locked' as const, until } : { kind: 'bad' as const };
    }
    await recordSuccess(tx, account.id);
    return { kind: 'ok' as const, session: await openCitizenSession(tx, account.id, 'password', deps.settings.sessionTtlHours, client, now) };
  });
  switch (outcome.kind) {
    case 'ok':
      return outcome.session;
    case 'locked':
      throw identityErrors.locked(outcome.until);
    case 'bad':
      throw citizenErrors.badCredentials();
  }
}
