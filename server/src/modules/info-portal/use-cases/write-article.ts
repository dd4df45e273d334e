import type { OutputInfo } from 'sharp';
import { withTransaction, type Db, type Queryable } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import type { FileStore } from '../../../platform/storage.js';
import { commonErrors } from '../../../platform/errors.js';
import { loadSharp } from '../../../platform/libraries.js';
import type { Actor } from '../../identity/permissions.policy.js';
import type { TArticle, TArticleAction, TArticleInput, TArticleUpdate, TMedia } from '../portal.contract.js';
import { portalErrors } from '../portal.errors.js';
import * as repo from '../portal.repo.js';
import {
  allowedActions,
  canAct,
  changedFields,
  roleAllows,
  scheduledTransition,
  slugify,
  statusAfterApproval,
  statusAfterEdit,
  type ArticleStatus,
} from '../portal.rules.js';
import { htmlToText, sanitizeArticleHtml } from '../portal.sanitize.js';
import { requireEditor } from './manage-site.js';

type Deps = { db: Db; clock: Clock };

export function articleUrl(a: { siteSlug: string; kind: string; slug: string; pageKey?: string | null }): string {
  return a.kind === 'page' ? `/trang/${a.siteSlug}/trang/${a.slug}` : `/trang/${a.siteSlug}/bai-viet/${a.slug}`;
}

export function articleView(a: repo.ArticleRow): TArticle {
  return {
    id: a.id,
    unitId: a.unitId,
    kind: a.kind,
    pageKey: a.pageKey,
    title: a.title,
    slug: a.slug,
    lead: a.lead,
    bodyHtml: a.bodyHtml,
    coverMediaId: a.coverMediaId,
    categoryId: a.categoryId,
    tags: a.tags,
    attachmentIds: a.attachmentIds,
    author: a.author,
    source: a.source,
    status: a.status,
    publishAt: a.publishAt,
    unpublishAt: a.unpublishAt,
    publishedAt: a.publishedAt,
    version: a.version,
    updatedAt: a.updatedAt,
    updatedByName: a.updatedByName,
    reads: a.reads,
    ratingCount: a.ratingCount,
    ratingAverage: a.ratingCount > 0 ? Math.round((a.ratingSum / a.ratingCount) * 100) / 100 : null,
    pendingComments: a.pendingComments,
    url: articleUrl(a),
  };
}

function snapshot(w: repo.ArticleWrite) {
  return {
    title: w.title,
    slug: w.slug,
    lead: w.lead,
    bodyHtml: w.bodyHtml,
    coverMediaId: w.coverMediaId,
    categoryId: w.categoryId,
    tags: w.tags,
    attachmentIds: w.attachmentIds,
    author: w.author,
    source: w.source,
    publishAt: w.publishAt,
    unpublishAt: w.unpublishAt,
  };
}

/** Sanitises the body and checks that the cover, attachments and category belong to the same site. */
async function prepare(q: Queryable, unitId: string, input: TArticleInput): Promise<repo.ArticleWrite> {
  if (input.publishAt && input.unpublishAt && input.unpublishAt <= input.publishAt) throw portalErrors.badSchedule();
  const mediaIds = [...new Set([...(input.coverMediaId ? [input.coverMediaId] : []), ...input.attachmentIds])];
  const media = await repo.mediaOfUnit(q, unitId, mediaIds);
  if (media.length !== mediaIds.length) throw commonErrors.notFound('media');
  if (input.coverMediaId && media.find((m) => m.id === input.coverMediaId)?.kind !== 'image') throw portalErrors.imageInvalid();
  if (input.categoryId && !(await repo.listCategories(q, unitId)).some((c) => c.id === input.categoryId)) throw commonErrors.notFound('category');
  const bodyHtml = await sanitizeArticleHtml(input.bodyHtml);
  return {
    kind: input.kind,
    pageKey: input.kind === 'page' ? input.pageKey : null,
    title: input.title,
    slug: input.slug ?? slugify(input.title),
    lead: input.lead,
    bodyHtml,
    bodyText: await htmlToText(bodyHtml),
    coverMediaId: input.coverMediaId,
    categoryId: input.kind === 'article' ? input.categoryId : null,
    tags: [...new Set(input.tags)],
    attachmentIds: input.attachmentIds,
    author: input.author,
    source: input.source,
    publishAt: input.publishAt,
    unpublishAt: input.unpublishAt,
  };
}

