import type { TPublicItem } from './feedback.contract.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An Atom 1.0 feed (RFC 4287) of published items; each entry links to the item in the portal's register. */
export function atomFeed(items: TPublicItem[], publicUrl: string, now: Date): string {
  const base = publicUrl.replace(/\/$/, '');
  const updated = (items[0]?.publishedAt ?? now).toISOString();
  const entries = items
    .map((i) => {
      const link = `${base}/phan-anh/cong-khai?ma=${encodeURIComponent(i.code)}`;
      return `  <entry>
    <id>urn:motcua:feedback:${esc(i.code)}</id>
    <title>${esc(i.subject)}</title>
    <link rel="alternate" href="${esc(link)}"/>
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
  <title>Phản ánh, kiến nghị đã trả lời</title>
  <link rel="self" href="${esc(`${base}/api/feedback/public/register.atom`)}"/>
  <link rel="alternate" href="${esc(`${base}/phan-anh/cong-khai`)}"/>
  <updated>${updated}</updated>
${entries}
</feed>
`;
}
