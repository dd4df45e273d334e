/**
 * Server-rendered HTML of the reader pages: readable with JavaScript off, one small stylesheet and a 0.4 KB script
 * (print, copy link). Every value is escaped by the `html` tag unless it is `raw` — and `raw` is only used for article
 * bodies that went through the sanitiser (portal.sanitize.ts) and for markup built here.
 */
import { escapeHtml as esc } from '../../platform/html.js';
import type { TLiveFigures, TOutage } from './portal.contract.js';
import { formatIntVi, formatPercentVi } from './portal.rules.js';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}


export function raw(s: string): Html {
  return new Html(s);
}

type Part = Html | string | number | null | undefined | false | Part[];

function partToString(p: Part): string {
  if (p === null || p === undefined || p === false) return '';
  if (Array.isArray(p)) return p.map(partToString).join('');
  if (p instanceof Html) return p.value;
  return esc(String(p));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < parts.length; i++) out += partToString(parts[i]!) + strings[i + 1]!;
  return new Html(out);
}

const dateFmt = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
export const fmtDate = (d: Date) => dateFmt.format(d);
export const fmtDateTime = (d: Date) => dateTimeFmt.format(d);

export type SiteFrame = {
  slug: string;
  title: string;
  unitName: string;
  address: string;
  phone: string;
  feedbackPhone: string;
  email: string;
  menu: { label: string; href: string }[];
  origin: string;
};

export type PageMeta = { title: string; description: string; path: string; image?: string | null; type?: 'website' | 'article'; jsonLd?: unknown; noindex?: boolean };

export type Counts = { online: number; today: number; week: number; month: number; total: number };

function outageBanner(outages: TOutage[]): Html | string {
  if (outages.length === 0) return '';
  return html`<div class="outage" role="status">${outages.map(
    (o) =>
      html`<p><strong>Thông báo tạm ngừng cung cấp thông tin, dịch vụ:</strong> từ ${fmtDateTime(o.startsAt)} đến ${fmtDateTime(o.endsAt)} (dự kiến hoạt động trở lại lúc ${fmtDateTime(o.endsAt)}). ${o.reason}</p>`,
  )}</div>`;
}

export function layout(site: SiteFrame, meta: PageMeta, body: Html, extra: { outages: TOutage[]; counts: Counts; feeds?: boolean }): string {
  const base = `/trang/${site.slug}`;
  const canonical = `${site.origin}${meta.path}`;
  const nav: { label: string; href: string }[] = [
    { label: 'Trang chủ', href: base },
    { label: 'Tin tức', href: `${base}/chuyen-muc/tin-tuc` },
    { label: 'Hướng dẫn', href: `${base}/chuyen-muc/huong-dan` },
    { label: 'Giới thiệu', href: `${base}/gioi-thieu/co-cau-to-chuc` },
    { label: 'Thủ tục hành chính', href: `${base}/thu-tuc` },
    { label: 'Thống kê', href: `${base}/thong-ke` },
    { label: 'Liên hệ', href: `${base}/gioi-thieu/lien-he` },
    ...site.menu,
  ];
  const doc = html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.title} — ${site.title}</title>
<meta name="description" content="${meta.description.slice(0, 300)}">
<link rel="canonical" href="${canonical}">
${meta.noindex ? raw('<meta name="robots" content="noindex">') : ''}
<meta property="og:site_name" content="${site.title}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description.slice(0, 300)}">
<meta property="og:type" content="${meta.type ?? 'website'}">
<meta property="og:url" content="${canonical}">
<meta property="og:locale" content="vi_VN">
${meta.image ? html`<meta property="og:image" content="${site.origin}${meta.image}">` : ''}
<link rel="alternate" type="application/rss+xml" title="${site.title} — RSS" href="${base}/rss.xml">
<link rel="alternate" type="application/atom+xml" title="${site.title} — Atom" href="${base}/atom.xml">
<link rel="stylesheet" href="/trang/site.css">
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
${meta.jsonLd ? raw(`<script type="application/ld+json">${JSON.stringify(meta.jsonLd).replace(/</g, '\\u003c')}</script>`) : ''}
<script src="/trang/site.js" defer></script>
</head>
<body>
<a class="skip" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header class="site-head">
  <div class="wrap">
    <p class="site-title"><a href="${base}"><span aria-hidden="true">★</span> ${site.title}</a></p>
    <a class="site-citizen" href="/cong-dan/ho-so" data-citizen hidden></a>
    <form class="search" role="search" action="${base}/tim-kiem" method="get">
      <label for="q" class="sr">Tìm kiếm bài viết, trang, thủ tục</label>
      <input id="q" name="q" type="search" placeholder="Tìm kiếm (gõ có dấu hoặc không dấu)" maxlength="200">
      <button type="submit">Tìm</button>
    </form>
  </div>
  <nav aria-label="Trình đơn chính"><ul class="wrap menu">${nav.map((n) => html`<li><a href="${n.href}">${n.label}</a></li>`)}</ul></nav>
