import { randomBytes } from 'node:crypto';
import type { Clock } from '../../../platform/clock.js';
import { withTransaction, type Db } from '../../../platform/database.js';
import { commonErrors } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { can, scopePaths, type Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import type { TCreateSubscriptionInput, TDelivery, TSubscription } from '../webhook.contract.js';
import { webhookErrors } from '../webhook.errors.js';
import { disableSubscription, getDeliverySubscriptionId, getSubscription, insertReplays, insertSubscription, listDeliveries, listSubscriptions, lockClearSecrets, storeSealedSecret, type SubscriptionRow } from '../webhook.repo.js';
import { deliveryErrorKind, urlProblem } from '../webhook.rules.js';
import { sealSecret, type SealKey } from '../webhook.seal.js';

/** The permission that manages a unit's webhooks: its administrator (or one above it). */
export const WEBHOOK_PERMISSION = 'units.manage' as const;

type Deps = { db: Db; clock: Clock; mode: 'demo' | 'production'; sealKey: SealKey };

/**
 * The subscription, if it lies inside the actor's scope (an administrator of its unit or above). Another unit's
 * subscription is answered as not found, exactly like a wrong id: a 403 would confirm that the id exists.
 */
async function ownedSubscription(db: Db, actor: Actor, id: string): Promise<SubscriptionRow> {
  const s = await getSubscription(db, id);
  if (!s || !can(actor, WEBHOOK_PERMISSION, s.unitPath)) throw webhookErrors.subscriptionNotFound();
  return s;
}

/**
 * Creates a subscription of a unit to the ledger events it names. The secret is made here and returned once; the
 * target URL must be https and public in production (SSRF), checked again at each delivery.
 */
export async function createSubscription(deps: Deps, actor: Actor, input: TCreateSubscriptionInput): Promise<{ subscription: TSubscription; secret: string }> {
  const unit = await getUnit(deps.db, input.unitId);
  if (!unit) throw webhookErrors.unitNotFound();
  // Units are public (the portal lists them): naming another one is refused as not allowed, not hidden.
  if (!can(actor, WEBHOOK_PERMISSION, unit.path)) throw commonErrors.forbidden(WEBHOOK_PERMISSION);
  const problem = urlProblem(input.url, deps.mode);
  if (problem) throw webhookErrors.badUrl(problem);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const at = deps.clock.now();
  const eventTypes = [...new Set(input.eventTypes)];
  const id = await withTransaction(deps.db, async (tx) => {
    const newId = await insertSubscription(tx, { unitId: unit.id, name: input.name, url: input.url, eventTypes, secretSealed: sealSecret(deps.sealKey, secret), createdBy: actor.userId, at });
    await recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action: 'webhook.subscription_created', entity: 'webhook_subscription', entityId: newId, after: { name: input.name, url: input.url, eventTypes }, unitPaths: [unit.path], at });
    return newId;
  });
  const { unitPath: _p, ...subscription } = (await getSubscription(deps.db, id))!;
  return { subscription, secret };
}

export async function listOwnSubscriptions(deps: { db: Db }, actor: Actor): Promise<TSubscription[]> {
  const paths = scopePaths(actor, WEBHOOK_PERMISSION);
  return paths.length === 0 ? [] : listSubscriptions(deps.db, paths);
}

export async function disableOwnSubscription(deps: Deps, actor: Actor, id: string): Promise<void> {
  const s = await ownedSubscription(deps.db, actor, id);
  const at = deps.clock.now();
  await withTransaction(deps.db, async (tx) => {
    await disableSubscription(tx, id, at);
    await recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action: 'webhook.subscription_disabled', entity: 'webhook_subscription', entityId: id, before: { active: s.active }, after: { active: false }, unitPaths: [s.unitPath], at });
  });
}

export async function listSubscriptionDeliveries(deps: { db: Db }, actor: Actor, id: string, page: { before: string | null; limit: number }): Promise<TDelivery[]> {
  await ownedSubscription(deps.db, actor, id);
  return (await listDeliveries(deps.db, id, page)).map((d) => ({ ...d, lastErrorKind: deliveryErrorKind(d.lastStatus, d.lastError) }));
}

/** "Gửi lại": queues one delivery's entry again (same body, a new delivery id), due now. Another unit's delivery: not found. */
export async function replayDelivery(deps: Deps, actor: Actor, deliveryId: string): Promise<number> {
  const subscriptionId = await getDeliverySubscriptionId(deps.db, deliveryId);
  if (!subscriptionId) throw webhookErrors.deliveryNotFound();
  const owner = await getSubscription(deps.db, subscriptionId);
  if (!owner || !can(actor, WEBHOOK_PERMISSION, owner.unitPath)) throw webhookErrors.deliveryNotFound();
  return replay(deps, actor, subscriptionId, { deliveryId });
}

/** Queues again every event first delivered to the subscription since `from` (at most REPLAY_LIMIT), in ledger order. */
export async function replaySince(deps: Deps, actor: Actor, subscriptionId: string, from: Date): Promise<number> {
  return replay(deps, actor, subscriptionId, { from });
}

async function replay(deps: Deps, actor: Actor, subscriptionId: string, filter: { deliveryId: string } | { from: Date }): Promise<number> {
  const s = await ownedSubscription(deps.db, actor, subscriptionId);
  if (!s.active) throw webhookErrors.inactive();
  const at = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const n = await insertReplays(tx, subscriptionId, filter, at);
    await recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action: 'webhook.replayed', entity: 'webhook_subscription', entityId: subscriptionId, after: { ...('from' in filter ? { from: filter.from.toISOString() } : filter), queued: n }, unitPaths: [s.unitPath], at });
    return n;
  });
}

/**
 * Seals the secrets of subscriptions made before they were kept encrypted (migration 20261206050000): run once at
 * start, after the migrations; several instances starting together seal each row once (row locks). Returns how many.
 */
export async function sealLegacySecrets(deps: { db: Db; sealKey: SealKey }): Promise<number> {
  return withTransaction(deps.db, async (tx) => {
    const rows = await lockClearSecrets(tx);
    for (const r of rows) await storeSealedSecret(tx, r.id, sealSecret(deps.sealKey, r.secret));
    return rows.length;
  });
}
