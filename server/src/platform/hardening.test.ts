import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, type Session, type TestApp } from '../../test/app.js';
import { multipart, pdf, registerCitizen } from '../../test/citizens.js';
import { APPLICANT, seedDesk } from '../../test/dossier-fixtures.js';
import { loggerOptions, redactUrl } from './log.js';

const PUBLIC_URL = 'http://dvc.example.vn:8080';
const lines: string[] = [];
let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
let citizen: Session & { id: string };

/** Files the store holds on disk (content-addressed, two-level). */
async function filesOnDisk(): Promise<string[]> {
  const dir = path.join(t.ctx.config.dataDir, 'files');
  const found: string[] = [];
  for (const sub of await fs.readdir(dir).catch(() => [] as string[])) {
    for (const f of await fs.readdir(path.join(dir, sub))) found.push(`${sub}/${f}`);
  }
  return found.sort();
}
const storedRows = async () => (await t.ctx.db.query('SELECT count(*)::int AS n FROM stored_file')).rows[0].n as number;

beforeAll(async () => {
  t = await buildTestApp({
    env: { PUBLIC_URL, CITIZEN_QUOTA_MB: '1' },
    logger: loggerOptions('info', { write: (line: string) => void lines.push(line) }),
  });
  s = await seedDesk(t.app, t.ctx.db);
  citizen = await registerCitizen(t.app, { identifier: 'an@example.vn', idNumber: '087090001234', fullName: 'Nguyễn Văn An', birthDate: '1990-05-01' });
});
afterAll(() => t.close());

describe('every answer carries the security headers', () => {
  it('CSP without inline script, no framing, nosniff, no referrer; no HSTS without Secure cookies', async () => {
    for (const url of ['/api/catalog/procedures', '/api/no-such-route', '/', '/healthz']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('API answers are not kept by any cache', async () => {
    expect((await injectAs(t.app, s.desk, { method: 'GET', url: '/api/auth/me' })).headers['cache-control']).toBe('no-store');
    expect((await t.app.inject({ method: 'GET', url: '/api/catalog/procedures' })).headers['cache-control']).toBe('no-store');
  });
});

describe('the client is who the socket says', () => {
  it('X-Forwarded-For from a client that is not a listed proxy is ignored', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': '203.0.113.9' }, payload: { username: 'motcua', password: 'Mat-khau-thu-nghiem-1' } });
    expect(res.statusCode).toBe(200);
    const { rows } = await t.ctx.db.query(`SELECT ip FROM staff_session ORDER BY created_at DESC LIMIT 1`);
    expect(rows[0].ip).toBe('127.0.0.1');
  });

  it('a spoofed X-Forwarded-Host reaches neither the gateway URL nor the return URL: PUBLIC_URL only', async () => {
    const d = await s.receive();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/payments/public/start',
      headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', host: 'evil.example' },
      payload: { code: d.code, secret: APPLICANT.phone, method: 'vnpay' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const url = new URL(res.json().redirectUrl);
    expect(url.origin).toBe(PUBLIC_URL);
    expect(url.searchParams.get('vnp_ReturnUrl')).toBe(`${PUBLIC_URL}/api/payments/vnpay/return`);
    expect(res.body).not.toContain('evil.example');
  });
});

describe('a listed proxy is believed', () => {
  it('TRUST_PROXY=127.0.0.1 takes the client address from X-Forwarded-For', async () => {
    const p = await buildTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
    try {
      const { buildStaff, buildUnitTree } = await import('../../test/factories.js');
      await buildStaff(p.ctx.db, 'motcua', [{ role: 'desk_officer', unit: (await buildUnitTree(p.ctx.db)).deskA }]);
      await p.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': '203.0.113.9' }, payload: { username: 'motcua', password: 'Mat-khau-thu-nghiem-1' } });
      expect((await p.ctx.db.query(`SELECT ip FROM staff_session`)).rows[0].ip).toBe('203.0.113.9');
    } finally {
      await p.close();
    }
  });
});

describe('logs hold no secret and no personal data', () => {
  it('query strings, cookies and CSRF tokens are redacted', async () => {
    lines.length = 0;
    const d = await s.receive();
    await t.app.inject({ method: 'GET', url: `/api/tracking?code=${d.code}&secret=${APPLICANT.phone}` });
    await t.app.inject({ method: 'GET', url: '/api/payments/public/MCABCDEFGH23?t=link-token-SECRET-0123456789' });
    await t.app.inject({ method: 'GET', url: `/api/catalog/procedures?q=${APPLICANT.idNumber}&limit=5` });
    await injectAs(t.app, s.desk, { method: 'GET', url: '/api/auth/me' });
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'motcua', password: 'Sai-mat-khau-bi-mat-99' } });
    const log = lines.join('');
    expect(log).toContain('/api/tracking?code=[REDACTED]&secret=[REDACTED]');
    expect(log).toContain('limit=5');
    for (const secret of [APPLICANT.phone, APPLICANT.idNumber, 'link-token-SECRET', 'Sai-mat-khau-bi-mat-99', s.desk.csrf, s.desk.cookie.split('=')[1]!, d.code]) {
      expect(log, secret).not.toContain(secret);
    }
  });

  it('redactUrl keeps the path and harmless keys only', () => {
    expect(redactUrl('/api/x')).toBe('/api/x');
    expect(redactUrl('/api/x?t=abc&limit=10&phone=0912345678&%ZZ=1')).toBe('/api/x?t=[REDACTED]&limit=10&phone=[REDACTED]&%ZZ=[REDACTED]');
  });
});

