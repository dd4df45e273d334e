import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type Generated } from '../../../../bench/feedback.js';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import type { TRegisterQuery } from './feedback.contract.js';
import { REGISTER_WALK, registerIndexWords, registerPlan, searchRegister, walkIndexWords, type RegisterPlan, type RegisterStatement } from './use-cases/read-feedback.js';

/**
 * The public register on a generated sample (bench/feedback.ts, 30,000 items in one province of 100 communes): every
 * query shape answers what a plain reading of the rule answers, the register rows follow the items, and the hot
 * statements keep their plans (an index range, never a sequential scan) — a plan regression fails here.
 */
const NOW = new Date('2026-12-03T03:00:00Z');
let t: TestApp;
let g: Generated;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => NOW } });
  g = await generate(t.ctx.db, 30_000, NOW);
  await t.ctx.db.query('VACUUM ANALYZE feedback_register');
}, 240_000);
afterAll(async () => t?.close());

type Shape = [string, Omit<TRegisterQuery, 'limit'>];
const shapes = (): Shape[] => [
  ['latest', {}],
  ['latest questions', { kind: 'question' }],
  ['a commune', { unitId: g.communeId }],
  ['a year', { from: '2025-01-01', to: '2025-12-31' }],
  ['a common word', { q: 'duong' }],
  ['two correlated words', { q: 'den chieu sang le loi' }],
  ['words that never meet', { q: 'ngap nuoc tan hoa' }],
  ['a rare phrase', { q: 'cau cai sau cay xanh' }],
  ['a commune and a word', { unitId: g.communeId, q: 'rac thai' }],
  ['a province and words that never meet', { unitId: g.provinceId, q: 'ngap nuoc tan hoa' }],
  ['a province and a rare phrase', { unitId: g.provinceId, q: 'cau cai sau cay xanh' }],
  ['a commune and words it never has', { unitId: g.communeId, q: 'ngap nuoc tan hoa' }],
  // The generated commune only ever has birth registrations (its items and topics follow the same residue of the item number).
  ['a commune and a word it has', { unitId: g.communeId, q: 'khai sinh' }],
  ['a province, a year, a kind and a word', { unitId: g.provinceId, from: '2025-01-01', to: '2025-12-31', kind: 'question', q: 'chung thuc' }],
];

/**
 * The word index's statement as a search runs it: with the words the walk's sample chose (every word where the walk
 * read the whole unit — a commune of the sample has fewer rows than the walk's bound — and a search would not use it).
 */
async function wordStatement(plan: RegisterPlan): Promise<RegisterStatement> {
  const walked = (await t.ctx.db.query<{ n: string; seen: string; freq: number[] }>(plan.walk!)).rows;
  const bound = walked.find((r) => Number(r.n) === REGISTER_WALK);
  return plan.words!(bound ? walkIndexWords(plan, bound) : plan.allWords);
}

/** The rule read plainly on feedback itself: published, in the unit's subtree, every word (the last may begin one). */
async function expected(f: Omit<TRegisterQuery, 'limit'>, limit: number): Promise<string[]> {
  const words = (f.q ?? '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const { rows } = await t.ctx.db.query<{ code: string }>(
    `SELECT f.code FROM feedback f
      WHERE f.status = 'published'
        AND ($1::uuid IS NULL OR f.unit_path LIKE (SELECT path FROM unit WHERE id = $1) || '%')
        AND ($2::text IS NULL OR f.kind = $2)
        AND ($3::timestamptz IS NULL OR f.published_at >= $3) AND ($4::timestamptz IS NULL OR f.published_at < $4::timestamptz + interval '1 day')
        AND (SELECT bool_and(CASE WHEN i = cardinality($5::text[]) AND length(w) >= 3
                                  THEN EXISTS (SELECT 1 FROM unnest(tsvector_to_array(f.public_words)) x WHERE x LIKE vn_fold(w) || '%')
                                  ELSE vn_fold(w) = ANY (tsvector_to_array(f.public_words)) END)
               FROM unnest($5::text[]) WITH ORDINALITY AS t(w, i)) IS NOT FALSE
      ORDER BY f.published_at DESC, f.id DESC LIMIT $6`,
    [f.unitId ?? null, f.kind ?? null, f.from ? `${f.from}T00:00:00+07:00` : null, f.to ? `${f.to}T00:00:00+07:00` : null, words, limit],
  );
  return rows.map((r) => r.code);
}

