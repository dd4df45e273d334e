import type { Queryable } from '../../platform/database.js';
import type { TArticle, TCategory, TMedia, TOutage, TSiteInput } from './portal.contract.js';
import type { ArticleStatus, PortalRole } from './portal.rules.js';

/** SQL of the information portal (migration 20261203170000). */

export type SiteRow = TSiteInput & { unitId: string; unitName: string; unitPath: string; unitKind: string };

const siteCols = `s.unit_id AS "unitId", u.name AS "unitName", u.path AS "unitPath", u.kind AS "unitKind", s.slug, s.host_name AS "hostName", s.title,
  s.address, s.phone, s.feedback_phone AS "feedbackPhone", s.email, s.map_lat AS "mapLat", s.map_lng AS "mapLng", s.leaders, s.menu`;

export async function getSite(q: Queryable, unitId: string): Promise<SiteRow | null> {
  const { rows } = await q.query<SiteRow>(`SELECT ${siteCols} FROM portal_site s JOIN unit u ON u.id = s.unit_id WHERE s.unit_id = $1`, [unitId]);
  return rows[0] ?? null;
}

export async function getSiteBySlug(q: Queryable, slug: string): Promise<SiteRow | null> {
  const { rows } = await q.query<SiteRow>(`SELECT ${siteCols} FROM portal_site s JOIN unit u ON u.id = s.unit_id WHERE s.slug = $1`, [slug]);
  return rows[0] ?? null;
}

export async function listSites(q: Queryable): Promise<SiteRow[]> {
  const { rows } = await q.query<SiteRow>(`SELECT ${siteCols} FROM portal_site s JOIN unit u ON u.id = s.unit_id ORDER BY u.path`);
  return rows;
}

/** host name → slug of every site that has one (the host routing table). */
export async function siteHosts(q: Queryable): Promise<Map<string, string>> {
  const { rows } = await q.query<{ host: string; slug: string }>(`SELECT host_name AS host, slug FROM portal_site WHERE host_name IS NOT NULL`);
  return new Map(rows.map((r) => [r.host, r.slug]));
}

export async function unitRef(q: Queryable, unitId: string): Promise<{ id: string; name: string; path: string; kind: string } | null> {
  const { rows } = await q.query<{ id: string; name: string; path: string; kind: string }>(`SELECT id, name, path, kind FROM unit WHERE id = $1`, [unitId]);
  return rows[0] ?? null;
}

