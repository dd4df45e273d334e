import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import { can, scopePaths, type Actor } from '../../identity/permissions.policy.js';
import type { TProcedureDetail } from '../procedure.contract.js';
import { procedureErrors } from '../procedure.errors.js';
import { getProcedure, listVersions, searchCatalog, type CatalogFilter, type CatalogRow } from '../procedure.repo.js';
import { acceptsDossiers, allowedActions, isAllowed, shownVersion, upcomingVersion, withStatus, type ProcedureStatus } from '../procedure.rules.js';

type Deps = { db: Db; clock: Clock };

/**
 * One procedure. The public sees published and abolished procedures with their published versions only;
 * staff with `catalog.read` over the owner unit also see drafts.
 */
export async function getProcedureDetail(deps: Deps, actor: Actor | null, id: string): Promise<TProcedureDetail> {
  const p = await getProcedure(deps.db, id);
  if (!p) throw procedureErrors.notFound();
  const staff = actor !== null && can(actor, 'catalog.read', p.ownerUnitPath);
  if (p.status === 'draft' && !staff) throw procedureErrors.notFound();
  const all = await listVersions(deps.db, id);
  const versions = staff ? all : all.filter((v) => v.state !== 'draft');
  // Resolved at read time by the injected clock, not from current_version_id (which the daily job moves): the day a
  // version's date comes, it is shown and used without anyone acting, and not a day before.
  const today = vnDateOf(deps.clock.now());
  const current = shownVersion(all, today)!;
  const upcoming = upcomingVersion(all, today);
  const draft = all.find((v) => v.state === 'draft') ?? null;
  const manager = actor !== null && can(actor, 'procedures.manage', p.ownerUnitPath);
  return {
    id: p.id,
    code: p.code,
    status: p.status,
    ownerUnitId: p.ownerUnitId,
    ownerUnitName: p.ownerUnitName,
    abolishedOn: p.abolishedOn,
    abolishDecision: p.abolishDecision,
    acceptsDossiersToday: acceptsDossiers(p, all, today),
    current: withStatus(current, today),
    upcoming: upcoming && upcoming.id !== current.id ? withStatus(upcoming, today) : null,
    versions: versions.map(({ content: _c, ...v }) => withStatus(v, today)),
    draftVersionId: staff ? (draft?.id ?? null) : null,
    allowedActions: manager ? allowedActions[p.status].filter((a) => isAllowed(p.status, a, draft !== null)) : [],
  };
}

/** A version's content, for staff comparing versions (drafts included). */
export async function getVersionForStaff(deps: Deps, actor: Actor, procedureId: string, versionId: string) {
  const p = await getProcedure(deps.db, procedureId);
  if (!p) throw procedureErrors.notFound();
  if (!can(actor, 'catalog.read', p.ownerUnitPath)) throw procedureErrors.notFound();
  const v = (await listVersions(deps.db, procedureId)).find((x) => x.id === versionId);
  if (!v) throw procedureErrors.notFound();
  return withStatus(v, vnDateOf(deps.clock.now()));
}

type Query = Omit<CatalogFilter, 'statuses' | 'paths'> & { includeAbolished?: 'true' | 'false'; status?: ProcedureStatus };

async function page(deps: Deps, filter: CatalogFilter): Promise<{ items: CatalogRow[]; hasMore: boolean }> {
  const rows = await searchCatalog(deps.db, { ...filter, limit: filter.limit + 1 });
  return { items: rows.slice(0, filter.limit), hasMore: rows.length > filter.limit };
}

/** The public catalogue (niêm yết công khai): published procedures, abolished ones on request. */
export function searchPublicCatalog(deps: Deps, query: Query) {
  const statuses: ProcedureStatus[] = query.includeAbolished === 'true' ? ['published', 'abolished'] : ['published'];
  return page(deps, { ...query, statuses, paths: null });
}

/** The staff catalogue: every status, limited to the units the officer may read. */
export function searchStaffCatalog(deps: Deps, actor: Actor, query: Query) {
  const statuses: ProcedureStatus[] = query.status ? [query.status] : ['draft', 'published', 'abolished'];
  return page(deps, { ...query, statuses, paths: scopePaths(actor, 'catalog.read') });
}

/**
 * What a one-stop desk may receive: the published procedures of its province (since 1 July 2025 any centre of the
 * province receives for every competent unit of it, ND 118/2025), searched like the public catalogue.
 */
export function searchProvinceCatalog(deps: Deps, provincePath: string, query: Query) {
  return page(deps, { ...query, statuses: ['published'], paths: [provincePath] });
}
