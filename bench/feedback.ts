/**
 * Feedback register benchmark (issue 17): the public register of answered feedback (GET /api/feedback/public/register)
 * searched without accents at N feedback items, 16 concurrent readers, p95 per kind of query.
 *
 *   npx tsx bench/feedback.ts --items=1000000     (its own database; rewrites BENCHMARKS.md's "Feedback register")
 *
 * Items are generated set-based (INSERT … SELECT generate_series) in one province of 100 communes, over three years,
 * subjects and contents drawn from the vocabulary citizens use (roads, lighting, land, procedures, waiting at the desk),
 * 5 in 7 published. The generated columns (accent-folded search text) are computed by PostgreSQL as in production.
 */
import os from 'node:os';
import fs from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/platform/config.js';
import { createPool, type Db } from '../server/src/platform/database.js';
import { diskFileStore } from '../server/src/platform/storage.js';
import { systemClock } from '../server/src/platform/clock.js';
import { load, type Stat } from './load.js';
import { runStandalone } from './standalone.js';
import type { TRegisterQuery } from '../server/src/modules/feedback/feedback.contract.js';
import { REGISTER_WALK, registerPlan, searchRegister, walkIndexWords } from '../server/src/modules/feedback/use-cases/read-feedback.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ITEMS = arg('items', Number(process.env.BENCH_FEEDBACK_ITEMS ?? 100_000));
/** --explain with --db=NAME: only the plans of each query kind on that database, printed (no load, no migration, BENCHMARKS.md untouched). */
const EXPLAIN_ONLY = process.argv.includes('--explain');
const REQUESTS = arg('requests', Number(process.env.BENCH_FEEDBACK_REQUESTS ?? 800));

const topics = ['Đèn chiếu sáng', 'Đường giao thông', 'Rác thải sinh hoạt', 'Ngập nước', 'Tiếng ồn', 'Lấn chiếm vỉa hè', 'Cấp nước sạch', 'Hồ sơ đất đai', 'Giấy phép xây dựng', 'Đăng ký khai sinh', 'Chứng thực bản sao', 'Thái độ cán bộ', 'Thời gian chờ tại bộ phận một cửa', 'Thu phí, lệ phí', 'Trả kết quả qua bưu điện', 'Cây xanh gãy đổ', 'Ô nhiễm không khí', 'Chợ tạm', 'Trường học', 'Trạm y tế'];
const places = ['đường Lê Lợi', 'đường Trần Hưng Đạo', 'ấp Tân Hòa', 'khóm 3', 'tổ dân phố 12', 'chợ phường', 'khu dân cư Hòa Bình', 'cầu Cái Sâu', 'đường Nguyễn Huệ', 'ấp Phú Lợi'];
const asks = ['đề nghị sớm khắc phục', 'đề nghị hướng dẫn thủ tục', 'đề nghị kiểm tra xử lý', 'đề nghị trả lời công khai', 'kiến nghị bổ sung kinh phí'];
const lit = (xs: readonly string[]) => `(ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')}]::text[])`;

export type Generated = { provinceId: string; communeId: string; cursor2025: string; seconds: number };

