import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { registerCitizen } from '../../../test/citizens.js';
import { buildStaff, buildUnitTree } from '../../../test/factories.js';
import { signInAtProvider, startOidcProvider, type LocalProvider } from '../../../test/oidc-provider.js';
import { safeLanding } from './use-cases/national-sso.js';

const PUBLIC = 'http://127.0.0.1:3998';
const REDIRECT = `${PUBLIC}/api/national-sso/callback`;
/** The browser at PUBLIC_URL's host (inject's default Host is localhost:80, another name: its start is sent to PUBLIC_URL first). */
const AT_PUBLIC = { host: '127.0.0.1:3998' };
let t: TestApp;
let idp: LocalProvider;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let admin: Session;
let otherAdmin: Session;
let desk: Session;

beforeAll(async () => {
  // The national portal's SSO stood in for by a real OpenID Connect provider on 127.0.0.1.
  idp = await startOidcProvider({
    clientId: 'motcua-tinh',
    clientSecret: 'bi-mat-ung-dung-dvcqg',
    redirectUri: REDIRECT,
    identities: [
      { sub: 'dvcqg-0001', name: 'Võ Văn Hải', birthdate: '1985-03-04', gender: 'male', cccd: '001085000321' },
      { sub: 'dvcqg-0002', name: 'Phạm Văn Dũng', birthdate: '1988-01-02', gender: 'male', cccd: '087088000777' },
      { sub: 'dvcqg-0003', name: 'Không Có Số' },
      { sub: 'dvcqg-canbo-7', name: 'Cán bộ Một Cửa' },
      { sub: 'dvcqg.motcua', name: 'Cán bộ Một Cửa (liên kết từ màn hình)' },
    ],
  });
  t = await buildTestApp({ env: { PUBLIC_URL: PUBLIC, NATIONAL_SSO_ISSUER: idp.issuer, NATIONAL_SSO_CLIENT_ID: 'motcua-tinh', NATIONAL_SSO_CLIENT_SECRET: 'bi-mat-ung-dung-dvcqg' } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'quantri', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'quantri.b', [{ role: 'admin', unit: tree.communeB }]);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  [admin, otherAdmin, desk] = (await Promise.all(['quantri', 'quantri.b', 'motcua'].map((u) => login(t.app, u)))) as [Session, Session, Session];
});
afterAll(async () => {
  await t?.close();
  await idp?.close();
});

/** Our start URL → the national portal's sign-in and consent → our callback; returns where we send the browser and the cookies set. */
async function ssoSignIn(as: string, target: 'citizen' | 'staff', returnTo?: string): Promise<{ location: string; cookies: Record<string, string> }> {
  const start = await t.app.inject({ method: 'GET', url: `/api/national-sso/start?target=${target}${returnTo ? `&returnTo=${encodeURIComponent(returnTo)}` : ''}`, headers: AT_PUBLIC });
  expect(start.statusCode).toBe(302);
  const authUrl = new URL(start.headers.location as string);
  expect(authUrl.origin).toBe(idp.issuer);
  expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
  const back = await signInAtProvider(authUrl.toString(), as, REDIRECT);
  // The callback counts only in the browser that started (its state cookie): a link opened elsewhere signs nobody in.
  const flow = start.cookies.find((c) => c.name === 'mc_signin_state');
  expect(flow?.value).toBe(authUrl.searchParams.get('state'));
  const elsewhere = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: AT_PUBLIC });
  expect(elsewhere.statusCode).toBe(302);
  expect(elsewhere.cookies.filter((c) => c.name === 'mc_citizen' || c.name === 'mc_session')).toEqual([]);
  const cb = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { ...AT_PUBLIC, cookie: `mc_signin_state=${flow!.value}` } });
  expect(cb.statusCode).toBe(302);
  return { location: cb.headers.location as string, cookies: Object.fromEntries(cb.cookies.map((c) => [c.name, c.value])) };
}
const citizenMe = (cookie: string | undefined) => t.app.inject({ method: 'GET', url: '/api/citizen/me', headers: { cookie: `mc_citizen=${cookie ?? ''}` } });