describe('the register answers what the rule says', () => {
  it('for every query shape, over two keyset pages', async () => {
    for (const [name, f] of shapes()) {
      const first = await searchRegister(t.ctx.db, { ...f, limit: 20 });
      const second = first.next ? await searchRegister(t.ctx.db, { ...f, limit: 20, after: first.next }) : { items: [] };
      expect([...first.items, ...second.items].map((i) => i.code), name).toEqual(await expected(f, 40));
    }
  });

  it('keeps the register rows with the items: publication, a transfer to another unit, a new answer, withdrawal', async () => {
    const db = t.ctx.db;
    const rowsOf = async (id: string) => (await db.query<{ unit_id: string }>(`SELECT unit_id FROM feedback_register WHERE feedback_id = $1 ORDER BY unit_id`, [id])).rows.map((r) => r.unit_id);
    const { id, unit_id: unitId } = (await db.query<{ id: string; unit_id: string }>(`SELECT id, unit_id FROM feedback WHERE status = 'handling' ORDER BY code LIMIT 1`)).rows[0]!;
    expect(await rowsOf(id)).toEqual([]);
    await db.query(`UPDATE feedback SET status = 'published', published_at = $2, public_answer = 'Đã sửa cống thoát nước Bến Tre.' WHERE id = $1`, [id, NOW]);
    expect(await rowsOf(id)).toEqual(['00000000-0000-0000-0000-000000000000', g.provinceId, unitId].sort());
    expect((await searchRegister(db, { q: 'cong thoat nuoc ben', limit: 20 })).items.map((i) => i.answer)).toEqual(['Đã sửa cống thoát nước Bến Tre.']);
    const other = (await db.query<{ id: string; path: string }>(`SELECT id, path FROM unit WHERE parent_id = $1 AND id <> $2 ORDER BY code LIMIT 1`, [g.provinceId, unitId])).rows[0]!;
    await db.query(`UPDATE feedback SET unit_id = $2, unit_path = $3 WHERE id = $1`, [id, other.id, other.path]);
    expect(await rowsOf(id)).toEqual(['00000000-0000-0000-0000-000000000000', g.provinceId, other.id].sort());
    expect((await searchRegister(db, { unitId: other.id, q: 'ben tre', limit: 20 })).items).toHaveLength(1);
    expect((await searchRegister(db, { unitId: unitId, q: 'ben tre', limit: 20 })).items).toHaveLength(0);
    await db.query(`UPDATE feedback SET status = 'reopened' WHERE id = $1`, [id]);
    expect(await rowsOf(id)).toEqual([]);
    expect((await searchRegister(db, { q: 'ben tre', limit: 20 })).items).toEqual([]);
    // A rebuild (after a bulk load) gives the same rows as the trigger kept.
    const all = async () => (await db.query(`SELECT feedback_id, unit_id, published_at, kind, procedure_id, words::text FROM feedback_register ORDER BY 1, 2`)).rows;
    const kept = await all();
    await db.query('SELECT feedback_register_rebuild()');
    expect(await all()).toEqual(kept);
  });
});

describe('one item by its number', () => {
  it('is found in lower case too, with the other filters, and never when it is not published', async () => {
    const db = t.ctx.db;
    const pub = (await db.query<{ code: string; kind: 'feedback' | 'question'; unit_id: string }>(`SELECT code, kind, unit_id FROM feedback WHERE status = 'published' ORDER BY code LIMIT 1 OFFSET 7`)).rows[0]!;
    const hidden = (await db.query<{ code: string }>(`SELECT code FROM feedback WHERE status <> 'published' ORDER BY code LIMIT 1`)).rows[0]!.code;
    const codes = async (f: Omit<TRegisterQuery, 'limit'>) => (await searchRegister(db, { ...f, limit: 20 })).items.map((i) => i.code);
    expect(await codes({ code: pub.code })).toEqual([pub.code]);
    expect(await codes({ code: pub.code.toLowerCase(), unitId: pub.unit_id, kind: pub.kind })).toEqual([pub.code]);
    expect(await codes({ code: pub.code, unitId: g.provinceId })).toEqual([pub.code]);
    expect(await codes({ code: pub.code, kind: pub.kind === 'question' ? 'feedback' : 'question' })).toEqual([]);
    expect(await codes({ code: hidden })).toEqual([]);
    expect(await codes({ code: 'PAKN-0000-KHONG-CO' })).toEqual([]);
  });
});