/** Generates `items` feedback items (bench and the register plan test), then rebuilds the register rows. */
export async function generate(db: Db, items: number, now: Date, log: (m: string) => void = () => {}): Promise<Generated> {
  const t0 = performance.now();
  const prov = (await db.query<{ id: string; path: string }>(
    `WITH id AS (SELECT gen_random_uuid() AS id)
     INSERT INTO unit (id, code, name, kind, parent_id, path, depth, created_at) SELECT id, '000.00.00.FB', 'Tỉnh Thử Phản Ánh', 'province', NULL, '/' || id || '/', 1, $1 FROM id RETURNING id, path`,
    [now],
  )).rows[0]!;
  await db.query(
    `INSERT INTO unit (id, code, name, kind, parent_id, path, depth, created_at)
     SELECT id, '000.00.' || lpad(g::text, 3, '0') || '.FB', 'Xã Thử ' || g, 'commune', $1, $2 || id || '/', 2, $3
       FROM (SELECT gen_random_uuid() AS id, g FROM generate_series(1, 100) g) x`,
    [prov.id, prov.path, now],
  );
  const batch = 100_000;
  await db.query(`SET session_replication_role = replica`);
  for (let from = 0; from < items; from += batch) {
    const n = Math.min(batch, items - from);
    await db.query(
      `WITH u AS (SELECT array_agg(id ORDER BY code) AS ids, array_agg(path ORDER BY code) AS paths FROM unit WHERE parent_id = $1),
       g AS (
         SELECT i, ((i * 7919) % 100 + 1)::int AS ui,
                $2::timestamptz - ((i * 104729) % (3 * 365 * 24 * 60)) * interval '1 minute' AS at,
                ${lit(topics)}[((i * 31) % ${topics.length} + 1)::int] AS topic,
                ${lit(places)}[((i * 17) % ${places.length} + 1)::int] AS place,
                ${lit(asks)}[((i * 13) % ${asks.length} + 1)::int] AS ask,
                (i % 7) < 5 AS published
           FROM generate_series($3::bigint + 1, $3::bigint + $4::bigint) i)
       INSERT INTO feedback (code, kind, category, channel, receiving_unit_id, receiving_path, unit_id, unit_path, subject, content, sender_name, sender_phone,
                             status, received_at, day, refuse_due_at, info_due_at, transfer_due_at, answer_due_at, publish_due_at, answered_at, published_at,
                             public_subject, public_content, public_answer, answer_text, updated_at)
       SELECT 'PAKN-' || extract(year FROM at)::int || '-FB-' || lpad(i::text, 8, '0'), CASE WHEN i % 9 = 0 THEN 'question' ELSE 'feedback' END, 'tthc', 'portal',
              u.ids[ui], u.paths[ui], u.ids[ui], u.paths[ui],
              topic || ' tại ' || place, 'Người dân phản ánh về ' || lower(topic) || ' tại ' || place || ', ' || ask || '. Số ' || i || '.',
              'Người gửi ' || i, '09' || lpad((i % 100000000)::text, 8, '0'),
              CASE WHEN published THEN 'published' ELSE 'handling' END, at, (at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
              at + interval '2 days', at + interval '5 days', at + interval '5 days', at + interval '21 days',
              CASE WHEN published THEN at + interval '17 days' END, CASE WHEN published THEN at + interval '14 days' END, CASE WHEN published THEN at + interval '15 days' END,
              topic || ' tại ' || place, 'Người dân phản ánh về ' || lower(topic) || ' tại ' || place || ', ' || ask || '.',
              CASE WHEN published THEN 'Ủy ban nhân dân đã kiểm tra và chỉ đạo xử lý ' || lower(topic) || ' tại ' || place || '.' END,
              CASE WHEN published THEN 'Đã xử lý.' END, at
         FROM g, u`,
      [prov.id, now, from, n],
    );
    log(`  ${(from + n).toLocaleString('en')} items`);
  }
  await db.query(`SET session_replication_role = DEFAULT`);
  await db.query(`ANALYZE feedback`);
  // The generation bypassed the triggers (replica role): the register rows are rebuilt at once, as after any bulk load.
  await db.query(`SELECT feedback_register_rebuild()`);
  await db.query(`ANALYZE feedback_register`);
  return { ...(await existing(db)), seconds: (performance.now() - t0) / 1000 };
}

/** The units of a database generated earlier (--db=NAME --keep): the measure can be repeated without generating again. */
async function existing(db: Db): Promise<Generated> {
  const prov = (await db.query<{ id: string }>(`SELECT id FROM unit WHERE code = '000.00.00.FB'`)).rows[0]!.id;
  const commune = (await db.query<{ id: string }>(`SELECT id FROM unit WHERE parent_id = $1 ORDER BY code LIMIT 1 OFFSET 41`, [prov])).rows[0]!.id;
  const first = await searchRegister(db, { from: '2025-01-01', to: '2025-12-31', limit: 20 });
  return { provinceId: prov, communeId: commune, cursor2025: first.next ?? '', seconds: NaN };
}

