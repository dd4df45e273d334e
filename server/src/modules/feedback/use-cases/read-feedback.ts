import type { Clock } from '../../../platform/clock.js';
import { prepared, statement, type Db, type Queryable } from '../../../platform/database.js';
import { commonErrors } from '../../../platform/errors.js';
import { can, scopePaths, type Actor } from '../../identity/permissions.policy.js';
import { getUnit } from '../../org-units/unit.repo.js';
import type { TGroup5, TPublicItem, TPublicSimilarItem, TQueueQuery, TRegisterQuery, TStaffItem } from '../feedback.contract.js';
import { feedbackErrors } from '../feedback.errors.js';
import { findSimilar, findSimilarPublished, findSimilarUnpublished, listQueue, type QueueFilter } from '../feedback.repo.js';
import { group5Rates, statusLabels } from '../feedback.rules.js';
import { calendarAt, dueStateOf, toStaffItem } from './act-on-feedback.js';

type Deps = { db: Db; clock: Clock };

/** The officer's queue: items held in their units (dossiers.read), with due soon / overdue computed on each unit's calendar. */
export async function feedbackQueue(deps: Deps, actor: Actor, f: TQueueQuery) {
  let unitPath: string | undefined;
  if (f.unitId) {
    const unit = await getUnit(deps.db, f.unitId);
    if (!unit) throw feedbackErrors.unitNotFound();
    unitPath = unit.path;
  }
  const filter: QueueFilter = { limit: f.due ? 500 : f.limit };
  if (f.status) filter.status = f.status;
  if (f.kind) filter.kind = f.kind;
  if (unitPath) filter.unitPath = unitPath;
  if (f.classification) filter.classification = f.classification;
  if (f.q) filter.q = f.q;
  const rows = await listQueue(deps.db, scopePaths(actor, 'dossiers.read'), filter);
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
/** Likely duplicates for an officer: every item in their scope, by its own text. */
export async function similarItems(deps: Deps, input: { unitId: string; procedureId: string | null; text: string }, officer: Actor) {
  const unit = await getUnit(deps.db, input.unitId);
  if (!unit) throw feedbackErrors.unitNotFound();
  if (!can(officer, 'dossiers.read', unit.path)) throw commonErrors.forbidden('dossiers.read');
  const rows = await findSimilar(deps.db, unit.path, input.procedureId, input.text);
  return rows.map((r) => ({ code: r.code, subject: r.subject, status: r.status, statusLabel: statusLabels[r.status].vi, published: r.status === 'published', similarity: Math.round(r.similarity * 100) / 100 }));
}

/**
 * Likely duplicates for a sender before they open a new item: published ones with their public (redacted) subject, then
 * near copies not yet published with their number, status and receipt date only (walk 17 finding 5) — so a second
 * sender learns the matter is already being handled without reading anyone's words.
 */
export async function publicSimilarItems(deps: Deps, input: { unitId: string; procedureId: string | null; text: string }): Promise<TPublicSimilarItem[]> {
  const unit = await getUnit(deps.db, input.unitId);
  if (!unit) throw feedbackErrors.unitNotFound();
  const [published, pending] = await Promise.all([
    findSimilarPublished(deps.db, unit.path, input.procedureId, input.text),
    findSimilarUnpublished(deps.db, unit.path, input.procedureId, input.text),
  ]);
  return [
    ...published.map((r) => ({ code: r.code, subject: r.publicSubject, status: r.status, statusLabel: statusLabels[r.status].vi, receivedAt: r.receivedAt, published: true, similarity: Math.round(r.similarity * 100) / 100 })),
    ...pending.map((r) => ({ code: r.code, subject: null, status: r.status, statusLabel: statusLabels[r.status].vi, receivedAt: r.receivedAt, published: false, similarity: null })),
  ];
}

export type RegisterPage = { items: TPublicItem[]; next: string | null };

const vnDayStart = (d: string) => new Date(`${d}T00:00:00+07:00`);

/** The words of a register search: letters and digits only (anything else separates words), eight at most. */
export function registerWords(q: string): string[] {
  return q.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0).slice(0, 8);
}

