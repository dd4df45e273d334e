import type { Clock } from '../../../platform/clock.js';
import type { Db, Queryable } from '../../../platform/database.js';
import { commonErrors } from '../../../platform/errors.js';
import { can, scopePaths, type Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import type { TGroup5, TPublicItem, TRegisterQuery, TStaffItem } from '../feedback.contract.js';
import { feedbackErrors } from '../feedback.errors.js';
import { findSimilar, findSimilarPublished, listQueue } from '../feedback.repo.js';
import { statusLabels, type FeedbackStatus } from '../feedback.rules.js';
import { calendarAt, dueStateOf, toStaffItem } from './act-on-feedback.js';

type Deps = { db: Db; clock: Clock };

/** The officer's queue: items held in their units (dossiers.read), with due soon / overdue computed on each unit's calendar. */
export async function feedbackQueue(deps: Deps, actor: Actor, f: { status?: FeedbackStatus; kind?: 'feedback' | 'question'; due?: 'due_soon' | 'overdue'; limit: number }) {
  const rows = await listQueue(deps.db, scopePaths(actor, 'dossiers.read'), { ...(f.status ? { status: f.status } : {}), ...(f.kind ? { kind: f.kind } : {}), limit: f.due ? 500 : f.limit });
  const now = deps.clock.now();
  const calendars = new Map<string, Awaited<ReturnType<typeof calendarAt>>>();
  const items: TStaffItem[] = [];
  for (const row of rows) {
    const cal = calendars.get(row.unitPath) ?? (await calendarAt(deps.db, row.unitPath, now));
    calendars.set(row.unitPath, cal);
    const item = toStaffItem(actor, row, await dueStateOf(deps.db, row, now, cal), [], []);
    if (f.due && item.dueState !== f.due && !(f.due === 'due_soon' && item.dueState === 'overdue')) continue;
    items.push(item);
  }
  return items.slice(0, f.limit).map((i) => ({ id: i.id, code: i.code, kind: i.kind, status: i.status, statusLabel: i.statusLabel, subject: i.subject, unitName: i.unitName, channel: i.channel, receivedAt: i.receivedAt, dueAt: i.dueAt, dueState: i.dueState, classification: i.classification }));
}

/**
 * Likely duplicates shown before a new item is opened. An officer sees every similar item inside their own units (with
 * internal subjects); an anonymous sender sees published items only, by their public text (personal data removed), so
 * nobody learns of an unpublished item nor another sender's details.
 */
export async function similarItems(deps: Deps, input: { unitId: string; procedureId: string | null; text: string }, officer: Actor | null) {
  const unit = await getUnit(deps.db, input.unitId);
  if (!unit) throw feedbackErrors.unitNotFound();
  if (officer && !can(officer, 'dossiers.read', unit.path)) throw commonErrors.forbidden('dossiers.read');
  const rows = officer
    ? await findSimilar(deps.db, unit.path, input.procedureId, input.text)
    : (await findSimilarPublished(deps.db, unit.path, input.procedureId, input.text)).map((r) => ({ ...r, subject: r.publicSubject }));
  return rows.map((r) => ({ code: r.code, subject: r.subject, status: r.status, statusLabel: statusLabels[r.status].vi, published: r.status === 'published', similarity: Math.round(r.similarity * 100) / 100 }));
}

export type RegisterPage = { items: TPublicItem[]; next: string | null };

const vnDayStart = (d: string) => new Date(`${d}T00:00:00+07:00`);

/** The words of a register search: letters and digits only (anything else separates words), eight at most. */
export function registerWords(q: string): string[] {
  return q.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0).slice(0, 8);
}

/**
 * How many of the newest matching-by-filter items a word search reads before it turns to the word index. Common words
 * are found among the newest items at once; rare ones through the index, whose matches are then few. The planner cannot
 * choose between the two itself: words are correlated ("khai sinh") and its estimates for them are far off.
 */
