import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';
import { parseAtom, parseRss } from '../../../test/xml.js';
import type { TPublicItem } from './feedback.contract.js';
import { atomFeed, rssFeed } from './feedback.feeds.js';

const item = (over: Partial<TPublicItem>): TPublicItem => ({
  code: 'PAKN-2026-X-00001',
  kind: 'feedback',
  category: 'ha-tang',
  unitName: 'UBND phường An Thử',
  procedureName: null,
  subject: 'Đèn đường hỏng',
  content: 'Đèn đường hỏng nhiều ngày.',
  answer: 'Đã sửa.',
  senderName: null,
  receivedAt: new Date('2026-11-01T01:00:00Z'),
  answeredAt: new Date('2026-11-20T01:00:00Z'),
  publishedAt: new Date('2026-11-21T01:00:00Z'),
  ...over,
});

describe('the register as RSS 2.0 (pure)', () => {
  it('escapes markup and drops what XML forbids, dates in GMT; a strict parser reads back the same text and instants', () => {
    const tricky = item({
      code: 'PAKN-2026-X-00002',
      subject: 'Cống & rãnh <tắc> ở "hẻm 12" > 3 ngày',
      content: 'Người dân phản ánh: nước tràn vào nhà </description><script>x</script> & ]]> ngập\u0007 sâu.',
      answer: 'Ủy ban đã nạo vét; chi phí < 5 triệu đồng & xong trong 2 ngày.',
      category: 'môi-trường & đô thị',
      unitName: 'UBND xã Hòa <Bình>',
      publishedAt: new Date('2026-11-24T17:15:00Z'),
    });
    const older = item({});
    const xml = rssFeed([tricky, older], 'https://dichvucong.example.vn/', new Date('2026-12-01T00:00:00Z'));
    const rss = parseRss(xml);
    expect(rss.version).toBe('2.0');
    expect(rss.channel).toEqual({
      title: 'Phản ánh, kiến nghị đã trả lời',
      link: 'https://dichvucong.example.vn/phan-anh/cong-khai',
      description: 'Phản ánh, kiến nghị của người dân, tổ chức đã được cơ quan trả lời và công khai (không kèm thông tin cá nhân).',
      language: 'vi',
      lastBuildDate: 'Tue, 24 Nov 2026 17:15:00 GMT',
      lastBuildDateIso: '2026-11-24T17:15:00+00:00',
      self: 'https://dichvucong.example.vn/api/feedback/public/register.rss',
    });
    expect(rss.items).toEqual([
      {
        title: 'Cống & rãnh <tắc> ở "hẻm 12" > 3 ngày',
        link: 'https://dichvucong.example.vn/phan-anh/cong-khai?ma=PAKN-2026-X-00002',
        guid: 'urn:motcua:feedback:PAKN-2026-X-00002',
        isPermaLink: 'false',
        pubDate: 'Tue, 24 Nov 2026 17:15:00 GMT',
        pubDateIso: '2026-11-24T17:15:00+00:00',
        category: 'môi-trường & đô thị',
        creator: 'UBND xã Hòa <Bình>',
        description: 'Người dân phản ánh: nước tràn vào nhà </description><script>x</script> & ]]> ngập sâu.\n\nTrả lời: Ủy ban đã nạo vét; chi phí < 5 triệu đồng & xong trong 2 ngày.',
      },
      expect.objectContaining({ guid: 'urn:motcua:feedback:PAKN-2026-X-00001', pubDate: 'Sat, 21 Nov 2026 01:00:00 GMT', title: 'Đèn đường hỏng' }),
    ]);
    // The Atom feed of the same items names them with the same ids.
    const atom = parseAtom(atomFeed([tricky], 'https://dichvucong.example.vn', new Date()));
    expect(atom.entries.map((e) => [e.id, e.title, e.updated])).toEqual([['urn:motcua:feedback:PAKN-2026-X-00002', 'Cống & rãnh <tắc> ở "hẻm 12" > 3 ngày', '2026-11-24T17:15:00+00:00']]);
  });

  it('a question links to hỏi đáp, an item of feedback to the register', () => {
    const rss = parseRss(rssFeed([item({ code: 'PAKN-2026-X-00003', kind: 'question' }), item({})], 'https://dvc.example.vn', new Date('2026-12-01T00:00:00Z')));
    expect(rss.items.map((i) => i.link)).toEqual(['https://dvc.example.vn/hoi-dap?ma=PAKN-2026-X-00003', 'https://dvc.example.vn/phan-anh/cong-khai?ma=PAKN-2026-X-00001']);
  });

  it('an empty register is still a valid channel, built at the clock time', () => {
    const rss = parseRss(rssFeed([], 'https://dvc.example.vn', new Date('2026-12-01T00:00:00Z')));
    expect(rss.items).toEqual([]);
    expect(rss.channel.lastBuildDate).toBe('Tue, 01 Dec 2026 00:00:00 GMT');
  });
});