describe('the fast path answers what a plain reading answers, for any search', () => {
  // Words of the generated text (with and without accents, in any case), beginnings of them as one types, and words
  // that are nowhere: any one to three of them, with any unit, period and kind.
  const vocabulary = ['duong', 'Đường', 'den', 'chiếu', 'sang', 'ngap', 'nuoc', 'tan', 'HOA', 'rac', 'thai', 'khai', 'sinh', 'chung', 'thuc', 'cau', 'cai', 'sau', 'cay', 'xanh', 'le', 'loi', 'giay', 'phep', 'xay', 'dung', 'can', 'bo', 'tram', 'te', 'ho', 'dat', 'kiem', 'tra', 'cho', 'phuong', 'kinh', 'phi', 'ng', 'ngu', 'kha', 'chi', 'phu', 'zzz', 'xyzw'];
  const day = fc.date({ min: new Date('2023-11-01T00:00:00Z'), max: new Date('2027-01-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('the same items in the same order as the reference query, over two keyset pages', async () => {
    const communes = (await t.ctx.db.query<{ id: string }>(`SELECT id FROM unit WHERE parent_id = $1 ORDER BY code LIMIT 3`, [g.provinceId])).rows.map((r) => r.id);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 3 }),
        fc.constantFrom<string | undefined>(undefined, g.provinceId, g.communeId, ...communes),
        fc.option(day, { nil: undefined }),
        fc.option(day, { nil: undefined }),
        fc.constantFrom<'feedback' | 'question' | undefined>(undefined, 'feedback', 'question'),
        fc.integer({ min: 1, max: 25 }),
        async (words, unitId, from, to, kind, limit) => {
          const f: Omit<TRegisterQuery, 'limit'> = { q: words.join(' '), ...(unitId ? { unitId } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(kind ? { kind } : {}) };
          const first = await searchRegister(t.ctx.db, { ...f, limit });
          const second = first.next ? await searchRegister(t.ctx.db, { ...f, limit, after: first.next }) : { items: [], next: null };
          const want = await expected(f, 2 * limit + 1);
          expect([...first.items, ...second.items].map((i) => i.code)).toEqual(want.slice(0, 2 * limit));
          // A next page is offered exactly when there is one.
          expect(first.next !== null).toBe(want.length > limit);
          expect(second.next !== null).toBe(want.length > 2 * limit);
        },
      ),
      { numRuns: 60 },
    );
  }, 240_000);
});

