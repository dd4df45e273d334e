/**
 * The one feed writer: RSS 2.0 (https://www.rssboard.org/rss-specification) and Atom 1.0 (RFC 4287), for the
 * information portal's sites and the public feedback register alike, with one XML text escaper and one date form.
 */

/**
 * Text for XML 1.0 content and attribute values: the five markup characters escaped, and the characters XML 1.0 does
 * not allow at all (control characters other than tab and line breaks, U+FFFE/U+FFFF, a lone surrogate) removed — a
 * feed reader refuses the whole document for one of them. Every XML this server writes by hand escapes with it.
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

/**
 * An instant as an RSS 2.0 date: RFC 822 (with the four-digit year RSS 2.0 asks for) in GMT, "Wed, 25 Nov 2026
 * 02:00:00 GMT" — Date's own UTC form, which is exactly that (ECMA-262 Date.prototype.toUTCString, the RFC 7231 form).
 */
export function rfc822(at: Date): string {
  return at.toUTCString();
}

export type RssChannel = { title: string; link: string; description: string; self: string; language?: string };
export type RssItem = {
  title: string;
  link: string;
  /** A permanent id; `isPermaLink` says whether it is also the item's address. */
  guid: string;
  isPermaLink: boolean;
  pubDate: Date;
  description: string;
  category?: string | null;
  /** Dublin Core creator: RSS's own <author> must be an e-mail address. */
  creator?: string | null;
};

/** An RSS 2.0 channel; its lastBuildDate is the newest item's date, or `now` for an empty channel. */
export function rssFeed(channel: RssChannel, items: readonly RssItem[], now: Date): string {
  const built = items.reduce((at, i) => (i.pubDate > at ? i.pubDate : at), items[0]?.pubDate ?? now);
  const optional = (tag: string, v: string | null | undefined) => (v ? `\n      <${tag}>${xmlText(v)}</${tag}>` : '');
  const entries = items.map(
    (i) => `    <item>
      <title>${xmlText(i.title)}</title>
      <link>${xmlText(i.link)}</link>
      <guid isPermaLink="${i.isPermaLink}">${xmlText(i.guid)}</guid>
      <pubDate>${rfc822(i.pubDate)}</pubDate>${optional('dc:creator', i.creator)}${optional('category', i.category)}
      <description>${xmlText(i.description)}</description>
    </item>
`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${xmlText(channel.title)}</title>
    <link>${xmlText(channel.link)}</link>
    <description>${xmlText(channel.description)}</description>
    <language>${xmlText(channel.language ?? 'vi')}</language>
    <lastBuildDate>${rfc822(built)}</lastBuildDate>
    <atom:link href="${xmlText(channel.self)}" rel="self" type="application/rss+xml"/>
${entries.join('')}  </channel>
</rss>
`;
}

export type AtomFeed = { id: string; title: string; self: string; alternate: string; author?: string };
export type AtomEntry = {
  id: string;
  title: string;
  link: string;
  updated: Date;
  published?: Date;
  author?: string | null;
  category?: string | null;
  summary?: string | null;
  content?: string | null;
};

/** An Atom 1.0 feed (RFC 4287, dates RFC 3339 in UTC); updated is the newest entry's, or `now` for an empty feed. */
export function atomFeed(feed: AtomFeed, entries: readonly AtomEntry[], now: Date): string {
  const updated = entries.reduce((at, e) => (e.updated > at ? e.updated : at), entries[0]?.updated ?? now);
  const author = (name: string | null | undefined, indent: string) => (name ? `\n${indent}<author><name>${xmlText(name)}</name></author>` : '');
  const body = entries.map(
    (e) => `  <entry>
    <id>${xmlText(e.id)}</id>
    <title>${xmlText(e.title)}</title>
    <link rel="alternate" href="${xmlText(e.link)}"/>
    <updated>${e.updated.toISOString()}</updated>${e.published ? `\n    <published>${e.published.toISOString()}</published>` : ''}${author(e.author, '    ')}${
      e.category ? `\n    <category term="${xmlText(e.category)}"/>` : ''
    }${e.summary ? `\n    <summary type="text">${xmlText(e.summary)}</summary>` : ''}${e.content ? `\n    <content type="text">${xmlText(e.content)}</content>` : ''}
  </entry>
`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
  <id>${xmlText(feed.id)}</id>
  <title>${xmlText(feed.title)}</title>
  <link rel="self" href="${xmlText(feed.self)}"/>
  <link rel="alternate" href="${xmlText(feed.alternate)}"/>
  <updated>${updated.toISOString()}</updated>${author(feed.author, '  ')}
${body.join('')}</feed>
`;
}
