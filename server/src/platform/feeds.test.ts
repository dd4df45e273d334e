import { describe, expect, it } from 'vitest';
import { parseAtom, parseRss } from '../../test/xml.js';
import { atomFeed, rfc822, rssFeed, xmlText } from './feeds.js';

/** The one feed writer (the portal's sites and the feedback register), read back by a strict XML parser (Python's). */
const TRICKY = 'Cống & rãnh <tắc> ở "hẻm 12" > 3 ngày, ]]> \'x\'\u0007\u000B\uFFFE\uD800 ✓';
const CLEAN = 'Cống & rãnh <tắc> ở "hẻm 12" > 3 ngày, ]]> \'x\' ✓';

describe('xmlText and rfc822', () => {
  it('escapes the five markup characters and removes what XML 1.0 forbids', () => {
    expect(xmlText('a & b < c > d "e" \'f\'')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;');
    expect(xmlText('tab\tok\u0001\u000Bgone\uFFFE\uD800 ✓ Hòa 😀')).toBe('tab\tokgone ✓ Hòa 😀');
  });

  it('dates are RFC 822 in GMT with a four-digit year, whatever the Vietnam date (a day and a year boundary)', () => {
    expect(rfc822(new Date('2026-11-25T02:00:00Z'))).toBe('Wed, 25 Nov 2026 02:00:00 GMT');
    // 00:30 on 1 January 2027 in Vietnam is still 31 December 2026 in GMT.
    expect(rfc822(new Date('2026-12-31T17:30:05Z'))).toBe('Thu, 31 Dec 2026 17:30:05 GMT');
    expect(rfc822(new Date('2028-02-29T23:59:59Z'))).toBe('Tue, 29 Feb 2028 23:59:59 GMT');
  });
});

describe('rssFeed and atomFeed', () => {
  const items = [
    { title: TRICKY, link: 'https://dvc.example.vn/a?x=1&y=2', guid: 'urn:x:1', isPermaLink: false, pubDate: new Date('2026-12-31T17:30:05Z'), description: `${TRICKY}\n\nDòng hai.`, category: 'Tin & sự kiện', creator: 'UBND xã Hòa <Bình>' },
    { title: 'Bài cũ', link: 'https://dvc.example.vn/b', guid: 'https://dvc.example.vn/b', isPermaLink: true, pubDate: new Date('2026-11-01T00:00:00Z'), description: 'Tóm tắt.' },
  ];

  it('RSS 2.0: every text read back as written, each pubDate the same instant, the newest as lastBuildDate', () => {
    const rss = parseRss(rssFeed({ title: 'Trang & tin', link: 'https://dvc.example.vn/trang/a', description: 'Mô tả <b>', self: 'https://dvc.example.vn/trang/a/rss.xml' }, items, new Date('2027-01-05T00:00:00Z')));
    expect(rss.version).toBe('2.0');
    expect(rss.channel).toEqual({
      title: 'Trang & tin',
      link: 'https://dvc.example.vn/trang/a',
      description: 'Mô tả <b>',
      language: 'vi',
      lastBuildDate: 'Thu, 31 Dec 2026 17:30:05 GMT',
      lastBuildDateIso: '2026-12-31T17:30:05+00:00',
      self: 'https://dvc.example.vn/trang/a/rss.xml',
    });
    expect(rss.items).toEqual([
      { title: CLEAN, link: 'https://dvc.example.vn/a?x=1&y=2', guid: 'urn:x:1', isPermaLink: 'false', pubDate: 'Thu, 31 Dec 2026 17:30:05 GMT', pubDateIso: '2026-12-31T17:30:05+00:00', category: 'Tin & sự kiện', creator: 'UBND xã Hòa <Bình>', description: `${CLEAN}\n\nDòng hai.` },
      { title: 'Bài cũ', link: 'https://dvc.example.vn/b', guid: 'https://dvc.example.vn/b', isPermaLink: 'true', pubDate: 'Sun, 01 Nov 2026 00:00:00 GMT', pubDateIso: '2026-11-01T00:00:00+00:00', category: null, creator: null, description: 'Tóm tắt.' },
    ]);
    // An empty channel is still a valid document, built at the clock time.
    expect(parseRss(rssFeed({ title: 't', link: 'l', description: 'd', self: 's' }, [], new Date('2026-12-01T00:00:00Z'))).channel.lastBuildDate).toBe('Tue, 01 Dec 2026 00:00:00 GMT');
  });

  it('Atom 1.0: the same texts and instants', () => {
    const atom = parseAtom(
      atomFeed(
        { id: 'urn:feed', title: 'Trang & tin', self: 'https://dvc.example.vn/atom.xml?a=1&b=2', alternate: 'https://dvc.example.vn/', author: 'UBND <xã>' },
        items.map((i) => ({ id: i.guid, title: i.title, link: i.link, updated: i.pubDate, published: i.pubDate, author: i.creator ?? null, category: i.category ?? null, summary: i.description })),
        new Date('2027-01-05T00:00:00Z'),
      ),
    );
    expect(atom.feed).toEqual({ id: 'urn:feed', title: 'Trang & tin', updated: '2026-12-31T17:30:05+00:00', self: 'https://dvc.example.vn/atom.xml?a=1&b=2', alternate: 'https://dvc.example.vn/', author: 'UBND <xã>' });
    expect(atom.entries).toEqual([
      { id: 'urn:x:1', title: CLEAN, link: 'https://dvc.example.vn/a?x=1&y=2', updated: '2026-12-31T17:30:05+00:00', published: '2026-12-31T17:30:05+00:00', author: 'UBND xã Hòa <Bình>', category: 'Tin & sự kiện', summary: `${CLEAN}\n\nDòng hai.`, content: null },
      { id: 'https://dvc.example.vn/b', title: 'Bài cũ', link: 'https://dvc.example.vn/b', updated: '2026-11-01T00:00:00+00:00', published: '2026-11-01T00:00:00+00:00', author: null, category: null, summary: 'Tóm tắt.', content: null },
    ]);
    expect(parseAtom(atomFeed({ id: 'i', title: 't', self: 's', alternate: 'a' }, [], new Date('2026-12-01T00:00:00Z'))).feed.updated).toBe('2026-12-01T00:00:00+00:00');
  });
});
