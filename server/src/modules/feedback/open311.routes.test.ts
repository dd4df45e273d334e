import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type TestApp } from '../../../test/app.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';
import { buildStaff } from '../../../test/factories.js';

// A third-party client speaking GeoReport v2 over real HTTP, with the requests of the spec's examples
// (http://wiki.open311.org/GeoReport_v2), adapted to a Vietnamese jurisdiction.
let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
let base: string;
let apiKey: string;
const now = new Date('2026-11-25T02:00:00Z'); // Wed 25/11/2026 09:00, Vietnam

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  s = await seedDesk(t.app, t.ctx.db);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/open311/v2`;
  const res = await injectAs(t.app, s.admin, { method: 'POST', url: '/api/feedback/open311-clients', payload: { name: 'Ứng dụng Phố Xanh', unitId: s.tree.communeA.id } });
  apiKey = res.json().apiKey;
});
afterAll(() => t.close());

const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const example = () => ({
  jurisdiction_id: s.tree.communeA.code,
  service_code: 'ha-tang',
  lat: '10.29123',
  long: '105.75678',
  address_string: 'Số 12 đường Lê Lợi',
  email: 'smith@example.vn',
  device_id: 'tt222111',
  account_id: '123456',
  first_name: 'John',
  last_name: 'Smith',
  phone: '0912345678',
  description: 'Ổ gà lớn đang phá hỏng mặt đường Lê Lợi',
  media_url: 'http://www.example.vn/media/12345.jpg',
});

describe('Open311 GeoReport v2', () => {
  it('GET services.json and services.xml list the categories', async () => {
    const json = await fetch(`${base}/services.json`);
    expect(json.status).toBe(200);
    const list = (await json.json()) as { service_code: string; metadata: boolean; type: string; service_name: string }[];
    expect(list.find((x) => x.service_code === 'ha-tang')).toEqual(expect.objectContaining({ metadata: false, type: 'batch', service_name: 'Hạ tầng, giao thông, đô thị' }));
    const xml = await (await fetch(`${base}/services.xml`)).text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>tthc<\/service_code>/);
  });

  it('POST without or with a wrong api_key is refused in the spec error form; nothing is stored', async () => {
    const { api_key: _none, ...noKey } = { ...example(), api_key: '' };
    const res = await fetch(`${base}/requests.json`, form(noKey));
    expect(res.status).toBe(403);
    const errors = (await res.json()) as { code: number; description: string }[];
    expect(errors).toEqual([{ code: 403, description: 'Cần khóa API hợp lệ để gửi phản ánh.' }]);
    const xml = await fetch(`${base}/requests.xml`, form({ ...example(), api_key: 'o311_wrong' }));
    expect(xml.status).toBe(403);
    expect(await xml.text()).toContain('<errors><error><code>403</code><description>');
    expect((await t.ctx.db.query(`SELECT count(*)::int AS n FROM feedback`)).rows[0].n).toBe(0);
  });

  it('POST with a key files the request and GET returns it with the legal deadline as expected_datetime', async () => {
    const bad = await fetch(`${base}/requests.json`, form({ ...example(), api_key: apiKey, service_code: 'khong-co' }));
    expect(bad.status).toBe(400);
    const outside = await fetch(`${base}/requests.json`, form({ ...example(), api_key: apiKey, jurisdiction_id: s.tree.communeB.code }));
    expect(outside.status).toBe(422);
    const res = await fetch(`${base}/requests.json`, form({ ...example(), api_key: apiKey }));
    expect(res.status).toBe(201);
    const [created] = (await res.json()) as { service_request_id: string; service_notice: string; account_id: null }[];
    expect(created!.service_request_id).toMatch(/^PAKN-2026-/);
    expect(created!.account_id).toBeNull();
    expect(created!.service_notice).toContain('hạn trả lời 2026-12-16');
    // Without a key a third-party client follows an unpublished item too, but sees nothing personal (walk 17 finding 4):
    // number, status, service, agency, times and the legal deadline it waits on (classification: 2 working days).
    const open = (await (await fetch(`${base}/requests/${created!.service_request_id}.json`)).json()) as Record<string, unknown>[];
    expect(open).toEqual([
      {
        service_request_id: created!.service_request_id,
        status: 'open',
        status_notes: 'Mới tiếp nhận, chờ phân loại',
        service_name: 'Hạ tầng, giao thông, đô thị',
        service_code: 'ha-tang',
        description: null,
        agency_responsible: s.tree.communeA.name,
        service_notice: null,
        requested_datetime: '2026-11-25T09:00:00+07:00',
        updated_datetime: '2026-11-25T09:00:00+07:00',
        expected_datetime: '2026-11-27T09:00:00+07:00',
        address: null,
        address_id: null,
        zipcode: null,
        lat: null,
        long: null,
        media_url: null,
      },
    ]);
    const openXml = await (await fetch(`${base}/requests/${created!.service_request_id}.xml`)).text();
    expect(openXml).toContain(`<service_request_id>${created!.service_request_id}</service_request_id><status>open</status>`);
    expect(openXml).toContain('<expected_datetime>2026-11-27T09:00:00+07:00</expected_datetime>');
    for (const leaked of ['Lê Lợi', 'Ổ gà', '10.29', 'Smith', '0912345678', 'example.vn']) {
      expect(openXml).not.toContain(leaked);
      expect(JSON.stringify(open)).not.toContain(leaked);
    }
    const anonList = (await (await fetch(`${base}/requests.json?status=open`)).json()) as Record<string, unknown>[];
    expect(anonList.map((r) => [r.service_request_id, r.description, r.expected_datetime])).toEqual([[created!.service_request_id, null, '2026-11-27T09:00:00+07:00']]);
    expect(await (await fetch(`${base}/requests.json?status=closed`)).json()).toEqual([]);
    expect(await (await fetch(`${base}/requests.xml?status=open`)).text()).toContain(`<service_request_id>${created!.service_request_id}</service_request_id>`);
    expect((await fetch(`${base}/requests.json?api_key=o311_wrong`)).status).toBe(403);
    const k = `api_key=${encodeURIComponent(apiKey)}`;
    const one = (await (await fetch(`${base}/requests/${created!.service_request_id}.json?${k}`)).json()) as Record<string, unknown>[];
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({
      service_request_id: created!.service_request_id,
      status: 'open',
      service_code: 'ha-tang',
      agency_responsible: s.tree.communeA.name,
      requested_datetime: '2026-11-25T09:00:00+07:00',
      expected_datetime: '2026-11-27T09:00:00+07:00',
      // Nothing the sender wrote is public before the answer is published.
      description: null,
      lat: null,
    });
    const row = (await t.ctx.db.query(`SELECT channel, sender_name, sender_email, latitude, category FROM feedback WHERE code = $1`, [created!.service_request_id])).rows[0];
    // last_name is the family name: written first, as a Vietnamese name is.
    expect(row).toEqual({ channel: 'open311', sender_name: 'Smith John', sender_email: 'smith@example.vn', latitude: 10.29123, category: 'ha-tang' });
    const xml = await (await fetch(`${base}/requests/${created!.service_request_id}.xml?${k}`)).text();
    expect(xml).toContain(`<service_requests><request><service_request_id>${created!.service_request_id}</service_request_id><status>open</status>`);
    const list = (await (await fetch(`${base}/requests.json?service_code=ha-tang&status=open&${k}`)).json()) as { service_request_id: string }[];
    expect(list.map((r) => r.service_request_id)).toEqual([created!.service_request_id]);
    expect(await (await fetch(`${base}/requests.json?status=closed&${k}`)).json()).toEqual([]);
    expect((await fetch(`${base}/requests/PAKN-2026-KHONG-00001.json`)).status).toBe(404);
    expect(((await (await fetch(`${base}/requests.json?status=open,closed&${k}`)).json()) as unknown[]).length).toBe(1);
  });

  it('GET requests with a filter it cannot read answers 400 in the spec error form, not everything', async () => {
    for (const qs of ['start_date=garbage', 'end_date=2026-13-45', 'status=zzz', 'status=open,zzz', 'service_code=khong-co', 'start_date=2026-12-01T00:00:00Z&end_date=2026-11-01T00:00:00Z']) {
      const res = await fetch(`${base}/requests.json?${qs}`);
      expect(res.status, qs).toBe(400);
      const body = (await res.json()) as { code: number; description: string }[];
      expect(body).toEqual([{ code: 400, description: expect.stringContaining('Tham số lọc không hợp lệ') }]);
    }
    const xml = await fetch(`${base}/requests.xml?start_date=garbage&status=zzz`);
    expect(xml.status).toBe(400);
    expect(await xml.text()).toContain('start_date, status');
  });

  it('POST checks the key before the body: without a key or with a wrong one a request missing its description is 403, not 400', async () => {
    const { description: _d, ...noDescription } = example();
    for (const key of ['', 'o311_wrong']) {
      const res = await fetch(`${base}/requests.json`, form({ ...noDescription, api_key: key }));
      expect(res.status).toBe(403);
      expect((await res.json()) as unknown).toEqual([{ code: 403, description: 'Cần khóa API hợp lệ để gửi phản ánh.' }]);
    }
    const withKey = await fetch(`${base}/requests.json`, form({ ...noDescription, api_key: apiKey }));
    expect(withKey.status).toBe(400);
  });

  it('POST stores first_name + last_name family name first, and a request without a name as the client app, named once', async () => {
    const named = await fetch(`${base}/requests.json`, form({ ...example(), api_key: apiKey, first_name: 'Minh', last_name: 'Tran', description: 'Đèn đường hẻm 5 bị hỏng ba ngày nay' }));
    expect(named.status).toBe(201);
    const [a] = (await named.json()) as { service_request_id: string }[];
    expect((await t.ctx.db.query(`SELECT sender_name FROM feedback WHERE code = $1`, [a!.service_request_id])).rows[0].sender_name).toBe('Tran Minh');
    const { first_name: _f, last_name: _l, email: _e, phone: _p, ...anonymous } = example();
    const app = await fetch(`${base}/requests.json`, form({ ...anonymous, api_key: apiKey, description: 'Cây đổ chắn ngang đường Nguyễn Huệ' }));
    expect(app.status).toBe(201);
    const [b] = (await app.json()) as { service_request_id: string }[];
    // The client is registered as "Ứng dụng Phố Xanh": not "Ứng dụng Ứng dụng Phố Xanh".
    expect((await t.ctx.db.query(`SELECT sender_name FROM feedback WHERE code = $1`, [b!.service_request_id])).rows[0].sender_name).toBe('Ứng dụng Phố Xanh');
  });

  it('POST with a phone that is not a Vietnamese number is refused; a valid one is stored in its national form', async () => {
    const bad = await fetch(`${base}/requests.json`, form({ ...example(), api_key: apiKey, phone: 'abcdefghij' }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { description: string }[])[0]!.description).toContain('Số điện thoại không hợp lệ');
    const ok = await fetch(`${base}/requests.json`, form({ ...example(), api_key: apiKey, phone: '+84 912.345.679' }));
    expect(ok.status).toBe(201);
    const [created] = (await ok.json()) as { service_request_id: string }[];
    expect((await t.ctx.db.query(`SELECT sender_phone FROM feedback WHERE code = $1`, [created!.service_request_id])).rows[0].sender_phone).toBe('0912345679');
  });

  it('once answered and published, the request is closed with the public answer and its text, without personal data', async () => {
    await buildStaff(t.ctx.db, 'cv.a', [{ role: 'specialist', unit: s.tree.communeA }]);
    const cv = await login(t.app, 'cv.a');
    const code = (await t.ctx.db.query(`SELECT id, code FROM feedback WHERE channel = 'open311'`)).rows[0];
    await injectAs(t.app, s.leader, { method: 'POST', url: `/api/feedback/${code.id}/classify`, payload: { classification: 'within_competence' } });
    await injectAs(t.app, cv, { method: 'POST', url: `/api/feedback/${code.id}/draft`, payload: { text: 'Đã vá ổ gà ngày 26/11/2026. Cảm ơn ông Smith John.' } });
    await injectAs(t.app, s.leader, { method: 'POST', url: `/api/feedback/${code.id}/approve` });
    const pub = await injectAs(t.app, cv, { method: 'POST', url: `/api/feedback/${code.id}/publish` });
    expect(pub.json().status, pub.body).toBe('published');
    const [r] = (await (await fetch(`${base}/requests/${code.code}.json`)).json()) as Record<string, unknown>[];
    expect(r).toMatchObject({ status: 'closed', description: 'Ổ gà lớn đang phá hỏng mặt đường Lê Lợi\n\nẢnh: http://www.example.vn/media/12345.jpg', lat: 10.29123, long: 105.75678 });
    // The deadline that applied: the answer's (15 working days from receipt on 25/11/2026).
    expect(r!.expected_datetime).toBe('2026-12-16T09:00:00+07:00');
    expect(r!.status_notes).toBe('Đã vá ổ gà ngày 26/11/2026. Cảm ơn ông [đã ẩn].');
  });
});