describe('plans of the hot statements', () => {
  type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };
  const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
  const planOf = async (st: RegisterStatement) => {
    const { rows } = await t.ctx.db.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${st.text}`, st.values);
    const all = nodes(rows[0]!['QUERY PLAN'][0]!.Plan);
    return {
      seqScans: all.filter((n) => n['Node Type'] === 'Seq Scan' && /^feedback/.test(n['Relation Name'] ?? '') && n['Relation Name'] !== 'feedback_register_word').map((n) => n['Relation Name']),
      indexes: [...new Set(all.map((n) => n['Index Name']).filter((x): x is string => !!x))].sort(),
    };
  };

  it.each([
    ['latest', 'newest', 'feedback_register_newest_idx'],
    ['a commune', 'newest', 'feedback_register_newest_idx'],
    ['a year', 'newest', 'feedback_register_newest_idx'],
    ['a common word', 'walk', 'feedback_register_newest_idx'],
    ['a commune and a word', 'walk', 'feedback_register_newest_idx'],
    // Words within a unit — the whole register, the province (whose rows are the whole register again here), a
    // commune: one GIN whose keys are (unit, word) pairs, so no unit's posting list as long as the unit is read
    // (migration 20261210100000).
    ['words that never meet', 'words', 'feedback_register_unit_words_idx'],
    ['a rare phrase', 'words', 'feedback_register_unit_words_idx'],
    ['a province and words that never meet', 'words', 'feedback_register_unit_words_idx'],
    ['a province and a rare phrase', 'words', 'feedback_register_unit_words_idx'],
    ['a commune and words it never has', 'words', 'feedback_register_unit_words_idx'],
  ] as const)('%s: the %s statement reads %s and the items by their key, with no sequential scan of the feedback tables', async (shape, statement, index) => {
    const plan = registerPlan({ ...shapes().find(([n]) => n === shape)![1], limit: 20 });
    const p = await planOf(statement === 'words' ? await wordStatement(plan) : plan[statement]!);
    expect(p.seqScans).toEqual([]);
    expect(p.indexes, p.indexes.join()).toContain(index);
    expect(p.indexes, p.indexes.join()).toContain('feedback_pkey');
    // The word index alone finds the rows: not the unit's newest-first range (the walk's), not a bitmap of both.
    if (statement === 'words') expect(p.indexes, p.indexes.join()).not.toContain('feedback_register_newest_idx');
    expect(p).toMatchSnapshot();
  });

  it('one item by its number (the feeds\' links) reads that item\'s register row by its key, not a unit\'s range', async () => {
    const { code } = (await t.ctx.db.query<{ code: string }>(`SELECT code FROM feedback WHERE status = 'published' ORDER BY code LIMIT 1 OFFSET 99`)).rows[0]!;
    const p = await planOf(registerPlan({ code, limit: 20 }).newest!);
    expect(p.seqScans).toEqual([]);
    expect(p.indexes).toEqual(['feedback_code_key', 'feedback_pkey', 'feedback_register_pkey', 'procedure_pkey', 'unit_pkey']);
  });

  it('a procedure reads its own index range', async () => {
    const p = await planOf(registerPlan({ procedureId: '00000000-0000-0000-0000-000000000001', limit: 20 }).newest!);
    expect(p.seqScans).toEqual([]);
    expect(p.indexes).toContain('feedback_register_procedure_idx');
    expect(p.indexes).not.toContain('feedback_register_newest_idx');
  });
});

describe('words within a unit read only that unit\'s lists of those words', () => {
  type Node = { 'Node Type': string; 'Index Name'?: string; 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number; Plans?: Node[] };
  const all = (n: Node): Node[] => [n, ...(n.Plans ?? []).flatMap(all)];
  /** Pages of the word index one word statement reads (EXPLAIN ANALYZE BUFFERS: the same on any machine, at any load). */
  const indexPages = async (f: Omit<TRegisterQuery, 'limit'>, subset?: number) => {
    const plan = registerPlan({ ...f, limit: 20 });
    const st = subset === undefined ? await wordStatement(plan) : plan.words!(subset);
    const { rows } = await t.ctx.db.query<{ 'QUERY PLAN': { Plan: Node }[] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${st.text}`, st.values);
    const scans = all(rows[0]!['QUERY PLAN'][0]!.Plan).filter((n) => n['Index Name'] === 'feedback_register_unit_words_idx');
    expect(scans).toHaveLength(1);
    return (scans[0]!['Shared Hit Blocks'] ?? 0) + (scans[0]!['Shared Read Blocks'] ?? 0);
  };

  it.each([['ngap nuoc tan hoa'], ['cau cai sau cay xanh']])('"%s" in the province (every item of the register) reads the pages the whole register does', async (q) => {
    // Every typed word's list, in each unit (the subset a walk would choose differs with the unit's sample).
    const every = registerPlan({ q, limit: 20 }).allWords;
    const whole = await indexPages({ q }, every);
    const province = await indexPages({ unitId: g.provinceId, q }, every);
    // Before migration 20261210100000 the province's search also read its unit key's posting list, every row of it.
    expect(province).toBeLessThanOrEqual(whole + 1);
    // A commune's lists of those words are its own, shorter ones.
    expect(await indexPages({ unitId: g.communeId, q }, every)).toBeLessThanOrEqual(province);
  });

  it.each([['ngap nuoc tan hoa'], ['cau cai sau cay xanh']])('"%s": the words the sample chose read fewer pages than every word, and find the same rows', async (q) => {
    for (const unitId of [undefined, g.provinceId]) {
      const f = { q, ...(unitId ? { unitId } : {}) };
      const plan = registerPlan({ ...f, limit: 20 });
      const chosen = await wordStatement(plan);
      expect(chosen.values.at(-1), 'fewer words than typed').not.toBe(plan.allWords);
      expect(await indexPages(f)).toBeLessThan(await indexPages(f, plan.allWords));
      expect((await t.ctx.db.query(chosen)).rows).toEqual((await t.ctx.db.query(plan.words!(plan.allWords))).rows);
    }
  });
});