async function freeSlug(q: Queryable, unitId: string, slug: string, exceptId: string | null): Promise<string> {
  const { rows } = await q.query<{ slug: string }>(`SELECT slug FROM portal_article WHERE unit_id = $1 AND slug LIKE $2 || '%' AND ($3::uuid IS NULL OR id <> $3)`, [
    unitId,
    slug,
    exceptId,
  ]);
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(slug)) return slug;
  for (let i = 2; ; i++) if (!taken.has(`${slug}-${i}`)) return `${slug}-${i}`;
}

export async function createArticle(deps: Deps, actor: Actor, unitId: string, input: TArticleInput): Promise<TArticle> {
  return withTransaction(deps.db, async (tx) => {
    await requireEditor(tx, actor, unitId);
    const w = await prepare(tx, unitId, input);
    w.slug = await freeSlug(tx, unitId, w.slug, null);
    const at = deps.clock.now();
    const id = await repo.insertArticle(tx, unitId, w, actor.userId, at);
    await repo.insertVersion(tx, { articleId: id, version: 1, action: 'create', changed: [], note: null, snapshot: snapshot(w), at, byUser: actor.userId, byName: actor.fullName });
    return articleView((await repo.getArticle(tx, id))!);
  });
}

export async function getArticleFor(deps: Deps, actor: Actor, id: string): Promise<TArticle> {
  const a = await repo.getArticle(deps.db, id);
  if (!a) throw portalErrors.articleNotFound();
  await requireEditor(deps.db, actor, a.unitId);
  return articleView(a);
}

export async function listArticlesFor(deps: Deps, actor: Actor, unitId: string, f: { status?: ArticleStatus; kind?: 'article' | 'page' }) {
  await requireEditor(deps.db, actor, unitId);
  return (await repo.listArticles(deps.db, unitId, { ...f, limit: 200 })).map(articleView);
}

export async function versionsFor(deps: Deps, actor: Actor, id: string) {
  const a = await repo.getArticle(deps.db, id);
  if (!a) throw portalErrors.articleNotFound();
  await requireEditor(deps.db, actor, a.unitId);
  return repo.listVersions(deps.db, id);
}

/** Saves a new version; `expectedVersion` guards against overwriting someone else's edit. */
export async function updateArticle(deps: Deps, actor: Actor, id: string, input: TArticleUpdate): Promise<TArticle> {
  return withTransaction(deps.db, async (tx) => {
    const a = await repo.getArticle(tx, id, true);
    if (!a) throw portalErrors.articleNotFound();
    const { roles } = await requireEditor(tx, actor, a.unitId);
    if (a.version !== input.expectedVersion) throw portalErrors.stale();
    if (!canAct(a.status, 'edit')) throw portalErrors.transition(a.status, 'edit', [...allowedActions[a.status]]);
    const w = await prepare(tx, a.unitId, input);
    w.slug = await freeSlug(tx, a.unitId, input.slug ?? a.slug, id);
    const changed = changedFields(a, snapshot(w));
    const status = statusAfterEdit(a.status, roles);
    const at = deps.clock.now();
    const version = a.version + 1;
    await repo.updateArticle(tx, id, w, status, version, actor.userId, at);
    await repo.insertVersion(tx, { articleId: id, version, action: 'edit', changed, note: null, snapshot: snapshot(w), at, byUser: actor.userId, byName: actor.fullName });
    return articleView((await repo.getArticle(tx, id))!);
  });
}

/** Submit for review, approve (publish now or at publishAt), reject back to draft, unpublish. */
export async function actOnArticle(deps: Deps, actor: Actor, id: string, input: TArticleAction): Promise<TArticle> {
  return withTransaction(deps.db, async (tx) => {
    const a = await repo.getArticle(tx, id, true);
    if (!a) throw portalErrors.articleNotFound();
    const { roles } = await requireEditor(tx, actor, a.unitId).catch((e: unknown) => {
      throw input.action !== 'submit' && e instanceof Error && 'code' in e && e.code === 'PORTAL.NOT_EDITOR' ? portalErrors.notReviewer() : e;
    });
    if (!roleAllows(roles, input.action)) throw portalErrors.notReviewer();
    if (!canAct(a.status, input.action)) throw portalErrors.transition(a.status, input.action, [...allowedActions[a.status]]);
    const now = deps.clock.now();
    let status: ArticleStatus;
    let action: string = input.action;
    let publishedAt: Date | undefined;
    switch (input.action) {
      case 'submit':
        status = 'review';
        break;
      case 'approve':
        status = statusAfterApproval(a.publishAt, now);
        if (status === 'published') {
          action = 'publish';
          publishedAt = a.publishedAt ?? now;
        } else action = 'schedule';
        break;
      case 'reject':
        status = 'draft';
        break;
      case 'unpublish':
        status = 'unpublished';
        break;
    }
    const version = a.version + 1;
    await repo.setStatus(tx, id, status, version, now, actor.userId, publishedAt);
    await repo.insertVersion(tx, { articleId: id, version, action, changed: ['status'], note: input.note ?? null, snapshot: { status }, at: now, byUser: actor.userId, byName: actor.fullName });
    return articleView((await repo.getArticle(tx, id))!);
  });
}

