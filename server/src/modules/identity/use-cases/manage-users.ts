import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { unitErrors } from '../../org-units/unit.errors.js';
import { getUnit, getUnits } from '../../org-units/unit.repo.js';
import type { Queryable } from '../../../platform/database.js';
import type { TCreateUserInput, TStaffUser, TUpdateUserInput } from '../identity.contract.js';
import { identityErrors } from '../identity.errors.js';
import { getUser, insertUser, listUsers, replaceGrants, updateUserFields, type UserRow } from '../identity.repo.js';
import { hashPassword } from '../password.js';
import { can, canOnAll, scopePaths, type Actor } from '../permissions.policy.js';

function present(u: UserRow): TStaffUser {
  const { homeUnitPath: _path, unitPaths: _paths, ...rest } = u;
  return rest;
}

/** Every granted unit must exist, be open, and lie inside the administrator's scope. */
async function assertGrantable(q: Queryable, actor: Actor, grants: { unitId: string }[]): Promise<void> {
  const ids = [...new Set(grants.map((g) => g.unitId))];
  const units = await getUnits(q, ids);
  if (units.length !== ids.length) throw unitErrors.notFound();
  for (const u of units) {
    if (!can(actor, 'users.manage', u.path)) throw commonErrors.forbidden('users.manage');
    if (u.validTo) throw unitErrors.closedParent();
  }
}

/** Creates an officer's account in a unit the administrator manages, with roles scoped to units there. */
export async function createUser(deps: { db: Db; clock: Clock }, actor: Actor, input: TCreateUserInput): Promise<TStaffUser> {
  const passwordHash = await hashPassword(input.password);
  return withTransaction(deps.db, async (tx) => {
    const home = await getUnit(tx, input.homeUnitId);
    if (!home) throw unitErrors.notFound();
    if (!can(actor, 'users.manage', home.path)) throw commonErrors.forbidden('users.manage');
    await assertGrantable(tx, actor, input.grants);
    // Without a phone or e-mail no one-time code can reach the owner, and a stranger's wrong passwords would hold the
    // account with no way back but an administrator.
    if (!input.phone && !input.email) throw identityErrors.noContact();
    const taken = await tx.query('SELECT 1 FROM staff_user WHERE username = $1', [input.username]);
    if (taken.rowCount) throw identityErrors.usernameTaken();
    const id = await insertUser(tx, { ...input, passwordHash }, deps.clock.now());
    await replaceGrants(tx, id, input.grants);
    const user = (await getUser(tx, id, deps.clock.now()))!;
    await recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action: 'user.created', entity: 'staff_user', entityId: id, after: present(user), unitPaths: user.unitPaths, at: deps.clock.now() });
    return present(user);
  });
}

export async function updateUser(deps: { db: Db; clock: Clock }, actor: Actor, userId: string, input: TUpdateUserInput): Promise<TStaffUser> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return withTransaction(deps.db, async (tx) => {
    const before = await getUser(tx, userId, deps.clock.now());
    if (!before) throw commonErrors.notFound('User');
    // An administrator manages only users whose every unit lies inside their scope (a user who also holds a role in
    // another province is managed there too, so neither administrator alone may change them).
    // A user outside the administrator's scope answers as a wrong id would; one only partly inside it (a role in another
    // province too) is visible, so that is refused as not allowed.
    if (!canOnAll(actor, 'users.manage', before.unitPaths)) throw before.unitPaths.some((p) => can(actor, 'users.manage', p)) ? commonErrors.forbidden('users.manage') : commonErrors.notFound('User');
    if (userId === actor.userId && (input.active === false || (input.grants && !input.grants.some((g) => g.role === 'admin')))) {
      throw identityErrors.lastAdmin();
    }
    if (input.grants) {
      await assertGrantable(tx, actor, input.grants);
      await replaceGrants(tx, userId, input.grants);
    }
    // A changed account must keep a phone or e-mail; lifting a hold or deactivating alone never needs one — that is
    // how an administrator lets back in the owner of an older account without any contact.
    const phone = input.phone !== undefined ? input.phone : before.phone;
    const email = input.email !== undefined ? input.email : before.email;
    const onlyHold = Object.entries(input).every(([k, v]) => v === undefined || k === 'unlock' || k === 'active');
    if (!phone && !email && !onlyHold) throw identityErrors.noContact();
    await updateUserFields(tx, userId, { ...input, passwordHash, unlock: input.unlock === true || passwordHash !== undefined }, deps.clock.now());
    const after = (await getUser(tx, userId, deps.clock.now()))!;
    await recordAudit(tx, {
      actorId: actor.userId,
      actorName: actor.fullName,
      action: input.password ? 'user.updated_with_password' : 'user.updated',
      entity: 'staff_user',
      entityId: userId,
      before: present(before),
      after: present(after),
      // Readable wherever the user was or now is (a grant taken away concerns the unit it was at).
      unitPaths: [...before.unitPaths, ...after.unitPaths],
      at: deps.clock.now(),
    });
    return present(after);
  });
}

export async function getUserAs(deps: { db: Db; clock: Clock }, actor: Actor, userId: string): Promise<TStaffUser> {
  const user = await getUser(deps.db, userId, deps.clock.now());
  if (!user) throw commonErrors.notFound('User');
  if (!canOnAll(actor, 'users.manage', user.unitPaths)) throw user.unitPaths.some((p) => can(actor, 'users.manage', p)) ? commonErrors.forbidden('users.manage') : commonErrors.notFound('User');
  return present(user);
}

export async function listUsersAs(
  deps: { db: Db; clock: Clock },
  actor: Actor,
  query: { unitId?: string; q?: string; after?: string; limit: number },
): Promise<{ items: TStaffUser[]; next: string | null }> {
  const paths = scopePaths(actor, 'users.manage');
  let unitPath: string | undefined;
  if (query.unitId) {
    const unit = await getUnit(deps.db, query.unitId);
    if (!unit) throw unitErrors.notFound();
    unitPath = unit.path;
  }
  const rows = await listUsers(deps.db, { paths, unitPath, q: query.q, after: query.after, limit: query.limit + 1, now: deps.clock.now() });
  const items = rows.slice(0, query.limit).map(present);
  return { items, next: rows.length > query.limit ? items[items.length - 1]!.username : null };
}
