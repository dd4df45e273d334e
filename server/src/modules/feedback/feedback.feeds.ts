import type { TPublicItem } from './feedback.contract.js';

/**
 * Text for XML 1.0 content and attribute values: the five markup characters escaped, and the characters XML 1.0 does
 * not allow at all (control characters other than tab and line breaks, U+FFFE/U+FFFF, a lone surrogate) removed — a
 * feed reader refuses the whole document for one of them.
 */
export function xmlText(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex -- removing the control characters XML 1.0 forbids is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
const esc = xmlText;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/**
 * An instant as an RSS 2.0 date (RFC 822 with a four-digit year, as RSS 2.0 asks) in Vietnam time:
 * "Wed, 25 Nov 2026 09:00:00 +0700". Vietnam keeps +07:00 all year (no summer time).
 */
export function rfc822Vn(at: Date): string {
  const vn = new Date(at.getTime() + 7 * 3_600_000);
  return `${DAYS[vn.getUTCDay()]}, ${two(vn.getUTCDate())} ${MONTHS[vn.getUTCMonth()]} ${vn.getUTCFullYear()} ${two(vn.getUTCHours())}:${two(vn.getUTCMinutes())}:${two(vn.getUTCSeconds())} +0700`;
}

const TITLE = 'Phản ánh, kiến nghị đã trả lời';
const urls = (publicUrl: string) => {
  const base = publicUrl.replace(/\/$/, '');
  return { base, register: `${base}/phan-anh/cong-khai`, item: (code: string) => `${base}/phan-anh/cong-khai?ma=${encodeURIComponent(code)}` };
};
/** The same id in both feeds, so a reader following both sees one item. */
const itemId = (code: string) => `urn:motcua:feedback:${code}`;

/** An Atom 1.0 feed (RFC 4287) of published items; each entry links to the item in the portal's register. */
export function atomFeed(items: TPublicItem[], publicUrl: string, now: Date): string {
  const u = urls(publicUrl);
  const updated = (items[0]?.publishedAt ?? now).toISOString();
  const entries = items
    .map((i) => {
      return `  <entry>
    <id>${esc(itemId(i.code))}</id>
    <title>${esc(i.subject)}</title>
    <link rel="alternate" href="${esc(u.item(i.code))}"/>
    <updated>${i.publishedAt.toISOString()}</updated>
    <published>${i.publishedAt.toISOString()}</published>
    <author><name>${esc(i.unitName)}</name></author>
    <category term="${esc(i.category)}"/>
    <summary type="text">${esc(i.content.slice(0, 500))}</summary>
    <content type="text">${esc(`${i.content}\n\nTrả lời: ${i.answer}`)}</content>
  </entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
  <id>urn:motcua:feedback-register</id>
  <title>${TITLE}</title>
  <link rel="self" href="${esc(`${u.base}/api/feedback/public/register.atom`)}"/>
  <link rel="alternate" href="${esc(u.register)}"/>
  <updated>${updated}</updated>
${entries}
</feed>
`;
}

/**
 * The same items as RSS 2.0 (https://www.rssboard.org/rss-specification): the channel's title, link and description;
 * each item's guid is the Atom entry's id (not a link: isPermaLink="false"), its pubDate the publication in Vietnam
 * time, its dc:creator the answering unit (RSS's own author must be an e-mail address).
 */
export function rssFeed(items: TPublicItem[], publicUrl: string, now: Date): string {
  const u = urls(publicUrl);
  const built = items[0]?.publishedAt ?? now;
  const entries = items
    .map(
      (i) => `    <item>
      <title>${esc(i.subject)}</title>
      <link>${esc(u.item(i.code))}</link>
      <guid isPermaLink="false">${esc(itemId(i.code))}</guid>
      <pubDate>${rfc822Vn(i.publishedAt)}</pubDate>
      <dc:creator>${esc(i.unitName)}</dc:creator>
      <category>${esc(i.category)}</category>
      <description>${esc(`${i.content}\n\nTrả lời: ${i.answer}`)}</description>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${TITLE}</title>
    <link>${esc(u.register)}</link>
    <description>Phản ánh, kiến nghị của người dân, tổ chức đã được cơ quan trả lời và công khai (không kèm thông tin cá nhân).</description>
    <language>vi</language>
    <lastBuildDate>${rfc822Vn(built)}</lastBuildDate>
    <atom:link href="${esc(`${u.base}/api/feedback/public/register.rss`)}" rel="self" type="application/rss+xml"/>
${entries}
  </channel>
</rss>
`;
}
