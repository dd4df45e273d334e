import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../../test/app.js';
import { buildStaff, buildUnitTree } from '../../test/factories.js';
import { freshDatabase } from '../../test/db.js';
import { recordAudit } from '../modules/audit/audit.repo.js';
import { freePort, spawnServer } from '../../test/process.js';
import { demoSecrets } from './config.js';

/** A production configuration with nothing wrong (the attacker tests run against it). */
const safe = {
  APP_MODE: 'production',
  PUBLIC_URL: 'https://dichvucong.example.gov.vn',
  VNPAY_HASH_SECRET: 'Q4M9T2W7Z1X8C5V3B6N0L2K4J7H9G1F3',
  POSTAL_CALLBACK_SECRET: 'p0stal-callback-3f9a1c7e5b2d4a6c',
  RECEIPT_LINK_SECRET: 'r3ceipt-link-8e1d2c3b4a5f6e7d9c',
  WEBHOOK_SECRET_KEY: 'w3bhook-seal-4c8e2a6b1d9f3e7a5c',
};

describe('the real server in production mode refuses what is unsafe', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'motcua-prod-'));
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('with nothing but NODE_ENV=production it names every missing secret and starts nothing', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const p = spawnServer({ NODE_ENV: 'production', PORT: String(port), DATA_DIR: dataDir });
    expect(await p.exited).toBe(78);
    const out = p.output();
    expect(out).toContain('từ chối khởi động');
    expect(out).toContain('refuses to start');
    for (const setting of ['VNPAY_HASH_SECRET', 'POSTAL_CALLBACK_SECRET', 'RECEIPT_LINK_SECRET', 'WEBHOOK_SECRET_KEY', 'PUBLIC_URL', 'DATABASE_URL']) expect(out).toContain(`  - ${setting}: `);
    // Refused before anything ran: no embedded database created, nothing listening.
    await expect(fs.access(path.join(dataDir, 'pg'))).rejects.toThrow();
    await expect(fetch(`${p.baseUrl}/healthz`)).rejects.toThrow();
  });

  it('APP_MODE=demo with NODE_ENV=production does not silently run the demo', { timeout: 60_000 }, async () => {
    const p = spawnServer({ APP_MODE: 'demo', NODE_ENV: 'production', PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await p.exited).toBe(78);
    const out = p.output();
    expect(out).toContain('  - APP_MODE: APP_MODE=demo cùng NODE_ENV=production');
    expect(out).toContain('does not run in production');
    await expect(fs.access(path.join(dataDir, 'pg'))).rejects.toThrow();
  });

  it('with the published defaults, a simulator, plain cookies and demo data, each is named', { timeout: 60_000 }, async () => {
    const p = spawnServer({
      APP_MODE: 'production',
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      PUBLIC_URL: safe.PUBLIC_URL,
      VNPAY_HASH_SECRET: demoSecrets.vnpayHashSecret,
      POSTAL_CALLBACK_SECRET: demoSecrets.postalCallbackSecret,
      RECEIPT_LINK_SECRET: demoSecrets.receiptLinkSecret,
      WEBHOOK_SECRET_KEY: demoSecrets.webhookSecretKey,
      PAYMENT_SIMULATOR: 'true',
      POSTAL_SIMULATOR: 'true',
      CITIZEN_STORE_SIMULATOR: 'true',
      POPULATION_SIMULATOR: 'true',
      NATIONAL_PAYMENT_SIMULATOR: 'true',
      NATIONAL_PORTAL_SIMULATOR: 'true',
      NATIONAL_PORTAL_INBOUND_SECRET: demoSecrets.nationalPortalInboundSecret,
      SECURE_COOKIES: 'false',
      SEED_DEMO: 'true',
      DEMO_PASSWORD: 'matkhau-demo-123',
    });
    expect(await p.exited).toBe(78);
    const out = p.output();
    for (const setting of ['VNPAY_HASH_SECRET', 'POSTAL_CALLBACK_SECRET', 'RECEIPT_LINK_SECRET', 'WEBHOOK_SECRET_KEY', 'PAYMENT_SIMULATOR', 'POSTAL_SIMULATOR', 'CITIZEN_STORE_SIMULATOR', 'POPULATION_SIMULATOR', 'NATIONAL_PAYMENT_SIMULATOR', 'NATIONAL_PORTAL_SIMULATOR', 'NATIONAL_PORTAL_INBOUND_SECRET', 'SECURE_COOKIES', 'SEED_DEMO', 'DEMO_PASSWORD']) {
      expect(out).toContain(`  - ${setting}: `);
    }
    expect(out).toContain('giá trị mẫu đã công bố / ');
    expect(out).not.toContain('matkhau-demo-123');
  });

  it('a database the demo once filled is refused: its demo accounts share a printed password', { timeout: 60_000 }, async () => {
    const { db, url, drop } = await freshDatabase();
    try {
      await recordAudit(db, { actorId: null, actorName: 'Hệ thống', action: 'demo.seeded', entity: 'system', entityId: 'demo', after: {}, unitPaths: [], at: new Date() });
      const p = spawnServer({ ...safe, DATABASE_URL: url, PORT: String(await freePort()), DATA_DIR: dataDir, JOBS: 'false' });
      expect(await p.exited).toBe(78);
      expect(p.output()).toContain('  - DATABASE_URL: cơ sở dữ liệu này đã nạp dữ liệu mẫu');
      await expect(fetch(`${p.baseUrl}/healthz`)).rejects.toThrow();
    } finally {
      await drop();
    }
  });

  it('a setting that cannot be read (short secret, short token, a port that is not a number) is named, not a stack trace', { timeout: 60_000 }, async () => {
    const p = spawnServer({
      ...safe,
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      VNPAY_HASH_SECRET: 'ngan-qua',
      METRICS_TOKEN: 'short',
      EMBEDDED_PG_PORT: 'abc',
    });
    expect(await p.exited).toBe(78);
    const out = p.output();
    expect(out).toContain('Cấu hình không hợp lệ');
    expect(out).toContain('  - VNPAY_HASH_SECRET: khóa bí mật cần ít nhất 16 ký tự / a secret needs at least 16 characters');
    expect(out).toContain('  - METRICS_TOKEN: ');
    expect(out).toContain('  - EMBEDDED_PG_PORT: ');
    expect(out).not.toContain('ZodError');
    expect(out).not.toContain('ngan-qua');
  });
});