describe('single sign-on from the national portal', () => {
  it('is offered when configured', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/national-sso/options' })).json()).toEqual({ enabled: true });
  });

  it('an identity the national portal does not know is refused there and brings the citizen back to the sign-in page with a reason', async () => {
    const refused = await ssoSignIn('087090009999', 'citizen');
    expect(refused.location).toBe('/cong-dan/dang-nhap?loi=dvcqg');
    expect(refused.cookies.mc_citizen).toBeUndefined();
  });

  it('a citizen lands in the account whose CCCD was proven; a second sign-in finds it again', async () => {
    const hai = await registerCitizen(t.app, { identifier: 'hai@example.vn', idNumber: '001085000321', fullName: 'Vo Van Hai', birthDate: '1985-03-04', gender: 'male' });
    const checked = await injectAs(t.app, desk, { method: 'POST', url: `/api/citizen-accounts/${hai.id}/verify-id`, payload: { idNumber: '001085000321', unitId: tree.deskA.id } });
    expect(checked.statusCode, checked.body).toBe(204);
    const first = await ssoSignIn('dvcqg-0001', 'citizen', '/cong-dan/nop/abc');
    expect(first.location).toBe('/cong-dan/nop/abc');
    expect((await citizenMe(first.cookies.mc_citizen)).json()).toMatchObject({ id: hai.id, email: 'hai@example.vn', idNumber: '001085000321', idVerified: true });
    expect(first.cookies.mc_session).toBeUndefined();
    const again = await ssoSignIn('dvcqg-0001', 'citizen');
    expect(again.location).toBe('/cong-dan/ho-so');
    expect((await citizenMe(again.cookies.mc_citizen)).json().id).toBe(hai.id);
  });

  it('never takes over an account that only typed the same CCCD: a proven account is made instead', async () => {
    const squatter = await registerCitizen(t.app, { identifier: 'dung@example.vn', idNumber: '087088000777', fullName: 'Pham Van Dung', birthDate: '1988-01-02', gender: 'male' });
    const { cookies } = await ssoSignIn('dvcqg-0002', 'citizen');
    const me = (await citizenMe(cookies.mc_citizen)).json();
    expect(me.id).not.toBe(squatter.id);
    expect(me).toMatchObject({ fullName: 'Phạm Văn Dũng', idNumber: '087088000777', idVerified: true });
    expect((await injectAs(t.app, squatter, { method: 'GET', url: '/api/citizen/me' })).json()).toMatchObject({ idVerified: false });
  });

  it('refuses a national identity without a CCCD for the portal, and a forged or replayed state', async () => {
    const none = await ssoSignIn('dvcqg-0003', 'citizen');
    expect(none.location).toBe('/cong-dan/dang-nhap?loi=dvcqg');
    expect(none.cookies.mc_citizen).toBeUndefined();
    const start = await t.app.inject({ method: 'GET', url: '/api/national-sso/start?target=citizen&returnTo=//evil.example/x', headers: AT_PUBLIC });
    const flow = { ...AT_PUBLIC, cookie: `mc_signin_state=${start.cookies.find((c) => c.name === 'mc_signin_state')!.value}` };
    const back = await signInAtProvider(start.headers.location as string, 'dvcqg-0001', REDIRECT);
    const forged = new URL(back);
    forged.searchParams.set('state', 'khong-phai-cua-ta');
    expect((await t.app.inject({ method: 'GET', url: `${forged.pathname}${forged.search}`, headers: flow })).headers.location).toBe('/cong-dan/dang-nhap?loi=dvcqg');
    const good = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: flow });
    expect(good.headers.location).toBe('/cong-dan/ho-so');
    expect((await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: flow })).headers.location).toBe('/cong-dan/dang-nhap?loi=dvcqg');
  });

  it('an officer gets into the console only through the link an administrator of their units configured', async () => {
    const before = await ssoSignIn('dvcqg-canbo-7', 'staff');
    expect(before.location).toBe('/console?loi=dvcqg');
    expect(before.cookies.mc_session).toBeUndefined();
    const userId = (await t.ctx.db.query<{ id: string }>(`SELECT id FROM staff_user WHERE username = 'motcua'`)).rows[0]!.id;
    // An administrator of another commune cannot link an officer of commune A.
    const link = (s: Session, body: Record<string, unknown>) => injectAs(t.app, s, { method: 'POST', url: '/api/national-sso/staff-links', payload: body });
    expect((await link(otherAdmin, { userId, subject: 'dvcqg-canbo-7' })).statusCode).toBe(404); // an officer outside the caller's units is unknown to them
    const linked = await link(admin, { userId, subject: 'dvcqg-canbo-7' });
    expect(linked.statusCode, linked.body).toBe(201);
    // A linked officer is not re-linked silently: the old link must be revoked first; the older PUT is gone.
    const again = await link(admin, { userId, subject: 'dvcqg-canbo-8' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('NATIONAL.SSO_ALREADY_LINKED');
    expect((await injectAs(t.app, admin, { method: 'PUT', url: `/api/national-sso/staff-links/${userId}`, payload: { subject: 'dvcqg-canbo-8' } })).statusCode).toBe(404);
    expect((await t.ctx.db.query(`SELECT subject FROM national_sso_link WHERE staff_user_id = $1`, [userId])).rows).toEqual([{ subject: 'dvcqg-canbo-7' }]);
    // One national identity opens one account.
    const other = (await t.ctx.db.query<{ id: string }>(`SELECT id FROM staff_user WHERE username = 'quantri.b'`)).rows[0]!.id;
    const taken = await link(admin, { userId: other, subject: 'dvcqg-canbo-7' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('NATIONAL.SSO_SUBJECT_TAKEN');

    const after = await ssoSignIn('dvcqg-canbo-7', 'staff', '/console/ho-so');
    expect(after.location).toBe('/console/ho-so');
    expect(after.cookies.mc_citizen).toBeUndefined();
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `mc_session=${after.cookies.mc_session}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'motcua' });
    const audit = await t.ctx.db.query(`SELECT action, after FROM audit_log WHERE entity_id = $1 AND action IN ('national_sso.link', 'auth.signed_in') ORDER BY id`, [userId]);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['national_sso.link', 'auth.signed_in']));

    // Unlinked again: no way in.
    expect((await injectAs(t.app, admin, { method: 'DELETE', url: `/api/national-sso/staff-links/${userId}` })).statusCode).toBe(204);
    expect((await ssoSignIn('dvcqg-canbo-7', 'staff')).location).toBe('/console?loi=dvcqg');
  });

  it('the console’s staff links: list, create, revoke — audited, only for administrators of all the officer’s units', async () => {
    const userId = (await t.ctx.db.query<{ id: string }>(`SELECT id FROM staff_user WHERE username = 'motcua'`)).rows[0]!.id;
    const create = (s: Session | null, body: Record<string, unknown>) => injectAs(t.app, s, { method: 'POST', url: '/api/national-sso/staff-links', payload: body });
    // Nobody else: no login, a desk officer, another commune's administrator; garbage is refused with a code.
    expect((await create(null, { userId, subject: 'dvcqg.motcua' })).statusCode).toBe(401);
    expect((await create(desk, { userId, subject: 'dvcqg.motcua' })).statusCode).toBe(403);
    expect((await create(otherAdmin, { userId, subject: 'dvcqg.motcua' })).statusCode).toBe(404);
    for (const body of [{ userId, subject: '' }, { userId, subject: 'co khoang trang' }, { userId: 'x', subject: 'a' }, {}]) {
      const bad = await create(admin, body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json().code).toBeTruthy();
    }
    expect((await injectAs(t.app, admin, { method: 'GET', url: '/api/national-sso/staff-links' })).json().items.filter((i: { userId: string }) => i.userId === userId)).toEqual([]);

    const made = await create(admin, { userId, subject: 'dvcqg.motcua' });
    expect(made.statusCode, made.body).toBe(201);
    const listed = (await injectAs(t.app, admin, { method: 'GET', url: '/api/national-sso/staff-links' })).json().items;
    expect(listed).toContainEqual(expect.objectContaining({ userId, username: 'motcua', subject: 'dvcqg.motcua', linkedByName: expect.any(String) }));
    // Another commune's administrator does not see the officers of commune A; a desk officer cannot list.
    expect((await injectAs(t.app, otherAdmin, { method: 'GET', url: '/api/national-sso/staff-links' })).json().items.map((i: { userId: string }) => i.userId)).not.toContain(userId);
    expect((await injectAs(t.app, desk, { method: 'GET', url: '/api/national-sso/staff-links' })).statusCode).toBe(403);
    expect((await injectAs(t.app, null, { method: 'GET', url: '/api/national-sso/staff-links' })).statusCode).toBe(401);
    const viaLink = (await ssoSignIn('dvcqg.motcua', 'staff')).cookies.mc_session;
    expect(viaLink).toBeTruthy();
    const meWith = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect((await meWith(`mc_session=${viaLink}`)).json()).toMatchObject({ username: 'motcua' });

    // Revoke: others cannot; the administrator can, once; then the national identity opens nothing.
    expect((await injectAs(t.app, otherAdmin, { method: 'DELETE', url: `/api/national-sso/staff-links/${userId}` })).statusCode).toBe(404);
    expect((await injectAs(t.app, null, { method: 'DELETE', url: `/api/national-sso/staff-links/${userId}` })).statusCode).toBe(401);
    expect((await meWith(`mc_session=${viaLink}`)).statusCode).toBe(200);
    expect((await injectAs(t.app, admin, { method: 'DELETE', url: `/api/national-sso/staff-links/${userId}` })).statusCode).toBe(204);
    // The session opened through the link ends with it, at once: the same cookie is signed out. The officer's own
    // password session is not the link's and goes on.
    const ended = await meWith(`mc_session=${viaLink}`);
    expect(ended.statusCode).toBe(401);
    expect((await t.ctx.db.query(`SELECT count(*)::int AS n FROM staff_session WHERE national_sso_subject = 'dvcqg.motcua'`)).rows[0]!.n).toBe(0);
    expect((await injectAs(t.app, desk, { method: 'GET', url: '/api/auth/me' })).json()).toMatchObject({ username: 'motcua' });
    expect((await injectAs(t.app, admin, { method: 'DELETE', url: `/api/national-sso/staff-links/${userId}` })).statusCode).toBe(404);
    expect((await ssoSignIn('dvcqg.motcua', 'staff')).location).toBe('/console?loi=dvcqg');
    const audit = await t.ctx.db.query(`SELECT before, after FROM audit_log WHERE entity_id = $1 AND action = 'national_sso.link' ORDER BY id DESC LIMIT 2`, [userId]);
    expect(audit.rows).toEqual([
      { before: { subject: 'dvcqg.motcua' }, after: { subject: null } },
      { before: { subject: null }, after: { subject: 'dvcqg.motcua' } },
    ]);
  });
});

describe('access ends when it is taken away, for sessions already open', () => {
  it('a disabled officer\'s sessions (password and national SSO) get 401 at once; enabled again, they stay ended', async () => {
    const uid = await buildStaff(t.ctx.db, 'motcua.tat', [{ role: 'desk_officer', unit: tree.deskA }]);
    const byPassword = await login(t.app, 'motcua.tat');
    expect((await injectAs(t.app, admin, { method: 'POST', url: '/api/national-sso/staff-links', payload: { userId: uid, subject: 'dvcqg-canbo-7' } })).statusCode).toBe(201);
    const bySso = (await ssoSignIn('dvcqg-canbo-7', 'staff')).cookies.mc_session!;
    const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect((await injectAs(t.app, byPassword, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await me(`mc_session=${bySso}`)).statusCode).toBe(200);
    const off = await injectAs(t.app, admin, { method: 'PATCH', url: `/api/users/${uid}`, payload: { active: false } });
    expect(off.statusCode, off.body).toBe(200);
    expect((await injectAs(t.app, byPassword, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await me(`mc_session=${bySso}`)).statusCode).toBe(401);
    expect((await ssoSignIn('dvcqg-canbo-7', 'staff')).location).toBe('/console?loi=dvcqg');
    expect((await injectAs(t.app, admin, { method: 'PATCH', url: `/api/users/${uid}`, payload: { active: true } })).statusCode).toBe(200);
    expect((await injectAs(t.app, byPassword, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await me(`mc_session=${bySso}`)).statusCode).toBe(401);
    expect((await injectAs(t.app, admin, { method: 'DELETE', url: `/api/national-sso/staff-links/${uid}` })).statusCode).toBe(204);
  });

  it('a role taken away is gone from the open session at its next request (grants are read per request)', async () => {
    const uid = await buildStaff(t.ctx.db, 'quantri.xa', [{ role: 'admin', unit: tree.communeA }]);
    const s = await login(t.app, 'quantri.xa');
    expect((await injectAs(t.app, s, { method: 'GET', url: '/api/users' })).statusCode).toBe(200);
    const changed = await injectAs(t.app, admin, { method: 'PATCH', url: `/api/users/${uid}`, payload: { email: 'quantri.xa@example.vn', grants: [{ role: 'desk_officer', unitId: tree.deskA.id }] } });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = await injectAs(t.app, s, { method: 'GET', url: '/api/users' });
    expect(after.statusCode).toBe(403);
    expect(after.json().code).toBeTruthy();
    expect((await injectAs(t.app, s, { method: 'GET', url: '/api/auth/me' })).json().grants).toEqual([expect.objectContaining({ role: 'desk_officer', unitId: tree.deskA.id })]);
  });
});

describe('a sign-in started at another name of the server (localhost while PUBLIC_URL is 127.0.0.1)', () => {
  it('is sent to the same start at PUBLIC_URL first, then the whole round trip there signs the citizen in', async () => {
    const atLocalhost = await t.app.inject({ method: 'GET', url: '/api/national-sso/start?target=citizen&returnTo=%2Fcong-dan%2Fkho', headers: { host: 'localhost:3998' } });
    expect(atLocalhost.statusCode).toBe(302);
    expect(atLocalhost.headers.location).toBe(`${PUBLIC}/api/national-sso/start?target=citizen&returnTo=%2Fcong-dan%2Fkho&atOrigin=1`);
    // No state is kept at the wrong host: it would never come back to the callback.
    expect(atLocalhost.cookies.map((c) => c.name)).toEqual([]);
    // The browser follows to PUBLIC_URL: the flow starts there, and the callback at PUBLIC_URL finds its state.
    const next = new URL(atLocalhost.headers.location as string);
    const start = await t.app.inject({ method: 'GET', url: `${next.pathname}${next.search}`, headers: { host: next.host } });
    expect(start.statusCode).toBe(302);
    const authUrl = new URL(start.headers.location as string);
    expect(authUrl.origin).toBe(idp.issuer);
    expect(authUrl.searchParams.get('redirect_uri')).toBe(REDIRECT);
    const flow = start.cookies.find((c) => c.name === 'mc_signin_state')!;
    expect(flow.value).toBe(authUrl.searchParams.get('state'));
    const back = await signInAtProvider(authUrl.toString(), 'dvcqg-0001', REDIRECT);
    expect(back.origin).toBe(PUBLIC);
    const cb = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { host: back.host, cookie: `mc_signin_state=${flow.value}` } });
    expect(cb.headers.location).toBe('/cong-dan/kho');
    const me = await citizenMe(cb.cookies.find((c) => c.name === 'mc_citizen')?.value);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ idNumber: '001085000321', idVerified: true });
  });

  it('never takes its address from Host: any other host is sent to PUBLIC_URL, and only once (no loop behind a proxy)', async () => {
    for (const host of ['evil.example', '127.0.0.1:9999', 'localhost']) {
      const r = await t.app.inject({ method: 'GET', url: '/api/national-sso/start?target=staff', headers: { host } });
      expect(r.statusCode, host).toBe(302);
      expect(r.headers.location, host).toBe(`${PUBLIC}/api/national-sso/start?target=staff&atOrigin=1`);
    }
    // Already sent once (a proxy in front rewrites Host): the flow starts rather than redirecting again.
    const once = await t.app.inject({ method: 'GET', url: '/api/national-sso/start?target=staff&atOrigin=1', headers: { host: 'backend:3000' } });
    expect(new URL(once.headers.location as string).origin).toBe(idp.issuer);
  });
});

describe('where a national sign-in lands (returnTo)', () => {
  it('only inside the target’s own areas; anything else lands on the start page', () => {
    expect(safeLanding('staff', '/console/ho-so?tab=online')).toBe('/console/ho-so?tab=online');
    expect(safeLanding('citizen', '/cong-dan/ho-so/abc')).toBe('/cong-dan/ho-so/abc');
    expect(safeLanding('citizen', '/thu-tuc/tra-cuu-ho-so?ma=G22.99-1')).toBe('/thu-tuc/tra-cuu-ho-so?ma=G22.99-1');
    for (const bad of ['//evil.example/x', 'https://evil.example', '/\\evil.example', '/console/../api/x', '/cong-dan/%2f%2fevil', '/api/auth/logout', '/cong-danx', '/console', '', undefined]) {
      expect(safeLanding('citizen', bad), String(bad)).toBe('/cong-dan/ho-so');
    }
    for (const bad of ['/cong-dan/ho-so', '/consolex', '/console//evil.example', '/console/./x', 'javascript:alert(1)']) {
      expect(safeLanding('staff', bad), bad).toBe('/console');
    }
  });
});
