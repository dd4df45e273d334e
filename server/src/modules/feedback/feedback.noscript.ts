import { escapeHtml as esc } from '../../platform/html.js';
import type { TPublicItem } from './feedback.contract.js';

const dateVi = (d: Date) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);

/**
 * The first page of the public register (or hỏi đáp) as plain HTML, for readers with JavaScript off: it replaces the
 * portal page's <noscript> text, so the answers can be read (and found by search engines) without the application.
 * The text is the published, redacted text only.
 */
export type NoscriptFilters = { q?: string; unitId?: string; procedureId?: string; from?: string; to?: string };
export type NoscriptChoices = { units: readonly { id: string; name: string; depth: number }[]; procedures: readonly { id: string; name: string; ownerName: string }[] };

/**
 * The register's filters as a plain GET form (issue 17: searchable by unit, procedure and period), with the same names
 * as the application's address (q, dv, tt, tu, den), so a filtered address is the same page with or without JavaScript.
 * Without JavaScript the procedure is a list (a browser's select still jumps to the typed letters); dates are the
 * browser's own date inputs (yyyy-MM-dd in the address).
 */
function filterForm(f: NoscriptFilters, c: NoscriptChoices): string {
  const option = (value: string, label: string, selected: boolean) => `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
  const units = c.units.map((u) => option(u.id, `${'\u00a0'.repeat(Math.max(0, u.depth - 1) * 2)}${u.name}`, u.id === f.unitId)).join('');
  const procedures = c.procedures.map((p) => option(p.id, `${p.name} — ${p.ownerName}`, p.id === f.procedureId)).join('');
  const field = (label: string, control: string) => `<p><label>${label}<br>${control}</label></p>`;
  return `<form method="get">` +
    field('Tìm (không cần dấu)', `<input type="search" name="q" value="${esc(f.q ?? '')}">`) +
    field('Cơ quan, đơn vị nhận', `<select name="dv" style="max-width:100%">${option('', 'Tất cả cơ quan, đơn vị', !f.unitId)}${units}</select>`) +
    field('Thủ tục hành chính', `<select name="tt" style="max-width:100%">${option('', 'Tất cả thủ tục', !f.procedureId)}${procedures}</select>`) +
    field('Từ ngày', `<input type="date" name="tu" value="${esc(f.from ?? '')}">`) +
    field('Đến ngày', `<input type="date" name="den" value="${esc(f.to ?? '')}">`) +
    `<button type="submit">Tìm</button></form>`;
}

export function registerNoscript(kind: 'feedback' | 'question', items: readonly TPublicItem[], filters: NoscriptFilters, choices: NoscriptChoices): string {
  const title = kind === 'question' ? 'Hỏi đáp về thủ tục hành chính' : 'Phản ánh, kiến nghị đã trả lời';
  const search = filterForm(filters, choices);
  const list =
    items.length === 0
      ? '<p>Chưa có nội dung phù hợp.</p>'
      : `<ul>${items
          .map(
            (i) =>
              `<li><h2>${esc(i.subject)}</h2><p>${esc(i.code)} · ${esc(i.unitName)}${i.procedureName ? ` · ${esc(i.procedureName)}` : ''} · công khai ngày ${dateVi(i.publishedAt)}</p><p>${esc(i.content)}</p><p><strong>Trả lời:</strong> ${esc(i.answer)}</p></li>`,
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