describe('a stranger against a production server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { ...safe, METRICS_TOKEN: 'metrics-token-0123456789abcdef' } });
    const tree = await buildUnitTree(t.ctx.db);
    await buildStaff(t.ctx.db, 'buudien', [{ role: 'postal', unit: tree.communeA }]);
  });
  afterAll(() => t.close());

  it('reaches no simulator, even signed in as a postal worker', async () => {
    for (const [method, url] of [
      ['GET', '/sim/vnpay/pay?vnp_TxnRef=MC1'],
      ['POST', '/sim/vnpay/pay'],
      ['POST', '/api/postal-sim/orders'],
      ['GET', '/api/postal-sim/orders/SIMD000001'],
      ['POST', '/api/postal-sim/orders/SIMD000001/events'],
      ['GET', '/sim/kho/holders/087090001234/documents'],
      ['POST', '/sim/kho/documents'],
      ['GET', '/sim/dan-cu/citizens/087090001234'],
      ['GET', '/sim/paygov/pay?merchant=MOTCUA-DEMO'],
      ['POST', '/sim/paygov/pay'],
      ['POST', '/sim/dvcqg/token'],
      ['POST', '/sim/dvcqg/service'],
      ['POST', '/api/national-sim/outage'],
      ['POST', '/api/national-sim/push'],
      ['GET', '/api/national-sim/dossiers'],
    ] as const) {
      expect((await t.app.inject({ method, url, payload: method === 'POST' ? { status: 'delivered' } : undefined })).statusCode, url).toBe(404);
    }
    const postman = await login(t.app, 'buudien');
    const res = await t.app.inject({ method: 'POST', url: '/api/postal-sim/orders/SIMD000001/events', headers: { cookie: postman.cookie, 'x-csrf-token': postman.csrf }, payload: { status: 'delivered' } });
    expect(res.statusCode).toBe(404);
  });

  it('gets Secure cookies and HSTS; /metrics needs the token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'buudien', password: 'Mat-khau-thu-nghiem-1' } });
    expect(res.headers['set-cookie']).toMatch(/; Secure/);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789abcdef' } })).statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer metrics-token-0123456789abcdef' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('motcua_http_request_duration_seconds');
  });

  it("the citizen's store, the population database and the national payment platform are unreachable until configured (never their simulators)", async () => {
    const { citizenStoreFor } = await import('../modules/citizen-store/citizen-store.adapter.js');
    const { populationRegistryFor } = await import('../modules/population-data/population.adapter.js');
    const { startPayment } = await import('../modules/payments/use-cases/start-payment.js');
    await expect(citizenStoreFor(t.ctx).list('087090001234')).rejects.toMatchObject({ code: 'CITIZEN_STORE.UNAVAILABLE' });
    await expect(populationRegistryFor(t.ctx).lookup({ idNumber: '087090001234', purpose: 'x', requester: 'y' })).rejects.toMatchObject({ code: 'POPULATION.UNAVAILABLE' });
    await expect(startPayment(t.ctx, '00000000-0000-0000-0000-000000000000', 'paygov', 'https://x/api/payments/vnpay/return')).rejects.toMatchObject({ code: 'PAYMENT.GATEWAY_UNAVAILABLE' });
  });

  it('a VNPay payment has no gateway to go to until VNPAY_URL is set (never the simulator)', async () => {
    const { startPayment } = await import('../modules/payments/use-cases/start-payment.js');
    await expect(startPayment(t.ctx, '00000000-0000-0000-0000-000000000000', 'vnpay', 'https://x/api/payments/vnpay/return')).rejects.toMatchObject({ code: 'PAYMENT.GATEWAY_UNAVAILABLE' });
  });
});

describe('without a token, /metrics is not served in production', () => {
  it('answers 404', async () => {
    const t = await buildTestApp({ env: safe });
    try {
      expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
