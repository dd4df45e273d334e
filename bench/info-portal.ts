/**
 * Information portal benchmark: an article page (server-rendered, live figures, visitor counter) under 16 concurrent
 * readers against a static file of the same size served by the same server, and the counter's cost per page view.
 *
 *   npm run bench                     (part of the full bench)
 *   npx tsx bench/info-portal.ts      (alone, on its own database; rewrites BENCHMARKS.md's "Information portal" section)
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { buildApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/platform/config.js';
import type { Db } from '../server/src/platform/database.js';
import { diskFileStore } from '../server/src/platform/storage.js';
import { systemClock } from '../server/src/platform/clock.js';
import { countView } from '../server/src/modules/info-portal/portal-reading.repo.js';
import { load, row } from './load.js';
import { runStandalone } from './standalone.js';

const REQUESTS = Number(process.env.BENCH_PORTAL_REQUESTS ?? 3000);
const VIEWS = Number(process.env.BENCH_PORTAL_VIEWS ?? 3000);

export async function benchInfoPortal(db: Db, dataDir: string): Promise<string[]> {
  await fs.mkdir(path.join(dataDir, 'web/portal'), { recursive: true });
  await fs.mkdir(path.join(dataDir, 'web/assets'), { recursive: true });
  await fs.writeFile(path.join(dataDir, 'web/portal/index.html'), '<!doctype html><title>Cổng</title>');
  const unit = (await db.query<{ id: string }>(`INSERT INTO unit (code, name, kind, path, depth, created_at) VALUES ('BENCH.PORTAL', 'Phường Thử Tải', 'commune', '/', 1, $1) RETURNING id`, [new Date()])).rows[0]!.id;
  await db.query(`UPDATE unit SET path = '/' || id || '/' WHERE id = $1`, [unit]);
  const user = (await db.query<{ id: string }>(`INSERT INTO staff_user (username, full_name, password_hash, home_unit_id, created_at, updated_at) VALUES ('bench.portal', 'Biên tập', 'x', $1, $2, $2) RETURNING id`, [unit, new Date()])).rows[0]!.id;
  const at = new Date();
  await db.query(`INSERT INTO portal_site (unit_id, slug, title, address, feedback_phone, updated_at) VALUES ($1, 'phuong-thu-tai', 'Trang thông tin phường Thử Tải', '1 Lê Lợi', '0277 3851 999', $2)`, [unit, at]);
  const cat = (await db.query<{ id: string }>(`INSERT INTO portal_category (unit_id, slug, name) VALUES ($1, 'tin-tuc', 'Tin tức') RETURNING id`, [unit])).rows[0]!.id;
  const para = '<p>Thực hiện Nghị định 224/2026/NĐ-CP, phường đẩy mạnh tiếp nhận hồ sơ trực tuyến, số hóa thành phần hồ sơ và trả kết quả qua dịch vụ bưu chính công ích cho người dân.</p>';
  const body = `${para.repeat(12)}<div data-live-figures="online on_time by_post" data-period="ytd"></div>${para.repeat(12)}`;
  for (let i = 0; i < 30; i++) {
    await db.query(
      `INSERT INTO portal_article (unit_id, kind, title, slug, lead, body_html, body_text, category_id, status, published_at, version, created_at, created_by, updated_at, updated_by)
       VALUES ($1, 'article', $2, $3, 'Tỷ lệ hồ sơ trực tuyến được cập nhật tự động.', $4, 'bài viết', $5, 'published', $6, 1, $6, $7, $6, $7)`,
      [unit, `Bài viết thử tải số ${i}`, `bai-viet-${i}`, body, cat, new Date(at.getTime() - i * 3_600_000), user],
    );
  }
  const app = await buildApp(
    { config: loadConfig({ DATA_DIR: dataDir, JOBS: 'false' }), db, clock: systemClock, files: diskFileStore(dataDir, systemClock) },
    { webDir: path.join(dataDir, 'web') },
  );
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  // The static file: the same article page's bytes, served by @fastify/static from the same process.
  const sample = await fetch(`${address}/trang/phuong-thu-tai/bai-viet/bai-viet-0`);
  const html = await sample.text();
  await fs.writeFile(path.join(dataDir, 'web/assets/article.html'), html);
  const ips = Array.from({ length: 64 }, (_, i) => `198.51.100.${i + 1}`);
  const article = await load('article page (GET /trang/:site/bai-viet/:slug), 16 readers', address, (i) => ({ path: `/trang/phuong-thu-tai/bai-viet/bai-viet-${i % 30}`, headers: { 'x-forwarded-for': ips[i % ips.length]! } }), REQUESTS);
  const stat = await load('static file of the same size (GET /assets/article.html)', address, () => ({ path: '/assets/article.html' }), REQUESTS);
  await app.close();

  // The counter alone: one statement per page view (presence, day totals, article reads), sequential then 16 at a time.
  const articleId = (await db.query<{ id: string }>(`SELECT id FROM portal_article WHERE unit_id = $1 LIMIT 1`, [unit])).rows[0]!.id;
  const day = new Date().toISOString().slice(0, 10);
  let t0 = performance.now();
  for (let i = 0; i < VIEWS; i++) await countView(db, { unitId: unit, day, visitorHash: `h${i % 500}`, at: new Date(), articleId });
  const sequentialUs = ((performance.now() - t0) * 1000) / VIEWS;
  t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < VIEWS) {
        const i = next++;
        await countView(db, { unitId: unit, day, visitorHash: `c${i % 500}`, at: new Date(), articleId });
      }
    }),
  );
  const concurrentPerSec = VIEWS / ((performance.now() - t0) / 1000);
  const counted = (await db.query<{ views: number }>(`SELECT views FROM portal_visit_day WHERE unit_id = $1`, [unit])).rows[0]!.views;

  return [
    '## Information portal',
    '',
    `Command: \`npm run bench\` (or \`npx tsx bench/info-portal.ts\` alone), BENCH_PORTAL_REQUESTS=${REQUESTS}, 16 concurrent readers from 64 addresses, server in one Node.js process, load client in a worker thread of it, on 127.0.0.1. Article page: ${Math.round(html.length / 1024)} KB of HTML (24 paragraphs, one live-figure block read from the report counters, "Bài viết khác", the visitor counter), every view counted in PostgreSQL.`,
    '',
    '| what | requests | req/s | p50 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|',
    row(article),
    row(stat),
    '',
    `Article page throughput = **${((article.rps / stat.rps) * 100).toFixed(0)} %** of the static file's (p50 ${(article.p50 / stat.p50).toFixed(1)}×). The page reads the site, the article, 6 other articles, approved comments, the reader's rating, the attachments, the live figures, the outages and the counter (≈ 10 queries) and writes one counter statement; no cache.`,
    '',
    `Counter cost per page view (one statement: visitor presence upsert, day totals, article reads): ${sequentialUs.toFixed(0)} µs sequential; ${Math.round(concurrentPerSec).toLocaleString('en')} views/s with 16 at a time on one site's hot day row (the day row holds ${counted.toLocaleString('en')} views: the ${VIEWS * 2} counted here plus the page loads above).`,
    '',
  ];
}

async function standalone(): Promise<void> {
  await runStandalone({ section: 'info-portal' }, (db, dataDir) => benchInfoPortal(db, dataDir));
}

if (import.meta.url === `file://${process.argv[1]}`) await standalone();
