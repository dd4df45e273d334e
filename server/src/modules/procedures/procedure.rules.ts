import type { TProcedureContent } from './procedure.contract.js';

export type ProcedureStatus = 'draft' | 'published' | 'abolished';
export type VersionState = 'draft' | 'published' | 'superseded';

export type VersionFacts = { state: VersionState; effectiveFrom: string | null; effectiveTo: string | null };
export type ProcedureFacts = { status: ProcedureStatus; abolishedOn: string | null };

/** The actions the catalogue allows per status (shown as buttons by the console). */
export const allowedActions = {
  draft: ['edit_draft', 'publish'],
  // discard_draft undoes start_revision (Nghị định 224/2026/NĐ-CP Điều 23: what a user did can be undone).
  published: ['start_revision', 'edit_draft', 'publish', 'discard_draft', 'abolish'],
  abolished: [],
} as const satisfies Record<ProcedureStatus, readonly string[]>;
export type CatalogAction = (typeof allowedActions)[ProcedureStatus][number];

export function isAllowed(status: ProcedureStatus, action: CatalogAction, hasDraft: boolean): boolean {
  if (!(allowedActions[status] as readonly string[]).includes(action)) return false;
  if (action === 'edit_draft' || action === 'publish' || action === 'discard_draft') return hasDraft;
  if (action === 'start_revision') return !hasDraft;
  return true;
}

/**
 * What a version is on `date` (YYYY-MM-DD, Vietnam, from the injected clock) — the one rule every reader uses (the API's
 * `status`, the version in force, the upcoming one):
 * - in force: published, or superseded since, and its validity [effectiveFrom, effectiveTo) covers the date. A version
 *   stays in force until the next one's date comes, though that one is already published (stored state `superseded`
 *   from its publication on); Nghị định 63/2010/NĐ-CP Điều 15: a procedure applies from the date its decision sets;
 * - upcoming: published for a date that has not come ("Sắp áp dụng từ …");
 * - superseded: its validity ended, or it was replaced before its date came;
 * - draft: not published.
 */
export type VersionStatus = 'draft' | 'in_force' | 'upcoming' | 'superseded';
export function versionStatus(v: VersionFacts, date: string): VersionStatus {
  if (v.state === 'draft' || v.effectiveFrom === null) return 'draft';
  if (date < v.effectiveFrom) return v.state === 'published' ? 'upcoming' : 'superseded';
  if (v.effectiveTo !== null && date >= v.effectiveTo) return 'superseded';
  return 'in_force';
}

/** The version in force on `date`. A dossier received that day keeps this version for its whole life. */
export function versionInForce<V extends VersionFacts>(versions: V[], date: string): V | null {
  return versions.find((v) => versionStatus(v, date) === 'in_force') ?? null;
}

/**
 * A published version whose date has not come on `date`: announced ("Sắp áp dụng từ …") but not used yet — the desk,
 * the portal and the catalogue keep the version in force until that day.
 */
export function upcomingVersion<V extends VersionFacts>(versions: V[], date: string): V | null {
  return versions.find((v) => versionStatus(v, date) === 'upcoming') ?? null;
}

/** The version with its status on `date` (what the API answers). */
export const withStatus = <V extends VersionFacts>(v: V, date: string): V & { status: VersionStatus } => ({ ...v, status: versionStatus(v, date) });

/**
 * The version a reader is shown on `date`: the one in force; else, before the first date has come, the upcoming one;
 * else (abolished, or never published) the newest version. `versions` newest first.
 */
export function shownVersion<V extends VersionFacts>(versions: V[], date: string): V | null {
  return versionInForce(versions, date) ?? upcomingVersion(versions, date) ?? versions.find((v) => v.state !== 'draft') ?? versions[0] ?? null;
}

/** Abolished procedures (bãi bỏ) stay readable but accept no dossier from their abolition date on. */
export function acceptsDossiers(p: ProcedureFacts, versions: VersionFacts[], date: string): boolean {
  if (p.status === 'draft') return false;
  if (p.abolishedOn !== null && date >= p.abolishedOn) return false;
  return versionInForce(versions, date) !== null;
}

export type ContentProblem = { path: string; messageVi: string };

/**
 * Checks that must hold before a version is published (niêm yết): the internal process must fit the legal
 * processing time, since each step's deadline is carved out of it.
 */
/**
 * What must be fixed before publishing. With the national portal connected (`nationalPortal`): an online service needs
 * its national code (MaTTHC, MaTruongHop) so its dossiers can be synced, and one that is not toàn trình needs its reason
 * and legal basis, which Nghị định 224/2026/NĐ-CP Điều 14 requires to be published on the national portal.
 */
export function publishProblems(c: TProcedureContent, opts: { nationalPortal?: boolean } = {}): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (c.documents.length === 0) problems.push({ path: 'documents', messageVi: 'Chưa có thành phần hồ sơ.' });
  if (c.steps.length === 0) problems.push({ path: 'steps', messageVi: 'Chưa có quy trình nội bộ.' });
  if (c.processingTime.unit === 'working_day' && c.steps.length > 0) {
    const total = c.steps.reduce((s, step) => s + step.workingDays, 0);
    if (Math.abs(total - c.processingTime.amount) > 1e-9) {
      problems.push({
        path: 'steps',
        messageVi: `Tổng thời gian các bước (${round(total)} ngày) khác thời hạn giải quyết (${c.processingTime.amount} ngày làm việc).`,
      });
    }
  }
  if (c.processingTime.unit === 'same_day' && c.steps.some((s) => s.workingDays > 1)) {
    problems.push({ path: 'steps', messageVi: 'Thủ tục giải quyết trong ngày không thể có bước dài hơn 1 ngày.' });
  }
  if (c.onlineLevel === 'full' && c.eform === null) {
    problems.push({ path: 'eform', messageVi: 'Dịch vụ công trực tuyến toàn trình cần có biểu mẫu điện tử.' });
  }
  if (opts.nationalPortal && c.onlineLevel !== 'none' && !c.national) {
    problems.push({ path: 'national', messageVi: 'Thủ tục có dịch vụ công trực tuyến phải gắn mã thủ tục và trường hợp trên Cổng Dịch vụ công quốc gia (MaTTHC, MaTruongHop).' });
  }
  if (opts.nationalPortal && c.onlineLevel === 'partial' && (!c.notFullyOnline || c.notFullyOnline.legalBasis.trim().length < 3)) {
    const missing = !c.notFullyOnline ? '«Lý do chưa toàn trình» và «Căn cứ chưa toàn trình»' : '«Căn cứ chưa toàn trình»';
    problems.push({
      path: 'notFullyOnline',
      messageVi: `Dịch vụ công trực tuyến một phần phải nêu lý do chưa thực hiện toàn trình và căn cứ pháp lý trước khi công bố (Nghị định 224/2026/NĐ-CP Điều 14): còn thiếu ${missing}.`,
    });
  }
  return problems;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * The content as stored: PostgreSQL jsonb sorts object keys, so the e-form's field order as the author wrote it is
 * kept as an explicit `x-order` list (read by the console and the portal) unless the schema already has one.
 */
export function withFieldOrder<C extends { eform: Record<string, unknown> | null }>(content: C): C {
  const eform = content.eform;
  if (!eform || eform['x-order'] || eform['ui:order']) return content;
  const properties = eform.properties;
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return content;
  return { ...content, eform: { ...eform, 'x-order': Object.keys(properties) } };
}