describe('the word index finds the same rows whichever typed words it reads', () => {
  // Its subset only decides which lists the GIN steps through: every word is checked on the rows found, so any
  // subset answers what every word answers (registerIndexWords only chooses the cheapest).
  const vocabulary = ['duong', 'den', 'chiếu', 'ngap', 'nuoc', 'tan', 'hoa', 'rac', 'khai', 'sinh', 'cau', 'cai', 'sau', 'cay', 'xanh', 'le', 'loi', 'ng', 'zzz', '_', '12'];
  it('for any words, unit and subset', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 4 }),
        fc.constantFrom<string | undefined>(undefined, g.provinceId, g.communeId),
        fc.integer({ min: 1, max: 15 }),
        async (words, unitId, k) => {
          const plan = registerPlan({ q: words.join(' '), ...(unitId ? { unitId } : {}), limit: 20 });
          if (!plan.words) return;
          const subset = (k & plan.allWords) || plan.allWords;
          const codes = async (st: RegisterStatement) => (await t.ctx.db.query<{ code: string }>(st)).rows.map((r) => r.code);
          expect(await codes(plan.words(subset))).toEqual(await codes(plan.words(plan.allWords)));
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('registerIndexWords: the cheapest words no sampled row holds together', () => {
  const seen = (...masks: number[]) => masks.reduce((b, m) => b | (1n << BigInt(m)), 0n);
  it.each([
    // words: ngap nuoc tan hoa; rows hold {ngap,nuoc}, {tan,hoa}, {nuoc}, {hoa}, nothing: ngap+tan is cheapest.
    ['two pairs that never meet', seen(0b0011, 0b1100, 0b0010, 0b1000, 0), [100, 200, 200, 400], 0b1111, 0b0101],
    // A word no sampled row holds: read its list alone.
    ['a word the sample never saw', seen(0b011, 0b001, 0), [50, 30, 0], 0b111, 0b100],
    // Every word together in some row: every word (the hits were too few, but they meet).
    ['words that meet', seen(0b11, 0b01, 0), [300, 20], 0b11, 0b11],
    // One word: itself.
    ['one word', seen(0b1, 0), [0], 0b1, 0b1],
    // Seven typed words, six followed: a set of the first six, or every word when those all meet.
    ['more words than followed', seen(0b111111, 0), [9, 9, 9, 9, 9, 9], 0b1111111, 0b1111111],
    ['more words than followed, two never meet', seen(0b111101, 0b111110, 0), [9, 5, 9, 9, 9, 9], 0b1111111, 0b000011],
  ] as const)('%s', (_name, s, freq, all, want) => {
    expect(registerIndexWords(s, freq, all)).toBe(want);
  });

  it('chooses a set of the typed words no sampled row holds, none cheaper; every word when there is none', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 63 }), { maxLength: 12 }), fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 6, maxLength: 6 }), (n, masks, counts) => {
        const all = 2 ** n - 1;
        const rows = masks.map((m) => m & all);
        const freq = counts.slice(0, n);
        const chosen = registerIndexWords(rows.reduce((b, m) => b | (1n << BigInt(m)), 0n), freq, all);
        const unseen = (s: number) => rows.every((m) => (m & s) !== s);
        const cost = (s: number) => freq.reduce((c, f, i) => c + (s & (1 << i) ? f + 1 : 0), 0);
        const candidates = Array.from({ length: all }, (_, i) => i + 1).filter(unseen);
        if (candidates.length === 0) return chosen === all;
        return unseen(chosen) && (chosen & ~all) === 0 && candidates.every((s) => cost(s) >= cost(chosen));
      }),
    );
  });
});
