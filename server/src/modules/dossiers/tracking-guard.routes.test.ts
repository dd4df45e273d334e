import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';

/**
 * The public channel (tracking, fee look-up, rating) is opened with a dossier code and a secret that may be only the
 * last 4 digits of the CCCD. Before: one address could try all 10,000 secrets in a few minutes, and many addresses at
 * once without any limit. These tests try and must fail.
 */
let t: TestApp;
let now = new Date('2026-12-02T02:00:00Z');
let fixture: Awaited<ReturnType<typeof seedDesk>>;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  fixture = await seedDesk(t.app, t.ctx.db);
});
afterAll(() => t.close());

const track = (code: string, secret: string, ip: string) => t.app.inject({ url: `/api/tracking?code=${code}&secret=${secret}`, remoteAddress: ip });
/** A different client address for every request: a botnet, or a forged header if it were trusted. */
const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

describe('brute force of the 4-digit tracking secret', () => {
  it('finds nothing in 1,000 guesses from 1,000 addresses, even when the right secret comes among them', async () => {
    const d = await fixture.receive(); // applicant CCCD 087090001234: the secret is 1234
    const answers: { status: number; code: string; retryAfter: string | undefined }[] = [];
    // Secrets 0500…1499 (before, the whole space fell in under 1,000 requests); the right one is the 735th guess.
    for (let i = 0; i < 1000; i++) {
      const res = await track(d.code, String(500 + i).padStart(4, '0'), addressOf(i));
      answers.push({ status: res.statusCode, code: res.json().code, retryAfter: res.headers['retry-after'] as string | undefined });
    }
    expect(answers.filter((a) => a.status === 200)).toHaveLength(0);
    // A handful of wrong secrets are checked, then every attempt — the right one (at 1234) too — is refused.
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([404, 404, 404, 404, 404]);
    expect(answers.slice(5).every((a) => a.status === 429 && a.code === 'TRACKING.CODE_BLOCKED')).toBe(true);
    expect(answers[734]).toMatchObject({ status: 429, retryAfter: '60' });
    const refusal = (await track(d.code, '1234', '192.0.2.1')).json();
    expect(refusal.message).toContain('nhập sai thông tin xác thực nhiều lần');
    expect(refusal.message).toContain('1 phút');
    // The alert: one audit entry when the code started being refused.
    const { rows } = await t.ctx.db.query(`SELECT action, entity_id AS "entityId", after FROM audit_log WHERE action = 'tracking.code_blocked'`);
    expect(rows).toEqual([{ action: 'tracking.code_blocked', entityId: d.id, after: expect.objectContaining({ code: d.code, failures: 5 }) }]);
    // …and the counter an operator alerts on, once, not once per refused guess.
    const metrics = (await t.app.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/^motcua_security_events_total\{event="tracking_code_held"\} 1$/m);
  });

  it('an attacker who waits out every delay gets fewer than 20 guesses a day, so 10,000 secrets take years', async () => {
    const d = await fixture.receive();
    const start = now;
    let guesses = 0;
    let ip = 100_000;
    const delays: number[] = [];
    while (now.getTime() - start.getTime() < 24 * 3600_000) {
      const res = await track(d.code, String(5000 + guesses).padStart(4, '0'), addressOf(ip++));
      if (res.statusCode === 404) guesses++;
      else {
        expect(res.statusCode).toBe(429);
        const wait = Number(res.headers['retry-after']);
        delays.push(wait);
        now = new Date(now.getTime() + wait * 1000);
      }
    }
    expect(guesses).toBeLessThan(20);
    expect(delays.slice(0, 4)).toEqual([60, 120, 240, 480]);
    // The right secret after all that: the owner gets in once the delay has passed (no permanent lock).
    now = new Date(now.getTime() + 24 * 3600_000);
    expect((await track(d.code, '1234', '192.0.2.2')).statusCode).toBe(200);
  });

  it('a wrong code counts the same as a wrong secret (codes cannot be enumerated by the answer)', async () => {
    const missing = await track('000.00.00.H99-261202-9999', '1234', '192.0.2.3');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('DOSSIER.NOT_FOUND');
  });
});

