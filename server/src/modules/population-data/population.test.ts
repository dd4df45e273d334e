import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { registerCitizen } from '../../../test/citizens.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';
import { populationErrors } from './population.errors.js';
import { setPopulationRegistry } from './population.routes.js';
import { simulatorPopulationRegistry } from './population.adapter.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let now = new Date('2026-12-01T02:00:00Z');
let procedureId: string;
let desk: Session, otherDesk: Session, specialist: Session, inspector: Session, an: Session & { id: string }, claimant: Session & { id: string };
const AN = '087090001234';
const NOBODY = '001203004567';

const logCount = async () => Number((await t.ctx.db.query<{ n: string }>(`SELECT count(*) AS n FROM population_lookup`)).rows[0]!.n);
const post = (s: Session | null, url: string, payload: unknown) => injectAs(t.app, s, { method: 'POST', url, payload: payload as Record<string, unknown> });

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  await buildStaff(t.ctx.db, 'motcua.b', [{ role: 'desk_officer', unit: tree.communeB }]);
  await buildStaff(t.ctx.db, 'chuyenvien', [{ role: 'specialist', unit: tree.officeA }]);
  await buildStaff(t.ctx.db, 'thanhtra', [{ role: 'inspector', unit: tree.province }]);
  [desk, otherDesk, specialist, inspector] = (await Promise.all(['motcua', 'motcua.b', 'chuyenvien', 'thanhtra'].map((u) => login(t.app, u)))) as [Session, Session, Session, Session];
  // A procedure offered online by the province, resolved by its communes: the portal e-form's look-up is for it.
  await buildStaff(t.ctx.db, 'quantri', [{ role: 'admin', unit: tree.province }]);
  const admin = await login(t.app, 'quantri');
  const created = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content: buildProcedureContent({ name: 'Đăng ký khai sinh' }) } });
  procedureId = created.json().id;
  const published = await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
  expect(published.statusCode, published.body).toBeLessThan(300);
  await t.ctx.db.query(
    `INSERT INTO population_sim_person (id_number, full_name, birth_date, sex, permanent_address) VALUES ($1, 'Nguyễn Văn An', '1990-05-01', 'male', 'Số 1 đường Lê Lợi, phường An Thử, tỉnh Đồng Tháp')`,
    [AN],
  );
  an = await registerCitizen(t.app, { identifier: 'an@example.vn', idNumber: AN, fullName: 'Nguyễn Văn An', birthDate: '1990-05-01', gender: 'male' });
  claimant = await registerCitizen(t.app, { identifier: 'gia@example.vn', idNumber: AN, fullName: 'Người Nhận Vơ', birthDate: '1990-05-01', gender: 'male' });
});
afterAll(() => t.close());

