import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';
import { CITIZEN_PASSWORD, registerCitizen } from '../../../test/citizens.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let now = new Date('2026-12-02T02:00:00Z');
let desk: Session, otherDesk: Session, specialist: Session;
let procedureId: string;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  await buildStaff(t.ctx.db, 'motcua.b', [{ role: 'desk_officer', unit: tree.communeB }]);
  await buildStaff(t.ctx.db, 'chuyenvien', [{ role: 'specialist', unit: tree.officeA }]);
  const admin = await login(t.app, 'admin.tinh');
  [desk, otherDesk, specialist] = (await Promise.all(['motcua', 'motcua.b', 'chuyenvien'].map((u) => login(t.app, u)))) as [Session, Session, Session];
  const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content: buildProcedureContent() } });
  procedureId = res.json().id;
  await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
});
afterAll(() => t.close());

const register = (identifier: string, idNumber: string, extra: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/citizen/auth/register', payload: { identifier, password: CITIZEN_PASSWORD, fullName: 'Người Đăng Ký', idNumber, birthDate: '1990-05-01', gender: null, ...extra } });
/** What a stranger can observe of an answer. */
const observable = (r: Awaited<ReturnType<typeof register>>) => ({ status: r.statusCode, body: r.json(), cookies: r.cookies.map((c) => c.name), type: r.headers['content-type'] });

describe('registration reveals nothing about existing accounts', () => {
  it('answers identically for a new phone, a registered phone, a registered e-mail and a CCCD that already has an account', async () => {
    await registerCitizen(t.app, { identifier: '0912000001', idNumber: '087090001234', fullName: 'Nguyễn Văn An', birthDate: '1990-05-01' });
    await registerCitizen(t.app, { identifier: 'an@example.vn', idNumber: '001090000111', fullName: 'Lê An', birthDate: '1990-05-01' });
    const sentBefore = t.otp.sent.length;
    const fresh = await register('0912000002', '001090000222');
    const takenPhone = await register('+84 912 000 001', '001090000333');
    const takenCccd = await register('0912000003', '087090001234');
    expect(observable(fresh)).toEqual({ status: 202, body: { channel: 'sms', expiresInMinutes: 10 }, cookies: [], type: 'application/json; charset=utf-8' });
    expect(observable(takenPhone)).toEqual(observable(fresh));
    expect(observable(takenCccd)).toEqual(observable(fresh));
    expect(observable(await register('AN@example.vn', '001090000444'))).toEqual({ ...observable(fresh), body: { channel: 'email', expiresInMinutes: 10 } });
    expect(observable(await register('binh@example.vn', '001090000555'))).toEqual({ ...observable(fresh), body: { channel: 'email', expiresInMinutes: 10 } });
    // Codes went only where a new account can be made; the holder of a taken phone gets none.
    expect(t.otp.sent.slice(sentBefore).map((m) => m.recipient)).toEqual(['+84912000002', '+84912000003', 'binh@example.vn']);
    // The confirmation fails the same way for a taken identifier and for a wrong code.
    const wrongTaken = await t.app.inject({ method: 'POST', url: '/api/citizen/auth/register/confirm', payload: { identifier: '0912000001', code: '123456' } });
    const wrongFresh = await t.app.inject({ method: 'POST', url: '/api/citizen/auth/register/confirm', payload: { identifier: '0912000002', code: t.otp.lastCode('0912000002') === '000000' ? '111111' : '000000' } });
    expect(wrongTaken.statusCode).toBe(401);
    expect(wrongTaken.json()).toEqual(wrongFresh.json());
    expect(wrongTaken.json().code).toBe('AUTH.BAD_CODE');
    // The phone's owner confirms; the typed CCCD (someone else's) is only a claim.
    const made = await t.app.inject({ method: 'POST', url: '/api/citizen/auth/register/confirm', payload: { identifier: '0912000003', code: t.otp.lastCode('0912000003') } });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ idNumber: '087090001234', idVerified: false, phone: '0912000003' });
    // A code opens one door once.
    expect((await t.app.inject({ method: 'POST', url: '/api/citizen/auth/register/confirm', payload: { identifier: '0912000003', code: t.otp.lastCode('0912000003') } })).statusCode).toBe(401);
  });
});