describe('one budget per address for tracking, fee look-up and rating', () => {
  it('refuses the 31st failure in a minute from one address, whichever page it comes from, and then the right answer too, with a Vietnamese 429', async () => {
    const d = await fixture.receive();
    const ip = '198.51.100.7';
    // Look-ups that succeed cost nothing: citizens sharing one public address (a carrier's NAT, an office) are not refused.
    for (let i = 0; i < 40; i++) expect((await track(d.code, '1234', ip)).statusCode).toBe(200);
    // Wrong codes (each its own guard: the code's hold is not what stops them), from the three public pages.
    const wrong = [
      (i: number) => track(`000.00.71.H20-261202-9${String(i).padStart(3, '0')}`, '1234', ip),
      (i: number) => t.app.inject({ method: 'POST', url: '/api/payments/public/fee', payload: { code: `000.00.71.H20-261202-8${String(i).padStart(3, '0')}`, secret: '1234' }, remoteAddress: ip }),
      (i: number) => t.app.inject({ method: 'POST', url: '/api/satisfaction/public/dossier', payload: { code: `000.00.71.H20-261202-7${String(i).padStart(3, '0')}`, secret: '1234' }, remoteAddress: ip }),
    ];
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await wrong[i % 3]!(i)).statusCode);
    expect(statuses.every((s) => s === 404)).toBe(true);
    for (const refused of [await wrong[0]!(99), await track(d.code, '1234', ip), await wrong[2]!(98)]) {
      expect(refused.statusCode).toBe(429);
      expect(refused.json()).toMatchObject({ code: 'TRACKING.RATE_LIMITED', message: expect.stringContaining('Bạn đã tra cứu quá nhiều lần') });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect((await track(d.code, '1234', '198.51.100.8')).statusCode).toBe(200);
    now = new Date(now.getTime() + 61_000);
    expect((await track(d.code, '1234', ip)).statusCode).toBe(200);
  });

  it('a secret typed the wrong way is said at once and costs the dossier nothing; a whole CCCD is read for its last 4 digits', async () => {
    const d = await fixture.receive(); // applicant CCCD 087090001234
    const ip = '198.51.100.30';
    const lookUp = (secret: string) => t.app.inject({ url: `/api/tracking?code=${d.code}&secret=${encodeURIComponent(secret)}`, remoteAddress: ip });
    for (const typed of ['abcd', '12 34 5', 'Nguyễn Văn An', '1234567']) {
      const res = await lookUp(typed);
      expect(res.statusCode, typed).toBe(400);
      expect(res.json()).toMatchObject({ code: 'TRACKING.SECRET_FORMAT', message: expect.stringContaining('4 chữ số cuối của số CCCD') });
    }
    // Ten of them: neither the code's handful of failures nor the address's budget was touched.
    for (let i = 0; i < 6; i++) await lookUp('abcd');
    const guard = async () => (await t.ctx.db.query(`SELECT failures FROM attempt_guard WHERE key = $1`, [`tracking:${d.code.toUpperCase().replace(/[^0-9A-Z]/g, '')}`])).rows;
    expect(await guard()).toEqual([]);
    expect((await t.ctx.db.query(`SELECT hits FROM rate_limit_window WHERE key = $1`, [`public-tracking:${ip}`])).rows).toEqual([]);
    expect((await lookUp('087 090 001 234')).statusCode).toBe(200);
    expect((await lookUp('1234')).statusCode).toBe(200);
    // A whole number that is not theirs is a wrong secret like any other.
    expect((await lookUp('087090009999')).statusCode).toBe(404);
    expect(await guard()).toEqual([{ failures: 1 }]);
  });

  it('counts an IPv6 subscriber by their /64: the 31st failure is refused whichever address of the prefix it comes from', async () => {
    const d = await fixture.receive();
    // One home or phone holds a whole /64 and may take a new address in it for every request.
    const ofPrefix = (i: number) => `2001:db8:7a:1c00:${(i + 1).toString(16)}:0:0:${(i * 7 + 3).toString(16)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await track(`000.00.71.H20-261202-6${String(i).padStart(3, '0')}`, '1234', ofPrefix(i))).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await track(d.code, '1234', ofPrefix(40))).statusCode).toBe(429);
    // The next /64 — another subscriber — is not held by it; nor is the IPv4 address of a dual-stack socket.
    expect((await track(d.code, '1234', '2001:db8:7a:1c01::1')).statusCode).toBe(200);
    expect((await track(d.code, '1234', '::ffff:198.51.100.9')).statusCode).toBe(200);
    now = new Date(now.getTime() + 61_000);
  });
});
