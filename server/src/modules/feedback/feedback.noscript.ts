import { escapeHtml as esc } from '../../platform/html.js';
import type { TPublicItem } from './feedback.contract.js';

const dateVi = (d: Date) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);

/**
 * The first page of the public register (or hỏi đáp) as plain HTML, for readers with JavaScript off: it replaces the
 * portal page's <noscript> text, so the answers can be read (and found by search engines) without the application.
 * The text is the published, redacted text only.
 */
export function registerNoscript(kind: 'feedback' | 'question', items: readonly TPublicItem[], q: string | undefined): string {
  const title = kind === 'question' ? 'Hỏi đáp về thủ tục hành chính' : 'Phản ánh, kiến nghị đã trả lời';
  const search = `<form method="get"><label>Tìm (không cần dấu) <input type="search" name="q" value="${esc(q ?? '')}"></label> <button type="submit">Tìm</button></form>`;
  const list =
    items.length === 0
      ? '<p>Chưa có nội dung phù hợp.</p>'
      : `<ul>${items
          .map(
            (i) =>
              `<li><h2>${esc(i.subject)}</h2><p>${esc(i.code)} · ${esc(i.unitName)} · công khai ngày ${dateVi(i.publishedAt)}</p><p>${esc(i.content)}</p><p><strong>Trả lời:</strong> ${esc(i.answer)}</p></li>`,
          )
          .join('')}</ul>`;
  // Without JavaScript the application's empty root would take the first screen: hide it.
  return `<style>#root{display:none}</style><main style="max-width:720px;margin:0 auto;padding:12px;font-family:sans-serif"><h1>${title}</h1>${search}${list}<p><a href="/phan-anh">Gửi phản ánh</a> · <a href="/phan-anh/theo-doi">Theo dõi phản ánh</a></p></main>`;
}

/**
 * The register's feeds named in the page's <head> (feed autodiscovery), so a browser or a feed reader finds them
 * without running the application; the portal's RegisterPage keeps the same elements (same ids) when it navigates.
 */
export function registerFeedLinks(kind: 'feedback' | 'question'): string {
  const title = kind === 'question' ? 'Hỏi đáp về thủ tục hành chính' : 'Phản ánh, kiến nghị đã trả lời';
  return `<link id="feed-rss" rel="alternate" type="application/rss+xml" title="${title} (RSS)" href="/api/feedback/public/register.rss?kind=${kind}">` +
    `<link id="feed-atom" rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="/api/feedback/public/register.atom?kind=${kind}">`;
}