describe('password recovery by one-time code (quên mật khẩu)', () => {
  it('sends a code only to an existing account, answers the same otherwise, and lets the owner set a new password', async () => {
    const owner = await registerCitizen(t.app, { identifier: '0912000010', idNumber: '001090000666', fullName: 'Trần Thị Bình', birthDate: '1990-05-01' });
    const ask = (identifier: string) => t.app.inject({ method: 'POST', url: '/api/citizen/auth/recovery', payload: { identifier } });
    const confirm = (identifier: string, code: string, password = 'Mat-khau-moi-2026') => t.app.inject({ method: 'POST', url: '/api/citizen/auth/recovery/confirm', payload: { identifier, code, password } });
    const sentBefore = t.otp.sent.length;
    const known = await ask('0912 000 010');
    const unknown = await ask('0912000099');
    expect(known.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    expect(t.otp.sent.slice(sentBefore).map((m) => [m.recipient, m.purpose])).toEqual([['+84912000010', 'citizen_recovery']]);
    expect(t.otp.sent.at(-1)!.body).toMatch(/^Ma xac thuc dat lai mat khau Cong DVC: \d{6}\. Hieu luc 10 phut/);
    const code = t.otp.lastCode('0912000010');
    const wrong = code === '000000' ? '111111' : '000000';
    // Five wrong tries spend the code: even the right one no longer works.
    for (let i = 0; i < 5; i++) expect((await confirm('0912000010', wrong)).json().code).toBe('AUTH.BAD_CODE');
    expect((await confirm('0912000010', code)).statusCode).toBe(401);
    expect((await confirm('0912000099', code)).json()).toEqual((await confirm('0912000010', wrong)).json());
    // A new code, but too late: it lasts 10 minutes.
    await ask('0912000010');
    now = new Date(now.getTime() + 11 * 60_000);
    expect((await confirm('0912000010', t.otp.lastCode('0912000010'))).statusCode).toBe(401);
    await ask('0912000010');
    const done = await confirm('0912000010', t.otp.lastCode('0912000010'));
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ id: owner.id, fullName: 'Trần Thị Bình' });
    expect(done.cookies.find((c) => c.name === 'mc_citizen')?.value).toBeTruthy();
    // The old session ended; the old password no longer works; the new one does.
    expect((await injectAs(t.app, owner, { method: 'GET', url: '/api/citizen/me' })).statusCode).toBe(401);
    const signIn = (password: string) => t.app.inject({ method: 'POST', url: '/api/citizen/auth/login', payload: { identifier: '0912000010', password } });
    expect((await signIn(CITIZEN_PASSWORD)).statusCode).toBe(401);
    expect((await signIn('Mat-khau-moi-2026')).statusCode).toBe(200);
    const { rows } = await t.ctx.db.query(`SELECT action FROM audit_log WHERE entity = 'citizen_account' AND entity_id = $1`, [owner.id]);
    expect(rows.map((r) => r.action)).toContain('citizen.password_reset');
    // Only a salted hash is kept.
    const stored = await t.ctx.db.query(`SELECT code_hash FROM one_time_code WHERE subject = $1`, [owner.id]);
    expect(stored.rows.every((r) => !String(r.code_hash).includes(code))).toBe(true);
  });

  it('limits how many codes one identifier may be sent, the same for unknown ones', async () => {
    const ask = (identifier: string) => t.app.inject({ method: 'POST', url: '/api/citizen/auth/recovery', payload: { identifier }, remoteAddress: '203.0.113.9' });
    for (let i = 0; i < 5; i++) expect((await ask('0912000077')).statusCode).toBe(202);
    const refused = await ask('0912000077');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toContain('Đã gửi nhiều mã xác thực');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('a CCCD typed at registration proves nothing until checked', () => {
  it('an unverified number links no dossier and reads nothing; the desk checks the card and then it does', async () => {
    const squatter = await registerCitizen(t.app, { identifier: 'ke-mao-danh@example.vn', idNumber: '079195000123', fullName: 'Kẻ Mạo Danh', birthDate: '1995-02-03' });
    const owner = await registerCitizen(t.app, { identifier: 'chu-that@example.vn', idNumber: '079195000123', fullName: 'Trần Thị Bình', birthDate: '1995-02-03' });
    const assisted = (key: string) =>
      injectAs(t.app, desk, {
        method: 'POST',
        url: '/api/dossiers/assisted',
        payload: { idempotencyKey: key, procedureId, resolvingUnitId: tree.communeA.id, applicant: { idNumber: '079195000123', fullName: 'Trần Thị Bình', birthDate: '1995-02-03' }, eform: { hoTen: 'Trần Thị Bình' } },
      });
    const first = await assisted('assisted-unverified-1');
    expect(first.statusCode, first.body).toBe(201);
    for (const c of [squatter, owner]) {
      expect((await injectAs(t.app, c, { method: 'GET', url: '/api/citizen/dossiers' })).json()).toEqual([]);
      expect((await injectAs(t.app, c, { method: 'GET', url: `/api/citizen/dossiers/${first.json().id}` })).statusCode).toBe(403);
      expect((await injectAs(t.app, c, { method: 'GET', url: '/api/citizen/me' })).json()).toMatchObject({ idNumber: '079195000123', idVerified: false });
    }

    // At the desk: the officer finds both claims, compares the card with the owner's and records it.
    const claims = await injectAs(t.app, desk, { method: 'GET', url: '/api/citizen-accounts?idNumber=079195000123' });
    expect(claims.statusCode).toBe(200);
    expect(claims.json().items.map((a: { fullName: string; email: string; idVerifiedAt: null }) => [a.fullName, a.email, a.idVerifiedAt])).toEqual([
      ['Kẻ Mạo Danh', 'k***@example.vn', null],
      ['Trần Thị Bình', 'c***@example.vn', null],
    ]);
    const verify = (s: Session | null, accountId: string, body: Record<string, unknown>) => injectAs(t.app, s, { method: 'POST', url: `/api/citizen-accounts/${accountId}/verify-id`, payload: body });
    const card = { idNumber: '079195000123', unitId: tree.deskA.id };
    // Nobody else may do it: anonymous, a citizen, a specialist, the desk of another commune (for this desk's unit).
    expect((await verify(null, owner.id, card)).statusCode).toBe(401);
    expect((await verify(owner, owner.id, card)).statusCode).toBe(401);
    expect((await verify(specialist, owner.id, card)).statusCode).toBe(403);
    expect((await verify(otherDesk, owner.id, card)).statusCode).toBe(403);
    expect((await injectAs(t.app, specialist, { method: 'GET', url: '/api/citizen-accounts?idNumber=079195000123' })).statusCode).toBe(403);
    expect((await verify(desk, owner.id, { ...card, idNumber: '079195000124' })).json().code).toBe('CITIZEN.CARD_MISMATCH');
    expect((await verify(desk, owner.id, card)).statusCode).toBe(204);
    expect((await verify(desk, squatter.id, card)).json().code).toBe('CITIZEN.CARD_VERIFIED_ELSEWHERE');
    const { rows } = await t.ctx.db.query(
      `SELECT c.id_verified_via AS via, u.username AS "by", c.id_verified_unit_id AS "unitId", c.id_verified_at AS at FROM citizen_account c JOIN staff_user u ON u.id = c.id_verified_by WHERE c.id = $1`,
      [owner.id],
    );
    expect(rows).toEqual([{ via: 'desk', by: 'motcua', unitId: tree.deskA.id, at: now }]);
    const audit = await t.ctx.db.query(`SELECT actor_name AS "actorName", after FROM audit_log WHERE action = 'citizen.id_verified' AND entity_id = $1`, [owner.id]);
    expect(audit.rows).toEqual([{ actorName: 'Cán bộ motcua', after: expect.objectContaining({ idNumber: '079195000123', via: 'desk', unitId: tree.deskA.id }) }]);

    // Now the proven number gives its owner, and only her, every dossier filed under it: the next one and the one filed
    // before the proof (a dossier belongs to the account whose proven CCCD is the applicant's).
    const second = await assisted('assisted-verified-2');
    // Both were filed at the test clock's one instant: their order is not the point.
    const mine = (await injectAs(t.app, owner, { method: 'GET', url: '/api/citizen/dossiers' })).json().map((d: { id: string }) => d.id);
    expect(mine.sort()).toEqual([second.json().id, first.json().id].sort());
    expect((await injectAs(t.app, owner, { method: 'GET', url: '/api/citizen/me' })).json()).toMatchObject({ idVerified: true });
    expect((await injectAs(t.app, squatter, { method: 'GET', url: '/api/citizen/dossiers' })).json()).toEqual([]);
    expect((await injectAs(t.app, squatter, { method: 'GET', url: `/api/citizen/dossiers/${second.json().id}` })).statusCode).toBe(403);
  });
});
