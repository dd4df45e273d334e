import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import { commonErrors } from '../../../platform/errors.js';
import type { Clock } from '../../../platform/clock.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { canOnAll, type Actor } from '../../identity/permissions.policy.js';
import type { TCategory, TOutage, TOutageInput, TSite, TSiteInput } from '../portal.contract.js';
import { portalErrors } from '../portal.errors.js';
import { canEdit, canManageSite, canReview } from '../portal.policy.js';
import * as repo from '../portal.repo.js';
import { earliestOutageDay, slugify, type PortalRole } from '../portal.rules.js';
import { loadCalendar } from '../../working-calendar/use-cases/load-calendar.js';
import { refreshSiteHosts } from '../portal.hosts.js';
import { vnDateOf as dateOf } from '../../working-calendar/vn-time.js';

type Deps = { db: Db; clock: Clock };

export function siteUrl(slug: string): string {
  return `/trang/${slug}`;
}

function view(s: repo.SiteRow, roles: PortalRole[], canManage: boolean): TSite {
  return {
    unitId: s.unitId,
    unitName: s.unitName,
    unitPath: s.unitPath,
    slug: s.slug,
    hostName: s.hostName,
    title: s.title,
    address: s.address,
    phone: s.phone,
    feedbackPhone: s.feedbackPhone,
    email: s.email,
    mapLat: s.mapLat,
    mapLng: s.mapLng,
    leaders: s.leaders,
    menu: s.menu,
    myRoles: roles,
    canManage,
    url: siteUrl(s.slug),
  };
}

/** The site with the actor's roles on it; only its members and managers see the console view. */
export async function loadSiteFor(q: Queryable, actor: Actor, unitId: string): Promise<{ site: repo.SiteRow; roles: PortalRole[]; manage: boolean }> {
  const site = await repo.getSite(q, unitId);
  if (!site) throw portalErrors.siteNotFound();
  const roles = await repo.memberRoles(q, unitId, actor.userId);
  const manage = canManageSite(actor, site.unitPath);
  if (!manage && roles.length === 0) throw portalErrors.notEditor();
  return { site, roles, manage };
}

export async function requireEditor(q: Queryable, actor: Actor, unitId: string): Promise<{ site: repo.SiteRow; roles: PortalRole[] }> {
  const site = await repo.getSite(q, unitId);
  if (!site) throw portalErrors.siteNotFound();
  const roles = await repo.memberRoles(q, unitId, actor.userId);
  if (!canEdit(roles)) throw portalErrors.notEditor();
  return { site, roles };
}

export async function requireReviewer(q: Queryable, actor: Actor, unitId: string): Promise<repo.SiteRow> {
  const { site, roles } = await requireEditor(q, actor, unitId).catch((e: unknown) => {
    throw e instanceof Error && 'code' in e && e.code === 'PORTAL.NOT_EDITOR' ? portalErrors.notReviewer() : e;
  });
  if (!canReview(roles)) throw portalErrors.notReviewer();
  return site;
}

/** Sites the actor works on (member) or manages (every site under the units they manage). */
export async function mySites(deps: Deps, actor: Actor): Promise<TSite[]> {
  const [sites, roles] = await Promise.all([repo.listSites(deps.db), repo.rolesByUnit(deps.db, actor.userId)]);
  return sites
    .map((s) => view(s, roles.get(s.unitId) ?? [], canManageSite(actor, s.unitPath)))
    .filter((s) => s.canManage || s.myRoles.length > 0);
}

export async function getSiteView(deps: Deps, actor: Actor, unitId: string): Promise<TSite> {
  const { site, roles, manage } = await loadSiteFor(deps.db, actor, unitId);
  return view(site, roles, manage);
}

/** Creates or updates a unit's site (NĐ 224/2026 Điều 10: organisation, leaders, contacts, feedback phone, map). */
export async function saveSite(deps: Deps, actor: Actor, unitId: string, input: TSiteInput): Promise<TSite> {
  const saved = await withTransaction(deps.db, async (tx) => {
    const unit = await repo.unitRef(tx, unitId);
    if (!unit) throw commonErrors.notFound('unit');
    if (!canManageSite(actor, unit.path)) throw portalErrors.notSiteManager();
    const before = await repo.getSite(tx, unitId);
    const other = await repo.getSiteBySlug(tx, input.slug);
    if (other && other.unitId !== unitId) throw portalErrors.slugTaken();
    await repo.upsertSite(tx, unitId, input, actor.userId, deps.clock.now());
    if (!before) {
      // Every site starts with the two categories the seed portals show.
      await repo.insertCategory(tx, unitId, { name: 'Tin tức', slug: 'tin-tuc', kind: 'news' });
      await repo.insertCategory(tx, unitId, { name: 'Hướng dẫn thủ tục', slug: 'huong-dan', kind: 'guidance' });
    }
    await recordAudit(tx, { at: deps.clock.now(), actorId: actor.userId, actorName: actor.fullName, action: before ? 'portal.site.update' : 'portal.site.create', entity: 'portal_site', entityId: unitId, before, after: input, unitPaths: [unit.path] });
    const row = (await repo.getSite(tx, unitId))!;
    return view(row, await repo.memberRoles(tx, unitId, actor.userId), true);
  });
  await refreshSiteHosts(deps.db);
  return saved;
}

