import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTestApp, injectAs, type TestApp } from '../../../test/app.js';
import { APPLICANT, seedDesk } from '../../../test/dossier-fixtures.js';
import { registerCitizen } from '../../../test/citizens.js';
import { createNationalPaymentGateway, pgSign, pgVerify } from './national-payment.gateway.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
const now = new Date('2026-11-25T02:00:00Z');
const SECRET = 'paygov-test-secret-0123456789';
const MERCHANT = 'UBND-TEST';

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now }, env: { NATIONAL_PAYMENT_SECRET: SECRET, NATIONAL_PAYMENT_MERCHANT: MERCHANT } });
  s = await seedDesk(t.app, t.ctx.db);
});
afterAll(() => t.close());

const answer = (ref: string, over: Record<string, string> = {}) => ({
  pg_version: '1.0',
  pg_merchant: MERCHANT,
  pg_order: ref,
  pg_amount: '15000',
  pg_currency: 'VND',
  pg_status: '00',
  pg_trans_id: 'PG12345678',
  pg_bank: 'VCB',
  pg_paid_time: '20261125090500',
  ...over,
});
const callback = (fields: Record<string, string>, key = SECRET, checksum?: string) =>
  t.app.inject({ method: 'POST', url: '/api/payments/paygov/callback', payload: { ...fields, checksum: checksum ?? pgSign(fields, key) } });
const paymentRow = async (ref: string) =>
  (await t.ctx.db.query(`SELECT method, status, receipt_seq, (SELECT count(*)::int FROM payment_event e WHERE e.payment_id = p.id) AS events FROM payment p WHERE reference = $1`, [ref])).rows[0];

