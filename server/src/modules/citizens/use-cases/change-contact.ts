import { withTransaction } from '../../../platform/database.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { identityErrors } from '../../identity/identity.errors.js';
import { OTP_TTL_SECONDS } from '../../identity/otp.rules.js';
import { limitOtpRequests, sendOtp, useOtp, type OtpDeps } from '../../identity/use-cases/one-time-codes.js';
import type { TProfile } from '../citizen.contract.js';
import { identifierTaken } from '../citizen-credentials.repo.js';
import { parseIdentifier } from '../citizen.rules.js';
import { citizenErrors } from '../citizen.errors.js';
import { channelOf, limitCodeRequestsFrom, type Client, type CodeSent } from './citizen-auth.js';
import { readProfile } from './manage-profile.js';

/** The code is bound to the account and to the new value: it proves this account's holder receives messages there. */
const subjectOf = (citizenId: string, kind: 'phone' | 'email', value: string) => `${citizenId}:${kind}:${value}`;

function parseContact(kind: 'phone' | 'email', value: string) {
  const id = parseIdentifier(value);
  if (!id || id.kind !== kind) throw citizenErrors.badIdentifier();
  return id;
}

/**
 * A new phone or e-mail becomes the account's sign-in identifier and the address of its codes and notices, so it is a
 * claim to prove, as at registration: a code goes to the new value. The answer is the same whether or not another
 * account holds it (no enumeration); a taken value simply receives no code.
 */
export async function startContactChange(deps: OtpDeps, citizenId: string, input: { kind: 'phone' | 'email'; value: string }, client: Client): Promise<CodeSent> {
  const id = parseContact(input.kind, input.value);
  await limitCodeRequestsFrom(deps, client);
  await limitOtpRequests(deps, 'citizen_contact_change', `${id.kind}:${id.value}`);
  if (!(await identifierTaken(deps.db, id))) {
    await sendOtp(deps, { purpose: 'citizen_contact_change', subject: subjectOf(citizenId, id.kind, id.value), channel: channelOf(id), recipient: id.value });
  }
  return { channel: channelOf(id), expiresInMinutes: OTP_TTL_SECONDS / 60 };
}

/** The code from the new phone or e-mail sets it; the change is audited with the old and the new value. */
export async function confirmContactChange(
  deps: OtpDeps,
  citizenId: string,
  input: { kind: 'phone' | 'email'; value: string; code: string },
  client: Client,
): Promise<TProfile> {
  const id = parseContact(input.kind, input.value);
  const used = await useOtp(deps, 'citizen_contact_change', subjectOf(citizenId, id.kind, id.value), input.code);
  if (!used.ok) throw identityErrors.badCode();
  const now = deps.clock.now();
  const before = await readProfile(deps, citizenId);
  try {
    await withTransaction(deps.db, async (tx) => {
      await tx.query(`UPDATE citizen_account SET ${id.kind === 'email' ? 'email' : 'phone'} = $2, updated_at = $3 WHERE id = $1`, [citizenId, id.value, now]);
      await recordAudit(tx, {
        at: now,
        actorId: null,
        actorName: null,
        action: `citizen.${id.kind}_changed`,
        entity: 'citizen_account',
        entityId: citizenId,
        before: { [id.kind]: before[id.kind] },
        after: { [id.kind]: id.value },
        ip: client.ip,
        unitPaths: [],
      });
    });
  } catch (err) {
    // Registered by someone else between the code and its use.
    if ((err as { code?: string }).code === '23505') throw citizenErrors.taken(id.kind);
    throw err;
  }
  return readProfile(deps, citizenId);
}