/** The unit whose register rows are the whole register (feedback_register, migration 20261205040000). */
export const WHOLE_REGISTER = '00000000-0000-0000-0000-000000000000';

/**
 * How many of the newest items (passing the filters) a word search walks, newest first, before it turns to the word
 * index. A common word ("duong") is met among the first rows and the walk stops as soon as a page is full; a rare one
 * is not, and the word index then finds its few matches within the unit. The planner cannot choose between the two
 * itself: words are correlated ("den chieu sang" with "le loi") and its estimates for them are far off.
 */
export const REGISTER_WALK = 2000;

export type RegisterStatement = ReturnType<typeof prepared>;
/**
 * The statement of a register search (for the search, the bench and the plan test): each one answers the page itself
 * (the items with their unit and procedure), so that a search is one round trip, two when the walk shows words rare.
 */
export type RegisterPlan = {
  /** Without words: the newest rows passing the filters, with the items. */
  newest: RegisterStatement | null;
  /** With words: the walk newest first, with the items of its matches and the row where it stopped. */
  walk: RegisterStatement | null;
  /**
   * With words, when the walk reached its bound short of a page: the unit's word index, with the items. It reads the
   * lists of the typed words in `subset` (bit i: word i, registerIndexWords) and checks every word on the rows found.
   */
  words: ((subset: number) => RegisterStatement) | null;
  /** The subset of every typed word (what the word index reads when the walk gives nothing better). */
  allWords: number;
  want: number;
};

// The register's statements are `prepared` (named per connection, planned once, unless DATABASE_PREPARED_STATEMENTS is
// off behind an old pooler): the words and the page size are bound values and the text query is computed once per
// execution (a sub-select), so the plan kept for a shape holds for any words, and the shapes a connection keeps are
// few (which filters are set, how many words: at most 2^5 · 8 · 2 · 3), whatever callers send.

function decodeCursor(after: string): [Date, string] {
  const [at, id] = Buffer.from(after, 'base64url').toString('utf8').split('|');
  const when = new Date(at ?? '');
  if (Number.isNaN(when.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? '')) throw commonErrors.invalidCursor('after');
  return [when, id!];
}

/** The items of a page (m: the register rows found, id and published_at), newest first. */
const PAGE_COLUMNS = `f.id, f.code, f.kind, f.category, u.name AS "unitName", p.name AS "procedureName", f.public_subject AS subject,
        f.public_content AS content, f.public_answer AS answer, CASE WHEN f.consent_publish_identity THEN f.sender_name END AS "senderName",
        f.received_at AS "receivedAt", f.answered_at AS "answeredAt", f.published_at AS "publishedAt"`;
const PAGE_JOINS = `feedback f JOIN unit u ON u.id = f.unit_id LEFT JOIN procedure p ON p.id = f.procedure_id`;

/** At most this many words for a typed beginning (more: the index's own prefix match). */
const MAX_BEGINNINGS = 32;

/**
 * Every filter of the register is a condition on one unit's register rows (feedback_register): the unit (the whole
 * register without one), the procedure, the kind, the period of publication and the keyset cursor — an index range of
 * (unit, published_at DESC, id DESC), or of (unit, procedure, …) for one procedure.
 */
