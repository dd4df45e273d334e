import { readContext } from '../../platform/read-replicas.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { atomFeed, rssFeed, xmlText } from '../../platform/feeds.js';
import { fileErrors } from '../../platform/storage.js';
import { vnDateOf } from '../working-calendar/vn-time.js';
import * as repo from './portal.repo.js';
import * as reading from './portal-reading.repo.js';
import { portalErrors } from './portal.errors.js';
import { Html, cards, fillFigures, figuresBlock, fmtDateTime, html, layout, raw, siteCss, siteJs, type PageMeta, type SiteFrame } from './portal.render.js';
import { formatIntVi, formatPercentVi, type FigurePeriod } from './portal.rules.js';
import { countPageView, liveFigures, monthlyFigures, postComment, rateArticle, raterHash, visitCounts } from './use-cases/read-site.js';
import { articleUrl } from './use-cases/write-article.js';
import { refreshSiteHosts } from './portal.hosts.js';

const pageKeys = { 'co-cau-to-chuc': 'organisation', 'lien-he': 'contacts', 'ban-do': 'map', 'lich-su': 'history' } as const;
const pageTitles = { organisation: 'Cơ cấu tổ chức và lãnh đạo', contacts: 'Thông tin liên hệ', map: 'Bản đồ hành chính và địa chỉ', history: 'Lịch sử, văn hóa' } as const;

/** Messages after a form post (PRG): only these codes are shown, never text from the URL. */
const notices: Record<string, { text: string; error: boolean }> = {
  rated: { text: 'Cảm ơn bạn đã đánh giá bài viết.', error: false },
  'comment-pending': { text: 'Bình luận của bạn đã được gửi và đang chờ kiểm duyệt.', error: false },
};
for (const e of [portalErrors.alreadyRated(), portalErrors.ratingInvalid(), portalErrors.ratingTooFast(0), portalErrors.commentTooFast(0), portalErrors.commentInvalid(), portalErrors.commentLinks()]) {
  notices[e.code] = { text: e.messageVi, error: true };
}

function notFoundPage(reason: string): string {
  return html`<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Không tìm thấy trang</title><link rel="stylesheet" href="/trang/site.css"></head>
<body><main class="wrap" id="noi-dung"><h1>Không tìm thấy trang</h1><p>${reason}</p><p>Địa chỉ có thể đã thay đổi hoặc bài viết đã được gỡ.</p><p><a href="/trang">Danh sách trang thông tin điện tử các đơn vị</a> · <a href="/">Cổng dịch vụ công</a></p></main></body></html>`.value;
}

/**
 * The reader pages of every unit's site, server-rendered at /trang/<slug>/… (and at / of a site's own host name, see
 * portal.hosts.ts): home, articles, required pages, procedures from the catalogue, search, statistics, feeds, sitemap.
 */
