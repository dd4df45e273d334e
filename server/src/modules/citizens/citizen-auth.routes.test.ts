import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type TestApp } from '../../../test/app.js';
import { buildStaff, buildUnitTree } from '../../../test/factories.js';
import { CITIZEN_PASSWORD, changeContact, registerCitizen } from '../../../test/citizens.js';
import { signInAtProvider, startOidcProvider, type LocalProvider } from '../../../test/oidc-provider.js';

const REDIRECT = 'http://127.0.0.1:3999/api/citizen/auth/oidc/callback';
/** The browser at the callback's host (inject's default Host, localhost:80, is another name: sent there first). */
const AT_CALLBACK = { host: '127.0.0.1:3999' };
let t: TestApp;
let idp: LocalProvider;
let deskUnitId: string;

beforeAll(async () => {
  idp = await startOidcProvider({
    clientId: 'mot-cua',
    clientSecret: 'bi-mat-cua-ung-dung',
    redirectUri: REDIRECT,
    identities: [
      { sub: 'vneid-0001', name: 'Lê Thị Cúc', birthdate: '1992-07-08', gender: 'female', cccd: '001192000456' },
      { sub: 'vneid-0002', name: 'Phạm Văn Dũng', birthdate: '1988-01-02', gender: 'male', cccd: '087088000777' },
      { sub: 'vneid-0003', name: 'Võ Văn Hải', birthdate: '1985-03-04', gender: 'male', cccd: '001085000321' },
    ],
  });
  t = await buildTestApp({
    env: { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: 'mot-cua', OIDC_CLIENT_SECRET: 'bi-mat-cua-ung-dung', OIDC_REDIRECT_URI: REDIRECT, LOGIN_MAX_FAILURES: '3' },
  });
  const tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  deskUnitId = tree.deskA.id;
});
afterAll(async () => {
  await t.close();
  await idp.close();
});

/** The whole OIDC sign-in over HTTP: our start URL → provider login and consent → our callback → the portal. */
async function oidcSignIn(login: string, returnTo = '/cong-dan/ho-so'): Promise<{ cookie: string; location: string }> {
  const start = await t.app.inject({ method: 'GET', url: `/api/citizen/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`, headers: AT_CALLBACK });
  expect(start.statusCode).toBe(302);
  const authUrl = new URL(start.headers.location as string);
  expect(authUrl.origin).toBe(idp.issuer);
  expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authUrl.searchParams.get('state')).toBeTruthy();
  expect(authUrl.searchParams.get('nonce')).toBeTruthy();
  const back = await signInAtProvider(authUrl.toString(), login, REDIRECT);
  // The browser that started brings its state cookie back; a callback opened elsewhere is refused (login CSRF).
  const flow = start.cookies.find((c) => c.name === 'mc_signin_state');
  expect(flow?.value).toBe(authUrl.searchParams.get('state'));
  const elsewhere = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
  expect(elsewhere.headers.location).toBe('/cong-dan/dang-nhap?loi=vneid');
  expect(elsewhere.cookies.find((c) => c.name === 'mc_citizen')).toBeUndefined();
  const cb = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: `mc_signin_state=${flow!.value}` } });
  expect(cb.statusCode).toBe(302);
  const cookie = cb.cookies.find((c) => c.name === 'mc_citizen');
  return { cookie: cookie ? `mc_citizen=${cookie.value}` : '', location: cb.headers.location as string };
}

