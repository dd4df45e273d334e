import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { buildStaff, buildUnitTree, TEST_PASSWORD } from '../../../test/factories.js';
import { CITIZEN_PASSWORD, registerCitizen } from '../../../test/citizens.js';

/**
 * Failed sign-ins slow an account and an address down, but cannot be used to lock someone else out: the owner of a
 * held account gets in with a one-time code sent to their phone or e-mail.
 */
let t: TestApp;
let now = new Date('2026-12-02T02:00:00Z');
const later = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  const tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  await buildStaff(t.ctx.db, 'khong.dien.thoai', [{ role: 'specialist', unit: tree.officeA }]);
  await t.ctx.db.query(`UPDATE staff_user SET phone = '0912000555' WHERE username = 'motcua'`);
});
afterAll(() => t.close());

const signIn = (username: string, password: string, ip: string, code?: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...(code ? { code } : {}) }, remoteAddress: ip });

describe('an officer cannot be locked out by someone else', () => {
  it('a stranger’s wrong passwords hold the account with growing delays; the owner signs in with password and code', async () => {
    const attacker = '198.51.100.66';
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await signIn('motcua', `doan-sai-${i}`, attacker));
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 403]);
    expect(answers[4]!.json()).toMatchObject({ code: 'AUTH.LOCKED', details: { secondFactor: true } });
    expect(answers[4]!.json().message).toContain('mã xác thực');
    // The owner, elsewhere, with the right password: held too — the password alone is not enough now.
    const owner = '203.0.113.10';
    expect((await signIn('motcua', TEST_PASSWORD, owner)).json().code).toBe('AUTH.LOCKED');

    // The code request answers the same for every user name; the code goes to the owner's phone only.
    const sentBefore = t.otp.sent.length;
    const ask = (username: string) => t.app.inject({ method: 'POST', url: '/api/auth/login/code', payload: { username }, remoteAddress: owner });
    const asked = await ask('motcua');
    expect(asked.statusCode).toBe(202);
    expect((await ask('khong.ton.tai')).json()).toEqual(asked.json());
    expect((await ask('khong.dien.thoai')).json()).toEqual(asked.json());
    expect(t.otp.sent.slice(sentBefore).map((m) => [m.recipient, m.purpose])).toEqual([['+84912000555', 'staff_sign_in']]);
    const code = t.otp.lastCode('0912000555');
    // A stranger with a guessed code and the owner's password still gets nothing; the right code opens once.
    expect((await signIn('motcua', TEST_PASSWORD, attacker, code === '000000' ? '111111' : '000000')).json().code).toBe('AUTH.BAD_CODE');
    const inside = await signIn('motcua', TEST_PASSWORD, owner, code);
    expect(inside.statusCode, inside.body).toBe(200);
    expect((await signIn('motcua', TEST_PASSWORD, owner, code)).json().code).toBe('AUTH.BAD_CODE');
    // Success cleared the account: the next wrong passwords start from zero again.
    expect((await signIn('motcua', 'sai-lan-nua', attacker)).statusCode).toBe(401);
    expect((await signIn('motcua', TEST_PASSWORD, owner)).statusCode).toBe(200);
  });

  it('delays grow with each further failure: 15 minutes, then 30, then 60', async () => {
    const attacker = '198.51.100.67';
    for (let i = 0; i < 4; i++) await signIn('khong.dien.thoai', 'sai', attacker);
    const holds: number[] = [];
    for (let round = 0; round < 3; round++) {
      const r = await signIn('khong.dien.thoai', 'sai', attacker);
      holds.push(Math.round((Date.parse(r.json().details.lockedUntil) - now.getTime()) / 60_000));
      later(holds.at(-1)! * 60 + 1);
    }
    expect(holds).toEqual([15, 30, 60]);
    expect((await signIn('khong.dien.thoai', TEST_PASSWORD, attacker)).statusCode).toBe(200);
  });

  it('an address that fails 20 times waits, whatever names it tries; each failure for an unknown name is audited', async () => {
    const sprayer = '198.51.100.99';
    for (let i = 0; i < 20; i++) {
      if (i % 10 === 0) later(61); // stay under the per-minute budget: this is about failures, not speed
      expect((await signIn(`khong.co.${i}`, 'sai', sprayer)).statusCode).toBe(401);
    }
    const held = await signIn('motcua', TEST_PASSWORD, sprayer);
    expect(held.statusCode).toBe(429);
    expect(held.json()).toMatchObject({ code: 'AUTH.ADDRESS_HELD', message: expect.stringContaining('Vui lòng thử lại sau 30 giây') });
    expect(held.headers['retry-after']).toBe('30');
    expect((await signIn('motcua', TEST_PASSWORD, '203.0.113.11')).statusCode).toBe(200);
    const { rows } = await t.ctx.db.query(`SELECT after->>'username' AS username, ip FROM audit_log WHERE action = 'auth.failed' AND entity_id = 'unknown' ORDER BY id`);
    expect(rows).toHaveLength(20);
    expect(rows[0]).toEqual({ username: 'khong.co.0', ip: sprayer });
  });
});

