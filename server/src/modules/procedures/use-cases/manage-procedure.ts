import { withTransaction, type Db, type Tx } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import { commonErrors } from '../../../platform/errors.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { unitErrors } from '../../org-units/unit.errors.js';
import { getUnit, getUnitByCode } from '../../org-units/unit.repo.js';
import type { TAbolishInput, TCreateProcedureInput, TProcedureContent, TPublishInput } from '../procedure.contract.js';
import { procedureErrors } from '../procedure.errors.js';
import {
  deleteDraftVersion,
  findProcedureByCode,
  getProcedure,
  insertDraftVersion,
  insertProcedure,
  listVersions,
  markAbolished,
  markPublished,
  setCurrentVersion,
  updateDraftContent,
  updateListing,
  type ProcedureRow,
} from '../procedure.repo.js';
import { isAllowed, publishProblems } from '../procedure.rules.js';
import { nationalPortalConnected } from '../../national-portal/national-portal.rules.js';

type Deps = { db: Db; clock: Clock; config?: Parameters<typeof nationalPortalConnected>[0] };

async function loadForChange(tx: Tx, actor: Actor, id: string): Promise<ProcedureRow> {
  const p = await getProcedure(tx, id, true);
  if (!p) throw procedureErrors.notFound();
  // A procedure the officer may not even read in the catalogue answers as a wrong id would (no 403 to confirm it).
  if (!can(actor, 'procedures.manage', p.ownerUnitPath)) throw can(actor, 'catalog.read', p.ownerUnitPath) ? commonErrors.forbidden('procedures.manage') : procedureErrors.notFound();
  return p;
}

function audit(tx: Tx, actor: Actor, action: string, id: string, before: unknown, after: unknown, now: Date, ownerPath: string) {
  return recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action, entity: 'procedure', entityId: id, before, after, unitPaths: [ownerPath], at: now });
}

/**
 * A step routed to another unit (unitCode) sends that unit work: the administrator must manage procedures there too,
 * not only at the owning unit.
 */
async function assertStepUnitsInScope(tx: Tx, actor: Actor, content: TProcedureContent): Promise<void> {
  const codes = [...new Set(content.steps.map((s) => s.unitCode).filter((c): c is string => !!c))];
  for (const code of codes) {
    const unit = await getUnitByCode(tx, code);
    if (unit && !can(actor, 'procedures.manage', unit.path)) throw commonErrors.forbidden('procedures.manage');
  }
}

/** Adds a procedure to a unit's catalogue as a draft (dự thảo); nothing is public until it is published. */
export async function createProcedure(deps: Deps, actor: Actor, input: TCreateProcedureInput): Promise<string> {
  return withTransaction(deps.db, (tx) => createProcedureIn(tx, actor, input.ownerUnitId, input.content, deps.clock.now()));
}

export async function createProcedureIn(tx: Tx, actor: Actor, ownerUnitId: string, content: TProcedureContent, now: Date): Promise<string> {
  const owner = await getUnit(tx, ownerUnitId);
  if (!owner) throw unitErrors.notFound();
  if (!can(actor, 'procedures.manage', owner.path)) throw commonErrors.forbidden('procedures.manage');
  await assertStepUnitsInScope(tx, actor, content);
  if (await findProcedureByCode(tx, ownerUnitId, content.code)) throw procedureErrors.codeTaken();
  const id = await insertProcedure(tx, ownerUnitId, content, now);
  const versionId = await insertDraftVersion(tx, id, content, actor.userId, now);
  await setCurrentVersion(tx, id, versionId);
  await audit(tx, actor, 'procedure.created', id, null, content, now, owner.path);
  return id;
}

/** Edits the draft version; the code cannot change (it identifies the procedure in the national database). */
export async function updateDraft(deps: Deps, actor: Actor, id: string, content: TProcedureContent): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const p = await loadForChange(tx, actor, id);
    await updateDraftIn(tx, actor, p, content, deps.clock.now());
  });
}

export async function updateDraftIn(tx: Tx, actor: Actor, p: ProcedureRow, content: TProcedureContent, now: Date): Promise<void> {
  const draft = (await listVersions(tx, p.id)).find((v) => v.state === 'draft');
  if (!isAllowed(p.status, 'edit_draft', draft !== undefined)) {
    throw draft || p.status === 'abolished' ? procedureErrors.actionNotAllowed(p.status, 'edit_draft') : procedureErrors.noDraft();
  }
  await assertStepUnitsInScope(tx, actor, content);
  const fixed = { ...content, code: p.code };
  await updateDraftContent(tx, draft!.id, fixed);
  if (p.status === 'draft') await updateListing(tx, p.id, fixed, now);
  await audit(tx, actor, 'procedure.draft_updated', p.id, draft!.content, fixed, now, p.ownerUnitPath);
}

