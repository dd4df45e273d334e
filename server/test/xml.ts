import { execFileSync } from 'node:child_process';

/**
 * An RSS 2.0 document read by a strict XML parser of its own (Python's xml.etree: a document that is not well-formed
 * throws), each date read back by an RFC 822 parser (email.utils) into an ISO instant: what a feed reader would get.
 */
export type ParsedRss = {
  version: string | null;
  channel: Record<string, string | null> & { self: string | null };
  items: { title: string | null; link: string | null; guid: string | null; isPermaLink: string | null; pubDate: string | null; pubDateIso: string | null; category: string | null; creator: string | null; description: string | null }[];
};

const SCRIPT = `
import sys, json, xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
root = ET.fromstring(sys.stdin.buffer.read())
A = '{http://www.w3.org/2005/Atom}'
DC = '{http://purl.org/dc/elements/1.1/}'
ch = root.find('channel')
def text(e, tag):
    x = e.find(tag)
    return None if x is None else (x.text or '')
def iso(s):
    return None if s is None else parsedate_to_datetime(s).isoformat()
self = ch.find(A + 'link')
out = {
  'version': root.get('version') if root.tag == 'rss' else None,
  'channel': {k: text(ch, k) for k in ['title', 'link', 'description', 'language', 'lastBuildDate']},
  'items': [],
}
out['channel']['self'] = None if self is None else self.get('href')
out['channel']['lastBuildDateIso'] = iso(out['channel']['lastBuildDate'])
for it in ch.findall('item'):
    g = it.find('guid')
    out['items'].append({
      'title': text(it, 'title'), 'link': text(it, 'link'), 'guid': text(it, 'guid'), 'isPermaLink': None if g is None else g.get('isPermaLink'),
      'pubDate': text(it, 'pubDate'), 'pubDateIso': iso(text(it, 'pubDate')), 'category': text(it, 'category'),
      'creator': text(it, DC + 'creator'), 'description': text(it, 'description'),
    })
print(json.dumps(out, ensure_ascii=False))
`;

export function parseRss(xml: string): ParsedRss {
  return JSON.parse(execFileSync('python3', ['-c', SCRIPT], { input: Buffer.from(xml, 'utf8'), encoding: 'utf8' })) as ParsedRss;
}

/** An Atom 1.0 document read by the same strict parser: the feed's and each entry's fields, and `updated` as an instant. */
export type ParsedAtom = {
  feed: { id: string | null; title: string | null; updated: string | null; self: string | null; alternate: string | null; author: string | null };
  entries: { id: string | null; title: string | null; link: string | null; updated: string | null; published: string | null; author: string | null; category: string | null; summary: string | null; content: string | null }[];
};

const ATOM_SCRIPT = `
import sys, json, xml.etree.ElementTree as ET
from datetime import datetime
root = ET.fromstring(sys.stdin.buffer.read())
A = '{http://www.w3.org/2005/Atom}'
assert root.tag == A + 'feed', root.tag
def text(e, tag):
    x = e.find(A + tag)
    return None if x is None else (x.text or '')
def instant(s):
    return None if s is None else datetime.fromisoformat(s.replace('Z', '+00:00')).isoformat()
def link(e, rel):
    for l in e.findall(A + 'link'):
        if l.get('rel', 'alternate') == rel:
            return l.get('href')
    return None
def author(e):
    a = e.find(A + 'author')
    return None if a is None else text(a, 'name')
out = {'feed': {'id': text(root, 'id'), 'title': text(root, 'title'), 'updated': instant(text(root, 'updated')), 'self': link(root, 'self'), 'alternate': link(root, 'alternate'), 'author': author(root)}, 'entries': []}
for e in root.findall(A + 'entry'):
    c = e.find(A + 'category')
    out['entries'].append({'id': text(e, 'id'), 'title': text(e, 'title'), 'link': link(e, 'alternate'), 'updated': instant(text(e, 'updated')), 'published': instant(text(e, 'published')),
      'author': author(e), 'category': None if c is None else c.get('term'), 'summary': text(e, 'summary'), 'content': text(e, 'content')})
print(json.dumps(out, ensure_ascii=False))
`;

export function parseAtom(xml: string): ParsedAtom {
  return JSON.parse(execFileSync('python3', ['-c', ATOM_SCRIPT], { input: Buffer.from(xml, 'utf8'), encoding: 'utf8' })) as ParsedAtom;
}