describe('no input gives a 5xx, and a refused one changes nothing', () => {
  it('NUL in a JSON string, a key or a query string is a 400 with a code', async () => {
    const before = (await t.ctx.db.query('SELECT count(*)::int AS n FROM staff_session')).rows[0].n;
    const cases = [
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mot\u0000cua', password: 'x' } }),
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'motcua', password: 'x', 'k\u0000': 1 } }),
      t.app.inject({ method: 'GET', url: '/api/catalog/procedures?q=a%00b' }),
      injectAs(t.app, s.desk, { method: 'POST', url: '/api/dossiers', payload: { idempotencyKey: 'nul-0001-key', procedureId: s.procedureId, receivingUnitId: s.tree.deskA.id, resolvingUnitId: s.tree.communeA.id, applicant: { ...APPLICANT, fullName: 'Nguyễn\u0000An' }, documents: [], outcome: 'accept' } }),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'COMMON.NUL_CHARACTER' });
      expect(res.json().message).toMatch(/ký tự NUL/);
    }
    expect((await t.ctx.db.query('SELECT count(*)::int AS n FROM staff_session')).rows[0].n).toBe(before);
    expect((await t.ctx.db.query(`SELECT count(*)::int AS n FROM dossier WHERE idempotency_key LIKE '%nul-0001-key'`)).rows[0].n).toBe(0);
  });

  it('invalid JSON, an empty JSON body and a wrong content type are 4xx with a code', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "motcua", "pass' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'COMMON.BAD_JSON' });
    const empty = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('COMMON.BAD_JSON');
    const xml = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<login/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ code: 'COMMON.UNSUPPORTED_MEDIA' });
    expect(xml.json().message).toMatch(/không được hỗ trợ/);
    const text = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'motcua' });
    expect(text.statusCode).toBe(400);
    expect(text.json().code).toBe('COMMON.VALIDATION');
  });

  it('truncated or malformed multipart, and a NUL in a file name, are 400 and leave no file', async () => {
    const up = (payload: Buffer | string, headers: Record<string, string>) => injectAs(t.app, citizen, { method: 'POST', url: '/api/citizen/documents', payload, headers });
    const before = { files: await filesOnDisk(), rows: await storedRows() };
    const whole = multipart({ name: 'to-khai.pdf', content: pdf('cat-ngang') }, { name: 'Tờ khai' });
    const truncated = await up(whole.payload.subarray(0, whole.payload.length - 40), whole.headers);
    expect(truncated.statusCode, truncated.body).toBe(400);
    expect(truncated.json().code).toBe('COMMON.BAD_MULTIPART');
    const noBoundary = await up('garbage', { 'content-type': 'multipart/form-data' });
    expect(noBoundary.statusCode).toBeGreaterThanOrEqual(400);
    expect(noBoundary.statusCode).toBeLessThan(500);
    const nulName = multipart({ name: 'to\u0000khai.pdf', content: pdf('nul-ten') }, { name: 'Tờ khai' });
    const refused = await up(nulName.payload, nulName.headers);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('COMMON.NUL_CHARACTER');
    expect({ files: await filesOnDisk(), rows: await storedRows() }).toEqual(before);
  });

  it("a citizen's store has a quota; a refused upload leaves no file on disk", async () => {
    const big = (tag: string) => Buffer.concat([pdf(tag), Buffer.alloc(600 * 1024, 32)]);
    const up = (name: string, content: Buffer) => {
      const m = multipart({ name: `${name}.pdf`, content }, { name });
      return injectAs(t.app, citizen, { method: 'POST', url: '/api/citizen/documents', payload: m.payload, headers: m.headers });
    };
    const first = big('mot');
    expect((await up('Giấy khai sinh', first)).statusCode).toBe(201);
    const before = { files: await filesOnDisk(), rows: await storedRows() };
    const over = await up('Sổ hộ khẩu', big('hai'));
    expect(over.statusCode).toBe(413);
    expect(over.json()).toMatchObject({ code: 'FILE.QUOTA_EXCEEDED' });
    expect(over.json().message).toMatch(/Kho giấy tờ đã đầy/);
    expect({ files: await filesOnDisk(), rows: await storedRows() }).toEqual(before);
    // The same content again takes no more space.
    expect((await up('Giấy khai sinh (bản 2)', first)).statusCode).toBe(201);
    // A type the store does not take is refused before anything is written.
    const docx = await up('Tờ khai', Buffer.from('PK\u0003\u0004rest', 'latin1'));
    expect(docx.statusCode).toBe(415);
    expect(await filesOnDisk()).toEqual(before.files);
  });

  it('uploaded files are served as attachments, Vietnamese names included', async () => {
    const list = (await injectAs(t.app, citizen, { method: 'GET', url: '/api/citizen/documents' })).json() as { id: string }[];
    const res = await injectAs(t.app, citizen, { method: 'GET', url: `/api/citizen/documents/${list[0]!.id}/file` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Giay khai sinh.pdf"; filename*=UTF-8''${encodeURIComponent('Giấy khai sinh.pdf')}`);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