export async function upsertSite(q: Queryable, unitId: string, s: TSiteInput, by: string, at: Date): Promise<void> {
  await q.query(
    `INSERT INTO portal_site (unit_id, slug, host_name, title, address, phone, feedback_phone, email, map_lat, map_lng, leaders, menu, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (unit_id) DO UPDATE SET slug = EXCLUDED.slug, host_name = EXCLUDED.host_name, title = EXCLUDED.title, address = EXCLUDED.address,
       phone = EXCLUDED.phone, feedback_phone = EXCLUDED.feedback_phone, email = EXCLUDED.email, map_lat = EXCLUDED.map_lat, map_lng = EXCLUDED.map_lng,
       leaders = EXCLUDED.leaders, menu = EXCLUDED.menu, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [unitId, s.slug, s.hostName, s.title, s.address, s.phone, s.feedbackPhone, s.email, s.mapLat, s.mapLng, JSON.stringify(s.leaders), JSON.stringify(s.menu), at, by],
  );
}

export async function memberRoles(q: Queryable, unitId: string, userId: string): Promise<PortalRole[]> {
  const { rows } = await q.query<{ role: PortalRole }>(`SELECT role FROM portal_member WHERE unit_id = $1 AND user_id = $2`, [unitId, userId]);
  return rows.map((r) => r.role);
}

export async function rolesByUnit(q: Queryable, userId: string): Promise<Map<string, PortalRole[]>> {
  const { rows } = await q.query<{ unitId: string; roles: PortalRole[] }>(
    `SELECT unit_id AS "unitId", array_agg(role ORDER BY role) AS roles FROM portal_member WHERE user_id = $1 GROUP BY unit_id`,
    [userId],
  );
  return new Map(rows.map((r) => [r.unitId, r.roles]));
}

export async function listMembers(q: Queryable, unitId: string) {
  const { rows } = await q.query<{ userId: string; username: string; fullName: string; role: PortalRole }>(
    `SELECT m.user_id AS "userId", u.username, u.full_name AS "fullName", m.role FROM portal_member m JOIN staff_user u ON u.id = m.user_id
     WHERE m.unit_id = $1 ORDER BY u.full_name, m.role`,
    [unitId],
  );
  return rows;
}

/** An active officer by username, with every unit they belong to (home unit and each unit of a role). */
export async function findMemberCandidate(q: Queryable, username: string): Promise<{ id: string; unitPaths: string[] } | null> {
  const { rows } = await q.query<{ id: string; unitPaths: string[] }>(
    `SELECT s.id, array(SELECT hu.path FROM unit hu WHERE hu.id = s.home_unit_id
                       UNION SELECT gu.path FROM role_assignment r JOIN unit gu ON gu.id = r.unit_id WHERE r.user_id = s.id) AS "unitPaths"
       FROM staff_user s WHERE s.username = $1 AND s.active`,
    [username],
  );
  return rows[0] ?? null;
}

export async function addMember(q: Queryable, unitId: string, userId: string, role: PortalRole, by: string, at: Date): Promise<void> {
  await q.query(`INSERT INTO portal_member (unit_id, user_id, role, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [unitId, userId, role, at, by]);
}

export async function removeMember(q: Queryable, unitId: string, userId: string, role: PortalRole): Promise<boolean> {
  const r = await q.query(`DELETE FROM portal_member WHERE unit_id = $1 AND user_id = $2 AND role = $3`, [unitId, userId, role]);
  return (r.rowCount ?? 0) > 0;
}

export async function listCategories(q: Queryable, unitId: string): Promise<TCategory[]> {
  const { rows } = await q.query<TCategory>(`SELECT id, name, slug, kind FROM portal_category WHERE unit_id = $1 ORDER BY kind, name`, [unitId]);
  return rows;
}

export async function insertCategory(q: Queryable, unitId: string, c: { name: string; slug: string; kind: 'news' | 'guidance' }): Promise<TCategory> {
  const { rows } = await q.query<TCategory>(`INSERT INTO portal_category (unit_id, name, slug, kind) VALUES ($1, $2, $3, $4) RETURNING id, name, slug, kind`, [
    unitId,
    c.name,
    c.slug,
    c.kind,
  ]);
  return rows[0]!;
}

export type MediaRow = { id: string; unitId: string; kind: 'image' | 'attachment'; sha256: string; thumbSha256: string | null; fileName: string; mediaType: string; width: number | null; height: number | null };

export async function insertMedia(q: Queryable, m: Omit<MediaRow, 'id'>, by: string, at: Date): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO portal_media (unit_id, kind, sha256, thumb_sha256, file_name, media_type, width, height, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [m.unitId, m.kind, m.sha256, m.thumbSha256, m.fileName, m.mediaType, m.width, m.height, at, by],
  );
  return rows[0]!.id;
}