export async function listMembers(deps: Deps, actor: Actor, unitId: string) {
  await loadSiteFor(deps.db, actor, unitId);
  return repo.listMembers(deps.db, unitId);
}

async function requireManager(q: Queryable, actor: Actor, unitId: string): Promise<repo.SiteRow> {
  const site = await repo.getSite(q, unitId);
  if (!site) throw portalErrors.siteNotFound();
  if (!canManageSite(actor, site.unitPath)) throw portalErrors.notSiteManager();
  return site;
}

export async function addMember(deps: Deps, actor: Actor, unitId: string, input: { username: string; role: PortalRole }) {
  return withTransaction(deps.db, async (tx) => {
    const site = await requireManager(tx, actor, unitId);
    // Giving a role is user administration: the officer's every unit must lie inside the manager's users.manage scope
    // (the rule of manage-users), and whoever is outside it looks exactly like a name no account has.
    const candidate = await repo.findMemberCandidate(tx, input.username);
    if (!candidate || !canOnAll(actor, 'users.manage', candidate.unitPaths)) throw portalErrors.memberUnknown();
    const userId = candidate.id;
    await repo.addMember(tx, unitId, userId, input.role, actor.userId, deps.clock.now());
    await recordAudit(tx, { at: deps.clock.now(), actorId: actor.userId, actorName: actor.fullName, action: 'portal.member.add', entity: 'portal_site', entityId: unitId, after: { userId, role: input.role }, unitPaths: [site.unitPath] });
    return repo.listMembers(tx, unitId);
  });
}

export async function removeMember(deps: Deps, actor: Actor, unitId: string, userId: string, role: PortalRole) {
  return withTransaction(deps.db, async (tx) => {
    const site = await requireManager(tx, actor, unitId);
    if (!(await repo.removeMember(tx, unitId, userId, role))) throw commonErrors.notFound('member');
    await recordAudit(tx, { at: deps.clock.now(), actorId: actor.userId, actorName: actor.fullName, action: 'portal.member.remove', entity: 'portal_site', entityId: unitId, before: { userId, role }, unitPaths: [site.unitPath] });
    return repo.listMembers(tx, unitId);
  });
}

export async function listCategories(deps: Deps, actor: Actor, unitId: string): Promise<TCategory[]> {
  await loadSiteFor(deps.db, actor, unitId);
  return repo.listCategories(deps.db, unitId);
}

export async function addCategory(deps: Deps, actor: Actor, unitId: string, input: { name: string; slug?: string; kind: 'news' | 'guidance' }): Promise<TCategory> {
  const site = await requireReviewer(deps.db, actor, unitId);
  return repo.insertCategory(deps.db, site.unitId, { name: input.name, slug: input.slug ?? slugify(input.name, 60), kind: input.kind });
}

/**
 * Announces a planned suspension of the site's information or services. NĐ 224/2026 Điều 13: at least 7 working days
 * ahead (the unit's working calendar), with the expected return; shown as a banner until it ends.
 */
export async function announceOutage(deps: Deps, actor: Actor, unitId: string, input: TOutageInput): Promise<TOutage> {
  const site = await requireReviewer(deps.db, actor, unitId);
  if (input.endsAt <= input.startsAt) throw portalErrors.badSchedule();
  const now = deps.clock.now();
  const today = dateOf(now);
  const year = Number(today.slice(0, 4));
  const calendar = await loadCalendar(deps.db, site.unitPath, { from: year, to: year + 1 });
  const earliest = earliestOutageDay(today, (d) => calendar.nextWorkingDay(d));
  if (dateOf(input.startsAt) < earliest) throw portalErrors.outageTooSoon(`${earliest.slice(8, 10)}/${earliest.slice(5, 7)}/${earliest.slice(0, 4)}`);
  return withTransaction(deps.db, async (tx) => {
    const id = await repo.insertOutage(tx, unitId, input, actor.userId, now);
    await recordAudit(tx, { at: deps.clock.now(), actorId: actor.userId, actorName: actor.fullName, action: 'portal.outage.announce', entity: 'portal_outage', entityId: id, after: input, unitPaths: [site.unitPath] });
    return (await repo.getOutage(tx, id))!;
  });
}

export async function listOutages(deps: Deps, actor: Actor, unitId: string): Promise<TOutage[]> {
  await loadSiteFor(deps.db, actor, unitId);
  return repo.listOutages(deps.db, unitId);
}

export async function cancelOutage(deps: Deps, actor: Actor, id: string): Promise<TOutage> {
  const o = await repo.getOutage(deps.db, id);
  if (!o) throw commonErrors.notFound('outage');
  const site = await requireReviewer(deps.db, actor, o.unitId);
  await repo.cancelOutage(deps.db, id, deps.clock.now());
  await recordAudit(deps.db, { at: deps.clock.now(), actorId: actor.userId, actorName: actor.fullName, action: 'portal.outage.cancel', entity: 'portal_outage', entityId: id, unitPaths: [site.unitPath] });
  return (await repo.getOutage(deps.db, id))!;
}
