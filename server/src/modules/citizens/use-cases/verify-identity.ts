import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { withTransaction, type Db } from '../../../platform/database.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { citizenErrors } from '../citizen.errors.js';
import { accountsClaiming, lockAccountIdentity, markIdentityVerifiedAtDesk, verifiedHolderOf, type AccountClaim } from '../citizen-identity.repo.js';

async function unitPath(db: Db, unitId: string): Promise<string | null> {
  const { rows } = await db.query<{ path: string }>(`SELECT path FROM unit WHERE id = $1`, [unitId]);
  return rows[0]?.path ?? null;
}

/** The portal accounts that claim a CCCD number, for a desk officer holding the card (contact details masked). */
export async function findAccountsByCard(deps: { db: Db }, actor: Actor, idNumber: string): Promise<AccountClaim[]> {
  if (!can(actor, 'dossiers.receive')) throw commonErrors.forbidden('dossiers.receive');
  return accountsClaiming(deps.db, idNumber);
}

/**
 * An officer at the one-stop desk has checked the citizen's card (CCCD) against the account's name and birth date:
 * the number typed at registration becomes proven, recorded with who, where and when (and audited). Until then the
 * number links no dossier, reads nothing and redirects no result. One number is proven on one account only.
 */
export async function verifyIdentityAtDesk(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  accountId: string,
  input: { idNumber: string; unitId: string },
  client: { ip: string },
): Promise<void> {
  const path = await unitPath(deps.db, input.unitId);
  if (!path || !can(actor, 'dossiers.receive', path)) throw commonErrors.forbidden('dossiers.receive');
  const now = deps.clock.now();
  await withTransaction(deps.db, async (tx) => {
    const account = await lockAccountIdentity(tx, accountId);
    if (!account) throw commonErrors.notFound('Citizen account');
    if (account.idNumber !== input.idNumber) throw citizenErrors.cardMismatch();
    if (account.idVerifiedAt) return;
    const holder = await verifiedHolderOf(tx, input.idNumber);
    if (holder && holder !== accountId) throw citizenErrors.cardVerifiedElsewhere();
    await markIdentityVerifiedAtDesk(tx, accountId, { at: now, by: actor.userId, unitId: input.unitId });
    await recordAudit(tx, {
      at: now,
      actorId: actor.userId,
      actorName: actor.fullName,
      action: 'citizen.id_verified',
      entity: 'citizen_account',
      entityId: accountId,
      before: { idNumber: input.idNumber, verified: false },
      after: { idNumber: input.idNumber, verified: true, via: 'desk', unitId: input.unitId, at: now.toISOString() },
      ip: client.ip,
      unitPaths: [path],
    });
  });
}