</header>
${outageBanner(extra.outages)}
<main id="noi-dung" class="wrap" tabindex="-1">
${body}
</main>
<footer class="site-foot">
  <div class="wrap foot-grid">
    <section aria-labelledby="lh">
      <h2 id="lh">${site.unitName}</h2>
      ${site.address ? html`<p>Địa chỉ: ${site.address}</p>` : ''}
      ${site.phone ? html`<p>Điện thoại: <a href="tel:${site.phone.replace(/\s/g, '')}">${site.phone}</a></p>` : ''}
      ${site.feedbackPhone ? html`<p>Đường dây nóng tiếp nhận phản ánh, kiến nghị: <a href="tel:${site.feedbackPhone.replace(/\s/g, '')}">${site.feedbackPhone}</a></p>` : ''}
      ${site.email ? html`<p>Thư điện tử: <a href="mailto:${site.email}">${site.email}</a></p>` : ''}
    </section>
    <section aria-labelledby="tk" class="counter">
      <h2 id="tk">Thống kê truy cập</h2>
      <dl>
        <div><dt>Đang truy cập</dt><dd data-counter="online">${formatIntVi(extra.counts.online)}</dd></div>
        <div><dt>Hôm nay</dt><dd data-counter="today">${formatIntVi(extra.counts.today)}</dd></div>
        <div><dt>Trong tuần</dt><dd data-counter="week">${formatIntVi(extra.counts.week)}</dd></div>
        <div><dt>Tháng hiện tại</dt><dd data-counter="month">${formatIntVi(extra.counts.month)}</dd></div>
        <div><dt>Tổng lượt truy cập</dt><dd data-counter="total">${formatIntVi(extra.counts.total)}</dd></div>
      </dl>
    </section>
  </div>
  <p class="wrap small">Đếm trên máy chủ, không dùng dịch vụ theo dõi bên ngoài và không lưu địa chỉ của bạn. <a href="${base}/rss.xml">RSS</a> · <a href="${base}/atom.xml">Atom</a> · <a href="/">Cổng dịch vụ công</a></p>
</footer>
</body>
</html>`;
  return doc.value;
}

export function figuresBlock(f: TLiveFigures, which: readonly string[] = ['online', 'on_time', 'by_post']): Html {
  const rows = [
    { key: 'online', label: 'Tỷ lệ hồ sơ nộp trực tuyến', r: f.online, unit: 'hồ sơ' },
    { key: 'on_time', label: 'Tỷ lệ hồ sơ giải quyết đúng hạn', r: f.onTime, unit: 'hồ sơ' },
    { key: 'by_post', label: 'Tỷ lệ kết quả trả qua bưu chính', r: f.byPost, unit: 'kết quả' },
  ].filter((x) => which.includes(x.key));
  return html`<aside class="live-figures" aria-label="Số liệu giải quyết thủ tục hành chính">
<p class="lf-head">Số liệu tự động từ hệ thống một cửa điện tử — ${f.labelVi}</p>
<dl>${rows.map(
    (x) =>
      html`<div><dt>${x.label}</dt><dd><span class="lf-value" data-figure="${x.key}">${formatPercentVi(x.r.value)}</span><small>${formatIntVi(x.r.numerator)}/${formatIntVi(x.r.denominator)} ${x.unit}</small></dd></div>`,
  )}</dl>