export const portalSiteRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock };
  // A database not reachable yet (or the OpenAPI generator, which has none) leaves the host table empty until the next refresh.
  await refreshSiteHosts(ctx.db).catch(() => undefined);
  const timer = setInterval(() => void refreshSiteHosts(ctx.db).catch(() => undefined), 60_000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 20_000 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  const cfg = { access: 'public' as const };
  const hide = { hide: true };

  // Absolute links (feeds, sitemap, share and page metadata) come from PUBLIC_URL, never from the request's headers,
  // which anyone can forge (SECURITY.md).
  const publicOrigin = ctx.config.publicUrl.replace(/\/$/, '');
  const origin = (_r: FastifyRequest) => publicOrigin;
  const frame = (s: repo.SiteRow, r: FastifyRequest): SiteFrame => ({ ...s, origin: origin(r) });

  async function loadSite(slug: string): Promise<repo.SiteRow> {
    const s = await reading_site(slug);
    if (!s) throw portalErrors.siteNotFound();
    return s;
  }
  const reading_site = (slug: string) => repo.getSiteBySlug(ctx.db, slug);

  async function send(reply: FastifyReply, request: FastifyRequest, site: repo.SiteRow, meta: PageMeta, body: Html, articleId: string | null = null) {
    await countPageView(deps, site.unitId, request.ip, articleId);
    const [counts, outages] = await Promise.all([visitCounts(deps, site.unitId), repo.activeOutages(ctx.db, site.unitPath, ctx.clock.now())]);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'")
      .header('x-content-type-options', 'nosniff')
      .send(layout(frame(site, request), meta, body, { outages, counts }));
  }

  // A browser asking for a page that does not exist (unknown site, article, category) gets a Vietnamese page, like the rest
  // of the portal; API clients (no text/html in Accept) keep the JSON error. Other errors go to the application's handler.
  app.setErrorHandler((err, request, reply) => {
    const domain = err instanceof DomainError ? err : null;
    if (domain && domain.status === 404 && request.method === 'GET' && /text\/html/.test(request.headers.accept ?? '')) {
      return reply.status(404).type('text/html; charset=utf-8').header('x-content-type-options', 'nosniff').send(notFoundPage(domain.messageVi));
    }
    throw err;
  });

  /** Crawlers may read everything public; the API and the console are not pages. The sitemap's address is PUBLIC_URL's. */
  app.get('/robots.txt', { schema: hide, config: cfg }, async (_r, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(`User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /console\n\nSitemap: ${publicOrigin}/trang/sitemap.xml\n`),
  );

  const figures = (site: repo.SiteRow) => (period: FigurePeriod) => liveFigures(ctx.db, site.unitPath, period, ctx.clock.now());

  app.get('/trang/site.css', { schema: hide, config: cfg }, async (_r, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(siteCss));
  app.get('/trang/site.js', { schema: hide, config: cfg }, async (_r, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(siteJs));

  app.get<{ Params: { id: string; size?: string } }>('/trang/media/:id', { schema: hide, config: cfg }, (r, reply) => sendMedia(r.params.id, 'full', reply));
  app.get<{ Params: { id: string } }>('/trang/media/:id/thumb', { schema: hide, config: cfg }, (r, reply) => sendMedia(r.params.id, 'thumb', reply));
  async function sendMedia(id: string, size: 'full' | 'thumb', reply: FastifyReply) {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw fileErrors.notFound();
    const m = await repo.getMedia(ctx.db, id);
    if (!m) throw fileErrors.notFound();
    const sha = size === 'thumb' && m.thumbSha256 ? m.thumbSha256 : m.sha256;
    reply.type(m.mediaType).header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff');
    if (m.kind === 'attachment') reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(m.fileName)}`);
    return reply.send(ctx.files.open(sha));
  }

  // The public pages tolerate a little staleness: their reads go to a replica when one is set (read-replicas.ts).
  app.get('/trang', { schema: hide, config: cfg }, async (r, reply) => {
    const sites = await repo.listSites((await readContext(ctx, r)).db);
    const body = html`<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Trang thông tin điện tử các đơn vị</title><link rel="stylesheet" href="/trang/site.css"></head>
<body><main class="wrap" id="noi-dung"><h1>Trang thông tin điện tử các đơn vị</h1><ul>${sites.map((s) => html`<li><a href="/trang/${s.slug}">${s.title}</a></li>`)}</ul></main></body></html>`;
    return reply.type('text/html; charset=utf-8').send(body.value);
  });

  app.get('/trang/sitemap.xml', { schema: hide, config: cfg }, async (r, reply) => {
    const o = origin(r);
    const entries = await reading.sitemapEntries((await readContext(ctx, r)).db);
    const seen = new Set<string>();
    const urls: string[] = [];
    for (const e of entries) {
      if (!seen.has(e.siteSlug)) {
        seen.add(e.siteSlug);
        for (const p of ['', '/thu-tuc', '/thong-ke', '/gioi-thieu/co-cau-to-chuc', '/gioi-thieu/lien-he', '/gioi-thieu/ban-do', '/gioi-thieu/lich-su']) urls.push(`<url><loc>${xmlText(`${o}/trang/${e.siteSlug}${p}`)}</loc></url>`);
      }
      if (e.slug && e.kind) urls.push(`<url><loc>${xmlText(o + articleUrl({ siteSlug: e.siteSlug, kind: e.kind, slug: e.slug }))}</loc>${e.updatedAt ? `<lastmod>${e.updatedAt.toISOString()}</lastmod>` : ''}</url>`);
    }
    return reply.type('application/xml; charset=utf-8').send(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>`);
  });

  app.get<{ Params: { site: string } }>('/trang/:site', { schema: hide, config: cfg }, async (r, reply) => {
    const site = await loadSite(r.params.site);
    const base = `/trang/${site.slug}`;
    const now = ctx.clock.now();
    const since = `${Number(vnDateOf(now).slice(0, 4)) - 1}${vnDateOf(now).slice(4, 8)}01`;
    const { db } = await readContext(ctx, r);
    const [news, guidance, procedures, fig] = await Promise.all([
      reading.latestArticles(db, site.unitId, { categoryKind: 'news', limit: 8 }),
      reading.latestArticles(db, site.unitId, { categoryKind: 'guidance', limit: 5 }),
      reading.handledProcedures(db, { id: site.unitId, path: site.unitPath, kind: site.unitKind }, { limit: 8, since }),
      liveFigures(db, site.unitPath, 'ytd', now),
    ]);
    const toCard = (a: reading.ListedArticle) => ({ title: a.title, href: articleUrl(a), lead: a.lead, date: a.publishedAt, image: a.coverMediaId ? `/trang/media/${a.coverMediaId}/thumb` : null, category: a.categoryName });
    const body = html`<h1 class="sr">${site.title}</h1>
<div class="grid">
  <section aria-labelledby="tin-moi"><h2 id="tin-moi">Tin mới</h2>${cards(news.map(toCard))}<p><a href="${base}/tin-moi">Xem tất cả tin tức</a></p></section>
  <div>
    <section aria-labelledby="so-lieu"><h2 id="so-lieu">Kết quả giải quyết thủ tục hành chính</h2>${figuresBlock(fig)}<p><a href="${base}/thong-ke">Thống kê theo tháng</a></p></section>
    <section aria-labelledby="huong-dan"><h2 id="huong-dan">Hướng dẫn người dân</h2>${cards(guidance.map(toCard))}</section>
    <section aria-labelledby="thu-tuc"><h2 id="thu-tuc">Thủ tục được dùng nhiều</h2>
      <ol>${procedures.map((p) => html`<li><a href="/thu-tuc/${p.id}">${p.name}</a></li>`)}</ol><p><a href="${base}/thu-tuc">Tất cả thủ tục của đơn vị</a></p></section>
  </div>
</div>`;
    return send(reply, r, site, { title: 'Trang chủ', description: `${site.title}: tin tức, hướng dẫn thủ tục hành chính, kết quả giải quyết hồ sơ.`, path: base }, body);
  });

  app.get<{ Params: { site: string; slug: string }; Querystring: { tb?: string } }>('/trang/:site/bai-viet/:slug', { schema: hide, config: cfg }, async (r, reply) => {
    const site = await loadSite(r.params.site);
    // A replica may serve the article (a little staleness is fine for a public page); someone who just rated or
    // commented reads the primary until the replica has their write (read-replicas.ts). The salt may be written: primary.
    const { db } = await readContext(ctx, r);
    const a = await reading.publishedArticle(db, site.unitId, 'article', r.params.slug);
    if (!a) throw portalErrors.notReadable();
    const path = articleUrl(a);
    const o = origin(r);
    const [body, others, category, comments, attachments] = await Promise.all([
      fillFigures(a.bodyHtml, figures(site)),
      reading.latestArticles(db, site.unitId, { exceptId: a.id, limit: 6 }),
      reading.categoryName(db, a.categoryId),
      reading.approvedComments(db, a.id),
      repo.mediaOfUnit(db, site.unitId, a.attachmentIds),
    ]);
    const rated = await reading.hasRated(db, a.id, await raterHash(ctx.db, a.id, r.ip));
    const notice = r.query.tb ? notices[r.query.tb] : undefined;
    const avg = a.ratingCount > 0 ? (a.ratingSum / a.ratingCount).toLocaleString('vi-VN', { maximumFractionDigits: 1 }) : '0';
    const shareUrl = encodeURIComponent(o + path);
    const page = html`<article>
<p class="meta"><a href="/trang/${site.slug}">Trang chủ</a>${category ? html` › <a href="/trang/${site.slug}/chuyen-muc/${category.slug}">${category.name}</a>` : ''}</p>
<h1>${a.title}</h1>
<p class="meta">${a.publishedAt ? html`<time datetime="${a.publishedAt.toISOString()}">${fmtDateTime(a.publishedAt)}</time>` : ''} · <span data-reads>${formatIntVi(a.reads + 1)} lượt đọc</span></p>
${a.lead ? html`<p class="lead">${a.lead}</p>` : ''}
${a.coverMediaId ? html`<img class="cover" src="/trang/media/${a.coverMediaId}" alt="">` : ''}
<div class="body">${raw(body)}</div>
${attachments.length > 0 ? html`<section aria-labelledby="dk"><h2 id="dk">Tệp đính kèm</h2><ul>${attachments.map((m) => html`<li><a href="/trang/media/${m.id}">${m.fileName}</a></li>`)}</ul></section>` : ''}
${a.author ? html`<p class="author"><strong>${a.author}</strong></p>` : ''}
${a.source ? html`<p class="meta">Nguồn: ${a.source}</p>` : ''}
${a.tags.length > 0 ? html`<p class="meta">Từ khóa: ${a.tags.join(', ')}</p>` : ''}
<div class="tools">
  <button type="button" data-print hidden>In bài viết</button>
  <a class="btn" href="https://www.facebook.com/sharer/sharer.php?u=${shareUrl}" rel="noopener" target="_blank">Chia sẻ Facebook</a>
  <a class="btn" href="https://sp.zalo.me/share_inline?url=${shareUrl}" rel="noopener" target="_blank">Chia sẻ Zalo</a>
  <a class="btn" href="mailto:?subject=${encodeURIComponent(a.title)}&amp;body=${shareUrl}">Gửi thư</a>
  <button type="button" data-copy="${o + path}" hidden>Sao chép liên kết</button>
</div>
</article>
<section class="rating" id="danh-gia" aria-labelledby="dg">
  <h2 id="dg">Đánh giá cho bài viết: <span data-rating>${avg} điểm (${formatIntVi(a.ratingCount)} đánh giá)</span></h2>
  ${notice ? html`<p class="notice${notice.error ? ' error' : ''}" role="${notice.error ? 'alert' : 'status'}">${notice.text}</p>` : ''}
  ${rated
    ? html`<p>Bạn đã đánh giá bài viết này.</p>`
    : html`<form method="post" action="${path}/danh-gia"><fieldset><legend>Bạn thấy bài viết hữu ích ở mức nào?</legend>
      ${[1, 2, 3, 4, 5].map((n) => html`<label><input type="radio" name="diem" value="${n}" required> ${n} điểm</label>`)}
      </fieldset><p><button type="submit">Gửi đánh giá</button></p></form>`}
</section>
<section class="comments-area" aria-labelledby="bl">
  <h2 id="bl">Bình luận</h2>
  ${comments.length > 0 ? html`<ul class="comments">${comments.map((c) => html`<li><strong>${c.authorName}</strong> <span class="meta">${fmtDateTime(c.createdAt)}</span><br>${c.body}</li>`)}</ul>` : html`<p class="muted">Chưa có bình luận.</p>`}
  <form class="comment" method="post" action="${path}/binh-luan">
    <h3>Gửi bình luận của bạn</h3>
    <p class="meta">Bình luận được hiển thị sau khi kiểm duyệt.</p>
    <label for="ten">Họ và tên</label><input id="ten" name="ten" required minlength="2" maxlength="80" autocomplete="name">
    <label for="noidung">Nội dung</label><textarea id="noidung" name="noidung" required minlength="5" maxlength="2000" rows="4"></textarea>
    <div class="hp" aria-hidden="true"><label for="website">Để trống ô này</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
    <p><button type="submit">Gửi bình luận</button></p>
  </form>
</section>
<section class="others" aria-labelledby="khac"><h2 id="khac">Bài viết khác</h2>${cards(
      others.map((x) => ({ title: x.title, href: articleUrl(x), lead: '', date: x.publishedAt, image: null, category: x.categoryName })),
    )}</section>`;
    const meta: PageMeta = {
      title: a.title,
      description: a.lead || a.bodyText.slice(0, 200),
      path,
      type: 'article',
      image: a.coverMediaId ? `/trang/media/${a.coverMediaId}` : null,
      jsonLd: {
        '@context': 'https://schema.org',
        '@type': 'NewsArticle',
        headline: a.title,
        datePublished: a.publishedAt?.toISOString(),
        dateModified: a.updatedAt.toISOString(),
        author: a.author ? { '@type': 'Person', name: a.author } : undefined,
        publisher: { '@type': 'GovernmentOrganization', name: site.unitName },
        ...(a.coverMediaId ? { image: [`${o}/trang/media/${a.coverMediaId}`] } : {}),
      },
    };
    return send(reply, r, site, meta, page, a.id);
  });

  /** Rating and comment forms post here (work with JavaScript off), then redirect back with a notice code. */
  app.post<{ Params: { site: string; slug: string }; Body: Record<string, string> }>('/trang/:site/bai-viet/:slug/danh-gia', { schema: hide, config: cfg }, async (r, reply) => {
    const site = await loadSite(r.params.site);
    const a = await reading.publishedArticle(ctx.db, site.unitId, 'article', r.params.slug);
    if (!a) throw portalErrors.notReadable();
    const code = await outcome(() => rateArticle(deps, a.id, r.ip, Number(r.body?.diem)), 'rated');
    return reply.redirect(`${articleUrl(a)}?tb=${encodeURIComponent(code)}#danh-gia`, 303);
  });

  app.post<{ Params: { site: string; slug: string }; Body: Record<string, string> }>('/trang/:site/bai-viet/:slug/binh-luan', { schema: hide, config: cfg }, async (r, reply) => {
    const site = await loadSite(r.params.site);
    const a = await reading.publishedArticle(ctx.db, site.unitId, 'article', r.params.slug);
    if (!a) throw portalErrors.notReadable();
    // The honeypot field is invisible to people; a filled one is a robot, answered as if accepted.
    if (r.body?.website) return reply.redirect(`${articleUrl(a)}?tb=comment-pending#danh-gia`, 303);
    const code = await outcome(() => postComment(deps, a.id, r.ip, { authorName: String(r.body?.ten ?? ''), body: String(r.body?.noidung ?? '') }), 'comment-pending');
    return reply.redirect(`${articleUrl(a)}?tb=${encodeURIComponent(code)}#danh-gia`, 303);
  });

  app.get<{ Params: { site: string; slug: string } }>('/trang/:site/trang/:slug', { schema: hide, config: cfg }, async (r, reply) => {
    const site = await loadSite(r.params.site);
    const p = await reading.publishedArticle((await readContext(ctx, r)).db, site.unitId, 'page', r.params.slug);
    if (!p) throw portalErrors.notReadable();
    const body = await fillFigures(p.bodyHtml, figures(site));
    return send(reply, r, site, { title: p.title, description: p.lead || p.bodyText.slice(0, 200), path: articleUrl(p) }, html`<article><h1>${p.title}</h1>${p.lead ? html`<p class="lead">${p.lead}</p>` : ''}<div class="body">${raw(body)}</div></article>`, p.id);
  });

  /** The required pages (NĐ 224/2026 Điều 10): structured facts of the site plus the page written by the editors. */
  app.get<{ Params: { site: string; key: string } }>('/trang/:site/gioi-thieu/:key', { schema: hide, config: cfg }, async (r, reply) => {
    const site = await loadSite(r.params.site);
    const key = pageKeys[r.params.key as keyof typeof pageKeys];
    if (!key) throw portalErrors.notReadable();
    const p = await reading.publishedPageByKey((await readContext(ctx, r)).db, site.unitId, key);
    const written = p ? raw(await fillFigures(p.bodyHtml, figures(site))) : '';
    let facts: Html | string = '';
    if (key === 'organisation') {
      facts = site.leaders.length
        ? html`<h2>Lãnh đạo</h2><ul class="leaders">${site.leaders.map(
            (l) => html`<li><strong>${l.name}</strong> — ${l.position}${l.duties ? html`<br><span>Nhiệm vụ: ${l.duties}</span>` : ''}${l.phone ? html`<br>Điện thoại: <a href="tel:${l.phone}">${l.phone}</a>` : ''}${l.email ? html`<br>Thư điện tử: <a href="mailto:${l.email}">${l.email}</a>` : ''}</li>`,
          )}</ul>`
        : '';
    } else if (key === 'contacts') {
      facts = html`<dl>
<dt>Địa chỉ</dt><dd>${site.address || '–'}</dd>
<dt>Điện thoại</dt><dd>${site.phone || '–'}</dd>
<dt>Số điện thoại chuyên dùng tiếp nhận phản ánh, kiến nghị</dt><dd>${site.feedbackPhone ? html`<a href="tel:${site.feedbackPhone.replace(/\s/g, '')}">${site.feedbackPhone}</a>` : '–'}</dd>
<dt>Thư điện tử</dt><dd>${site.email || '–'}</dd></dl>`;
    } else if (key === 'map') {
      facts = html`<p>Địa chỉ trụ sở: ${site.address || '–'}</p>${
        site.mapLat !== null && site.mapLng !== null
          ? html`<p><a href="https://www.openstreetmap.org/?mlat=${site.mapLat}&amp;mlon=${site.mapLng}#map=17/${site.mapLat}/${site.mapLng}" rel="noopener">Xem vị trí trên bản đồ (OpenStreetMap)</a> — tọa độ ${site.mapLat}, ${site.mapLng}</p>`
          : ''
      }`;
    }
    const title = p?.title ?? pageTitles[key];
    return send(reply, r, site, { title, description: `${title} — ${site.unitName}`, path: `/trang/${site.slug}/gioi-thieu/${r.params.key}` }, html`<article><h1>${title}</h1>${facts}<div class="body">${written}</div></article>`, p?.id ?? null);
  });

  app.get<{ Params: { site: string } }>('/trang/:site/thu-tuc', { schema: hide, config: cfg }, async (r, reply) => {
    const site = await loadSite(r.params.site);
    const now = vnDateOf(ctx.clock.now());
    const list = await reading.handledProcedures((await readContext(ctx, r)).db, { id: site.unitId, path: site.unitPath, kind: site.unitKind }, { limit: 500, since: `${Number(now.slice(0, 4)) - 1}${now.slice(4, 8)}01` });
    const body = html`<h1>Thủ tục hành chính ${site.unitName} giải quyết</h1>
<p class="meta">Danh mục lấy từ Cơ sở dữ liệu thủ tục hành chính của hệ thống, sắp theo số hồ sơ đã tiếp nhận trong 12 tháng.</p>
<ol>${list.map((p) => html`<li><a href="/thu-tuc/${p.id}">${p.name}</a> <span class="meta">(${p.code} · ${p.field}${p.onlineLevel === 'full' ? ' · trực tuyến toàn trình' : p.onlineLevel === 'partial' ? ' · trực tuyến một phần' : ''})</span></li>`)}</ol>`;
    return send(reply, r, site, { title: 'Thủ tục hành chính', description: `Thủ tục hành chính thuộc thẩm quyền của ${site.unitName}.`, path: `/trang/${site.slug}/thu-tuc` }, body);
  });

  /** One page of 20 cards with previous/next links (a 21st row tells whether a next page exists). */
  function listPage(list: reading.ListedArticle[], base: string, page: number, heading: string, feed: Html | string) {
    return html`<h1>${heading}</h1>${cards(
      list.slice(0, 20).map((a) => ({ title: a.title, href: articleUrl(a), lead: a.lead, date: a.publishedAt, image: a.coverMediaId ? `/trang/media/${a.coverMediaId}/thumb` : null })),
      'h2',
    )}
<p>${page > 1 ? html`<a href="${base}?trang=${page - 1}">← Trang trước</a> ` : ''}${list.length > 20 ? html`<a href="${base}?trang=${page + 1}">Trang sau →</a>` : ''}</p>
${feed}`;
  }
  const pageNumber = (v: string | undefined) => Math.max(1, Math.min(1000, Number(v) || 1));

  /** Every published article of the site, whatever its category (or none): what "Xem tất cả tin tức" opens. */
  app.get<{ Params: { site: string }; Querystring: { trang?: string } }>('/trang/:site/tin-moi', { schema: hide, config: cfg }, async (r, reply) => {
    const site = await loadSite(r.params.site);
    const page = pageNumber(r.query.trang);
    const list = await reading.latestArticles((await readContext(ctx, r)).db, site.unitId, { limit: 21, offset: (page - 1) * 20 });
    const base = `/trang/${site.slug}/tin-moi`;
    const body = listPage(list, base, page, 'Tin mới', html`<p class="meta"><a href="/trang/${site.slug}/rss.xml">RSS</a></p>`);
    return send(reply, r, site, { title: 'Tin mới', description: `Tin mới — ${site.title}`, path: base }, body);
  });

  app.get<{ Params: { site: string; cat: string }; Querystring: { trang?: string } }>('/trang/:site/chuyen-muc/:cat', { schema: hide, config: cfg }, async (r, reply) => {
    const site = await loadSite(r.params.site);
    const { db } = await readContext(ctx, r);
    const cat = await reading.categoryBySlug(db, site.unitId, r.params.cat);
    if (!cat) throw portalErrors.notReadable();
    const page = pageNumber(r.query.trang);
    const list = await reading.latestArticles(db, site.unitId, { categorySlug: cat.slug, limit: 21, offset: (page - 1) * 20 });
    const base = `/trang/${site.slug}/chuyen-muc/${cat.slug}`;
    const body = listPage(list, base, page, cat.name, html`<p class="meta"><a href="${base}/rss.xml">RSS của chuyên mục</a></p>`);
    return send(reply, r, site, { title: cat.name, description: `${cat.name} — ${site.title}`, path: base }, body);
  });

  app.get<{ Params: { site: string }; Querystring: { q?: string } }>('/trang/:site/tim-kiem', { schema: hide, config: cfg }, async (r, reply) => {
    const site = await loadSite(r.params.site);
    const q = String(r.query.q ?? '').slice(0, 200).trim();
    const words = q.split(/\s+/).filter((w) => w.length > 0).slice(0, 8);
    const now = vnDateOf(ctx.clock.now());
    const { db } = await readContext(ctx, r);
    const [articles, procedures] =
      words.length > 0
        ? await Promise.all([
            reading.searchArticles(db, site.unitId, words),
            reading.handledProcedures(db, { id: site.unitId, path: site.unitPath, kind: site.unitKind }, { words, limit: 30, since: `${Number(now.slice(0, 4)) - 1}${now.slice(4, 8)}01` }),
          ])
        : [[], []];
    const body = html`<h1>Tìm kiếm</h1>
<form role="search" action="/trang/${site.slug}/tim-kiem" method="get"><label for="q2">Từ khóa (có dấu hoặc không dấu)</label> <input id="q2" name="q" type="search" value="${q}" maxlength="200"> <button type="submit">Tìm</button></form>
${words.length > 0 ? html`<p role="status">Tìm thấy ${articles.length} bài viết, trang và ${procedures.length} thủ tục cho “${q}”.</p>` : ''}
${articles.length > 0 ? html`<h2>Bài viết và trang</h2>${cards(articles.map((a) => ({ title: a.title, href: articleUrl(a), lead: a.lead, date: a.kind === 'article' ? a.publishedAt : null, image: null, category: a.categoryName })))}` : ''}
${procedures.length > 0 ? html`<h2>Thủ tục hành chính</h2><ul>${procedures.map((p) => html`<li><a href="/thu-tuc/${p.id}">${p.name}</a> <span class="meta">${p.code}</span></li>`)}</ul>` : ''}`;
    return send(reply, r, site, { title: q ? `Tìm kiếm: ${q}` : 'Tìm kiếm', description: `Tìm kiếm trên ${site.title}`, path: `/trang/${site.slug}/tim-kiem`, noindex: true }, body);
  });

  app.get<{ Params: { site: string } }>('/trang/:site/thong-ke', { schema: hide, config: cfg }, async (r, reply) => {
    const site = await loadSite(r.params.site);
    const now = ctx.clock.now();
    const { db } = await readContext(ctx, r);
    const [fig, months] = await Promise.all([liveFigures(db, site.unitPath, 'ytd', now), monthlyFigures(db, site.unitPath, now)]);
    const body = html`<h1>Kết quả giải quyết thủ tục hành chính</h1>
<p class="meta">Số liệu thu thập tự động từ hệ thống một cửa điện tử (Nghị định 224/2026/NĐ-CP Điều 12), cập nhật tức thời.</p>
${figuresBlock(fig)}
<h2>Theo tháng</h2>
<div class="table-wrap"><table class="stats"><caption class="sr">Số hồ sơ và các tỷ lệ theo tháng</caption>
<thead><tr><th scope="col">Tháng</th><th scope="col">Tiếp nhận</th><th scope="col">Đã giải quyết</th><th scope="col">Trực tuyến</th><th scope="col">Đúng hạn</th><th scope="col">Trả qua bưu chính</th></tr></thead>
<tbody>${
      months.length === 0
        ? html`<tr><td colspan="6" class="muted">Chưa có số liệu trong 12 tháng qua.</td></tr>`
        : months.map(
            (m) =>
              html`<tr><th scope="row">${m.month.slice(5, 7)}/${m.month.slice(0, 4)}</th><td>${formatIntVi(m.received)}</td><td>${formatIntVi(m.resolved)}</td><td>${formatPercentVi(m.online.value)}</td><td>${formatPercentVi(m.onTime.value)}</td><td>${formatPercentVi(m.byPost.value)}</td></tr>`,
          )
    }</tbody></table></div>`;
    return send(reply, r, site, { title: 'Thống kê', description: `Kết quả giải quyết thủ tục hành chính của ${site.unitName} theo tháng.`, path: `/trang/${site.slug}/thong-ke` }, body);
  });

  // Feeds: RSS 2.0 and Atom per site, RSS per category; read where stale-tolerant reads go (a replica when set).
  async function feedItems(r: FastifyRequest, site: repo.SiteRow, categorySlug?: string) {
    return reading.latestArticles((await readContext(ctx, r)).db, site.unitId, { limit: 30, ...(categorySlug ? { categorySlug } : {}) });
  }
  // The site's feeds are written by the server's one feed writer (platform/feeds.ts), as the feedback register's are.
  const rss = (o: string, title: string, link: string, self: string, items: reading.ListedArticle[]) =>
    rssFeed(
      { title, link: o + link, description: title, self: o + self },
      items.map((a) => ({ title: a.title, link: o + articleUrl(a), guid: a.id, isPermaLink: false, pubDate: a.publishedAt, description: a.lead, category: a.categoryName })),
      ctx.clock.now(),
    );
  app.get<{ Params: { site: string } }>('/trang/:site/rss.xml', { schema: hide, config: cfg }, async (r, reply) => {
    const site = await loadSite(r.params.site);
    return reply.type('application/rss+xml; charset=utf-8').send(rss(origin(r), site.title, `/trang/${site.slug}`, `/trang/${site.slug}/rss.xml`, await feedItems(r, site)));
  });
  app.get<{ Params: { site: string; cat: string } }>('/trang/:site/chuyen-muc/:cat/rss.xml', { schema: hide, config: cfg }, async (r, reply) => {
    const site = await loadSite(r.params.site);
    const cat = await reading.categoryBySlug((await readContext(ctx, r)).db, site.unitId, r.params.cat);
    if (!cat) throw portalErrors.notReadable();
    return reply.type('application/rss+xml; charset=utf-8').send(rss(origin(r), `${site.title} — ${cat.name}`, `/trang/${site.slug}/chuyen-muc/${cat.slug}`, `/trang/${site.slug}/chuyen-muc/${cat.slug}/rss.xml`, await feedItems(r, site, cat.slug)));
  });
  app.get<{ Params: { site: string } }>('/trang/:site/atom.xml', { schema: hide, config: cfg }, async (r, reply) => {
    const site = await loadSite(r.params.site);
    const o = origin(r);
    const items = await feedItems(r, site);
    const xml = atomFeed(
      { id: `${o}/trang/${site.slug}`, title: site.title, self: `${o}/trang/${site.slug}/atom.xml`, alternate: `${o}/trang/${site.slug}`, author: site.unitName },
      items.map((a) => ({ id: `urn:uuid:${a.id}`, title: a.title, link: o + articleUrl(a), updated: a.publishedAt, published: a.publishedAt, category: a.categoryName, summary: a.lead })),
      ctx.clock.now(),
    );
    return reply.type('application/atom+xml; charset=utf-8').send(xml);
  });
};

async function outcome(fn: () => Promise<unknown>, success: string): Promise<string> {
  try {
    await fn();
    return success;
  } catch (e) {
    if (e instanceof DomainError && notices[e.code]) return e.code;
    throw e;
  }
}