type PlanNode = { 'Node Type': string; 'Index Name'?: string; 'Actual Rows'?: number; 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

/** The statements one register search runs, each by EXPLAIN (ANALYZE, BUFFERS): its index, rows, time and buffers. */
export async function explainRegister(db: Db, f: TRegisterQuery): Promise<string[]> {
  const plan = registerPlan(f);
  const explain = async (label: string, st: { text: string; values: unknown[] }) => {
    const { rows } = await db.query<{ 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number; 'Planning Time': number; JIT?: { Timing: { Total: number } } }[] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${st.text}`, st.values);
    const top = rows[0]!['QUERY PLAN'][0]!;
    const indexes = [...new Set(nodes(top.Plan).map((n) => n['Index Name']).filter((x): x is string => !!x))].join(', ');
    const jit = top.JIT ? ` (JIT ${top.JIT.Timing.Total.toFixed(1)} ms)` : '';
    return `${label}: ${indexes || 'no index'}, ${top.Plan['Actual Rows']} rows, planning ${top['Planning Time'].toFixed(2)} + execution ${top['Execution Time'].toFixed(2)} ms${jit}, buffers ${top.Plan['Shared Hit Blocks'] ?? 0} hit / ${top.Plan['Shared Read Blocks'] ?? 0} read`;
  };
  const out: string[] = [];
  if (plan.newest) out.push(await explain('newest with the page', plan.newest));
  else {
    out.push(await explain('walk with the page', plan.walk!));
    const walked = (await db.query<{ id: string | null; n: number; seen: string; freq: number[] }>(plan.walk!)).rows;
    const hits = walked.filter((r) => r.id !== null).length;
    const bound = walked.find((r) => Number(r.n) === REGISTER_WALK);
    if (hits < plan.want && bound) out.push(await explain('word index with the page', plan.words!(walkIndexWords(plan, bound))));
  }
  return out;
}

function shapesOf(g: Generated): [string, (i: number) => Partial<TRegisterQuery>][] {
  return [
    ['latest published (no words)', () => ({ kind: 'feedback' })],
    ['latest of a commune (no words)', () => ({ unitId: g.communeId })],
    ['a year, no words, page 2 (keyset)', () => ({ from: '2025-01-01', to: '2025-12-31', after: g.cursor2025 })],
    ['one common word, no accents ("duong")', () => ({ q: 'duong' })],
    ['two words, no accents ("den chieu sang le loi")', (i) => ({ q: ['den chieu sang le loi', 'giay phep xay dung', 'ngap nuoc tan hoa', 'thai do can bo'][i % 4]! })],
    ['two correlated words that never meet ("ngap nuoc tan hoa")', () => ({ q: 'ngap nuoc tan hoa' })],
    ['a rare phrase ("cau cai sau cay xanh")', () => ({ q: 'cau cai sau cay xanh' })],
    ['a commune + a word', () => ({ unitId: g.communeId, q: 'rac thai' })],
    ['a commune + a word it never has', () => ({ unitId: g.communeId, q: 'ngap nuoc tan hoa' })],
    // The province holds every item here: its rows are the whole register again (migration 20261210100000).
    ['the province + words that never meet ("ngap nuoc tan hoa")', () => ({ unitId: g.provinceId, q: 'ngap nuoc tan hoa' })],
    ['a year + a word', () => ({ from: '2025-01-01', to: '2025-12-31', q: 'khai sinh' })],
    ['the province + a year + a kind + a word', () => ({ unitId: g.provinceId, from: '2025-01-01', to: '2025-12-31', kind: 'question', q: 'chung thuc' })],
  ];
}

export async function benchFeedback(db: Db, dataDir: string, items: number, log: (m: string) => void = () => {}, reuse = false): Promise<string[]> {
  const now = new Date();
  const g = reuse ? await existing(db) : await generate(db, items, now, log);
  await fs.mkdir(path.join(dataDir, 'web/portal'), { recursive: true });
  await fs.writeFile(path.join(dataDir, 'web/portal/index.html'), '<!doctype html><title>Cổng</title>');
  const app = await buildApp(
    { config: loadConfig({ DATA_DIR: dataDir, JOBS: 'false', TRACKING_PER_MINUTE: '1000000' }), db, clock: systemClock, files: diskFileStore(dataDir, systemClock) },
    { webDir: path.join(dataDir, 'web') },
  );
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const ips = Array.from({ length: 64 }, (_, i) => `198.51.100.${i + 1}`);
  const shapes = shapesOf(g);
  const register = (query: Partial<TRegisterQuery>) => `/api/feedback/public/register?${new URLSearchParams({ ...(query as Record<string, string>), limit: '20' }).toString()}`;
  const stats: Stat[] = [];
  const plans: string[] = [];
  for (const [name, shape] of shapes) {
    await fetch(`${address}${register(shape(0))}`); // warm the plan cache and the pages touched
    stats.push(await load(name, address, (i) => ({ path: register(shape(i)), headers: { 'x-forwarded-for': ips[i % ips.length]! } }), REQUESTS));
    plans.push(`| ${name} | ${(await explainRegister(db, { limit: 20, ...shape(0) })).join('<br>')} |`);
  }
  const sample = (await (await fetch(`${address}${register({ q: 'duong' })}`)).json()) as { items: unknown[] };
  await app.close();
  const published = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feedback WHERE status = 'published'`)).rows[0]!.n;
  const worst = Math.max(...stats.map((s) => s.p95));
  return [
    '## Feedback register at scale',
    '',
    `Command: \`npx tsx bench/feedback.ts --items=${items}\` — ${items.toLocaleString('en')} feedback items (${published.toLocaleString('en')} published) in one province of 100 communes over three years, ${Number.isNaN(g.seconds) ? 'generated earlier' : `generated in ${g.seconds.toFixed(0)} s`}; ${REQUESTS} requests per query kind, 16 concurrent readers from 64 addresses, on 127.0.0.1 (server and load client in one Node.js process, the client in a worker thread). Each answer is one page of 20 (a sample "duong" page held ${sample.items.length}).`,
    '',
    '| query | requests | req/s | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...stats.map((s) => `| ${s.name} | ${s.requests} | ${s.rps.toFixed(0)} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.max.toFixed(1)} |`),
    '',
    'Each statement the search ran for the first request of each kind, by `EXPLAIN (ANALYZE, BUFFERS)` after the load (execution time and shared buffers hit/read: these do not depend on the machine\'s load the way the latencies above do):',
    '',
    '| query | statements (index read, rows, execution ms, buffers) |',
    '|---|---|',
    ...plans,
    '',
    `Worst p95: **${worst.toFixed(0)} ms** (aim: < 100 ms at 16 concurrent users). Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, PostgreSQL 15 on the same machine; measured on ${new Date().toISOString().slice(0, 10)} (see the note below the table on the machine's load).`,
    '',
  ];
}

async function standalone(): Promise<void> {
  const reuse = process.argv.find((a) => a.startsWith('--db='))?.split('=')[1];
  if (EXPLAIN_ONLY && reuse) {
    const db = createPool(`postgres://postgres@127.0.0.1:5432/${reuse}`, 2);
    const g = await existing(db);
    for (const [name, shape] of shapesOf(g)) process.stdout.write(`${name}\n  ${(await explainRegister(db, { limit: 20, ...shape(0) })).join('\n  ')}\n`);
    await db.end();
    return;
  }
  // --keep leaves the database for EXPLAIN or another measure (--db=NAME); its name is printed.
  await runStandalone({ section: 'feedback', reuse, keep: process.argv.includes('--keep') }, async (db, dataDir) => {
    const loadAvg = os.loadavg()[0]!;
    const items = reuse ? (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feedback`)).rows[0]!.n : ITEMS;
    const lines = await benchFeedback(db, dataDir, items, (m) => process.stdout.write(`${m}\n`), !!reuse);
    return [...lines, `Load average when the run started: ${loadAvg.toFixed(1)} on ${os.cpus().length} cores.`, ''];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await standalone();
