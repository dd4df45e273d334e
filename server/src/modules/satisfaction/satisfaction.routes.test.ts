import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, type TestApp } from '../../../test/app.js';
import { APPLICANT, seedDesk } from '../../../test/dossier-fixtures.js';
import { registerCitizen } from '../../../test/citizens.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
let now = new Date('2026-11-25T02:00:00Z');

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  s = await seedDesk(t.app, t.ctx.db);
});
afterAll(() => t.close());

const scores = { i1: 2, i2: 2, i3: 1, i4: 2, i5: 1, i6: 2, i7: 2, i8: 2, i9: 0 };
const portalRate = (code: string, body: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/satisfaction/public/ratings', payload: { code, secret: APPLICANT.phone, scores, officerScore: 2, ...body } });
const kiosk = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { 'x-kiosk-token': token }, ...(payload ? { payload } : {}) });

describe('citizen rating on the portal', () => {
  it('is refused before the result, accepted once after it, refused the second time', async () => {
    const d = await s.receive();
    expect((await portalRate(d.code)).json().code).toBe('SATISFACTION.NOT_RATEABLE');
    await s.finish(d.id);
    expect((await portalRate(d.code, { secret: '0000' })).statusCode).toBe(404);
    expect((await portalRate(d.code, { scores: { ...scores, i9: 3 } })).statusCode).toBe(400);
    const first = await portalRate(d.code);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ channel: 'portal', officerName: 'Cán bộ motcua' });
    const second = await portalRate(d.code);
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('SATISFACTION.ALREADY_RATED');
    const row = (await t.ctx.db.query(`SELECT i1, i3, i9, officer_score, day FROM satisfaction_rating WHERE dossier_id = $1`, [d.id])).rows[0];
    expect(row).toEqual({ i1: 2, i3: 1, i9: 0, officer_score: 2, day: '2026-11-25' });
  });
});

describe('kiosk at the desk', () => {
  let token: string;
  let otherToken: string;
  let kioskId: string;

  it('a desk officer pairs a tablet for their unit only; the token is stored hashed', async () => {
    expect((await injectAs(t.app, s.otherDesk, { method: 'POST', url: '/api/satisfaction/kiosks', payload: { unitId: s.tree.deskA.id, name: 'Quầy 1' } })).statusCode).toBe(403);
    const res = await injectAs(t.app, s.desk, { method: 'POST', url: '/api/satisfaction/kiosks', payload: { unitId: s.tree.deskA.id, name: 'Quầy 1' } });
    expect(res.statusCode, res.body).toBe(201);
    token = res.json().token;
    kioskId = res.json().id;
    const stored = (await t.ctx.db.query(`SELECT token_hash FROM satisfaction_kiosk WHERE id = $1`, [kioskId])).rows[0];
    expect(stored.token_hash).not.toContain(token);
    const other = await injectAs(t.app, s.otherDesk, { method: 'POST', url: '/api/satisfaction/kiosks', payload: { unitId: s.tree.communeB.id, name: 'Quầy xã Bình' } });
    otherToken = other.json().token;
    expect((await kiosk(token, 'GET', '/api/satisfaction/kiosk/me')).json()).toEqual({ name: 'Quầy 1', unitName: s.tree.deskA.name });
  });

  it('rates a dossier just returned at its unit, once; a kiosk of another unit sees nothing', async () => {
    const d = await s.receive();
    await s.finish(d.id, false);
    // Result ready but not yet handed over: not a kiosk rating yet.
    expect((await kiosk(token, 'GET', `/api/satisfaction/kiosk/dossier?code=${d.code}`)).statusCode).toBe(404);
    await injectAs(t.app, s.desk, { method: 'POST', url: `/api/dossiers/${d.id}/actions`, payload: { action: 'return_result', receivedBy: APPLICANT.fullName } });
    expect((await kiosk(otherToken, 'GET', `/api/satisfaction/kiosk/dossier?code=${d.code}`)).statusCode).toBe(404);
    expect((await kiosk(otherToken, 'POST', '/api/satisfaction/kiosk/ratings', { code: d.code, scores })).statusCode).toBe(404);
    expect((await kiosk('x'.repeat(43), 'POST', '/api/satisfaction/kiosk/ratings', { code: d.code, scores })).statusCode).toBe(401);
    const look = await kiosk(token, 'GET', `/api/satisfaction/kiosk/dossier?code=${d.code.toLowerCase()}`);
    expect(look.json()).toMatchObject({ code: d.code, procedureName: 'Đăng ký kết hôn', officerName: 'Cán bộ motcua', rated: false });
    const rated = await kiosk(token, 'POST', '/api/satisfaction/kiosk/ratings', { code: d.code, scores, officerScore: 1 });
    expect(rated.statusCode, rated.body).toBe(201);
    expect((await kiosk(token, 'POST', '/api/satisfaction/kiosk/ratings', { code: d.code, scores })).statusCode).toBe(409);
    // The portal is another channel: the same dossier may still be rated there once.
    expect((await portalRate(d.code)).statusCode).toBe(201);
    // Weeks later the kiosk no longer takes it.
    now = new Date(now.getTime() + 20 * 86_400_000);
    expect((await kiosk(token, 'GET', `/api/satisfaction/kiosk/dossier?code=${d.code}`)).statusCode).toBe(404);
    now = new Date('2026-11-25T02:00:00Z');
  });

  it('a revoked kiosk is refused', async () => {
    expect((await injectAs(t.app, s.otherDesk, { method: 'POST', url: `/api/satisfaction/kiosks/${kioskId}/revoke` })).statusCode).toBe(404);
    const res = await injectAs(t.app, s.desk, { method: 'POST', url: `/api/satisfaction/kiosks/${kioskId}/revoke` });
    expect(res.json().revokedAt).not.toBeNull();
    expect((await kiosk(token, 'GET', '/api/satisfaction/kiosk/me')).statusCode).toBe(401);
  });
});

