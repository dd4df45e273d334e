import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';
import { buildStaff } from '../../../test/factories.js';
import { parseAtom, parseRss } from '../../../test/xml.js';
import { runSchedule } from './use-cases/write-article.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
let now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Vietnam
let editor: Session;
let reviewer: Session;
let otherEditor: Session;
let editorB: Session;
let articleId: string;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  s = await seedDesk(t.app, t.ctx.db);
  await buildStaff(t.ctx.db, 'bientap', [{ role: 'specialist', unit: s.tree.officeA }]);
  await buildStaff(t.ctx.db, 'duyettin', [{ role: 'head', unit: s.tree.officeA }]);
  await buildStaff(t.ctx.db, 'bientap.b', [{ role: 'specialist', unit: s.tree.communeB }]);
  [editor, reviewer, editorB] = await Promise.all([login(t.app, 'bientap'), login(t.app, 'duyettin'), login(t.app, 'bientap.b')]);
  otherEditor = editorB;
});
afterAll(() => t.close());

const api = (who: Session | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  injectAs(t.app, who, { method, url: `/api/info-portal${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
const form = (url: string, body: Record<string, string>, headers: Record<string, string> = {}, remoteAddress?: string) =>
  t.app.inject({ method: 'POST', url, payload: new URLSearchParams(body).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, ...(remoteAddress ? { remoteAddress } : {}) });
const site = { slug: 'phuong-an-thu', title: 'Trang thông tin điện tử phường An Thử', address: '1 Lê Lợi', phone: '0277 3851 000', feedbackPhone: '0277 3851 999', email: 'anthu@example.gov.vn', mapLat: 10.8, mapLng: 105.6, leaders: [{ name: 'Nguyễn Văn An', position: 'Chủ tịch UBND phường', duties: 'Phụ trách chung' }], menu: [] };

describe('sites and roles', () => {
  it('only the unit manager creates a site and names its editors and reviewers', async () => {
    expect((await api(null, 'PUT', `/sites/${s.tree.communeA.id}`, site)).statusCode).toBe(401);
    expect((await api(s.otherDesk, 'PUT', `/sites/${s.tree.communeA.id}`, site)).json().code).toBe('PORTAL.NOT_SITE_MANAGER');
    const res = await api(s.admin, 'PUT', `/sites/${s.tree.communeA.id}`, site);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ url: '/trang/phuong-an-thu', canManage: true, feedbackPhone: '0277 3851 999' });
    expect((await api(s.admin, 'PUT', `/sites/${s.tree.communeB.id}`, { ...site, slug: 'phuong-an-thu' })).json().code).toBe('PORTAL.SLUG_TAKEN');
    expect((await api(s.admin, 'PUT', `/sites/${s.tree.communeB.id}`, { ...site, slug: 'xa-binh-thu', title: 'Xã Bình Thử', hostName: 'binhthu.tinhthu.gov.vn' })).statusCode).toBe(200);
    // The site's own host name shows it at "/"; other hosts keep the citizen portal.
    const own = await t.app.inject({ url: '/', headers: { host: 'BinhThu.tinhthu.gov.vn:443' } });
    expect(own.body).toContain('<title>Trang chủ — Xã Bình Thử</title>');
    expect((await t.app.inject({ url: '/', headers: { host: 'localhost' } })).body).not.toContain('Xã Bình Thử');
    expect((await api(editor, 'POST', `/sites/${s.tree.communeA.id}/members`, { username: 'bientap', role: 'reviewer' })).statusCode).toBe(403);
    await api(s.admin, 'POST', `/sites/${s.tree.communeA.id}/members`, { username: 'bientap', role: 'editor' });
    const members = await api(s.admin, 'POST', `/sites/${s.tree.communeA.id}/members`, { username: 'duyettin', role: 'reviewer' });
    expect(members.json().map((m: { username: string; role: string }) => `${m.username}:${m.role}`).sort()).toEqual(['bientap:editor', 'duyettin:reviewer']);
    await api(s.admin, 'POST', `/sites/${s.tree.communeB.id}/members`, { username: 'bientap.b', role: 'reviewer' });
    expect((await api(editor, 'GET', '/sites')).json().map((x: { slug: string }) => x.slug)).toEqual(['phuong-an-thu']);
    expect((await api(otherEditor, 'GET', `/sites/${s.tree.communeA.id}`)).statusCode).toBe(403);
  });
});

describe('roles go only to officers inside the manager\'s scope', () => {
  it('an officer of another province (or who also holds a role there) answers exactly like an unknown name', async () => {
    await buildStaff(t.ctx.db, 'canbo.tinh.khac', [{ role: 'specialist', unit: s.tree.otherProvince }]);
    await buildStaff(t.ctx.db, 'canbo.hai.tinh', [{ role: 'specialist', unit: s.tree.officeA }, { role: 'specialist', unit: s.tree.otherProvince }]);
    const add = (username: string) => api(s.admin, 'POST', `/sites/${s.tree.communeA.id}/members`, { username, role: 'reviewer' });
    const unknown = await add('khong.ai.ca');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'PORTAL.MEMBER_UNKNOWN', message: expect.stringContaining('Không tìm thấy cán bộ') });
    for (const username of ['canbo.tinh.khac', 'canbo.hai.tinh']) {
      const res = await add(username);
      expect({ status: res.statusCode, body: res.body }).toEqual({ status: unknown.statusCode, body: unknown.body });
    }
    const members = (await api(s.admin, 'GET', `/sites/${s.tree.communeA.id}/members`)).json() as { username: string }[];
    expect(members.map((m) => m.username)).not.toEqual(expect.arrayContaining(['canbo.tinh.khac']));
    expect(members.map((m) => m.username)).not.toContain('canbo.hai.tinh');
  });
});

describe('articles: write, review, publish', () => {
  it('an editor uploads an image: resized on the server, with a thumbnail', async () => {
    const png = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#a61b1b' } }).png().toBuffer();
    const boundary = '----x';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="hoi-nghi.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await injectAs(t.app, editor, { method: 'POST', url: `/api/info-portal/sites/${s.tree.communeA.id}/media`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ kind: 'image', width: 1600, height: 1067, mediaType: 'image/jpeg' });
    const img = await t.app.inject({ url: up.json().url });
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(img.rawPayload).metadata()).width).toBe(1600);
    expect((await sharp((await t.app.inject({ url: up.json().thumbUrl })).rawPayload).metadata()).width).toBe(480);
    const other = await injectAs(t.app, otherEditor, { method: 'POST', url: `/api/info-portal/sites/${s.tree.communeA.id}/media`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(other.statusCode).toBe(403);
    (globalThis as { coverId?: string }).coverId = up.json().id;
  });

  it('stores sanitised HTML; another unit cannot touch it; an editor cannot publish; a reviewer can', async () => {
    const coverMediaId = (globalThis as { coverId?: string }).coverId;
    const res = await api(editor, 'POST', `/sites/${s.tree.communeA.id}/articles`, {
      title: 'Kết quả giải quyết thủ tục hành chính năm 2026',
      lead: 'Phường An Thử công bố tỷ lệ hồ sơ trực tuyến.',
      bodyHtml: `<p onclick="alert(1)">Tỷ lệ <a href="javascript:alert(1)">xem</a></p><script>alert(2)</script><img src="/trang/media/${coverMediaId}" alt="Hội nghị"><div data-live-figures="online on_time by_post" data-period="ytd"></div>`,
      coverMediaId,
      tags: ['cải cách hành chính'],
      author: 'Văn phòng HĐND và UBND phường',
      source: 'UBND phường An Thử',
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    articleId = a.id;
    expect(a).toMatchObject({ status: 'draft', version: 1, slug: 'ket-qua-giai-quyet-thu-tuc-hanh-chinh-nam-2026' });
    expect(a.bodyHtml).toBe(
      `<p>Tỷ lệ <a rel="noopener noreferrer">xem</a></p><img src="/trang/media/${coverMediaId}" alt="Hội nghị" /><div data-live-figures="online on_time by_post" data-period="ytd"></div>`,
    );
    expect((await api(otherEditor, 'GET', `/articles/${articleId}`)).statusCode).toBe(403);
    expect((await api(otherEditor, 'PUT', `/articles/${articleId}`, { title: 'Chiếm quyền', expectedVersion: 1 })).json().code).toBe('PORTAL.NOT_EDITOR');
    expect((await api(otherEditor, 'POST', `/articles/${articleId}/actions`, { action: 'approve' })).json().code).toBe('PORTAL.NOT_REVIEWER');
    expect((await api(s.admin, 'POST', `/articles/${articleId}/actions`, { action: 'approve' })).json().code).toBe('PORTAL.NOT_REVIEWER');
    expect((await api(editor, 'POST', `/articles/${articleId}/actions`, { action: 'approve' })).json().code).toBe('PORTAL.NOT_REVIEWER');
    expect((await api(null, 'POST', `/articles/${articleId}/actions`, { action: 'submit' })).statusCode).toBe(401);
    const edited = await api(editor, 'PUT', `/articles/${articleId}`, { ...a, lead: 'Phường An Thử công bố tỷ lệ hồ sơ trực tuyến, đúng hạn.', expectedVersion: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await api(editor, 'PUT', `/articles/${articleId}`, { ...a, expectedVersion: 1 })).json().code).toBe('PORTAL.STALE');
    expect((await api(editor, 'POST', `/articles/${articleId}/actions`, { action: 'submit' })).json().status).toBe('review');
    // Not readable before publication.
    expect((await t.app.inject({ url: '/trang/phuong-an-thu/bai-viet/ket-qua-giai-quyet-thu-tuc-hanh-chinh-nam-2026' })).statusCode).toBe(404);
    const pub = await api(reviewer, 'POST', `/articles/${articleId}/actions`, { action: 'approve' });
    expect(pub.json()).toMatchObject({ status: 'published', version: 4, publishedAt: now.toISOString() });
    const versions = (await api(reviewer, 'GET', `/articles/${articleId}/versions`)).json();
    expect(versions.map((v: { action: string; byName: string; changed: string[] }) => [v.action, v.byName, v.changed])).toEqual([
      ['publish', 'Cán bộ duyettin', ['status']],
      ['submit', 'Cán bộ bientap', ['status']],
      ['edit', 'Cán bộ bientap', ['lead']],
      ['create', 'Cán bộ bientap', []],
    ]);
  });
});

describe('reading', () => {
  const url = '/trang/phuong-an-thu/bai-viet/ket-qua-giai-quyet-thu-tuc-hanh-chinh-nam-2026';

  it('the article page shows the live figures from the dossiers, never typed', async () => {
    await s.receive();
    const d = await s.receive();
    await s.finish(d.id);
    let page = await t.app.inject({ url });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toMatch(/<script>alert|onclick|javascript:/);
    expect(page.body).toMatch(/data-figure="online">0,00 %<\/span><small>0\/2 hồ sơ/);
    expect(page.body).toMatch(/data-figure="on_time">100,00 %<\/span><small>1\/1 hồ sơ/);
    await s.receive();
    page = await t.app.inject({ url });
    expect(page.body).toMatch(/0\/3 hồ sơ/);
    expect(page.body).toContain('<meta property="og:type" content="article">');
    expect(page.body).toContain('"@type":"NewsArticle"');
  });

  it('the citizen portal reads the figures of a province or commune without signing in; other units and garbage are refused', async () => {
    const figures = async (query: string) => t.app.inject({ url: `/api/info-portal/figures${query}` });
    const commune = await figures(`?unitId=${s.tree.communeA.id}`);
    expect(commune.statusCode, commune.body).toBe(200);
    expect(commune.json()).toMatchObject({ unitId: s.tree.communeA.id, unitName: 'Phường An Thử', online: { numerator: 0, denominator: 3 }, onTime: { numerator: 1, denominator: 1, value: 100 } });
    expect((await figures(`?unitId=${s.tree.province.id}`)).json()).toMatchObject({ unitName: 'Tỉnh Thử', online: { denominator: 3 } });
    expect((await figures(`?unitId=${s.tree.communeB.id}`)).json()).toMatchObject({ online: { denominator: 0, value: null } });
    expect((await figures('')).json()).toMatchObject({ unitId: null, unitName: null, online: { denominator: 3 } });
    const desk = await figures(`?unitId=${s.tree.deskA.id}`);
    expect([desk.statusCode, desk.json().code]).toEqual([404, 'PORTAL.PLACE_NOT_FOUND']);
    expect((await figures('?unitId=khong-phai-uuid')).statusCode).toBe(400);
    expect((await figures(`?unitId=${s.tree.province.id}&period=decade`)).statusCode).toBe(400);
  });

  it('finds the article and the procedure without accents', async () => {
    const res = await t.app.inject({ url: '/trang/phuong-an-thu/tim-kiem?q=ket+qua+giai+quyet' });
    expect(res.body).toContain('Kết quả giải quyết thủ tục hành chính năm 2026');
    const proc = await t.app.inject({ url: '/trang/phuong-an-thu/tim-kiem?q=dang+ky+ket+hon' });
    expect(proc.body).toContain('Đăng ký kết hôn');
    expect((await t.app.inject({ url: '/trang/xa-binh-thu/tim-kiem?q=ket+qua' })).body).not.toContain('năm 2026');
  });

  it('rates once per reader (by address, not by a cookie the client may drop), counted privately', async () => {
    const first = await form(`${url}/danh-gia`, { diem: '5' });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`${url}?tb=rated#danh-gia`);
    // The same address without any cookie, nine more times (curl): still one rating.
    for (let i = 0; i < 9; i++) {
      expect((await form(`${url}/danh-gia`, { diem: '1' })).headers.location).toBe(`${url}?tb=PORTAL.ALREADY_RATED#danh-gia`);
    }
    expect((await form(`${url}/danh-gia`, { diem: '9' })).headers.location).toContain('PORTAL.RATING_INVALID');
    const page = await t.app.inject({ url: `${url}?tb=PORTAL.ALREADY_RATED` });
    expect(page.body).toContain('Đánh giá cho bài viết: <span data-rating>5 điểm (1 đánh giá)</span>');
    expect(page.body).toContain('Bạn đã đánh giá bài viết này rồi. Cảm ơn bạn!');
    // Another address is another reader.
    expect((await form(`${url}/danh-gia`, { diem: '3' }, {}, '203.0.113.7')).headers.location).toBe(`${url}?tb=rated#danh-gia`);
    const stored = (await t.ctx.db.query(`SELECT reader_hash FROM portal_rating`)).rows;
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toMatch(/127\.0\.0\.1|203\.0\.113\.7/);
  });

  it('limits ratings per address per hour, with a Vietnamese message', async () => {
    const { RATING_LIMIT } = await import('./use-cases/read-site.js');
    const { hitRateLimit } = await import('../../platform/rate-limit.js');
    const { visitorHash } = await import('./use-cases/read-site.js');
    const key = `portal-rating:${await visitorHash(t.ctx.db, '198.51.100.9', now)}`;
    for (let i = 0; i < RATING_LIMIT.max; i++) await hitRateLimit(t.ctx.db, { key, ...RATING_LIMIT }, now);
    const res = await form(`${url}/danh-gia`, { diem: '4' }, {}, '198.51.100.9');
    expect(res.headers.location).toContain('PORTAL.RATING_RATE_LIMITED');
    expect((await t.app.inject({ url: `${url}?tb=PORTAL.RATING_RATE_LIMITED` })).body).toContain('Bạn đã gửi quá nhiều đánh giá');
  });

  it('comments wait for moderation, are rate-limited, and only the site reviewer moderates', async () => {
    const post = (body: string) => form(`${url}/binh-luan`, { ten: 'Trần Thị Bình', noidung: body });
    expect((await post('Thông tin rất hữu ích, cảm ơn phường!')).headers.location).toContain('tb=comment-pending');
    expect((await form(`${url}/binh-luan`, { ten: 'A', noidung: 'x' })).headers.location).toContain('PORTAL.COMMENT_INVALID');
    expect((await post('xem http://a.vn http://b.vn http://c.vn')).headers.location).toContain('PORTAL.COMMENT_LINKS');
    await post('Bình luận thứ hai');
    await post('Bình luận thứ ba');
    expect((await post('Bình luận thứ tư')).headers.location).toContain('PORTAL.COMMENT_RATE_LIMITED');
    expect((await t.app.inject({ url })).body).not.toContain('Thông tin rất hữu ích');
    const pending = await api(reviewer, 'GET', `/sites/${s.tree.communeA.id}/comments`);
    expect(pending.json()).toHaveLength(3);
    const id = pending.json()[0].id;
    expect((await api(editor, 'POST', `/comments/${id}/moderation`, { decision: 'approved' })).statusCode).toBe(403);
    expect((await api(otherEditor, 'POST', `/comments/${id}/moderation`, { decision: 'approved' })).statusCode).toBe(403);
    expect((await api(otherEditor, 'GET', `/sites/${s.tree.communeA.id}/comments`)).statusCode).toBe(403);
    expect((await api(reviewer, 'POST', `/comments/${id}/moderation`, { decision: 'approved' })).json().status).toBe('approved');
    expect((await t.app.inject({ url })).body).toContain('Thông tin rất hữu ích, cảm ơn phường!');
    // Ten minutes later the same reader may comment again.
    now = new Date(now.getTime() + 11 * 60_000);
    expect((await post('Bình luận sau mười phút')).headers.location).toContain('tb=comment-pending');
  });

  it('counts visits per day by a salted hash, reads per article, in PostgreSQL', async () => {
    const before = (await api(editor, 'GET', `/articles/${articleId}`)).json().reads;
    await t.app.inject({ url, remoteAddress: '203.0.113.7' });
    const page = await t.app.inject({ url, remoteAddress: '203.0.113.8' });
    expect((await api(editor, 'GET', `/articles/${articleId}`)).json().reads).toBe(before + 2);
    const today = Number(/data-counter="today">(\d+)</.exec(page.body)![1]);
    const online = Number(/data-counter="online">(\d+)</.exec(page.body)![1]);
    // The two addresses above; 127.0.0.1 was last seen more than five minutes ago (the clock moved on), but today.
    expect(online).toBe(2);
    expect(today).toBe(3);
    const hashes = (await t.ctx.db.query(`SELECT visitor_hash FROM portal_presence`)).rows.map((r) => r.visitor_hash as string);
    expect(hashes.join(' ')).not.toMatch(/203\.0\.113|127\.0\.0\.1/);
    now = new Date(now.getTime() + 6 * 60_000);
    const later = await t.app.inject({ url, remoteAddress: '203.0.113.8' });
    expect(/data-counter="online">(\d+)</.exec(later.body)![1]).toBe('1');
    expect(/data-counter="today">(\d+)</.exec(later.body)![1]).toBe('3');
  });

  it('publishes feeds, a sitemap and the required pages', async () => {
    const rss = await t.app.inject({ url: '/trang/phuong-an-thu/rss.xml' });
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    // Written by the server's one feed writer (platform/feeds.ts) and read by a strict parser: pubDate RFC 822 in GMT.
    const article = (await t.ctx.db.query<{ id: string; published_at: Date }>(`SELECT id, published_at FROM portal_article WHERE slug = 'ket-qua-giai-quyet-thu-tuc-hanh-chinh-nam-2026'`)).rows[0]!;
    const item = parseRss(rss.body).items.find((i) => i.title === 'Kết quả giải quyết thủ tục hành chính năm 2026')!;
    expect(item).toMatchObject({ guid: article.id, isPermaLink: 'false', pubDate: article.published_at.toUTCString(), link: expect.stringMatching(/\/trang\/phuong-an-thu\/bai-viet\/ket-qua-giai-quyet-thu-tuc-hanh-chinh-nam-2026$/) });
    expect(item.pubDate).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(new Date(item.pubDateIso!).getTime()).toBe(article.published_at.getTime());
    const atom = parseAtom((await t.app.inject({ url: '/trang/phuong-an-thu/atom.xml' })).body);
    expect(atom.entries.find((e) => e.id === `urn:uuid:${article.id}`)).toMatchObject({ title: 'Kết quả giải quyết thủ tục hành chính năm 2026', updated: article.published_at.toISOString().replace('.000Z', '+00:00') });
    // Markup and a character XML forbids (pasted from a word processor) in a title: both feeds stay readable.
    await t.ctx.db.query(`UPDATE portal_article SET title = $2 WHERE id = $1`, [article.id, 'Lịch tiếp dân & <họp> "quý IV"\u000B']);
    expect(parseRss((await t.app.inject({ url: '/trang/phuong-an-thu/rss.xml' })).body).items.find((i) => i.guid === article.id)?.title).toBe('Lịch tiếp dân & <họp> "quý IV"');
    expect(parseAtom((await t.app.inject({ url: '/trang/phuong-an-thu/atom.xml' })).body).entries.find((e) => e.id === `urn:uuid:${article.id}`)?.title).toBe('Lịch tiếp dân & <họp> "quý IV"');
    await t.ctx.db.query(`UPDATE portal_article SET title = 'Kết quả giải quyết thủ tục hành chính năm 2026' WHERE id = $1`, [article.id]);
    expect((await t.app.inject({ url: '/trang/sitemap.xml' })).body).toContain('/trang/phuong-an-thu/bai-viet/ket-qua-giai-quyet-thu-tuc-hanh-chinh-nam-2026</loc>');
    expect((await t.app.inject({ url: '/trang/phuong-an-thu/gioi-thieu/lien-he' })).body).toContain('0277 3851 999');
    expect((await t.app.inject({ url: '/trang/phuong-an-thu/gioi-thieu/co-cau-to-chuc' })).body).toContain('Nguyễn Văn An');
    expect((await t.app.inject({ url: '/trang/phuong-an-thu/thu-tuc' })).body).toContain('Đăng ký kết hôn');
    const stats = await t.app.inject({ url: '/trang/phuong-an-thu/thong-ke' });
    expect(stats.body).toMatch(/<th scope="row">12\/2026<\/th><td>3<\/td><td>1<\/td><td>0,00 %<\/td><td>100,00 %<\/td>/);
  });
});