describe('a citizen cannot be locked out by someone else', () => {
  it('strangers hold the account; its owner gets in at once by a one-time code, which clears the hold', async () => {
    await registerCitizen(t.app, { identifier: '0912000666', idNumber: '001090000777', fullName: 'Chủ Tài Khoản', birthDate: '1990-05-01' });
    const login = (password: string, ip: string) => t.app.inject({ method: 'POST', url: '/api/citizen/auth/login', payload: { identifier: '0912000666', password }, remoteAddress: ip });
    for (let i = 0; i < 5; i++) await login(`sai-${i}`, '198.51.100.70');
    expect((await login(CITIZEN_PASSWORD, '203.0.113.20')).json().code).toBe('AUTH.LOCKED');
    await t.app.inject({ method: 'POST', url: '/api/citizen/auth/recovery', payload: { identifier: '0912000666' }, remoteAddress: '203.0.113.20' });
    const back = await t.app.inject({ method: 'POST', url: '/api/citizen/auth/recovery/confirm', payload: { identifier: '0912000666', code: t.otp.lastCode('0912000666'), password: 'Mat-khau-moi-cua-chu' }, remoteAddress: '203.0.113.20' });
    expect(back.statusCode, back.body).toBe(200);
    expect((await login('Mat-khau-moi-cua-chu', '203.0.113.20')).statusCode).toBe(200);
    const { rows } = await t.ctx.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'citizen.sign_in_failed'`);
    expect(rows[0].n).toBeGreaterThanOrEqual(5);
  });
});

describe('the lockout tells no one which accounts exist', () => {
  /** The answer with its instants blanked: what an outsider compares. */
  const shape = (r: { statusCode: number; body: string; headers: Record<string, unknown> }) => ({
    status: r.statusCode,
    retryAfter: r.headers['retry-after'] ?? null,
    body: r.body.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T').replace(/\d{1,2}:\d\d(:\d\d)?( (SA|CH|AM|PM))?/g, 'H'),
  });

  async function compare(attempt: (name: string, ip: string) => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>, known: string, unknown: string) {
    const a: unknown[] = [];
    const b: unknown[] = [];
    for (let i = 0; i < 7; i++) {
      a.push(shape(await attempt(known, '198.51.100.120')));
      b.push(shape(await attempt(unknown, '198.51.100.121')));
    }
    later(15 * 60 + 1); // the first hold is over: one more failure holds both for twice as long
    a.push(shape(await attempt(known, '198.51.100.120')));
    b.push(shape(await attempt(unknown, '198.51.100.121')));
    return { a, b };
  }

  it('an officer’s name and a name no account has answer alike, try after try (LOCKED from the 5th)', async () => {
    await buildStaff(t.ctx.db, 'co.that', [{ role: 'specialist', unit: (await buildUnitTree(t.ctx.db)).officeA }]);
    const { a, b } = await compare((username, ip) => signIn(username, 'doan-sai', ip), 'co.that', 'khong.that');
    expect(b).toEqual(a);
    expect((a as { status: number }[]).map((x) => x.status)).toEqual([401, 401, 401, 401, 403, 403, 403, 403]);
    expect(JSON.parse((a[4] as { body: string }).body).code).toBe('AUTH.LOCKED');
    const held = await t.ctx.db.query(`SELECT failures FROM attempt_guard WHERE key = 'signin-name:khong.that'`);
    expect(held.rows[0].failures).toBe(6);
  });

  it('a citizen’s phone and a phone no account has answer alike, try after try', async () => {
    await registerCitizen(t.app, { identifier: '0912000777', idNumber: '001090000888', fullName: 'Người Có Thật', birthDate: '1990-06-01' });
    const login = (identifier: string, ip: string) => t.app.inject({ method: 'POST', url: '/api/citizen/auth/login', payload: { identifier, password: 'doan-sai' }, remoteAddress: ip });
    const { a, b } = await compare(login, '0912000777', '0912000778');
    expect(b).toEqual(a);
    expect((a as { status: number }[]).map((x) => x.status)).toEqual([401, 401, 401, 401, 403, 403, 403, 403]);
  });
});

describe('every refusal for speed says when to come back (Retry-After, RFC 6585 §4)', () => {
  it('the officer’s and the citizen’s per-minute sign-in budget: the 21st try in a minute is a 429 with Retry-After', async () => {
    later(3600);
    const officer = (i: number) => signIn(`nhanh.${i}`, 'sai', '198.51.100.140');
    for (let i = 0; i < 20; i++) expect((await officer(i)).statusCode).toBe(401);
    later(15); // 15 s into the address's minute: 45 s are left
    const refused = await officer(20);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'AUTH.TOO_MANY_ATTEMPTS', message: 'Quá nhiều lần đăng nhập, vui lòng thử lại sau 45 giây.', details: { retryAfterSeconds: 45 } });
    expect(refused.headers['retry-after']).toBe('45');

    const citizen = (i: number) => t.app.inject({ method: 'POST', url: '/api/citizen/auth/login', payload: { identifier: `09120009${String(i).padStart(2, '0')}`, password: 'sai-mat-khau' }, remoteAddress: '198.51.100.141' });
    for (let i = 0; i < 20; i++) expect((await citizen(i)).statusCode).toBe(401);
    const refusedCitizen = await citizen(20);
    expect(refusedCitizen.statusCode).toBe(429);
    expect(refusedCitizen.json().code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    expect(refusedCitizen.headers['retry-after']).toBe('60');
  });

  it('an IPv6 client counts by its /64: new addresses of the prefix do not buy new tries', async () => {
    later(3600);
    const fromPrefix = (i: number) => signIn(`sau.${i}`, 'sai', `2001:db8:4e:a100::${(i + 1).toString(16)}`);
    for (let i = 0; i < 20; i++) expect((await fromPrefix(i)).statusCode).toBe(401);
    const refused = await fromPrefix(20);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('AUTH.TOO_MANY_ATTEMPTS');
    // The subscriber next door is another budget.
    expect((await signIn('sau.khac', 'sai', '2001:db8:4e:a101::1')).statusCode).toBe(401);
  });
});