</aside>`;
}

/** Replaces each live-figure block of a sanitised body with the current figures (fetched once per period). */
export async function fillFigures(body: string, figures: (period: 'ytd' | 'month' | 'prev_month') => Promise<TLiveFigures>): Promise<string> {
  const re = /<div ([^>]*data-live-figures[^>]*)><\/div>/g;
  const matches = [...body.matchAll(re)];
  if (matches.length === 0) return body;
  const cache = new Map<string, TLiveFigures>();
  let out = '';
  let last = 0;
  for (const m of matches) {
    const attrs = m[1]!;
    const which = (/data-live-figures="([a-z_ ]*)"/.exec(attrs)?.[1] ?? 'online on_time by_post').split(' ').filter(Boolean);
    const p = /data-period="([a-z_]+)"/.exec(attrs)?.[1];
    const period = p === 'month' || p === 'prev_month' ? p : 'ytd';
    let f = cache.get(period);
    if (!f) {
      f = await figures(period);
      cache.set(period, f);
    }
    out += body.slice(last, m.index) + figuresBlock(f, which.length > 0 ? which : ['online', 'on_time', 'by_post']).value;
    last = m.index! + m[0].length;
  }
  return out + body.slice(last);
}

export type Card = { title: string; href: string; lead: string; date: Date | null; image: string | null; category?: string | null };

export function cards(items: Card[], headingLevel: 'h2' | 'h3' = 'h3'): Html {
  if (items.length === 0) return html`<p class="muted">Chưa có bài viết.</p>`;
  return html`<ul class="cards">${items.map(
    (c) => html`<li class="card">
  ${c.image ? html`<img src="${c.image}" alt="" loading="lazy" width="160" height="107">` : ''}
  <div>
    ${raw(`<${headingLevel}>`)}<a href="${c.href}">${c.title}</a>${raw(`</${headingLevel}>`)}
    <p class="meta">${c.date ? fmtDate(c.date) : ''}${c.category ? html` · ${c.category}` : ''}</p>
    ${c.lead ? html`<p>${c.lead.length > 220 ? `${c.lead.slice(0, 217)}…` : c.lead}</p>` : ''}
  </div>
</li>`,
  )}</ul>`;
}

export const siteCss = `
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f1f1f;background:#fafafa}
.wrap{max-width:1100px;margin:0 auto;padding:0 16px}a{color:#8a1414}a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible{outline:3px solid #1456c8;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.site-head{background:#a61b1b;color:#fff}.site-head .wrap{display:flex;flex-wrap:wrap;gap:8px;align-items:center;justify-content:space-between;padding-top:10px;padding-bottom:10px}
.site-title{margin:0;font-size:1.25rem;font-weight:700}.site-title a{color:#fff;text-decoration:none}.site-citizen{color:#fff;font-weight:600;overflow-wrap:anywhere}
.search{display:flex;gap:4px;flex:1 1 260px;max-width:420px}.search input{flex:1;padding:8px;border:1px solid #ccc;border-radius:4px;font-size:16px;min-width:0}
button,.btn{background:#8a1414;color:#fff;border:0;border-radius:4px;padding:8px 14px;font-size:16px;cursor:pointer;text-decoration:none;display:inline-block}
.site-head button{background:#fff;color:#8a1414}
nav .menu{list-style:none;display:flex;flex-wrap:wrap;gap:4px 16px;margin:0;padding-top:6px;padding-bottom:8px}nav .menu a{color:#fff;text-decoration:none;font-weight:600}nav .menu a:hover{text-decoration:underline}
nav{background:#7d1010}main{padding:16px;background:#fff;min-height:50vh}
.outage{background:#fff4ce;border-bottom:2px solid #b8860b;padding:8px 16px}.outage p{max-width:1100px;margin:4px auto}
h1{font-size:1.6rem;line-height:1.3;margin:.4em 0}h2{font-size:1.3rem}.meta,.muted,.small{color:#555;font-size:.9rem}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:12px}.card{display:flex;gap:12px;border-bottom:1px solid #eee;padding-bottom:12px}.card img{object-fit:cover;border-radius:4px;flex:none;max-width:40%;height:auto}.card h3,.card h2{margin:0;font-size:1.05rem}.card p{margin:.2em 0}
.grid{display:grid;gap:24px}@media(min-width:900px){.grid{grid-template-columns:2fr 1fr}}
.lead{font-weight:600}.cover{width:100%;height:auto;border-radius:4px}.body img{max-width:100%;height:auto}.body table{border-collapse:collapse;max-width:100%;display:block;overflow-x:auto}.body td,.body th{border:1px solid #ccc;padding:4px 8px}
.live-figures{border:1px solid #d9c9a3;background:#fffaf0;border-radius:6px;padding:8px 12px;margin:12px 0}.live-figures dl{display:grid;gap:8px;margin:0}@media(min-width:600px){.live-figures dl{grid-template-columns:repeat(3,1fr)}}
.live-figures dt{font-size:.9rem;color:#444}.live-figures dd{margin:0}.lf-value{font-size:1.5rem;font-weight:700;color:#8a1414;display:block}.lf-head{margin:0 0 6px;font-size:.85rem;color:#555}
.tools{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:12px 0}.tools a,.tools button{font-size:.9rem;padding:6px 10px}
.rating fieldset{border:1px solid #ddd;border-radius:4px}.rating label{margin-right:12px;white-space:nowrap}.notice{padding:8px 12px;border-radius:4px;background:#e8f4ea;border:1px solid #5a9b62}.notice.error{background:#fdecec;border-color:#c0392b}
form.comment label{display:block;margin-top:8px;font-weight:600}form.comment input,form.comment textarea{width:100%;padding:8px;font:inherit;border:1px solid #888;border-radius:4px}.hp{position:absolute;left:-9999px}
.comments li{margin-bottom:8px}table.stats{border-collapse:collapse;width:100%;font-size:.95rem}.stats th,.stats td{border:1px solid #ddd;padding:6px;text-align:right}.stats th:first-child,.stats td:first-child{text-align:left}.table-wrap{overflow-x:auto}
.site-foot{background:#2b2b2b;color:#eee;padding:16px 0}.site-foot .small{color:#ddd}.site-foot a{color:#ffd7d7}.site-foot h2{font-size:1.05rem;color:#fff}.foot-grid{display:grid;gap:16px}@media(min-width:700px){.foot-grid{grid-template-columns:2fr 1fr}}
.counter dl{margin:0}.counter div{display:flex;justify-content:space-between;border-bottom:1px solid #444}.counter dd{margin:0;font-weight:700}
.leaders{display:grid;gap:12px;padding:0;list-style:none}.leaders li{border:1px solid #eee;border-radius:4px;padding:8px}
@media print{.site-head,nav,.site-foot,.tools,.rating,.comments-area,.others,.search,.outage{display:none}main{padding:0}}
`;

/**
 * The page's small behaviours: print and copy buttons, and the signed-in citizen's name in the header (the same link as
 * the portal's header, to their dossiers; nothing shown to a visitor, or on a unit's own domain where the portal's
 * session cookie is not sent). Pages stay cacheable: the name is asked for by the browser, never rendered by the server.
 */
export const siteJs = `(function(){var c=document.querySelector('[data-citizen]');if(c&&window.fetch)fetch('/api/citizen/me',{credentials:'same-origin'}).then(function(r){return r.ok?r.json():null}).then(function(m){if(m&&m.fullName){c.textContent='Công dân: '+m.fullName;c.hidden=false}}).catch(function(){})})();document.querySelectorAll('[data-print]').forEach(function(b){b.hidden=false;b.addEventListener('click',function(){window.print()})});document.querySelectorAll('[data-copy]').forEach(function(b){b.hidden=false;b.addEventListener('click',function(){navigator.clipboard&&navigator.clipboard.writeText(b.getAttribute('data-copy')).then(function(){b.textContent='Đã sao chép liên kết'})})});`;