describe('the national payment platform protocol', () => {
  it('a checksum verifies only its own fields under its own secret', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).map((k) => `pg_${k}`), fc.string({ minLength: 1, maxLength: 20 }), { minKeys: 1 }), fc.string({ minLength: 1 }), (fields, other) => {
        const sum = pgSign(fields, SECRET);
        expect(pgVerify(fields, sum, SECRET)).toBe(true);
        expect(pgVerify(fields, sum, `${SECRET}x`)).toBe(false);
        const key = Object.keys(fields)[0]!;
        if (fields[key] !== other) expect(pgVerify({ ...fields, [key]: other }, sum, SECRET)).toBe(false);
      }),
      { numRuns: 200 },
    );
    const gw = createNationalPaymentGateway({ merchant: MERCHANT, secret: SECRET, payUrl: 'https://x' });
    expect(gw.verifyIpn({ ...answer('MC2345678923'), checksum: pgSign(answer('MC2345678923'), SECRET) })).toMatchObject({ ok: true, amountVnd: 15000, success: true });
    expect(gw.verifyIpn(answer('MC2345678923'))).toEqual({ ok: false, reason: 'signature' });
    const other = answer('MC2345678923', { pg_merchant: 'KHAC' });
    expect(gw.verifyIpn({ ...other, checksum: pgSign(other, SECRET) })).toEqual({ ok: false, reason: 'merchant' });
    expect(gw.verifyIpn({ pg_order: ['a', 'b'] })).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('the citizen pays through the national platform', () => {
  let dossier: { id: string; code: string };
  let ref: string;

  it('the citizen chooses the channel; the signed URL goes to the platform with the dossier fee', async () => {
    dossier = await s.receive();
    const res = await t.app.inject({ method: 'POST', url: '/api/payments/public/start', payload: { code: dossier.code, secret: APPLICANT.phone, method: 'paygov', amountVnd: 1 } });
    expect(res.statusCode, res.body).toBe(200);
    const url = new URL(res.json().redirectUrl);
    expect(url.pathname).toBe('/sim/paygov/pay');
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({ pg_merchant: MERCHANT, pg_amount: '15000', pg_order: res.json().reference });
    expect(q.pg_return_url).toMatch(/\/api\/payments\/paygov\/return$/);
    const { checksum, ...fields } = q;
    expect(pgVerify(fields, checksum, SECRET)).toBe(true);
    ref = res.json().reference;
    expect((await paymentRow(ref)).method).toBe('paygov');
    const page = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(page.body).toContain('15.000 đồng');
    expect((await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search.replace('pg_amount=15000', 'pg_amount=1')}` })).statusCode).toBe(400);
  });

  it('a callback without a valid signature is refused and changes nothing', async () => {
    const before = await paymentRow(ref);
    expect((await callback(answer(ref), 'not-the-merchant-secret')).json()).toEqual({ code: '97', message: 'Invalid checksum' });
    expect((await callback(answer(ref), SECRET, '')).json().code).toBe('97');
    expect((await t.app.inject({ method: 'POST', url: '/api/payments/paygov/callback', payload: answer(ref) })).json().code).toBe('97');
    expect((await t.app.inject({ method: 'POST', url: '/api/payments/paygov/callback', payload: { pg_order: 5 } })).json().code).toBe('COMMON.VALIDATION');
    expect((await t.app.inject({ method: 'POST', url: '/api/payments/paygov/callback', payload: { ...answer(ref), pg_status: 7, checksum: 'x' } })).json().code).toBe('99');
    expect((await t.app.inject({ method: 'POST', url: '/api/payments/paygov/callback', payload: 'not json', headers: { 'content-type': 'application/json' } })).statusCode).toBe(400);
    const back = await t.app.inject({ method: 'GET', url: `/api/payments/paygov/return?${new URLSearchParams({ ...answer(ref), checksum: 'f'.repeat(64) })}` });
    expect(back.headers.location).toBe('/thanh-toan/ket-qua?loi=chu-ky');
    expect(await paymentRow(ref)).toEqual(before);
    expect(before.status).toBe('pending');
  });

  it('a wrong amount is refused; a VNPay order cannot be paid by a national-platform message', async () => {
    expect((await callback(answer(ref, { pg_amount: '100' }))).json().code).toBe('04');
    const vnp = await t.app.inject({ method: 'POST', url: '/api/payments/public/start', payload: { code: dossier.code, secret: APPLICANT.phone, method: 'vnpay' } });
    expect((await callback(answer(vnp.json().reference))).json().code).toBe('01');
    expect((await paymentRow(vnp.json().reference)).status).toBe('pending');
  });

  it('the signed callback pays once; a replay changes nothing', async () => {
    expect((await callback(answer(ref))).json()).toEqual({ code: '00', message: 'Confirmed' });
    const paid = await paymentRow(ref);
    expect(paid).toMatchObject({ status: 'paid', receipt_seq: 1 });
    expect((await callback(answer(ref))).json().code).toBe('02');
    expect(await paymentRow(ref)).toEqual(paid);
    const fee = await t.app.inject({ method: 'POST', url: '/api/payments/public/fee', payload: { code: dossier.code, secret: APPLICANT.phone } });
    expect(fee.json()).toMatchObject({ paid: true });
  });

  it('the whole loop through the simulator: pay page → signed callback → return → paid', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const an = await registerCitizen(t.app, { identifier: 'an@example.vn', idNumber: APPLICANT.idNumber, fullName: APPLICANT.fullName, birthDate: '1990-05-01', gender: 'male' });
    const d = await s.receive();
    await t.ctx.db.query(`UPDATE dossier SET citizen_id = $1 WHERE id = $2`, [an.id, d.id]);
    const started = await injectAs(t.app, an, { method: 'POST', url: `/api/citizen/dossiers/${d.id}/payments`, payload: { method: 'paygov' } });
    expect(started.statusCode, started.body).toBe(200);
    const url = new URL(started.json().redirectUrl);
    const pay = await fetch(`${origin}${url.pathname}${url.search}`);
    const token = /name="request" value="([^"]+)"/.exec(await pay.text())![1]!;
    const done = await fetch(`${origin}/sim/paygov/pay`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `request=${token}&action=pay` });
    expect(done.status).toBe(302);
    expect((await paymentRow(started.json().reference)).status).toBe('paid');
    const back = new URL(done.headers.get('location')!);
    const ret = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    expect(ret.headers.location).toMatch(/^\/thanh-toan\/ket-qua/);
    expect(ret.headers.location).not.toContain('loi=');
    // Another citizen cannot start a payment for An's dossier.
    const binh = await registerCitizen(t.app, { identifier: '0912345679', idNumber: '079195000123', fullName: 'Trần Thị Bình', birthDate: '1995-02-03', gender: 'female' });
    expect((await injectAs(t.app, binh, { method: 'POST', url: `/api/citizen/dossiers/${d.id}/payments`, payload: { method: 'paygov' } })).statusCode).toBe(403);
  });
});