describe('at the desk', () => {
  it('no look-up without the consent recorded at that desk; garbage is refused and logs nothing', async () => {
    const none = await post(desk, '/api/population/lookups', { idNumber: AN, unitId: tree.deskA.id });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ code: 'POPULATION.CONSENT_REQUIRED', message: expect.stringContaining('đồng ý') });
    for (const body of [{ idNumber: '12345', unitId: tree.deskA.id }, { idNumber: AN, unitId: 'x' }, { idNumber: `${AN}\u0000`, unitId: tree.deskA.id }, {}]) {
      const bad = await post(desk, '/api/population/lookups', body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json().code).toBeTruthy();
    }
    expect((await post(desk, '/api/population/consents', { idNumber: '000000000000', unitId: tree.deskA.id, purpose: 'Tiếp nhận hồ sơ' })).statusCode).toBe(400);
    expect(await logCount()).toBe(0);
  });

  it('with the consent, the desk fills name, birth date, sex and permanent address; the look-up is logged', async () => {
    const consent = await post(desk, '/api/population/consents', { idNumber: AN, unitId: tree.deskA.id, purpose: 'Tiếp nhận hồ sơ đăng ký khai sinh' });
    expect(consent.statusCode, consent.body).toBe(201);
    const res = await post(desk, '/api/population/lookups', { idNumber: AN, unitId: tree.deskA.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ idNumber: AN, fullName: 'Nguyễn Văn An', birthDate: '1990-05-01', sex: 'male', permanentAddress: 'Số 1 đường Lê Lợi, phường An Thử, tỉnh Đồng Tháp' });
    const log = await injectAs(t.app, desk, { method: 'GET', url: `/api/population/lookups?unitId=${tree.deskA.id}` });
    expect(log.json().items).toMatchObject([{ idNumber: AN, purpose: 'Tiếp nhận hồ sơ đăng ký khai sinh', actorKind: 'officer', outcome: 'found', at: now.toISOString() }]);
    expect(log.json().items[0].actorName).toBeTruthy();
    // Inspectors of the province see it too; another commune's desk does not.
    expect((await injectAs(t.app, inspector, { method: 'GET', url: `/api/population/lookups?unitId=${tree.province.id}` })).json().items).toHaveLength(1);
    expect((await injectAs(t.app, otherDesk, { method: 'GET', url: `/api/population/lookups?unitId=${tree.deskA.id}` })).statusCode).toBe(403);
    expect((await injectAs(t.app, null, { method: 'GET', url: `/api/population/lookups?unitId=${tree.deskA.id}` })).statusCode).toBe(401);
  });

  it('another unit cannot use that consent, nor record one for a desk not theirs; others may not ask at all', async () => {
    const before = await logCount();
    expect((await post(otherDesk, '/api/population/lookups', { idNumber: AN, unitId: tree.deskA.id })).statusCode).toBe(403);
    expect((await post(otherDesk, '/api/population/lookups', { idNumber: AN, unitId: tree.communeB.id })).json().code).toBe('POPULATION.CONSENT_REQUIRED');
    expect((await post(otherDesk, '/api/population/consents', { idNumber: AN, unitId: tree.deskA.id, purpose: 'Tò mò' })).statusCode).toBe(403);
    expect((await post(specialist, '/api/population/lookups', { idNumber: AN, unitId: tree.deskA.id })).statusCode).toBe(403);
    expect((await post(null, '/api/population/lookups', { idNumber: AN, unitId: tree.deskA.id })).statusCode).toBe(401);
    expect((await post(an, '/api/population/lookups', { idNumber: AN, unitId: tree.deskA.id })).statusCode).toBe(401);
    expect(await logCount()).toBe(before);
  });

  it('the consent lapses; an outage is a 503 and is logged too', async () => {
    setPopulationRegistry(t.ctx, { lookup: () => Promise.reject(populationErrors.unavailable()) });
    const down = await post(desk, '/api/population/lookups', { idNumber: AN, unitId: tree.deskA.id });
    expect(down.statusCode).toBe(503);
    expect(down.json().message).toContain('CSDL quốc gia về dân cư');
    setPopulationRegistry(t.ctx, simulatorPopulationRegistry(t.ctx.db));
    await post(desk, '/api/population/consents', { idNumber: NOBODY, unitId: tree.deskA.id, purpose: 'Tiếp nhận hồ sơ' });
    expect((await post(desk, '/api/population/lookups', { idNumber: NOBODY, unitId: tree.deskA.id })).statusCode).toBe(404);
    const outcomes = (await injectAs(t.app, desk, { method: 'GET', url: `/api/population/lookups?unitId=${tree.deskA.id}` })).json().items.map((i: { outcome: string }) => i.outcome);
    expect(outcomes).toEqual(['not_found', 'unavailable', 'found']);
    // The log names the consent each look-up relied on; it filters by number and pages on by time.
    const byNumber = (await injectAs(t.app, desk, { method: 'GET', url: `/api/population/lookups?unitId=${tree.deskA.id}&idNumber=${AN}` })).json().items;
    expect(byNumber.map((i: { outcome: string }) => i.outcome)).toEqual(['unavailable', 'found']);
    expect(byNumber[1]).toMatchObject({ consentVia: 'desk', consentGivenAt: expect.any(String), consentExpiresAt: expect.any(String) });
    expect(Date.parse(byNumber[1].consentExpiresAt) - Date.parse(byNumber[1].consentGivenAt)).toBe(86_400_000);
    const firstPage = (await injectAs(t.app, desk, { method: 'GET', url: `/api/population/lookups?unitId=${tree.deskA.id}&limit=1` })).json().items;
    expect(firstPage).toHaveLength(1);
    // Every look-up here happened at one instant of the test clock: the page after it is empty, none is repeated.
    expect((await injectAs(t.app, desk, { method: 'GET', url: `/api/population/lookups?unitId=${tree.deskA.id}&before=${encodeURIComponent(firstPage[0].at)}` })).json().items).toEqual([]);
    expect((await injectAs(t.app, desk, { method: 'GET', url: `/api/population/lookups?unitId=${tree.deskA.id}&idNumber=123` })).statusCode).toBe(400);
    now = new Date(now.getTime() + 25 * 3_600_000);
    expect((await post(desk, '/api/population/lookups', { idNumber: AN, unitId: tree.deskA.id })).json().code).toBe('POPULATION.CONSENT_REQUIRED');
  });
});

