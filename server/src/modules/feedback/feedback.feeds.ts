import { atomFeed as writeAtom, rssFeed as writeRss } from '../../platform/feeds.js';
import type { TPublicItem } from './feedback.contract.js';

const TITLE = 'Phản ánh, kiến nghị đã trả lời';
const urls = (publicUrl: string) => {
  const base = publicUrl.replace(/\/$/, '');
  // An item opens in its own page of the portal — the register, or hỏi đáp for a question — filtered to it (?ma=).
  const page = (kind: TPublicItem['kind']) => `${base}${kind === 'question' ? '/hoi-dap' : '/phan-anh/cong-khai'}`;
  return { base, register: page('feedback'), item: (i: TPublicItem) => `${page(i.kind)}?ma=${encodeURIComponent(i.code)}` };
};
/** The same id in both feeds, so a reader following both sees one item. */
const itemId = (code: string) => `urn:motcua:feedback:${code}`;
const fullText = (i: TPublicItem) => `${i.content}\n\nTrả lời: ${i.answer}`;

/** An Atom 1.0 feed of published items; each entry links to the item in the portal's register. */
export function atomFeed(items: TPublicItem[], publicUrl: string, now: Date): string {
  const u = urls(publicUrl);
  return writeAtom(
    { id: 'urn:motcua:feedback-register', title: TITLE, self: `${u.base}/api/feedback/public/register.atom`, alternate: u.register },
    items.map((i) => ({ id: itemId(i.code), title: i.subject, link: u.item(i), updated: i.publishedAt, published: i.publishedAt, author: i.unitName, category: i.category, summary: i.content.slice(0, 500), content: fullText(i) })),
    now,
  );
}

/**
 * The same items as RSS 2.0: each item's guid is the Atom entry's id (not a link: isPermaLink="false"), its
 * dc:creator the answering unit.
 */
export function rssFeed(items: TPublicItem[], publicUrl: string, now: Date): string {
  const u = urls(publicUrl);
  return writeRss(
    {
      title: TITLE,
      link: u.register,
      description: 'Phản ánh, kiến nghị của người dân, tổ chức đã được cơ quan trả lời và công khai (không kèm thông tin cá nhân).',
      self: `${u.base}/api/feedback/public/register.rss`,
    },
    items.map((i) => ({ title: i.subject, link: u.item(i), guid: itemId(i.code), isPermaLink: false, pubDate: i.publishedAt, creator: i.unitName, category: i.category, description: fullText(i) })),
    now,
  );
}