describe('GET /api/feedback/public/register.rss', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof seedDesk>>;
  const now = new Date('2026-11-25T02:00:00Z');
  beforeAll(async () => {
    t = await buildTestApp({ clock: { now: () => now } });
    s = await seedDesk(t.app, t.ctx.db);
  });
  afterAll(() => t?.close());

  it('carries the same published items as the Atom feed, filtered the same way, and nothing unpublished', async () => {
    const send = async (subject: string) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/feedback/public', payload: { unitId: s.tree.deskA.id, subject, content: `${subject}: nội dung phản ánh.`, sender: { name: 'Trần Thị Hoa', address: 'Số 9 đường Lê Lợi', phone: '0987654321' } } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().code as string;
    };
    const published = await send('Đèn đường & vỉa hè <hỏng>');
    const other = await send('Cây xanh gãy đổ');
    const hidden = await send('Rác thải chưa thu gom');
    const at = new Date('2026-11-24T03:30:00Z');
    for (const [code, minutes] of [[published, 0], [other, -60]] as const) {
      await t.ctx.db.query(
        `UPDATE feedback SET status = 'published', published_at = $2, answered_at = $2, public_subject = subject, public_content = content, public_answer = 'Đã xử lý & hoàn thành.' WHERE code = $1`,
        [code, new Date(at.getTime() + minutes * 60_000)],
      );
    }
    const res = await t.app.inject({ method: 'GET', url: '/api/feedback/public/register.rss' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const rss = parseRss(res.body);
    expect(rss.items.map((i) => i.guid)).toEqual([`urn:motcua:feedback:${published}`, `urn:motcua:feedback:${other}`]);
    expect(rss.items[0]).toMatchObject({ title: 'Đèn đường & vỉa hè <hỏng>', pubDate: 'Tue, 24 Nov 2026 03:30:00 GMT', isPermaLink: 'false', description: 'Đèn đường & vỉa hè <hỏng>: nội dung phản ánh.\n\nTrả lời: Đã xử lý & hoàn thành.' });
    expect(res.body).not.toContain(hidden);
    expect(res.body).not.toContain('0987654321');
    const atom = (await t.app.inject({ method: 'GET', url: '/api/feedback/public/register.atom' })).body;
    expect([...atom.matchAll(/<id>(urn:motcua:feedback:[^<]+)<\/id>/g)].map((m) => m[1])).toEqual(rss.items.map((i) => i.guid));
    // Each item's link opens that item alone: the register's page asks the API for its number (?ma= → code).
    const link = new URL(rss.items[0]!.link!);
    expect(`${link.pathname}${link.search}`).toBe(`/phan-anh/cong-khai?ma=${published}`);
    const one = await t.app.inject({ method: 'GET', url: `/api/feedback/public/register?code=${link.searchParams.get('ma')!}` });
    expect(one.json().items.map((i: { code: string }) => i.code)).toEqual([published]);
    // The register's filters apply: words without accents.
    expect(parseRss((await t.app.inject({ method: 'GET', url: '/api/feedback/public/register.rss?q=cay%20xanh' })).body).items.map((i) => i.guid)).toEqual([`urn:motcua:feedback:${other}`]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/feedback/public/register.rss?limit=abc' });
    expect(bad.statusCode).toBe(400);
  });
});