describe('on the portal', () => {
  it('the holder of a proven number consents and fills the form; a claim of the number gets nothing', async () => {
    const place = { procedureId, unitId: tree.communeA.id };
    const claim = await post(claimant, '/api/citizen/population/lookup', { purpose: 'Điền tờ khai', consent: true, ...place });
    expect(claim.statusCode).toBe(403);
    expect(claim.json().code).toBe('POPULATION.ID_NOT_VERIFIED');
    const verified = await injectAs(t.app, desk, { method: 'POST', url: `/api/citizen-accounts/${an.id}/verify-id`, payload: { idNumber: AN, unitId: tree.deskA.id } });
    expect(verified.statusCode).toBe(204);
    const before = await logCount();
    expect((await post(an, '/api/citizen/population/lookup', { purpose: 'Điền tờ khai', consent: false, ...place })).statusCode).toBe(400);
    expect((await post(an, '/api/citizen/population/lookup', { purpose: 'Điền tờ khai', ...place })).statusCode).toBe(400);
    // What it is for must be said, and be a real place to submit that procedure: no unit, another province's unit, a
    // desk rather than a resolving unit, an unknown procedure — each refused with a code, nothing logged.
    expect((await post(an, '/api/citizen/population/lookup', { purpose: 'Điền tờ khai', consent: true })).statusCode).toBe(400);
    for (const wrong of [{ ...place, unitId: tree.otherProvince.id }, { ...place, unitId: tree.deskA.id }, { ...place, procedureId: '00000000-0000-4000-8000-000000000000' }]) {
      const r = await post(an, '/api/citizen/population/lookup', { purpose: 'Điền tờ khai', consent: true, ...wrong });
      expect(r.statusCode, JSON.stringify(wrong)).toBe(400);
      expect(r.json().code).toBe('POPULATION.NOT_THIS_PLACE');
    }
    expect(await logCount()).toBe(before);
    const mine = await post(an, '/api/citizen/population/lookup', { purpose: 'Điền tờ khai đăng ký khai sinh', consent: true, ...place });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ fullName: 'Nguyễn Văn An', birthDate: '1990-05-01', sex: 'male' });
    expect((await post(null, '/api/citizen/population/lookup', { purpose: 'x', consent: true, ...place })).statusCode).toBe(401);
    expect((await post(desk, '/api/citizen/population/lookup', { purpose: 'Điền tờ khai', consent: true, ...place })).statusCode).toBe(401);
  });

  it('the e-form look-up is in the log of the unit it was for, naming the procedure; not in another commune’s', async () => {
    const inUnit = (await injectAs(t.app, inspector, { method: 'GET', url: `/api/population/lookups?unitId=${tree.communeA.id}` })).json().items;
    expect(inUnit.filter((i: { actorKind: string }) => i.actorKind === 'citizen')).toMatchObject([
      { actorKind: 'citizen', actorName: 'Nguyễn Văn An', unitName: tree.communeA.name, procedureName: 'Đăng ký khai sinh', purpose: 'Điền tờ khai đăng ký khai sinh', consentVia: 'portal', outcome: 'found' },
    ]);
    const elsewhere = (await injectAs(t.app, otherDesk, { method: 'GET', url: `/api/population/lookups?unitId=${tree.communeB.id}` })).json().items;
    expect(elsewhere.filter((i: { actorKind: string }) => i.actorKind === 'citizen')).toEqual([]);
    // The citizen's own data tracker says where and for what.
    const mine = (await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/population/lookups' })).json().items;
    expect(mine[0]).toMatchObject({ actorKind: 'citizen', unitName: tree.communeA.name, procedureName: 'Đăng ký khai sinh' });
  });

  it('the citizen sees every look-up of their number, by whom and why; the claimant sees none', async () => {
    const items = (await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/population/lookups' })).json().items;
    expect(items.map((i: { actorKind: string; purpose: string }) => `${i.actorKind}: ${i.purpose}`)).toEqual([
      'citizen: Điền tờ khai đăng ký khai sinh',
      'officer: Tiếp nhận hồ sơ đăng ký khai sinh',
      'officer: Tiếp nhận hồ sơ đăng ký khai sinh',
    ]);
    expect((await injectAs(t.app, claimant, { method: 'GET', url: '/api/citizen/population/lookups' })).json().items).toEqual([]);
  });

  it('the log and the consents cannot be rewritten by the application role', async () => {
    const app = await buildTestApp({ asAppRole: true });
    try {
      await expect(app.ctx.db.query(`DELETE FROM population_lookup`)).rejects.toMatchObject({ code: '42501' });
      await expect(app.ctx.db.query(`UPDATE population_consent SET expires_at = given_at`)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await app.close();
    }
  });
});