describe('summary for the reports', () => {
  it('sums and averages each indicator per unit and period; officers get the total of indicators 1, 2, 3, 4, 7', async () => {
    const res = await injectAs(t.app, s.leader, { method: 'GET', url: `/api/satisfaction/summary?unitId=${s.tree.communeA.id}&from=2026-11-01&to=2026-11-30` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.ratings).toBe(3);
    expect(body.byChannel).toEqual({ portal: 2, kiosk: 1 });
    expect(body.indicators[0]).toMatchObject({ key: 'i1', number: 1, label: 'Tổng thời gian giải quyết thủ tục hành chính so với quy định của pháp luật', count: 3, sum: 6, average: 2 });
    expect(body.indicators[2]).toMatchObject({ key: 'i3', sum: 3, average: 1 });
    expect(body.officers).toEqual([{ officerId: expect.any(String), officerName: 'Cán bộ motcua', ratings: 3, officerScoreSum: 5, indicatorTotal: 9 }]);
    expect((await injectAs(t.app, s.otherDesk, { method: 'GET', url: `/api/satisfaction/summary?unitId=${s.tree.communeA.id}&from=2026-11-01&to=2026-11-30` })).statusCode).toBe(403);
  });
});

describe('the signed-in citizen rates their own dossier from "Hồ sơ của tôi" (issue 14)', () => {
  it('without the code or secret, with a comment, once; another citizen and a visitor cannot', async () => {
    const owner = await registerCitizen(t.app, { identifier: 'an.rate@example.vn', idNumber: '087090001234', fullName: 'Nguyễn Văn An', birthDate: '1990-01-02' });
    const other = await registerCitizen(t.app, { identifier: 'binh.rate@example.vn', idNumber: '087090009999', fullName: 'Trần Văn Bình', birthDate: '1990-05-06' });
    const d = await s.receive();
    // The dossier is the citizen's (as when submitted online); set here, as a fixture, outside the state it carries.
    await t.ctx.db.query(`UPDATE dossier SET citizen_id = $1 WHERE id = $2`, [owner.id, d.id]);
    const url = `/api/citizen/dossiers/${d.id}/rating`;

    const before = await injectAs(t.app, owner, { method: 'GET', url });
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ code: d.code, rateable: false, rated: false });
    expect((await injectAs(t.app, owner, { method: 'POST', url, payload: { scores } })).json().code).toBe('SATISFACTION.NOT_RATEABLE');

    await s.finish(d.id);
    expect((await injectAs(t.app, other, { method: 'GET', url })).statusCode).toBe(403);
    expect((await injectAs(t.app, other, { method: 'POST', url, payload: { scores } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url, payload: { scores } })).statusCode).toBe(401);
    expect((await injectAs(t.app, owner, { method: 'POST', url, payload: { scores, comment: 'x'.repeat(1001) } })).statusCode).toBe(400);

    const rated = await injectAs(t.app, owner, { method: 'POST', url, payload: { scores, officerScore: 2, comment: '  Cán bộ hướng dẫn tận tình, trả kết quả sớm.  ' } });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json()).toMatchObject({ dossierCode: d.code, channel: 'portal' });
    const row = (await t.ctx.db.query(`SELECT comment, officer_score FROM satisfaction_rating WHERE dossier_id = $1`, [d.id])).rows[0];
    expect(row).toEqual({ comment: 'Cán bộ hướng dẫn tận tình, trả kết quả sớm.', officer_score: 2 });
    expect((await injectAs(t.app, owner, { method: 'GET', url })).json()).toMatchObject({ rated: true });
    // One portal rating per dossier, however the citizen comes: the code and secret path now refuses too.
    expect((await injectAs(t.app, owner, { method: 'POST', url, payload: { scores } })).statusCode).toBe(409);
    expect((await portalRate(d.code)).statusCode).toBe(409);
  });

  it('a blank comment is no comment; the unit reads the comments in its summary', async () => {
    const d = await s.receive();
    await s.finish(d.id);
    expect((await portalRate(d.code, { comment: '   ' })).statusCode).toBe(201);
    expect((await t.ctx.db.query(`SELECT comment FROM satisfaction_rating WHERE dossier_id = $1`, [d.id])).rows[0]).toEqual({ comment: null });
    const res = await injectAs(t.app, s.leader, { method: 'GET', url: `/api/satisfaction/summary?unitId=${s.tree.communeA.id}&from=2026-11-01&to=2026-11-30` });
    expect(res.json().comments).toEqual([expect.objectContaining({ channel: 'portal', comment: 'Cán bộ hướng dẫn tận tình, trả kết quả sớm.', procedureName: 'Đăng ký kết hôn' })]);
  });
});
