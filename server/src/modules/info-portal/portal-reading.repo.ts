import type { Queryable } from '../../platform/database.js';
import type { ArticleRow } from './portal.repo.js';

/** Reads for the public pages and the server-side counters (visits, reads, ratings, comments). */

const pubCols = `a.id, a.unit_id AS "unitId", a.kind, a.page_key AS "pageKey", a.title, a.slug, a.lead, a.body_html AS "bodyHtml", a.body_text AS "bodyText",
  a.cover_media_id AS "coverMediaId", a.category_id AS "categoryId", a.tags, a.attachment_ids AS "attachmentIds", a.author, a.source, a.status,
  a.publish_at AS "publishAt", a.unpublish_at AS "unpublishAt", a.published_at AS "publishedAt", a.version, a.updated_at AS "updatedAt", '' AS "updatedByName",
  coalesce(r.reads, 0)::int AS reads, a.rating_sum AS "ratingSum", a.rating_count AS "ratingCount", 0 AS "pendingComments", s.slug AS "siteSlug"`;
const pubFrom = `portal_article a JOIN portal_site s ON s.unit_id = a.unit_id LEFT JOIN portal_article_reads r ON r.article_id = a.id`;

export async function publishedArticle(q: Queryable, unitId: string, kind: 'article' | 'page', slug: string): Promise<ArticleRow | null> {
  const { rows } = await q.query<ArticleRow>(`SELECT ${pubCols} FROM ${pubFrom} WHERE a.unit_id = $1 AND a.kind = $2 AND a.slug = $3 AND a.status = 'published'`, [unitId, kind, slug]);
  return rows[0] ?? null;
}

export async function publishedPageByKey(q: Queryable, unitId: string, pageKey: string): Promise<ArticleRow | null> {
  const { rows } = await q.query<ArticleRow>(`SELECT ${pubCols} FROM ${pubFrom} WHERE a.unit_id = $1 AND a.page_key = $2 AND a.status = 'published'`, [unitId, pageKey]);
  return rows[0] ?? null;
}

export type ListedArticle = { id: string; title: string; slug: string; lead: string; coverMediaId: string | null; publishedAt: Date; categoryName: string | null; categorySlug: string | null; siteSlug: string; kind: 'article' | 'page' };

/** Published articles, newest first; an article without a category is news (the category kind's default). */
export async function latestArticles(
  q: Queryable,
  unitId: string,
  f: { categoryKind?: 'news' | 'guidance'; categorySlug?: string; exceptId?: string; limit: number; offset?: number },
): Promise<ListedArticle[]> {
  const { rows } = await q.query<ListedArticle>(
    `SELECT a.id, a.title, a.slug, a.lead, a.cover_media_id AS "coverMediaId", a.published_at AS "publishedAt", c.name AS "categoryName", c.slug AS "categorySlug",
       s.slug AS "siteSlug", a.kind
     FROM portal_article a JOIN portal_site s ON s.unit_id = a.unit_id LEFT JOIN portal_category c ON c.id = a.category_id
     WHERE a.unit_id = $1 AND a.kind = 'article' AND a.status = 'published' AND ($2::text IS NULL OR coalesce(c.kind, 'news') = $2) AND ($3::text IS NULL OR c.slug = $3)
       AND ($4::uuid IS NULL OR a.id <> $4)
     ORDER BY a.published_at DESC, a.id LIMIT $5 OFFSET $6`,
    [unitId, f.categoryKind ?? null, f.categorySlug ?? null, f.exceptId ?? null, f.limit, f.offset ?? 0],
  );
  return rows;
}

export async function categoryBySlug(q: Queryable, unitId: string, slug: string): Promise<{ id: string; name: string; slug: string } | null> {
  const { rows } = await q.query<{ id: string; name: string; slug: string }>(`SELECT id, name, slug FROM portal_category WHERE unit_id = $1 AND slug = $2`, [unitId, slug]);
  return rows[0] ?? null;
}