describe('sign-in through OpenID Connect (VNeID) against a local provider', () => {
  it('offers the VNeID button only when configured', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/citizen/auth/options' })).json()).toEqual({ oidc: true });
  });

  it('signs in end to end with PKCE, state and nonce; the claims become the profile with the CCCD', async () => {
    const { cookie, location } = await oidcSignIn('vneid-0001', '/cong-dan/nop/abc');
    expect(location).toBe('/cong-dan/nop/abc');
    const me = await t.app.inject({ method: 'GET', url: '/api/citizen/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ fullName: 'Lê Thị Cúc', idNumber: '001192000456', birthDate: '1992-07-08', gender: 'female', verified: true });
    // A second sign-in finds the same account.
    const again = await oidcSignIn('vneid-0001');
    expect((await t.app.inject({ method: 'GET', url: '/api/citizen/me', headers: { cookie: again.cookie } })).json().id).toBe(me.json().id);
    expect(again.location).toBe('/cong-dan/ho-so');
  });

  it('never takes over an account that only typed the same CCCD; links the one whose card was checked at the desk', async () => {
    const squatter = await registerCitizen(t.app, { identifier: 'dung@example.vn', idNumber: '087088000777', fullName: 'Pham Van Dung', birthDate: '1988-01-02', gender: 'male' });
    const { cookie } = await oidcSignIn('vneid-0002');
    const me = (await t.app.inject({ method: 'GET', url: '/api/citizen/me', headers: { cookie } })).json();
    expect(me.id).not.toBe(squatter.id);
    expect(me).toMatchObject({ fullName: 'Phạm Văn Dũng', idNumber: '087088000777', email: null, verified: true, idVerified: true, idVerifiedVia: 'oidc' });
    expect((await injectAs(t.app, squatter, { method: 'GET', url: '/api/citizen/me' })).json()).toMatchObject({ idVerified: false });

    const hai = await registerCitizen(t.app, { identifier: 'hai@example.vn', idNumber: '001085000321', fullName: 'Vo Van Hai', birthDate: '1985-03-04', gender: 'male' });
    const desk = await login(t.app, 'motcua');
    const checked = await injectAs(t.app, desk, { method: 'POST', url: `/api/citizen-accounts/${hai.id}/verify-id`, payload: { idNumber: '001085000321', unitId: deskUnitId } });
    expect(checked.statusCode, checked.body).toBe(204);
    const linked = await oidcSignIn('vneid-0003');
    expect((await t.app.inject({ method: 'GET', url: '/api/citizen/me', headers: { cookie: linked.cookie } })).json()).toMatchObject({ id: hai.id, fullName: 'Võ Văn Hải', email: 'hai@example.vn', verified: true, idVerified: true });
  });

  it('a start opened at another host name is sent to the callback\'s origin first (the state cookie must be there)', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/citizen/auth/oidc/start?returnTo=%2Fcong-dan%2Fkho', headers: { host: 'localhost:3999' } });
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe('http://127.0.0.1:3999/api/citizen/auth/oidc/start?returnTo=%2Fcong-dan%2Fkho&atOrigin=1');
    expect(r.cookies.map((c) => c.name)).toEqual([]);
  });

  it('refuses a callback with a forged or replayed state, and never opens redirects', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/api/citizen/auth/oidc/start?returnTo=//evil.example/x', headers: AT_CALLBACK });
    const flow = { cookie: `mc_signin_state=${start.cookies.find((c) => c.name === 'mc_signin_state')!.value}` };
    const back = await signInAtProvider(start.headers.location as string, 'vneid-0001', REDIRECT);
    const forged = new URL(back);
    forged.searchParams.set('state', 'not-ours');
    const bad = await t.app.inject({ method: 'GET', url: `${forged.pathname}${forged.search}`, headers: flow });
    expect(bad.headers.location).toBe('/cong-dan/dang-nhap?loi=vneid');
    expect(bad.cookies.find((c) => c.name === 'mc_citizen')).toBeUndefined();
    const good = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: flow });
    expect(good.headers.location).toBe('/cong-dan/ho-so');
    const replay = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: flow });
    expect(replay.headers.location).toBe('/cong-dan/dang-nhap?loi=vneid');
  });
});

