import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { seedDesk } from '../../../../test/dossier-fixtures.js';
import { vnpVerify } from '../vnpay.gateway.js';
import { startPayment } from './start-payment.js';

/** The use case the signed-in citizen path calls directly (after its own ownership check). */
let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;

beforeAll(async () => {
  t = await buildTestApp({ env: { VNPAY_URL: 'https://gateway.example.vn/paymentv2/vpcpay.html', VNPAY_HASH_SECRET: 'direct-call-secret-0001' } });
  s = await seedDesk(t.app, t.ctx.db, 250_000);
});
afterAll(() => t.close());

describe('startPayment', () => {
  it('uses the configured gateway, the dossier fee and the given return URL', async () => {
    const d = await s.receive();
    const p = await startPayment(t.ctx, d.id, 'vnpay', 'https://dichvucong.example.vn/api/payments/vnpay/return', { clientIp: '203.0.113.9' });
    const url = new URL(p.redirectUrl!);
    expect(`${url.origin}${url.pathname}`).toBe('https://gateway.example.vn/paymentv2/vpcpay.html');
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({ vnp_Amount: '25000000', vnp_ReturnUrl: 'https://dichvucong.example.vn/api/payments/vnpay/return', vnp_IpAddr: '203.0.113.9' });
    expect(vnpVerify(q, 'direct-call-secret-0001')).toBe(true);
    expect(p.resultPath).toMatch(/^\/thanh-toan\/ket-qua\?ref=MC[A-Z0-9]{10}&t=/);
    const events = await t.ctx.db.query(`SELECT kind, to_status FROM payment_event e JOIN payment p ON p.id = e.payment_id WHERE p.reference = $1`, [p.reference]);
    expect(events.rows).toEqual([{ kind: 'created', to_status: 'pending' }]);
  });

  it('refuses an unknown dossier', async () => {
    await expect(startPayment(t.ctx, '00000000-0000-4000-8000-000000000000', 'vietqr', 'https://x.vn/r')).rejects.toMatchObject({ code: 'PAYMENT.NOT_FOUND' });
  });
});
