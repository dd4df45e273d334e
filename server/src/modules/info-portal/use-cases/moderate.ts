import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import type { Actor } from '../../identity/permissions.policy.js';
import { portalErrors } from '../portal.errors.js';
import * as repo from '../portal.repo.js';
import { requireReviewer } from './manage-site.js';

type Deps = { db: Db; clock: Clock };

/** Comments wait for a reviewer of the article's site before anyone sees them. */
export async function listCommentsFor(deps: Deps, actor: Actor, unitId: string, status: 'pending' | 'approved' | 'rejected') {
  await requireReviewer(deps.db, actor, unitId);
  return repo.listComments(deps.db, unitId, status);
}

export async function moderate(deps: Deps, actor: Actor, id: string, decision: 'approved' | 'rejected') {
  const c = await repo.getCommentUnit(deps.db, id);
  if (!c) throw portalErrors.commentNotFound();
  await requireReviewer(deps.db, actor, c.unitId);
  await repo.moderateComment(deps.db, id, decision, actor.userId, deps.clock.now());
  return { id, status: decision };
}