/** The scheduler (job portal.schedule, every minute): publishes and takes down what is due at the clock's now. */
export async function runSchedule(deps: Deps): Promise<{ published: number; unpublished: number }> {
  const now = deps.clock.now();
  const due = await repo.dueArticles(deps.db, now);
  let published = 0;
  let unpublished = 0;
  for (const d of due) {
    const move = scheduledTransition(d, now);
    if (!move) continue;
    await withTransaction(deps.db, async (tx) => {
      const a = await repo.getArticle(tx, d.id, true);
      if (!a || scheduledTransition(a, now) !== move) return;
      const status: ArticleStatus = move === 'publish' ? 'published' : 'unpublished';
      const version = a.version + 1;
      // Published at the time that was asked for, not at the job's tick.
      await repo.setStatus(tx, a.id, status, version, now, null, move === 'publish' ? (a.publishAt ?? now) : undefined);
      await repo.insertVersion(tx, { articleId: a.id, version, action: move, changed: ['status'], note: 'Hẹn giờ', snapshot: { status }, at: now, byUser: null, byName: 'Hệ thống (hẹn giờ)' });
      if (move === 'publish') published++;
      else unpublished++;
    });
  }
  return { published, unpublished };
}

const MAX_IMAGE_WIDTH = 1600;
const THUMB_WIDTH = 480;

/**
 * Stores an image (decoded, resized to at most 1600 px wide and re-encoded as JPEG, which also drops its metadata such as
 * the GPS position, plus a 480 px thumbnail) or an attachment (PDF, Word, Excel) for a site.
 */
export async function uploadMedia(deps: Deps & { files: FileStore }, actor: Actor, unitId: string, content: Buffer, fileName: string): Promise<TMedia> {
  await requireEditor(deps.db, actor, unitId);
  const isImage = /\.(jpe?g|png|webp)$/i.test(fileName) || content.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])) || (content[0] === 0xff && content[1] === 0xd8);
  return withTransaction(deps.db, async (tx) => {
    const at = deps.clock.now();
    if (isImage) {
      let full: { data: Buffer; info: OutputInfo };
      let thumb: Buffer;
      try {
        const sharp = await loadSharp();
        const img = sharp(content, { limitInputPixels: 50_000_000 }).rotate();
        full = await img.clone().resize({ width: MAX_IMAGE_WIDTH, withoutEnlargement: true }).jpeg({ quality: 82, mozjpeg: true }).toBuffer({ resolveWithObject: true });
        thumb = await img.clone().resize({ width: THUMB_WIDTH, withoutEnlargement: true }).jpeg({ quality: 78, mozjpeg: true }).toBuffer();
      } catch {
        throw portalErrors.imageInvalid();
      }
      const base = fileName.replace(/\.[^.]+$/, '') || 'anh';
      const stored = await deps.files.put(tx, full.data, `${base}.jpg`);
      const storedThumb = await deps.files.put(tx, thumb, `${base}-nho.jpg`);
      const row = { unitId, kind: 'image' as const, sha256: stored.sha256, thumbSha256: storedThumb.sha256, fileName: stored.fileName, mediaType: 'image/jpeg', width: full.info.width, height: full.info.height };
      const id = await repo.insertMedia(tx, row, actor.userId, at);
      return repo.mediaView({ id, ...row });
    }
    const stored = await deps.files.put(tx, content, fileName);
    const row = { unitId, kind: 'attachment' as const, sha256: stored.sha256, thumbSha256: null, fileName: stored.fileName, mediaType: stored.mediaType, width: null, height: null };
    const id = await repo.insertMedia(tx, row, actor.userId, at);
    return repo.mediaView({ id, ...row });
  });
}