const NEWEST_WINDOW = 1000;

/**
 * The public register of answered feedback (and the hỏi đáp page): published items only, searched without accents by
 * words (each typed word is a word of the item; the last one, of 3 letters or more, may be its beginning, as one types),
 * by unit subtree, procedure and period of publication, newest first, with a keyset cursor.
 */
export async function searchRegister(q: Queryable, f: TRegisterQuery): Promise<RegisterPage> {
  const where = [`f.status = 'published'`];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, v: unknown) => {
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  if (f.unitId) {
    const unit = await getUnit(q, f.unitId);
    if (!unit) return { items: [], next: null };
    add((n) => `f.unit_path LIKE ${n} || '%'`, unit.path);
  }
  if (f.procedureId) add((n) => `f.procedure_id = ${n}`, f.procedureId);
  if (f.kind) add((n) => `f.kind = ${n}`, f.kind);
  if (f.from) add((n) => `f.published_at >= ${n}`, vnDayStart(f.from));
  if (f.to) add((n) => `f.published_at < ${n}::timestamptz + interval '1 day'`, vnDayStart(f.to));
  if (f.after) {
    const [at, id] = Buffer.from(f.after, 'base64url').toString('utf8').split('|');
    const when = new Date(at ?? '');
    if (Number.isNaN(when.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? '')) throw commonErrors.validation({ after: 'invalid cursor' });
    params.push(when, id);
    where.push(`(f.published_at, f.id) < ($${params.length - 1}, $${params.length}::uuid)`);
  }
  const filters = where.join(' AND ');
  const want = f.limit + 1;
  const words = registerWords(f.q ?? '');
  let ids: string[] | null = null;
  if (words.length > 0) {
    const wp = [...params];
    const terms = words.map((w, i) => {
      wp.push(w);
      const prefix = i === words.length - 1 && w.length >= 3 ? ` || ':*'` : '';
      return `f.public_words @@ to_tsquery('simple', quote_literal(vn_fold($${wp.length}))${prefix})`;
    });
    wp.push(want, NEWEST_WINDOW);
    const [k, win] = [`$${wp.length - 1}`, `$${wp.length}`];
    // First the newest items that pass the filters, read in order through the publication index.
    const first = await q.query<{ scanned: number; ids: string[] }>(
      `WITH w AS MATERIALIZED (SELECT f.id, f.published_at, f.public_words FROM feedback f WHERE ${filters} ORDER BY f.published_at DESC, f.id DESC LIMIT ${win}),
            hit AS (SELECT f.id, f.published_at FROM w f WHERE ${terms.join(' AND ')} ORDER BY f.published_at DESC, f.id DESC LIMIT ${k})
       SELECT (SELECT count(*)::int FROM w) AS scanned, (SELECT coalesce(array_agg(id ORDER BY published_at DESC, id DESC), '{}') FROM hit) AS ids`,
      wp,
    );
    const r = first.rows[0]!;
    if (r.ids.length >= want || r.scanned < NEWEST_WINDOW) ids = r.ids;
    else {
      // Few matches among many items: the word index finds them all, then the newest are kept.
      const rare = await q.query<{ id: string }>(
        `WITH m AS MATERIALIZED (SELECT f.id, f.published_at FROM feedback f WHERE ${filters} AND ${terms.join(' AND ')})
         SELECT id FROM m ORDER BY published_at DESC, id DESC LIMIT ${k}`,
        wp.slice(0, -1),
      );
      ids = rare.rows.map((x) => x.id);
    }
  }
  const listParams = ids ? [ids] : [...params, want];
  const { rows } = await q.query<TPublicItem & { id: string }>(
    `SELECT f.id, f.code, f.kind, f.category, u.name AS "unitName", p.name AS "procedureName", f.public_subject AS subject,
            f.public_content AS content, f.public_answer AS answer, CASE WHEN f.consent_publish_identity THEN f.sender_name END AS "senderName",
            f.received_at AS "receivedAt", f.answered_at AS "answeredAt", f.published_at AS "publishedAt"
       FROM feedback f JOIN unit u ON u.id = f.unit_id LEFT JOIN procedure p ON p.id = f.procedure_id
      WHERE ${ids ? 'f.id = ANY($1::uuid[])' : filters}
      ORDER BY f.published_at DESC, f.id DESC${ids ? '' : ` LIMIT $${listParams.length}`}`,
    listParams,
  );
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const next = rows.length > f.limit && last ? Buffer.from(`${last.publishedAt.toISOString()}|${last.id}`).toString('base64url') : null;
  return { items: page.map(({ id: _id, ...item }) => item), next };
}

