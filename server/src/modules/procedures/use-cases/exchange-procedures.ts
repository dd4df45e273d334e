import { canonicalJson } from '../../../platform/json.js';
import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { unitErrors } from '../../org-units/unit.errors.js';
import { getUnit } from '../../org-units/unit.repo.js';
import { ZProcedureContent, type TImportInput, type TProcedureContent } from '../procedure.contract.js';
import { procedureErrors } from '../procedure.errors.js';
import { findProcedureByCode, listVersions, searchCatalog } from '../procedure.repo.js';
import { createProcedureIn, updateDraftIn } from './manage-procedure.js';
import { insertDraftVersion } from '../procedure.repo.js';
import { recordAudit } from '../../audit/audit.repo.js';
import { readCatalogWorkbook, writeCatalogWorkbook } from '../catalog-workbook.js';

/**
 * The unit whose catalogue an export without `ownerUnitId` means: the officer's own scope — the one unit (the widest,
 * when they nest) where they may read the catalogue. Several unrelated units: the officer must choose (a 422 with a code).
 */
function exportUnitOf(actor: Actor, ownerUnitId: string | undefined): string {
  if (ownerUnitId) return ownerUnitId;
  const reading = actor.grants.filter((g) => can(actor, 'catalog.read', g.unitPath));
  const widest = [...new Map(reading.filter((g) => !reading.some((o) => o.unitPath !== g.unitPath && g.unitPath.startsWith(o.unitPath))).map((g) => [g.unitId, g])).values()];
  if (widest.length !== 1) throw widest.length === 0 ? commonErrors.forbidden('catalog.read') : procedureErrors.exportUnitRequired();
  return widest[0]!.unitId;
}

/** Exports a unit's catalogue (every status, current versions) in the exchange format; without a unit, the officer's own. */
export async function exportProcedures(deps: { db: Db; clock: Clock }, actor: Actor, ownerUnitIdAsked?: string) {
  const ownerUnitId = exportUnitOf(actor, ownerUnitIdAsked);
  const owner = await getUnit(deps.db, ownerUnitId);
  if (!owner) throw unitErrors.notFound();
  if (!can(actor, 'catalog.read', owner.path)) throw commonErrors.forbidden('catalog.read');
  const rows = await searchCatalog(deps.db, {
    statuses: ['draft', 'published', 'abolished'],
    paths: null,
    ownerUnitId,
    limit: 100_000,
    offset: 0,
  });
  const procedures = [];
  for (const row of rows.sort((a, b) => a.code.localeCompare(b.code))) {
    const versions = await listVersions(deps.db, row.id);
    const current = versions.find((v) => v.state === 'published') ?? versions.find((v) => v.state === 'draft')!;
    procedures.push({ status: row.status, decisionNo: current.decisionNo, effectiveFrom: current.effectiveFrom, content: current.content });
  }
  return { format: 'mot-cua.procedures/v1' as const, exportedAt: deps.clock.now().toISOString(), procedures };
}

/**
 * Imports procedures into a unit's catalogue as drafts: new codes are created, existing drafts updated,
 * published ones get a new draft revision (publishing stays a deliberate act). All or nothing: if any entry is
 * invalid, nothing is written and every problem is reported.
 */
export async function importProcedures(deps: { db: Db; clock: Clock }, actor: Actor, input: TImportInput) {
  return importContents(deps, actor, input.ownerUnitId, parseImport(input));
}

/** The contents of a JSON import, or the problem of every invalid entry (nothing is written then). */
function parseImport(input: TImportInput): TProcedureContent[] {
  const raw = Array.isArray(input.data) ? input.data : input.data.procedures.map((p) => p.content);
  const parsed: TProcedureContent[] = [];
  const errors: { index: number; code: string | null; issues: string[] }[] = [];
  raw.forEach((item, index) => {
    const r = ZProcedureContent.safeParse(item);
    if (r.success) parsed.push(r.data);
    else {
      const code = typeof item === 'object' && item !== null && 'code' in item ? String((item as { code: unknown }).code) : null;
      errors.push({ index, code, issues: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    }
  });
  const seen = new Set<string>();
  parsed.forEach((c, index) => {
    if (seen.has(c.code)) errors.push({ index, code: c.code, issues: ['Mã thủ tục bị lặp trong tệp'] });
    seen.add(c.code);
  });
  if (errors.length > 0) throw procedureErrors.importInvalid(errors);
  return parsed;
}

/** The catalogue of a unit as an Excel workbook (same contents as the JSON export: current versions of every status). */
export async function exportProceduresXlsx(deps: { db: Db; clock: Clock }, actor: Actor, ownerUnitId?: string): Promise<Buffer> {
  const { procedures } = await exportProcedures(deps, actor, ownerUnitId);
  return writeCatalogWorkbook(procedures.map((p) => p.content));
}

/** Imports an Excel workbook as drafts, all or nothing; every row problem is reported in Vietnamese, by sheet and row. */
export async function importProceduresXlsx(deps: { db: Db; clock: Clock }, actor: Actor, ownerUnitId: string, file: Buffer) {
  const owner = await getUnit(deps.db, ownerUnitId);
  if (!owner) throw unitErrors.notFound();
  if (!can(actor, 'procedures.manage', owner.path)) throw commonErrors.forbidden('procedures.manage');
  const parsed = await readCatalogWorkbook(file);
  if (!parsed.ok) throw procedureErrors.workbookInvalid(parsed.errors);
  if (parsed.contents.length === 0) throw procedureErrors.workbookInvalid([`Trang «Thủ tục» không có dòng nào.`]);
  return importContents(deps, actor, ownerUnitId, parsed.contents);
}

async function importContents(deps: { db: Db; clock: Clock }, actor: Actor, ownerUnitId: string, parsed: TProcedureContent[]) {
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const owner = await getUnit(tx, ownerUnitId);
    if (!owner) throw unitErrors.notFound();
    if (!can(actor, 'procedures.manage', owner.path)) throw commonErrors.forbidden('procedures.manage');
    const result = { created: 0, updated: 0, revised: 0, skipped: 0 };
    for (const content of parsed) {
      const existing = await findProcedureByCode(tx, owner.id, content.code);
      if (!existing) {
        await createProcedureIn(tx, actor, owner.id, content, now);
        result.created++;
        continue;
      }
      if (existing.status === 'abolished') {
        result.skipped++;
        continue;
      }
      const versions = await listVersions(tx, existing.id);
      if (versions.some((v) => v.state === 'draft')) {
        await updateDraftIn(tx, actor, existing, content, now);
        result.updated++;
      } else {
        // Compared with the newest published version (one for a later date included), the one a revision would start from.
        const current = versions.find((v) => v.state !== 'draft');
        if (current && canonicalJson(current.content) === canonicalJson({ ...content, code: existing.code })) {
          result.skipped++;
          continue;
        }
        await insertDraftVersion(tx, existing.id, { ...content, code: existing.code }, actor.userId, now);
        result.revised++;
      }
    }
    await recordAudit(tx, { actorId: actor.userId, actorName: actor.fullName, action: 'procedure.imported', entity: 'unit', entityId: owner.id, after: result, unitPaths: [owner.path], at: now });
    return result;
  });
}