export function registerPlan(f: TRegisterQuery): RegisterPlan {
  // $1 is always the unit (the nil unit for the whole register): the walk reads its index range, the word index its keys.
  const params: unknown[] = [f.unitId ?? WHOLE_REGISTER];
  const where: string[] = [];
  const add = (sql: (n: string) => string, v: unknown) => {
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  if (f.procedureId) add((n) => `r.procedure_id = ${n}::uuid`, f.procedureId);
  // One item by its number (feedback.code is unique): the register row of that item in the unit, by its key.
  if (f.code) add((n) => `r.feedback_id = (SELECT c.id FROM feedback c WHERE c.code = upper(${n}::text))`, f.code);
  if (f.kind) add((n) => `r.kind = ${n}`, f.kind);
  if (f.from) add((n) => `r.published_at >= ${n}::timestamptz`, vnDayStart(f.from));
  if (f.to) add((n) => `r.published_at < ${n}::timestamptz + interval '1 day'`, vnDayStart(f.to));
  if (f.after) {
    const [when, id] = decodeCursor(f.after);
    params.push(when, id);
    where.push(`(r.published_at, r.feedback_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  // The word index's keys name the unit: its statement has the other filters only, so that no plan of it can read the
  // unit's newest-first range instead (the words are the rare side there; that range is the walk's).
  const others = where.map((w) => ` AND ${w}`).join('');
  const filters = `r.unit_id = $1::uuid${others}`;
  const want = f.limit + 1;
  const order = 'ORDER BY r.published_at DESC, r.feedback_id DESC';
  const words = registerWords(f.q ?? '');
  if (words.length === 0) {
    return {
      newest: prepared(
        statement(`SELECT ${PAGE_COLUMNS}
           FROM (SELECT r.feedback_id AS id, r.published_at FROM feedback_register r WHERE ${filters} ${order} LIMIT $${params.length + 1}::int) m
           JOIN ${PAGE_JOINS} ON f.id = m.id AND f.status = 'published'
          ORDER BY m.published_at DESC, m.id DESC`),
        [...params, want],
      ),
      walk: null,
      words: null,
      allWords: 0,
      want,
    };
  }
  // Each typed word is a word of the item; the last one, of 3 letters or more, may be its beginning (as one types).
  const wp = [...params];
  const terms = words.map((w) => {
    wp.push(w);
    return `to_tsquery('simple', quote_literal(vn_fold($${wp.length}::text)))`;
  });
  const last = `$${wp.length}::text`;
  const prefixed = words[words.length - 1]!.length >= 3;
  const lastAsBeginning = `to_tsquery('simple', quote_literal(vn_fold(${last})) || ':*')`;
  const rowTerms = prefixed ? [...terms.slice(0, -1), lastAsBeginning] : terms;
  // The walk reads the unit's rows newest first and stops at `want` matches: each row comes with whether it matches,
  // and the last row of the walk is returned too, so that a walk that ended at its bound is told from one that read
  // the whole unit (then its matches are all there are). That last row also tells which of the first words the rows
  // walked hold together (`seen`: bit m set when some row holds exactly the words of mask m) and how many rows hold
  // each word (`freq`), running totals kept as the walk goes (no row is read beyond where it stops): registerIndexWords
  // chooses from them the words the word index reads.
  const walkQuery = `(SELECT ${rowTerms.join(' && ')})`;
  const sampled = rowTerms.slice(0, SAMPLED_WORDS);
  const mask = sampled.map((t, i) => `CASE WHEN r.words @@ (SELECT ${t}) THEN ${1 << i} ELSE 0 END`).join(' + ');
  // A row matches when it holds every followed word that has a lexeme (a word without one is left out, as && leaves
  // out an empty query; none at all matches nothing), and the words beyond the followed ones.
  const need = `(SELECT ${sampled.map((t, i) => `CASE WHEN numnode(${t}) > 0 THEN ${1 << i} ELSE 0 END`).join(' + ')})`;
  const rest = rowTerms.length > SAMPLED_WORDS ? `, r.words @@ (SELECT ${rowTerms.slice(SAMPLED_WORDS).join(' && ')}) AS rest` : ', true AS rest';
  const walk = prepared(
    statement(`SELECT m.n, m.seen::text AS seen, m.freq, ${PAGE_COLUMNS} FROM (
       SELECT w.id, w.hit, w.n, w.seen, w.freq FROM (
         SELECT s.id, ${need} > 0 AND (s.mask & ${need}) = ${need} AND s.rest AS hit, row_number() OVER o AS n, bit_or(1::bigint << s.mask) OVER o AS seen,
                ARRAY[${sampled.map((_, i) => `sum((s.mask >> ${i}) & 1) OVER o`).join(', ')}]::int[] AS freq
           FROM (SELECT r.feedback_id AS id, r.published_at, ${mask} AS mask${rest}
                   FROM feedback_register r WHERE ${filters} ${order} LIMIT ${REGISTER_WALK}) s
         WINDOW o AS (ORDER BY s.published_at DESC, s.id DESC ROWS UNBOUNDED PRECEDING)) w
        WHERE w.hit OR w.n = ${REGISTER_WALK} LIMIT $${wp.length + 1}::int) m
       LEFT JOIN (${PAGE_JOINS}) ON m.hit AND f.id = m.id AND f.status = 'published'
      ORDER BY m.n`),
    [...wp, want + 1],
  );
  // Few matches among many rows: the word index finds them within the unit — its keys are (unit, word) pairs,
  // migration 20261210100000, so each posting list read is one word's within this unit — (OFFSET 0 keeps that scan
  // apart from the ordering), then the newest are kept. It reads the lists of the words in the subset ($k) only: a GIN
  // steps through every list of its query, so two common words that never meet cost two lists, not four; every word
  // is then checked on the few rows found (the row's own words, walkQuery). A subset whose words' keyed query is
  // empty (no lexeme) falls back to every word. A typed beginning is given to the index as the words it begins
  // (feedback_register_word), when they are few: a GIN partial match collects every row of every such word before
  // intersecting, hundreds of milliseconds for "hoa". No word begins so: no text query (NULL), nothing matches.
  const keyed = (i: number, beginning: boolean) => `feedback_register_word_query($1::uuid, $${i}::text, ${beginning})`;
  const beginnings = `(SELECT CASE WHEN count(*) > ${MAX_BEGINNINGS} THEN ${keyed(wp.length, true)} ELSE feedback_register_any_query($1::uuid, array_agg(b.word)) END
      FROM (SELECT word FROM feedback_register_word WHERE word ~>=~ vn_fold(${last}) AND word ~<~ (vn_fold(${last}) || chr(1114111)) ORDER BY word LIMIT ${MAX_BEGINNINGS + 1}) b)`;
  const keyedTerms = words.map((_, i) => keyed(params.length + 1 + i, false));
  if (prefixed) keyedTerms[keyedTerms.length - 1] = beginnings;
  const subset = `$${wp.length + 2}::int`;
  const chosen = keyedTerms.map((t, i) => `CASE WHEN (${subset} & ${1 << i}) <> 0 THEN ${t} END`).join(',\n        ');
  const indexQuery = `coalesce((SELECT string_agg('(' || q::text || ')', ' & ')::tsquery FROM unnest(ARRAY[
        ${chosen}]) q WHERE numnode(q) > 0), (SELECT ${keyedTerms.join(' && ')}))`;
  const byIndex = (k: number) =>
    prepared(
      statement(`SELECT ${PAGE_COLUMNS} FROM (
         SELECT m.id, m.published_at FROM (SELECT r.feedback_id AS id, r.published_at FROM feedback_register r
                                            WHERE feedback_register_keyed(r.unit_id, r.words) @@ ${indexQuery}
                                              AND r.words @@ ${walkQuery}${others} OFFSET 0) m
          ORDER BY m.published_at DESC, m.id DESC LIMIT $${wp.length + 1}::int) m
         JOIN ${PAGE_JOINS} ON f.id = m.id AND f.status = 'published'
        ORDER BY m.published_at DESC, m.id DESC`),
      [...wp, want, k],
    );
  return { newest: null, walk, words: byIndex, allWords: 2 ** words.length - 1, want };
}

/** How many of the typed words the walk follows, word by word (`seen` holds 2^6 combinations in one bigint). */
const SAMPLED_WORDS = 6;

/**
 * The typed words the word index reads (bit i: word i), from the walk's sample of the unit's newest rows: the words
 * of the cheapest set that no sampled row holds together — a GIN steps through every list of its query, so its cost
 * goes with the sum of the words' lists, estimated by how many sampled rows hold each — and every word when all of
 * them meet in the sample (the rows found are then many anyway, and every word narrows them). A set no sampled row
 * holds is rare in the unit, so the rows it finds, on which every word is then checked, are few.
 *   seen: bit m set when some sampled row holds exactly the words of mask m (of the first `freq.length` words);
 *   all: the mask of every typed word.
 */
export function registerIndexWords(seen: bigint, freq: readonly number[], all: number): number {
  let best = all;
  let bestCost = Infinity;
  const present: number[] = [];
  for (let m = 0; m < 2 ** freq.length; m++) if ((seen >> BigInt(m)) & 1n) present.push(m);
  for (let s = 1; s < 2 ** freq.length; s++) {
    if (present.some((m) => (m & s) === s)) continue;
    // Each list read costs its rows, and one descent of the index even when the sample saw the word nowhere.
    let cost = 0;
    for (let i = 0; i < freq.length; i++) if (s & (1 << i)) cost += freq[i]! + 1;
    if (cost < bestCost) [best, bestCost] = [s, cost];
  }
  return best;
}

type PageRow = TPublicItem & { id: string };
type WalkRow = PageRow & { n: string; seen: string; freq: number[] };

/** The words the word index reads after a walk that reached its bound (its last row carries the sample's figures). */
export function walkIndexWords(plan: RegisterPlan, bound: Pick<WalkRow, 'seen' | 'freq'>): number {
  return registerIndexWords(BigInt(bound.seen), bound.freq, plan.allWords);
}

/** Runs a search's plan: the rows of its page (want of them at most: one more than the page tells of a next page). */
export async function registerRows(q: Queryable, plan: RegisterPlan): Promise<PageRow[]> {
  if (plan.newest) return (await q.query<PageRow>(plan.newest)).rows;
  const walked = (await q.query<WalkRow>(plan.walk!)).rows;
  const hits = walked.filter((r) => r.id !== null);
  const bound = walked.find((r) => Number(r.n) === REGISTER_WALK);
  if (hits.length >= plan.want || !bound) return hits.slice(0, plan.want).map(({ n: _n, seen: _s, freq: _f, ...row }) => row);
  return (await q.query<PageRow>(plan.words!(walkIndexWords(plan, bound)))).rows;
}

/**
 * The public register of answered feedback (and the hỏi đáp page): published items only, searched without accents by
 * words, by unit subtree, procedure, kind and period of publication, newest first, with a keyset cursor. Every shape
 * reads one index range of the register rows (feedback_register); words are matched on the walk newest first, or
 * through the unit's word index when the walk shows them rare.
 */
export async function searchRegister(q: Queryable, f: TRegisterQuery): Promise<RegisterPage> {
  const rows = await registerRows(q, registerPlan(f));
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const next = rows.length > f.limit && last ? Buffer.from(`${last.publishedAt.toISOString()}|${last.id}`).toString('base64url') : null;
  return { items: page.map(({ id: _id, ...item }) => item), next };
}


/**
 * QĐ 766 group 5 for a unit (and below) and a period of receipt: 5.1 items by classification, 5.2 handled on time
 * (every step within its clock), 5.3 satisfaction = (handled − disliked − reopened − late) / handled (QĐ 766), the
 * satisfaction with the answer = satisfied / rated (group5Rates), and the dossiers
 * of the unit that drew feedback (an input of 5.4).
 */
export async function group5Report(deps: Deps, actor: Actor, input: { unitId: string; from: string; to: string }): Promise<TGroup5> {
  const unit = await getUnit(deps.db, input.unitId);
  if (!unit) throw feedbackErrors.unitNotFound();
  if (!can(actor, 'reports.read', unit.path)) throw commonErrors.forbidden('reports.read');
  return { unitId: unit.id, from: input.from, to: input.to, ...(await group5Of(deps.db, unit.path, input.from, input.to)) };
}

/** Group 5 of a unit subtree (by materialised path) and a period of receipt; the caller has checked the scope (reports). */
export async function group5Of(q: Queryable, unitPath: string, from: string, to: string): Promise<TGroup5Figures> {
  return (await group5OfEach(q, [{ key: '', path: unitPath, exact: false }], from, to)).get('')!;
}

export type TGroup5Figures = Omit<TGroup5, 'unitId' | 'from' | 'to'>;

/**
 * Group 5 for several units at once (the rows of the period report, QĐ 766/QĐ-TTg group 5): each unit's subtree, or
 * the unit alone (`exact`: the items handled at the parent itself, the report's "(trực tiếp)" row), by period of receipt.
 */
export async function group5OfEach(q: Queryable, units: { key: string; path: string; exact: boolean }[], from: string, to: string): Promise<Map<string, TGroup5Figures>> {
  const { rows } = await q.query<{ key: string; received: number; handled: number; handledOnTime: number; rated: number; unsatisfied: number; reopened: number; good: number; byClassification: Record<string, number> | null; dossiers: number }>(
    `WITH s AS (SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[]) AS s(key, path, exact)),
     items AS (
       SELECT s.key, f.classification, f.late_steps, f.rating, f.reopen_count, f.dossier_id, s.path,
              (f.answered_at IS NOT NULL OR f.status IN ('refused', 'routed_out')) AS handled
         FROM s JOIN feedback f ON f.kind = 'feedback' AND f.unit_path LIKE s.path || '%' AND (NOT s.exact OR f.unit_path = s.path)
        WHERE f.day BETWEEN $4::date AND $5::date)
     SELECT s.key,
            count(i.key)::int AS received,
            count(*) FILTER (WHERE i.handled)::int AS handled,
            count(*) FILTER (WHERE i.handled AND i.late_steps = 0)::int AS "handledOnTime",
            count(*) FILTER (WHERE i.rating IS NOT NULL)::int AS rated,
            count(*) FILTER (WHERE i.rating = 'unsatisfied')::int AS unsatisfied,
            count(*) FILTER (WHERE i.reopen_count > 0)::int AS reopened,
            count(*) FILTER (WHERE i.handled AND i.late_steps = 0 AND i.rating IS DISTINCT FROM 'unsatisfied' AND i.reopen_count = 0)::int AS good,
            (SELECT jsonb_object_agg(coalesce(c, 'unclassified'), n) FROM (SELECT x.classification AS c, count(*)::int AS n FROM items x WHERE x.key = s.key GROUP BY 1) y) AS "byClassification",
            -- A dossier counts against the unit that resolves it, wherever the feedback about it was received.
            (SELECT count(DISTINCT x.dossier_id)::int FROM feedback x JOIN dossier d ON d.id = x.dossier_id
              WHERE x.kind = 'feedback' AND x.day BETWEEN $4::date AND $5::date
                AND d.resolving_path LIKE s.path || '%' AND (NOT s.exact OR d.resolving_path = s.path)) AS dossiers
       FROM s LEFT JOIN items i ON i.key = s.key
      GROUP BY s.key, s.path, s.exact`,
    [units.map((u) => u.key), units.map((u) => u.path), units.map((u) => u.exact), from, to],
  );
  return new Map(
    rows.map((r) => [
      r.key,
      {
        received: r.received,
        byClassification: r.byClassification ?? {},
        handled: r.handled,
        handledOnTime: r.handledOnTime,
        rated: r.rated,
        unsatisfied: r.unsatisfied,
        reopened: r.reopened,
        ...group5Rates(r),
        dossiersWithFeedback: r.dossiers,
      },
    ]),
  );
}