describe('password sign-in for citizens without VNeID', () => {
  it('registers by e-mail or phone with a code, checks the CCCD against the birth date, never makes a second account for a phone', async () => {
    const badCccd = await t.app.inject({ method: 'POST', url: '/api/citizen/auth/register', payload: { identifier: 'x@example.vn', password: CITIZEN_PASSWORD, fullName: 'Ngô Văn E', idNumber: '087090001234', birthDate: '1985-01-01' } });
    expect(badCccd.statusCode).toBe(400);
    await registerCitizen(t.app, { identifier: '0912 345 678', idNumber: '087090001234', fullName: 'Nguyễn Văn An', birthDate: '1990-05-01' });
    // A phone that has an account gets the same answer as any other, and no code (see citizen-identity.routes.test.ts).
    const dupPhone = await t.app.inject({ method: 'POST', url: '/api/citizen/auth/register', payload: { identifier: '+84912345678', password: CITIZEN_PASSWORD, fullName: 'Ai Đó', idNumber: '079195000123', birthDate: '1995-02-03' } });
    expect(dupPhone.statusCode).toBe(202);
    expect((await t.app.inject({ method: 'POST', url: '/api/citizen/auth/register/confirm', payload: { identifier: '0912345678', code: '123456' } })).statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'POST', url: '/api/citizen/auth/login', payload: { identifier: '0912345678', password: CITIZEN_PASSWORD } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ fullName: 'Nguyễn Văn An', phone: '0912345678', verified: false });
  });

  it('locks the account after repeated failures, even for the right password, until the lock ends', async () => {
    await registerCitizen(t.app, { identifier: 'khoa@example.vn', idNumber: '079195000123', fullName: 'Trần Thị Bình', birthDate: '1995-02-03' });
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/citizen/auth/login', payload: { identifier: 'KHOA@example.vn', password } });
    expect((await attempt('sai-mat-khau')).statusCode).toBe(401);
    expect((await attempt('sai-mat-khau')).statusCode).toBe(401);
    const third = await attempt('sai-mat-khau');
    expect(third.statusCode).toBe(403);
    expect(third.json().code).toBe('AUTH.LOCKED');
    expect((await attempt(CITIZEN_PASSWORD)).json().code).toBe('AUTH.LOCKED');
    await t.ctx.db.query(`UPDATE citizen_account SET locked_until = now() - interval '1 second' WHERE email = 'khoa@example.vn'`);
    expect((await attempt(CITIZEN_PASSWORD)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/citizen/auth/login', payload: { identifier: 'khong-co@example.vn', password: 'x' } })).statusCode).toBe(401);
  });
});

describe('a separate identity from staff', () => {
  it('citizen routes need the citizen cookie and its CSRF header; a staff session is not a citizen', async () => {
    const citizen = await registerCitizen(t.app, { identifier: 'tach@example.vn', idNumber: '001192000999', fullName: 'Đỗ Thị Giang', birthDate: '1992-03-04' });
    const staff = await login(t.app, 'motcua');
    expect((await injectAs(t.app, staff, { method: 'GET', url: '/api/citizen/me' })).statusCode).toBe(401);
    expect((await injectAs(t.app, null, { method: 'GET', url: '/api/citizen/dossiers' })).statusCode).toBe(401);
    expect((await injectAs(t.app, citizen, { method: 'GET', url: '/api/dossiers' })).statusCode).toBe(401);
    const noCsrf = await t.app.inject({ method: 'PATCH', url: '/api/citizen/me', headers: { cookie: citizen.cookie }, payload: { address: 'x' } });
    expect(noCsrf.statusCode).toBe(403);
    const edited = await injectAs(t.app, citizen, { method: 'PATCH', url: '/api/citizen/me', payload: { address: 'Số 2 phố Huế' } });
    expect(edited.json()).toMatchObject({ address: 'Số 2 phố Huế', email: 'tach@example.vn', phone: null });
    const out = await injectAs(t.app, citizen, { method: 'POST', url: '/api/citizen/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect((await injectAs(t.app, citizen, { method: 'GET', url: '/api/citizen/me' })).statusCode).toBe(401);
  });
});

describe('a new phone or e-mail is proved by a code sent to it', () => {
  const signIn = (identifier: string) => t.app.inject({ method: 'POST', url: '/api/citizen/auth/login', payload: { identifier, password: CITIZEN_PASSWORD } });

  it('typed into the profile, a new phone is refused until its code comes back; then it signs in', async () => {
    const lan = await registerCitizen(t.app, { identifier: 'lan@example.vn', idNumber: '001196000111', fullName: 'Hoàng Thị Lan', birthDate: '1996-06-07' });
    const typed = await injectAs(t.app, lan, { method: 'PATCH', url: '/api/citizen/me', payload: { phone: '0903 222 333' } });
    expect(typed.statusCode).toBe(422);
    expect(typed.json()).toMatchObject({ code: 'CITIZEN.CONTACT_NEEDS_CODE', message: 'Số điện thoại mới cần được xác nhận bằng mã gửi tới số đó.' });
    expect((await injectAs(t.app, lan, { method: 'GET', url: '/api/citizen/me' })).json()).toMatchObject({ phone: null });

    const asked = await injectAs(t.app, lan, { method: 'POST', url: '/api/citizen/me/contact', payload: { kind: 'phone', value: '0903 222 333' } });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({ channel: 'sms', expiresInMinutes: 10 });
    const code = t.otp.lastCode('0903222333');
    const wrong = code === '000000' ? '111111' : '000000';
    const bad = await injectAs(t.app, lan, { method: 'POST', url: '/api/citizen/me/contact/confirm', payload: { kind: 'phone', value: '0903222333', code: wrong } });
    expect(bad.statusCode).toBe(401);
    expect((await injectAs(t.app, lan, { method: 'GET', url: '/api/citizen/me' })).json()).toMatchObject({ phone: null });
    const ok = await injectAs(t.app, lan, { method: 'POST', url: '/api/citizen/me/contact/confirm', payload: { kind: 'phone', value: '0903222333', code } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ phone: '0903222333', email: 'lan@example.vn' });
    expect((await signIn('0903 222 333')).statusCode).toBe(200);
    const { rows } = await t.ctx.db.query(`SELECT before, after FROM audit_log WHERE action = 'citizen.phone_changed' AND entity_id = $1`, [lan.id]);
    expect(rows).toEqual([{ before: { phone: null }, after: { phone: '0903222333' } }]);
    // Keeping the same value through the profile is not a change; removing the e-mail leaves the phone to sign in with.
    expect((await injectAs(t.app, lan, { method: 'PATCH', url: '/api/citizen/me', payload: { phone: '0903222333', email: null } })).json()).toMatchObject({ phone: '0903222333', email: null });
    const last = await injectAs(t.app, lan, { method: 'PATCH', url: '/api/citizen/me', payload: { phone: null } });
    expect(last.statusCode).toBe(409);
    expect(last.json()).toMatchObject({ code: 'CITIZEN.LAST_IDENTIFIER' });
  });

  it("a code for one account or one value opens nothing else; another account's phone gets no code and the answer is the same", async () => {
    const minh = await registerCitizen(t.app, { identifier: '0911000222', idNumber: '001089000222', fullName: 'Ngô Văn Minh', birthDate: '1989-02-02', gender: 'male' });
    const nga = await registerCitizen(t.app, { identifier: 'nga@example.vn', idNumber: '001197000333', fullName: 'Đặng Thị Nga', birthDate: '1997-03-03' });
    const before = t.otp.sent.length;
    const taken = await injectAs(t.app, nga, { method: 'POST', url: '/api/citizen/me/contact', payload: { kind: 'phone', value: '0911000222' } });
    expect(taken.statusCode).toBe(202);
    expect(taken.json()).toEqual({ channel: 'sms', expiresInMinutes: 10 });
    expect(t.otp.sent.length).toBe(before);

    await injectAs(t.app, nga, { method: 'POST', url: '/api/citizen/me/contact', payload: { kind: 'email', value: 'nga.moi@example.vn' } });
    const code = t.otp.lastCode('nga.moi@example.vn');
    // Minh holds the code's value but not the account it was sent for.
    expect((await injectAs(t.app, minh, { method: 'POST', url: '/api/citizen/me/contact/confirm', payload: { kind: 'email', value: 'nga.moi@example.vn', code } })).statusCode).toBe(401);
    expect((await injectAs(t.app, nga, { method: 'POST', url: '/api/citizen/me/contact/confirm', payload: { kind: 'email', value: 'khac@example.vn', code } })).statusCode).toBe(401);
    expect((await injectAs(t.app, null, { method: 'POST', url: '/api/citizen/me/contact', payload: { kind: 'email', value: 'x@example.vn' } })).statusCode).toBe(401);
    expect((await injectAs(t.app, nga, { method: 'POST', url: '/api/citizen/me/contact', payload: { kind: 'phone', value: 'nga.moi@example.vn' } })).json()).toMatchObject({ code: 'CITIZEN.BAD_IDENTIFIER' });
    await changeContact(t.app, nga, 'email', 'nga.moi2@example.vn');
    expect((await signIn('nga.moi2@example.vn')).statusCode).toBe(200);
    expect((await signIn('nga@example.vn')).statusCode).toBe(401);
  });
});