export async function getMedia(q: Queryable, id: string): Promise<MediaRow | null> {
  const { rows } = await q.query<MediaRow>(
    `SELECT id, unit_id AS "unitId", kind, sha256, thumb_sha256 AS "thumbSha256", file_name AS "fileName", media_type AS "mediaType", width, height
     FROM portal_media WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function mediaOfUnit(q: Queryable, unitId: string, ids: string[]): Promise<MediaRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await q.query<MediaRow>(
    `SELECT id, unit_id AS "unitId", kind, sha256, thumb_sha256 AS "thumbSha256", file_name AS "fileName", media_type AS "mediaType", width, height
     FROM portal_media WHERE unit_id = $1 AND id = ANY($2::uuid[])`,
    [unitId, ids],
  );
  return rows;
}

export function mediaView(m: MediaRow): TMedia {
  return {
    id: m.id,
    kind: m.kind,
    fileName: m.fileName,
    mediaType: m.mediaType,
    width: m.width,
    height: m.height,
    url: `/trang/media/${m.id}`,
    thumbUrl: m.thumbSha256 ? `/trang/media/${m.id}/thumb` : null,
  };
}

export type ArticleRow = Omit<TArticle, 'url' | 'pendingComments' | 'ratingAverage'> & { bodyText: string; ratingSum: number; pendingComments: number; siteSlug: string };

const articleCols = `a.id, a.unit_id AS "unitId", a.kind, a.page_key AS "pageKey", a.title, a.slug, a.lead, a.body_html AS "bodyHtml", a.body_text AS "bodyText",
  a.cover_media_id AS "coverMediaId", a.category_id AS "categoryId", a.tags, a.attachment_ids AS "attachmentIds", a.author, a.source, a.status,
  a.publish_at AS "publishAt", a.unpublish_at AS "unpublishAt", a.published_at AS "publishedAt", a.version, a.updated_at AS "updatedAt",
  uu.full_name AS "updatedByName", coalesce(r.reads, 0)::int AS reads, a.rating_sum AS "ratingSum", a.rating_count AS "ratingCount",
  (SELECT count(*) FROM portal_comment c WHERE c.article_id = a.id AND c.status = 'pending')::int AS "pendingComments", s.slug AS "siteSlug"`;
const articleFrom = `portal_article a JOIN staff_user uu ON uu.id = a.updated_by JOIN portal_site s ON s.unit_id = a.unit_id
  LEFT JOIN portal_article_reads r ON r.article_id = a.id`;

export async function getArticle(q: Queryable, id: string, lock = false): Promise<ArticleRow | null> {
  if (lock) await q.query(`SELECT 1 FROM portal_article WHERE id = $1 FOR UPDATE`, [id]);
  const { rows } = await q.query<ArticleRow>(`SELECT ${articleCols} FROM ${articleFrom} WHERE a.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listArticles(q: Queryable, unitId: string, f: { status?: ArticleStatus; kind?: 'article' | 'page'; limit: number }): Promise<ArticleRow[]> {
  const { rows } = await q.query<ArticleRow>(
    `SELECT ${articleCols} FROM ${articleFrom}
     WHERE a.unit_id = $1 AND ($2::text IS NULL OR a.status = $2) AND ($3::text IS NULL OR a.kind = $3)
     ORDER BY a.updated_at DESC LIMIT $4`,
    [unitId, f.status ?? null, f.kind ?? null, f.limit],
  );
  return rows;
}

export type ArticleWrite = {
  kind: 'article' | 'page';
  pageKey: string | null;
  title: string;
  slug: string;
  lead: string;
  bodyHtml: string;
  bodyText: string;
  coverMediaId: string | null;
  categoryId: string | null;
  tags: string[];
  attachmentIds: string[];
  author: string;
  source: string;
  publishAt: Date | null;
  unpublishAt: Date | null;
};

export async function insertArticle(q: Queryable, unitId: string, a: ArticleWrite, by: string, at: Date): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO portal_article (unit_id, kind, page_key, title, slug, lead, body_html, body_text, cover_media_id, category_id, tags, attachment_ids,
       author, source, status, publish_at, unpublish_at, version, created_at, created_by, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'draft', $15, $16, 1, $17, $18, $17, $18) RETURNING id`,
    [unitId, a.kind, a.pageKey, a.title, a.slug, a.lead, a.bodyHtml, a.bodyText, a.coverMediaId, a.categoryId, a.tags, a.attachmentIds, a.author, a.source, a.publishAt, a.unpublishAt, at, by],
  );
  return rows[0]!.id;
}

export async function updateArticle(q: Queryable, id: string, a: ArticleWrite, status: ArticleStatus, version: number, by: string, at: Date): Promise<void> {
  await q.query(
    `UPDATE portal_article SET kind = $2, page_key = $3, title = $4, slug = $5, lead = $6, body_html = $7, body_text = $8, cover_media_id = $9, category_id = $10,
       tags = $11, attachment_ids = $12, author = $13, source = $14, publish_at = $15, unpublish_at = $16, status = $17, version = $18, updated_at = $19, updated_by = $20
     WHERE id = $1`,
    [id, a.kind, a.pageKey, a.title, a.slug, a.lead, a.bodyHtml, a.bodyText, a.coverMediaId, a.categoryId, a.tags, a.attachmentIds, a.author, a.source, a.publishAt, a.unpublishAt, status, version, at, by],
  );
}

export async function setStatus(q: Queryable, id: string, status: ArticleStatus, version: number, at: Date, by: string | null, publishedAt?: Date): Promise<void> {
  await q.query(
    `UPDATE portal_article SET status = $2, version = $3, updated_at = $4, updated_by = coalesce($5, updated_by),
       published_at = CASE WHEN $6::timestamptz IS NOT NULL THEN $6 ELSE published_at END WHERE id = $1`,
    [id, status, version, at, by, publishedAt ?? null],
  );
}

export async function insertVersion(
  q: Queryable,
  v: { articleId: string; version: number; action: string; changed: string[]; note: string | null; snapshot: unknown; at: Date; byUser: string | null; byName: string },
): Promise<void> {
  await q.query(
    `INSERT INTO portal_article_version (article_id, version, action, changed, note, snapshot, at, by_user, by_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [v.articleId, v.version, v.action, v.changed, v.note, JSON.stringify(v.snapshot), v.at, v.byUser, v.byName],
  );
}

export async function listVersions(q: Queryable, articleId: string) {
  const { rows } = await q.query<{ version: number; action: string; changed: string[]; note: string | null; at: Date; byName: string }>(
    `SELECT version, action, changed, note, at, by_name AS "byName" FROM portal_article_version WHERE article_id = $1 ORDER BY version DESC`,
    [articleId],
  );
  return rows;
}

/** Articles the scheduler must act on at `now`. */
export async function dueArticles(q: Queryable, now: Date): Promise<{ id: string; status: ArticleStatus; publishAt: Date | null; unpublishAt: Date | null }[]> {
  const { rows } = await q.query<{ id: string; status: ArticleStatus; publishAt: Date | null; unpublishAt: Date | null }>(
    `SELECT id, status, publish_at AS "publishAt", unpublish_at AS "unpublishAt" FROM portal_article
     WHERE (status = 'scheduled' AND publish_at <= $1) OR (status = 'published' AND unpublish_at <= $1) ORDER BY id LIMIT 500`,
    [now],
  );
  return rows;
}

export type CommentRow = { id: string; articleId: string; articleTitle: string; authorName: string; body: string; status: 'pending' | 'approved' | 'rejected'; createdAt: Date };

export async function listComments(q: Queryable, unitId: string, status: 'pending' | 'approved' | 'rejected', limit = 200): Promise<CommentRow[]> {
  const { rows } = await q.query<CommentRow>(
    `SELECT c.id, c.article_id AS "articleId", a.title AS "articleTitle", c.author_name AS "authorName", c.body, c.status, c.created_at AS "createdAt"
     FROM portal_comment c JOIN portal_article a ON a.id = c.article_id WHERE a.unit_id = $1 AND c.status = $2 ORDER BY c.created_at LIMIT $3`,
    [unitId, status, limit],
  );
  return rows;
}

export async function getCommentUnit(q: Queryable, id: string): Promise<{ unitId: string; status: string } | null> {
  const { rows } = await q.query<{ unitId: string; status: string }>(
    `SELECT a.unit_id AS "unitId", c.status FROM portal_comment c JOIN portal_article a ON a.id = c.article_id WHERE c.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function moderateComment(q: Queryable, id: string, decision: 'approved' | 'rejected', by: string, at: Date): Promise<void> {
  await q.query(`UPDATE portal_comment SET status = $2, moderated_by = $3, moderated_at = $4 WHERE id = $1`, [id, decision, by, at]);
}

export async function insertOutage(q: Queryable, unitId: string, o: { startsAt: Date; endsAt: Date; reason: string }, by: string, at: Date): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO portal_outage (unit_id, starts_at, ends_at, reason, announced_at, announced_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [unitId, o.startsAt, o.endsAt, o.reason, at, by],
  );
  return rows[0]!.id;
}

const outageCols = `id, unit_id AS "unitId", starts_at AS "startsAt", ends_at AS "endsAt", reason, announced_at AS "announcedAt", cancelled_at IS NOT NULL AS cancelled`;

export async function listOutages(q: Queryable, unitId: string): Promise<TOutage[]> {
  const { rows } = await q.query<TOutage>(`SELECT ${outageCols} FROM portal_outage WHERE unit_id = $1 ORDER BY starts_at DESC LIMIT 100`, [unitId]);
  return rows;
}

export async function getOutage(q: Queryable, id: string): Promise<TOutage | null> {
  const { rows } = await q.query<TOutage>(`SELECT ${outageCols} FROM portal_outage WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function cancelOutage(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query(`UPDATE portal_outage SET cancelled_at = $2 WHERE id = $1 AND cancelled_at IS NULL`, [id, at]);
}

/** Outages to announce on a site at `now`: of the unit or any unit above it, not cancelled, not yet over. */
export async function activeOutages(q: Queryable, unitPath: string, now: Date): Promise<TOutage[]> {
  const { rows } = await q.query<TOutage>(
    `SELECT o.id, o.unit_id AS "unitId", o.starts_at AS "startsAt", o.ends_at AS "endsAt", o.reason, o.announced_at AS "announcedAt", false AS cancelled
     FROM portal_outage o JOIN unit u ON u.id = o.unit_id
     WHERE $1 LIKE u.path || '%' AND o.cancelled_at IS NULL AND o.ends_at > $2 ORDER BY o.starts_at LIMIT 5`,
    [unitPath, now],
  );
  return rows;
}
