import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, type Session, type TestApp } from '../../../test/app.js';
import { registerCitizen } from '../../../test/citizens.js';
import { APPLICANT, seedDesk } from '../../../test/dossier-fixtures.js';

/**
 * A dossier belongs to a citizen account when it was filed under that account, or when its applicant's CCCD is the
 * account's *proven* CCCD (VNeID / national portal sign-in, or a desk officer checking the card) — never a typed one.
 * Every citizen read path of a dossier follows that one rule.
 */
let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
let dossier: { id: string; code: string };
let holder: Session & { id: string };
let squatter: Session & { id: string };
let other: Session & { id: string };

/** The citizen read paths of one dossier, each with the status an owner gets. */
const readPaths = (id: string) => [
  { url: `/api/citizen/dossiers/${id}`, owner: 200 },
  { url: `/api/citizen/dossiers/${id}/rating`, owner: 200 },
  { url: `/api/citizen/dossiers/${id}/views`, owner: 200 },
  { url: `/api/citizen/dossiers/${id}/fee`, owner: 200 },
  { url: `/api/citizen/dossiers/${id}/declaration?format=pdf`, owner: 200 },
];

beforeAll(async () => {
  t = await buildTestApp();
  s = await seedDesk(t.app, t.ctx.db);
  // Filed at the desk for APPLICANT: no portal account involved.
  dossier = await s.receive();
  // Two accounts typed APPLICANT's CCCD at registration; only `holder` has it proven (by the desk, below).
  holder = await registerCitizen(t.app, { identifier: 'an.holder@example.vn', idNumber: APPLICANT.idNumber, fullName: APPLICANT.fullName, birthDate: '1990-05-01' });
  squatter = await registerCitizen(t.app, { identifier: 'an.squatter@example.vn', idNumber: APPLICANT.idNumber, fullName: APPLICANT.fullName, birthDate: '1990-05-01' });
  other = await registerCitizen(t.app, { identifier: 'binh.other@example.vn', idNumber: '087190002345', fullName: 'Trần Thị Bình', birthDate: '1990-02-02' });
  for (const [who, idNumber] of [[other, '087190002345']] as const) {
    const r = await injectAs(t.app, s.desk, { method: 'POST', url: `/api/citizen-accounts/${who.id}/verify-id`, payload: { idNumber, unitId: s.tree.deskA.id } });
    expect(r.statusCode, r.body).toBe(204);
  }
});
afterAll(async () => {
  await t?.close();
});

const myList = async (who: Session) => ((await injectAs(t.app, who, { method: 'GET', url: '/api/citizen/dossiers' })).json() as { id: string }[]).map((d) => d.id);
const myNotices = async (who: Session) => ((await injectAs(t.app, who, { method: 'GET', url: '/api/citizen/notices' })).json() as { items: { dossierId?: string; code?: string | null }[] }).items;

describe('dossiers filed for a citizen under their CCCD', () => {
  it('are not the account’s while its CCCD is only typed', async () => {
    expect(await myList(holder)).toEqual([]);
    for (const p of readPaths(dossier.id)) {
      const r = await injectAs(t.app, holder, { method: 'GET', url: p.url });
      expect(r.statusCode, p.url).toBe(403);
      expect(r.json().code, p.url).toBe('CITIZEN.NOT_OWNER');
    }
    expect(JSON.stringify(await myNotices(holder))).not.toContain(dossier.code);
  });

  it('are the account’s once its CCCD is proven: list, detail, rating, views, fee, declaration, notices', async () => {
    const r = await injectAs(t.app, s.desk, { method: 'POST', url: `/api/citizen-accounts/${holder.id}/verify-id`, payload: { idNumber: APPLICANT.idNumber, unitId: s.tree.deskA.id } });
    expect(r.statusCode, r.body).toBe(204);
    expect(await myList(holder)).toEqual([dossier.id]);
    for (const p of readPaths(dossier.id)) {
      const res = await injectAs(t.app, holder, { method: 'GET', url: p.url });
      expect(res.statusCode, `${p.url} ${res.body.slice(0, 200)}`).toBe(p.owner);
    }
    const detail = (await injectAs(t.app, holder, { method: 'GET', url: `/api/citizen/dossiers/${dossier.id}` })).json();
    expect(detail).toMatchObject({ id: dossier.id, code: dossier.code, procedureName: 'Đăng ký kết hôn', trackingSecret: APPLICANT.idNumber.slice(-4) });
    expect(JSON.stringify(await myNotices(holder))).toContain(dossier.code);
  });

  it('stay hidden from an account that typed the same CCCD, and from another proven citizen', async () => {
    for (const who of [squatter, other]) {
      expect(await myList(who)).toEqual([]);
      for (const p of readPaths(dossier.id)) expect((await injectAs(t.app, who, { method: 'GET', url: p.url })).statusCode, p.url).toBe(403);
      expect(JSON.stringify(await myNotices(who))).not.toContain(dossier.code);
      // Acting on it is refused too (rating, result by post), and nothing is written.
      const rate = await injectAs(t.app, who, { method: 'POST', url: `/api/citizen/dossiers/${dossier.id}/rating`, payload: {} });
      expect([403, 400]).toContain(rate.statusCode);
      const post = await injectAs(t.app, who, { method: 'POST', url: `/api/citizen/dossiers/${dossier.id}/result-by-post`, payload: { address: 'Số 2 đường Lê Lợi, phường An Thử', phone: '0912000111' } });
      expect(post.statusCode).toBe(403);
    }
    const { rows } = await t.ctx.db.query(`SELECT 1 FROM satisfaction_rating WHERE dossier_id = $1`, [dossier.id]);
    expect(rows).toEqual([]);
  });

  it('without a session, nothing', async () => {
    expect((await injectAs(t.app, null, { method: 'GET', url: '/api/citizen/dossiers' })).statusCode).toBe(401);
    expect((await injectAs(t.app, null, { method: 'GET', url: `/api/citizen/dossiers/${dossier.id}` })).statusCode).toBe(401);
  });
});
