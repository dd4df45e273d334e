/**
 * Pure rules of the information portal: the article workflow, the outage notice period, slugs, the figures' wording.
 */

export const articleStatuses = ['draft', 'review', 'scheduled', 'published', 'unpublished'] as const;
export type ArticleStatus = (typeof articleStatuses)[number];
export const articleActions = ['edit', 'submit', 'approve', 'reject', 'unpublish'] as const;
export type ArticleAction = (typeof articleActions)[number];
export type PortalRole = 'editor' | 'reviewer';

/**
 * Which action is allowed from which status, and which role it needs. An edit of a published article keeps it online
 * only for a reviewer; an editor's edit sends it back to draft (it must be reviewed again).
 */
export const allowedActions = {
  draft: ['edit', 'submit', 'approve'],
  review: ['edit', 'approve', 'reject'],
  scheduled: ['edit', 'unpublish', 'reject'],
  published: ['edit', 'unpublish'],
  unpublished: ['edit', 'submit', 'approve'],
} as const satisfies Record<ArticleStatus, readonly ArticleAction[]>;

export const actionRole = { edit: 'editor', submit: 'editor', approve: 'reviewer', reject: 'reviewer', unpublish: 'reviewer' } as const satisfies Record<
  ArticleAction,
  PortalRole
>;

export function canAct(status: ArticleStatus, action: ArticleAction): boolean {
  return (allowedActions[status] as readonly ArticleAction[]).includes(action);
}

/** A reviewer may do everything an editor may; an editor may not approve, reject or unpublish. */
export function roleAllows(roles: readonly PortalRole[], action: ArticleAction): boolean {
  const need = actionRole[action];
  return roles.includes('reviewer') || (need === 'editor' && roles.includes('editor'));
}

/** Status after an approval: scheduled when the publication time is still ahead, else published now. */
export function statusAfterApproval(publishAt: Date | null, now: Date): 'scheduled' | 'published' {
  return publishAt && publishAt.getTime() > now.getTime() ? 'scheduled' : 'published';
}

/** Status after an edit: a reviewer's edit keeps the status; an editor's edit of reviewed content goes back to draft. */
export function statusAfterEdit(status: ArticleStatus, roles: readonly PortalRole[]): ArticleStatus {
  if (roles.includes('reviewer')) return status;
  return status === 'review' ? 'review' : 'draft';
}

/** What the scheduler does with an article at `now`: publish it, take it down, or nothing. */
export function scheduledTransition(a: { status: ArticleStatus; publishAt: Date | null; unpublishAt: Date | null }, now: Date): 'publish' | 'unpublish' | null {
  const t = now.getTime();
  if (a.status === 'scheduled' && a.publishAt && a.publishAt.getTime() <= t) {
    return a.unpublishAt && a.unpublishAt.getTime() <= t ? 'unpublish' : 'publish';
  }
  if (a.status === 'published' && a.unpublishAt && a.unpublishAt.getTime() <= t) return 'unpublish';
  return null;
}

/** Fields compared between versions ("who changed what"). */
export const versionedFields = ['title', 'slug', 'lead', 'bodyHtml', 'coverMediaId', 'categoryId', 'tags', 'attachmentIds', 'author', 'source', 'publishAt', 'unpublishAt'] as const;
export type VersionedField = (typeof versionedFields)[number];

export function changedFields(before: Partial<Record<VersionedField, unknown>> | null, after: Partial<Record<VersionedField, unknown>>): VersionedField[] {
  if (!before) return [];
  const norm = (v: unknown) => JSON.stringify(v instanceof Date ? v.toISOString() : (v ?? null));
  return versionedFields.filter((f) => f in after && norm(before[f]) !== norm(after[f]));
}

/** Vietnamese text without accents, lower case: the same folding as SQL vn_fold, for slugs and search terms. */
export function foldVietnamese(s: string): string {
  return s
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** A URL slug from a title: "Phường Phú Hài: Hội nghị" → "phuong-phu-hai-hoi-nghi". */
export function slugify(title: string, max = 100): string {
  const s = foldVietnamese(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return s.length > 0 ? s : 'bai-viet';
}

/**
 * The earliest start of a planned outage announced on `announcedOn`: at least 7 working days must lie between the
 * announcement and the outage (NĐ 224/2026 Điều 13: "thông báo trước ít nhất 07 ngày làm việc"). The announcement day
 * does not count; the outage may start on the day after the 7th working day.
 */
export function earliestOutageDay(announcedOn: string, nextWorkingDay: (d: string) => string): string {
  let d = announcedOn;
  for (let i = 0; i < 7; i++) d = nextWorkingDay(d);
  return nextDay(d);
}

function nextDay(d: string): string {
  const t = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** A percentage as Vietnamese readers write it: 99,04 %. */
export function formatPercentVi(value: number | null): string {
  if (value === null) return '–';
  return `${value.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
}

export function formatIntVi(n: number): string {
  return n.toLocaleString('vi-VN');
}

/** Live-figure periods an editor may choose in a block. */
export const figurePeriods = ['ytd', 'month', 'prev_month'] as const;
export type FigurePeriod = (typeof figurePeriods)[number];

/** The day range of a period at `today` (YYYY-MM-DD, Vietnam time). */
export function figureRange(period: FigurePeriod, today: string): { from: string; to: string; labelVi: string } {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const pad = (n: number) => String(n).padStart(2, '0');
  if (period === 'ytd') return { from: `${y}-01-01`, to: today, labelVi: `Từ 01/01/${y} đến ${today.slice(8, 10)}/${pad(m)}/${y}` };
  if (period === 'month') return { from: `${y}-${pad(m)}-01`, to: today, labelVi: `Tháng ${pad(m)}/${y}` };
  const pm = m === 1 ? 12 : m - 1;
  const py = m === 1 ? y - 1 : y;
  const last = new Date(Date.UTC(py, pm, 0)).getUTCDate();
  return { from: `${py}-${pad(pm)}-01`, to: `${py}-${pad(pm)}-${pad(last)}`, labelVi: `Tháng ${pad(pm)}/${py}` };
}

/** Comment checks before storing (the database checks the lengths again). */
export function commentProblem(name: string, body: string): 'invalid' | 'links' | null {
  const n = name.trim();
  const b = body.trim();
  if (n.length < 2 || n.length > 80 || b.length < 5 || b.length > 2000) return 'invalid';
  if ((b.match(/https?:\/\/|www\./gi) ?? []).length > 2) return 'links';
  return null;
}

/** Comments per visitor within the window (NĐ 224 asks for feedback channels; spam must not drown them). */
export const COMMENT_LIMIT = { max: 3, windowMinutes: 10 } as const;

/** A reader counts as "online now" when seen within this many minutes. */
export const ONLINE_WINDOW_MINUTES = 5;