export async function categoryName(q: Queryable, id: string | null): Promise<{ name: string; slug: string } | null> {
  if (!id) return null;
  const { rows } = await q.query<{ name: string; slug: string }>(`SELECT name, slug FROM portal_category WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** Every word must appear in the accent-folded text: "ty le truc tuyen" finds "tỷ lệ trực tuyến". */
export async function searchArticles(q: Queryable, unitId: string, words: string[], limit = 30): Promise<ListedArticle[]> {
  const { rows } = await q.query<ListedArticle>(
    `SELECT a.id, a.title, a.slug, a.lead, a.cover_media_id AS "coverMediaId", a.published_at AS "publishedAt", c.name AS "categoryName", c.slug AS "categorySlug",
       s.slug AS "siteSlug", a.kind
     FROM portal_article a JOIN portal_site s ON s.unit_id = a.unit_id LEFT JOIN portal_category c ON c.id = a.category_id
     WHERE a.unit_id = $1 AND a.status = 'published'
       AND (a.search_text || ' ' || vn_fold(array_to_string(a.tags, ' '))) LIKE ALL (coalesce((SELECT array_agg('%' || vn_fold(w) || '%') FROM unnest($2::text[]) w), '{}'::text[]))
     ORDER BY similarity(a.search_text, vn_fold(array_to_string($2::text[], ' '))) DESC, a.published_at DESC LIMIT $3`,
    [unitId, words, limit],
  );
  return rows;
}

export type HandledProcedure = { id: string; code: string; name: string; field: string; onlineLevel: string; received: number };

/**
 * The procedures the unit handles, from the catalogue (never retyped): published procedures of the unit or a unit above it,
 * at the unit's level (a commune's site lists commune procedures); ordered by the dossiers the unit received in the last
 * 12 months (report counters: the unit's own and below rows, migration 20261210200000), so the most used come first.
 */
export async function handledProcedures(q: Queryable, unit: { id: string; path: string; kind: string }, f: { words?: string[]; limit: number; since: string }): Promise<HandledProcedure[]> {
  const level = unit.kind === 'commune' ? 'commune' : unit.kind === 'district' ? 'district' : 'province';
  const { rows } = await q.query<HandledProcedure>(
    `SELECT p.id, p.code, p.name, p.field, p.online_level AS "onlineLevel", coalesce(u.n, 0)::int AS received
     FROM procedure p JOIN unit o ON o.id = p.owner_unit_id
     LEFT JOIN (SELECT procedure_id, sum(received) AS n
                  FROM (SELECT procedure_id, received FROM report_counter WHERE grain = 'm' AND unit_path = $1 AND bucket >= $4
                        UNION ALL SELECT procedure_id, received FROM report_counter_below WHERE grain = 'm' AND unit_id = $6 AND bucket >= $4) s
                 GROUP BY 1) u ON u.procedure_id = p.id
     WHERE p.status = 'published' AND $1 LIKE o.path || '%' AND p.level = $2
       AND ($3::text[] IS NULL OR p.search_text LIKE ALL (coalesce((SELECT array_agg('%' || vn_fold(w) || '%') FROM unnest($3::text[]) w), '{}'::text[])))
     ORDER BY received DESC, p.name LIMIT $5`,
    [unit.path, level, f.words && f.words.length > 0 ? f.words : null, f.since, f.limit, unit.id],
  );
  return rows;
}

// ---- counters ----

/** The day's random salt (created by whichever instance comes first); kept two days, then deleted by the job. */
export async function daySalt(q: Queryable, day: string, fresh: Buffer): Promise<Buffer> {
  await q.query(`INSERT INTO portal_visit_salt (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING`, [day, fresh]);
  const { rows } = await q.query<{ salt: Buffer }>(`SELECT salt FROM portal_visit_salt WHERE day = $1`, [day]);
  return rows[0]!.salt;
}

/**
 * One page view, in one statement: the visitor's presence (a new one today adds a visit), the day's views, and the
 * article's reads. Rows in PostgreSQL, so counts survive restarts and add up across instances.
 */
export async function countView(q: Queryable, v: { unitId: string; day: string; visitorHash: string; at: Date; articleId: string | null }): Promise<void> {
  await q.query(
    `WITH p AS (
       INSERT INTO portal_presence (unit_id, day, visitor_hash, last_seen) VALUES ($1, $2, $3, $4)
       ON CONFLICT (unit_id, day, visitor_hash) DO UPDATE SET last_seen = EXCLUDED.last_seen
       RETURNING (xmax = 0) AS fresh
     ), d AS (
       INSERT INTO portal_visit_day (unit_id, day, visits, views) SELECT $1, $2, CASE WHEN p.fresh THEN 1 ELSE 0 END, 1 FROM p
       ON CONFLICT (unit_id, day) DO UPDATE SET visits = portal_visit_day.visits + EXCLUDED.visits, views = portal_visit_day.views + 1
     )
     INSERT INTO portal_article_reads (article_id, reads) SELECT $5, 1 WHERE $5::uuid IS NOT NULL
     ON CONFLICT (article_id) DO UPDATE SET reads = portal_article_reads.reads + 1`,
    [v.unitId, v.day, v.visitorHash, v.at, v.articleId],
  );
}

export type VisitCounts = { online: number; today: number; week: number; month: number; total: number };

export async function visitCounts(q: Queryable, unitId: string, p: { today: string; weekStart: string; monthStart: string; onlineSince: Date; yesterday: string }): Promise<VisitCounts> {
  const { rows } = await q.query<VisitCounts>(
    `SELECT
       (SELECT count(*) FROM portal_presence WHERE unit_id = $1 AND day >= $6 AND last_seen > $5)::int AS online,
       coalesce(sum(visits) FILTER (WHERE day = $2), 0)::int AS today,
       coalesce(sum(visits) FILTER (WHERE day >= $3), 0)::int AS week,
       coalesce(sum(visits) FILTER (WHERE day >= $4), 0)::int AS month,
       coalesce(sum(visits), 0)::int AS total
     FROM portal_visit_day WHERE unit_id = $1`,
    [unitId, p.today, p.weekStart, p.monthStart, p.onlineSince, p.yesterday],
  );
  return rows[0]!;
}

export async function pruneCounters(q: Queryable, beforeDay: string): Promise<void> {
  await q.query(`DELETE FROM portal_presence WHERE day < $1`, [beforeDay]);
  await q.query(`DELETE FROM portal_visit_salt WHERE day < $1`, [beforeDay]);
}

/** The article's own salt for raters' address hashes (created once; a concurrent creator's salt wins for both). */
export async function ratingSalt(q: Queryable, articleId: string, fresh: Buffer): Promise<Buffer> {
  await q.query(`INSERT INTO portal_rating_salt (article_id, salt) VALUES ($1, $2) ON CONFLICT (article_id) DO NOTHING`, [articleId, fresh]);
  const { rows } = await q.query<{ salt: Buffer }>(`SELECT salt FROM portal_rating_salt WHERE article_id = $1`, [articleId]);
  return rows[0]!.salt;
}

/** A rating, once per reader per article; the article's sum and count move in the same statement. */
export async function rate(q: Queryable, articleId: string, readerHash: string, score: number, at: Date): Promise<boolean> {
  const { rowCount } = await q.query(
    `WITH ins AS (
       INSERT INTO portal_rating (article_id, reader_hash, score, rated_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING score
     )
     UPDATE portal_article SET rating_sum = rating_sum + ins.score, rating_count = rating_count + 1 FROM ins WHERE id = $1`,
    [articleId, readerHash, score, at],
  );
  return (rowCount ?? 0) > 0;
}

export async function hasRated(q: Queryable, articleId: string, readerHash: string): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM portal_rating WHERE article_id = $1 AND reader_hash = $2`, [articleId, readerHash]);
  return rows.length > 0;
}

export async function recentComments(q: Queryable, visitorHash: string, since: Date): Promise<number> {
  const { rows } = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM portal_comment WHERE visitor_hash = $1 AND created_at > $2`, [visitorHash, since]);
  return rows[0]!.n;
}

export async function insertComment(q: Queryable, c: { articleId: string; authorName: string; body: string; visitorHash: string; at: Date }): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO portal_comment (article_id, author_name, body, status, visitor_hash, created_at) VALUES ($1, $2, $3, 'pending', $4, $5) RETURNING id`,
    [c.articleId, c.authorName, c.body, c.visitorHash, c.at],
  );
  return rows[0]!.id;
}

export async function approvedComments(q: Queryable, articleId: string): Promise<{ authorName: string; body: string; createdAt: Date }[]> {
  const { rows } = await q.query<{ authorName: string; body: string; createdAt: Date }>(
    `SELECT author_name AS "authorName", body, created_at AS "createdAt" FROM portal_comment WHERE article_id = $1 AND status = 'approved' ORDER BY created_at LIMIT 200`,
    [articleId],
  );
  return rows;
}

/** Everything the sitemap lists: every site, its published articles and pages. */
export async function sitemapEntries(q: Queryable): Promise<{ siteSlug: string; kind: string | null; slug: string | null; updatedAt: Date | null }[]> {
  const { rows } = await q.query<{ siteSlug: string; kind: string | null; slug: string | null; updatedAt: Date | null }>(
    `SELECT s.slug AS "siteSlug", a.kind, a.slug, a.updated_at AS "updatedAt"
     FROM portal_site s LEFT JOIN portal_article a ON a.unit_id = s.unit_id AND a.status = 'published'
     ORDER BY s.slug, a.published_at DESC NULLS FIRST LIMIT 50000`,
  );
  return rows;
}