describe('articles without a category', () => {
  it('are news: listed under "Tin mới" on the home and on the all-news page', async () => {
    expect((await t.ctx.db.query(`SELECT category_id FROM portal_article WHERE id = $1`, [articleId])).rows[0].category_id).toBeNull();
    const home = (await t.app.inject({ url: '/trang/phuong-an-thu' })).body;
    const news = home.slice(home.indexOf('id="tin-moi"'));
    expect(news).toContain('Kết quả giải quyết thủ tục hành chính năm 2026');
    expect(news).toContain('href="/trang/phuong-an-thu/tin-moi"');
    const all = await t.app.inject({ url: '/trang/phuong-an-thu/tin-moi' });
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('<h1>Tin mới</h1>');
    expect(all.body).toContain('/trang/phuong-an-thu/bai-viet/ket-qua-giai-quyet-thu-tuc-hanh-chinh-nam-2026');
  });
});

describe('not found and robots', () => {
  const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
  it('a browser gets a Vietnamese HTML page for an unknown site or article; an API client keeps JSON', async () => {
    for (const url of ['/trang/khong-ton-tai', '/trang/phuong-an-thu/bai-viet/khong-co-bai-nay', '/trang/phuong-an-thu/chuyen-muc/khong-co']) {
      const page = await t.app.inject({ url, headers: browser });
      expect(page.statusCode, url).toBe(404);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('<h1>Không tìm thấy trang</h1>');
      const json = await t.app.inject({ url, headers: { accept: 'application/json' } });
      expect(json.statusCode).toBe(404);
      expect(json.json().code).toMatch(/^PORTAL\./);
    }
    expect((await t.app.inject({ url: '/trang/khong-ton-tai', headers: browser })).body).toContain('Không tìm thấy trang thông tin của đơn vị.');
  });
  it('a statistics page without figures says so instead of an empty table', async () => {
    const res = await t.app.inject({ url: '/trang/xa-binh-thu/thong-ke' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<td colspan="6" class="muted">Chưa có số liệu trong 12 tháng qua.</td>');
    expect((await t.app.inject({ url: '/trang/phuong-an-thu/thong-ke' })).body).not.toContain('Chưa có số liệu');
  });
  it('serves robots.txt with the sitemap at PUBLIC_URL', async () => {
    const res = await t.app.inject({ url: '/robots.txt' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('User-agent: *\nAllow: /');
    expect(res.body).toContain(`Sitemap: ${t.ctx.config.publicUrl.replace(/\/$/, '')}/trang/sitemap.xml`);
  });
});

describe('scheduling and outages', () => {
  it('publishes and takes down at the requested times (job at the injected clock)', async () => {
    const start = new Date(now.getTime() + 3_600_000);
    const end = new Date(now.getTime() + 2 * 3_600_000);
    const a = (await api(reviewer, 'POST', `/sites/${s.tree.communeA.id}/articles`, { title: 'Lịch tiếp công dân tháng 12', publishAt: start, unpublishAt: end })).json();
    expect((await api(reviewer, 'POST', `/articles/${a.id}/actions`, { action: 'approve' })).json().status).toBe('scheduled');
    expect(await runSchedule(t.ctx)).toEqual({ published: 0, unpublished: 0 });
    now = new Date(start.getTime() + 30_000);
    expect(await runSchedule(t.ctx)).toEqual({ published: 1, unpublished: 0 });
    expect((await t.app.inject({ url: '/trang/phuong-an-thu/bai-viet/lich-tiep-cong-dan-thang-12' })).statusCode).toBe(200);
    now = new Date(end.getTime() + 30_000);
    expect(await runSchedule(t.ctx)).toEqual({ published: 0, unpublished: 1 });
    expect((await t.app.inject({ url: '/trang/phuong-an-thu/bai-viet/lich-tiep-cong-dan-thang-12' })).statusCode).toBe(404);
    const got = (await api(reviewer, 'GET', `/articles/${a.id}`)).json();
    expect(got).toMatchObject({ status: 'unpublished', publishedAt: start.toISOString() });
  });

  it('refuses an outage announced less than 7 working days ahead, shows a valid one as a banner', async () => {
    // now ≈ Tuesday 1 December 2026; 7 working days later is Thursday 10 December, so the outage may start on 11 December.
    const soon = await api(reviewer, 'POST', `/sites/${s.tree.communeA.id}/outages`, { startsAt: '2026-12-10T12:00:00+07:00', endsAt: '2026-12-10T18:00:00+07:00', reason: 'Nâng cấp máy chủ' });
    expect(soon.statusCode).toBe(422);
    expect(soon.json()).toMatchObject({ code: 'PORTAL.OUTAGE_TOO_SOON', details: { earliest: '11/12/2026' } });
    expect((await api(editor, 'POST', `/sites/${s.tree.communeA.id}/outages`, { startsAt: '2026-12-12T20:00:00+07:00', endsAt: '2026-12-13T06:00:00+07:00', reason: 'Nâng cấp máy chủ' })).statusCode).toBe(403);
    const ok = await api(reviewer, 'POST', `/sites/${s.tree.communeA.id}/outages`, { startsAt: '2026-12-12T20:00:00+07:00', endsAt: '2026-12-13T06:00:00+07:00', reason: 'Nâng cấp máy chủ' });
    expect(ok.statusCode, ok.body).toBe(201);
    const home = await t.app.inject({ url: '/trang/phuong-an-thu' });
    expect(home.body).toContain('Thông báo tạm ngừng cung cấp thông tin, dịch vụ');
    expect(home.body).toContain('dự kiến hoạt động trở lại lúc 06:00 13/12/2026');
  });
});