const pct = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 1000) / 10);

/**
 * QĐ 766 group 5 for a unit (and below) and a period of receipt: 5.1 items by classification, 5.2 handled on time
 * (every step within its clock), 5.3 satisfaction = (handled − disliked − reopened − late) / handled, and the dossiers
 * of the unit that drew feedback (an input of 5.4).
 */
export async function group5Report(deps: Deps, actor: Actor, input: { unitId: string; from: string; to: string }): Promise<TGroup5> {
  const unit = await getUnit(deps.db, input.unitId);
  if (!unit) throw feedbackErrors.unitNotFound();
  if (!can(actor, 'reports.read', unit.path)) throw commonErrors.forbidden('reports.read');
  return { unitId: unit.id, from: input.from, to: input.to, ...(await group5Of(deps.db, unit.path, input.from, input.to)) };
}

/** Group 5 of a unit subtree (by materialised path) and a period of receipt; the caller has checked the scope (reports). */
export async function group5Of(q: Queryable, unitPath: string, from: string, to: string): Promise<Omit<TGroup5, 'unitId' | 'from' | 'to'>> {
  const { rows } = await q.query<{ received: number; handled: number; handledOnTime: number; rated: number; unsatisfied: number; reopened: number; good: number; byClassification: Record<string, number> | null; dossiers: number }>(
    `WITH items AS (
       SELECT f.*, (f.answered_at IS NOT NULL OR f.status IN ('refused', 'routed_out')) AS handled
         FROM feedback f WHERE f.kind = 'feedback' AND f.unit_path LIKE $1 || '%' AND f.day BETWEEN $2::date AND $3::date)
     SELECT count(*)::int AS received,
            count(*) FILTER (WHERE handled)::int AS handled,
            count(*) FILTER (WHERE handled AND late_steps = 0)::int AS "handledOnTime",
            count(*) FILTER (WHERE rating IS NOT NULL)::int AS rated,
            count(*) FILTER (WHERE rating = 'unsatisfied')::int AS unsatisfied,
            count(*) FILTER (WHERE reopen_count > 0)::int AS reopened,
            count(*) FILTER (WHERE handled AND late_steps = 0 AND rating IS DISTINCT FROM 'unsatisfied' AND reopen_count = 0)::int AS good,
            (SELECT jsonb_object_agg(coalesce(c, 'unclassified'), n) FROM (SELECT classification AS c, count(*)::int AS n FROM items GROUP BY 1) x) AS "byClassification",
            (SELECT count(DISTINCT i.dossier_id)::int FROM items i JOIN dossier d ON d.id = i.dossier_id WHERE d.resolving_path LIKE $1 || '%') AS dossiers
       FROM items`,
    [unitPath, from, to],
  );
  const r = rows[0]!;
  return {
    received: r.received,
    byClassification: r.byClassification ?? {},
    handled: r.handled,
    handledOnTime: r.handledOnTime,
    onTimeRate: pct(r.handledOnTime, r.handled),
    rated: r.rated,
    unsatisfied: r.unsatisfied,
    reopened: r.reopened,
    satisfactionRate: pct(r.good, r.handled),
    dossiersWithFeedback: r.dossiers,
  };
}