/** Starts a revision (bản sửa đổi) of a published procedure: a new draft copied from the newest published version. */
export async function startRevision(deps: Deps, actor: Actor, id: string): Promise<string> {
  return withTransaction(deps.db, async (tx) => {
    const p = await loadForChange(tx, actor, id);
    const versions = await listVersions(tx, id);
    const hasDraft = versions.some((v) => v.state === 'draft');
    if (!isAllowed(p.status, 'start_revision', hasDraft)) {
      throw hasDraft ? procedureErrors.draftExists() : procedureErrors.actionNotAllowed(p.status, 'start_revision');
    }
    // From the newest published version (versions are newest first): one published for a later date already carries
    // the latest decision, which the revision builds on — not the one in force today.
    const latest = versions.find((v) => v.state !== 'draft')!;
    const now = deps.clock.now();
    const versionId = await insertDraftVersion(tx, id, latest.content, actor.userId, now);
    await audit(tx, actor, 'procedure.revision_started', id, null, { versionId }, now, p.ownerUnitPath);
    return versionId;
  });
}

/**
 * Drops a revision not yet published (the undo of startRevision): the published versions, the catalogue and the
 * dossiers are untouched, which is why starting a revision needs no confirmation (Nghị định 224/2026/NĐ-CP Điều 23).
 */
export async function discardRevision(deps: Deps, actor: Actor, id: string): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const p = await loadForChange(tx, actor, id);
    const draft = (await listVersions(tx, id)).find((v) => v.state === 'draft');
    if (!isAllowed(p.status, 'discard_draft', draft !== undefined)) throw draft ? procedureErrors.actionNotAllowed(p.status, 'discard_draft') : procedureErrors.noDraft();
    const now = deps.clock.now();
    await deleteDraftVersion(tx, id);
    await audit(tx, actor, 'procedure.revision_discarded', id, { versionId: draft!.id, content: draft!.content }, null, now, p.ownerUnitPath);
  });
}

/**
 * Publishes the draft under a publishing decision (quyết định công bố, Nghị định 63/2010/NĐ-CP Điều 15): it becomes
 * the version in force from `effectiveFrom`, the previous one is superseded. Dossiers keep the version they got.
 */
export async function publishProcedure(deps: Deps, actor: Actor, id: string, input: TPublishInput): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const p = await loadForChange(tx, actor, id);
    const versions = await listVersions(tx, id);
    const draft = versions.find((v) => v.state === 'draft');
    if (!isAllowed(p.status, 'publish', draft !== undefined)) {
      throw p.status === 'abolished' || draft ? procedureErrors.actionNotAllowed(p.status, 'publish') : procedureErrors.noDraft();
    }
    const problems = publishProblems(draft!.content, { nationalPortal: deps.config ? nationalPortalConnected(deps.config) : false });
    if (problems.length > 0) throw procedureErrors.notPublishable(problems);
    const current = versions.find((v) => v.state === 'published');
    if (current?.effectiveFrom && input.effectiveFrom <= current.effectiveFrom) throw procedureErrors.effectiveBeforeCurrent();
    const now = deps.clock.now();
    const today = vnDateOf(now);
    await markPublished(tx, id, draft!.id, input, now, today);
    // The listing shows the version in force: a version for a later date reaches it with applyVersionsInForce.
    if (p.status === 'draft' || input.effectiveFrom <= today) await updateListing(tx, id, draft!.content, now);
    await audit(tx, actor, 'procedure.published', id, current ? { versionId: current.id } : null, { versionId: draft!.id, ...input }, now, p.ownerUnitPath);
  });
}

/** Abolishes (bãi bỏ) a procedure: it stays readable, accepts no dossier from `abolishedOn`, and its draft is dropped. */
export async function abolishProcedure(deps: Deps, actor: Actor, id: string, input: TAbolishInput): Promise<void> {
  await withTransaction(deps.db, async (tx) => {
    const p = await loadForChange(tx, actor, id);
    if (!isAllowed(p.status, 'abolish', false)) throw procedureErrors.actionNotAllowed(p.status, 'abolish');
    const now = deps.clock.now();
    await markAbolished(tx, id, input.abolishedOn, input.decisionNo, now);
    await audit(tx, actor, 'procedure.abolished', id, { status: p.status }, { status: 'abolished', ...input }, now, p.ownerUnitPath);
  });
}
