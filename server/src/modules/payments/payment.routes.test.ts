import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, type TestApp } from '../../../test/app.js';
import { APPLICANT, seedDesk } from '../../../test/dossier-fixtures.js';
import { vnpSignedQuery, vnpVerify } from './vnpay.gateway.js';
import { vietQrCrcValid } from './vietqr.rules.js';
import { expirePendingPayments } from './use-cases/expire-payments.js';
import { receiptModel } from './use-cases/read-payments.js';
import { findPayment } from './payment.repo.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedDesk>>;
let now = new Date('2026-11-25T02:00:00Z'); // Wednesday 09:00 in Vietnam
const SECRET = 'test-hash-secret-0123456789';

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now }, env: { VNPAY_HASH_SECRET: SECRET, VNPAY_TMN_CODE: 'TESTTMN1' } });
  s = await seedDesk(t.app, t.ctx.db);
});
afterAll(() => t.close());

const secret = APPLICANT.phone;
const start = (code: string, method: 'vnpay' | 'vietqr', extra: Record<string, unknown> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/payments/public/start', payload: { code, secret, method, ...extra } });
const ipn = (params: Record<string, string>, key = SECRET) => t.app.inject({ method: 'GET', url: `/api/payments/vnpay/ipn?${vnpSignedQuery(params, key)}` });
const gatewayAnswer = (ref: string, over: Record<string, string> = {}) => ({
  vnp_Amount: '1500000',
  vnp_BankCode: 'NCB',
  vnp_OrderInfo: 'Thanh toan',
  vnp_PayDate: '20261125090500',
  vnp_ResponseCode: '00',
  vnp_TmnCode: 'TESTTMN1',
  vnp_TransactionNo: '14000001',
  vnp_TransactionStatus: '00',
  vnp_TxnRef: ref,
  ...over,
});
const paymentRow = async (ref: string) =>
  (await t.ctx.db.query(`SELECT status, receipt_seq, receipt_year, (SELECT count(*)::int FROM payment_event e WHERE e.payment_id = p.id) AS events FROM payment p WHERE reference = $1`, [ref])).rows[0];

describe('paying a fee online through the VNPay-protocol gateway', () => {
  let dossier: { id: string; code: string };
  let ref: string;

  it('the tracking credentials show the fee; a wrong secret shows nothing', async () => {
    dossier = await s.receive();
    const bad = await t.app.inject({ method: 'POST', url: '/api/payments/public/fee', payload: { code: dossier.code, secret: '9999' } });
    expect(bad.statusCode).toBe(404);
    const fee = await t.app.inject({ method: 'POST', url: '/api/payments/public/fee', payload: { code: dossier.code, secret: '1234' } });
    expect(fee.json()).toMatchObject({ feeVnd: 15000, paid: false, payable: true });
    // The unit handling the dossier, for the page's contacts.
    const resolving = (await t.ctx.db.query<{ id: string }>(`SELECT resolving_unit_id AS id FROM dossier WHERE id = $1`, [dossier.id])).rows[0]!.id;
    expect(fee.json().handlingUnitId).toBe(resolving);
  });

  it('starts a payment for the dossier fee (never an amount from the client) and signs the gateway URL', async () => {
    const res = await start(dossier.code, 'vnpay', { amountVnd: 1 });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.amountVnd).toBe(15000);
    const url = new URL(body.redirectUrl);
    expect(url.pathname).toBe('/sim/vnpay/pay');
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({ vnp_Version: '2.1.0', vnp_Amount: '1500000', vnp_TmnCode: 'TESTTMN1', vnp_TxnRef: body.reference });
    expect(q.vnp_ReturnUrl).toMatch(/\/api\/payments\/vnpay\/return$/);
    expect(vnpVerify(q, SECRET)).toBe(true);
    ref = body.reference;
    // The simulator shows the order and the amount.
    const sim = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(sim.statusCode).toBe(200);
    expect(sim.body).toContain('15.000 đồng');
    expect(sim.body).toContain('Thanh toán');
    // A tampered request is refused by the gateway.
    const tampered = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search.replace('vnp_Amount=1500000', 'vnp_Amount=100')}` });
    expect(tampered.statusCode).toBe(400);
  });

  it('a forged IPN (wrong key), an unknown order and a wrong amount are refused and change nothing', async () => {
    const before = await paymentRow(ref);
    expect((await ipn(gatewayAnswer(ref), 'not-the-merchant-secret')).json()).toEqual({ RspCode: '97', Message: 'Invalid signature' });
    expect((await ipn(gatewayAnswer('MCZZZZZZZZZZ'))).json()).toEqual({ RspCode: '01', Message: 'Order not found' });
    expect((await ipn(gatewayAnswer(ref, { vnp_Amount: '100000' }))).json()).toEqual({ RspCode: '04', Message: 'Invalid amount' });
    const unsigned = await t.app.inject({ method: 'GET', url: `/api/payments/vnpay/ipn?${new URLSearchParams(gatewayAnswer(ref)).toString()}` });
    // No signature at all is answered like a wrong one (VNPay's IPN sample: 97).
    expect(unsigned.json()).toEqual({ RspCode: '97', Message: 'Invalid signature' });
    const after = await paymentRow(ref);
    expect(after.status).toBe('pending');
    expect(after.receipt_seq).toBeNull();
    // Only the signed wrong-amount message is logged (as rejected); the forged ones leave no trace.
    expect(after.events).toBe(before.events + 1);
  });

  it('a valid IPN pays and numbers the receipt; the replay changes nothing', async () => {
    expect((await ipn(gatewayAnswer(ref))).json()).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    const paid = await paymentRow(ref);
    expect(paid).toMatchObject({ status: 'paid', receipt_seq: 1, receipt_year: 2026 });
    const replay = await ipn(gatewayAnswer(ref));
    expect(replay.json()).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    // A later "failure" for the same order cannot undo it either.
    expect((await ipn(gatewayAnswer(ref, { vnp_ResponseCode: '24', vnp_TransactionStatus: '02' }))).json().RspCode).toBe('02');
    expect(await paymentRow(ref)).toEqual(paid);
    expect((await start(dossier.code, 'vnpay')).json().code).toBe('PAYMENT.ALREADY_PAID');
  });

  it('the browser return leads to the result page; the link shows the payment and downloads the receipt', async () => {
    const back = await t.app.inject({ method: 'GET', url: `/api/payments/vnpay/return?${vnpSignedQuery(gatewayAnswer(ref), SECRET)}` });
    expect(back.statusCode).toBe(302);
    const location = new URL(back.headers.location as string, 'http://x');
    expect(location.pathname).toBe('/thanh-toan/ket-qua');
    const token = location.searchParams.get('t')!;
    const view = await t.app.inject({ method: 'GET', url: `/api/payments/public/${ref}?t=${token}` });
    expect(view.json()).toMatchObject({ status: 'paid', amountVnd: 15000, dossierCode: dossier.code, receiptNo: '0000001/2026' });
    const pdf = await t.app.inject({ method: 'GET', url: view.json().receiptUrl });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The copy behind the public link carries no home address; the desk's copy does.
    const payment = (await t.ctx.db.query(`SELECT id FROM payment WHERE reference = $1`, [ref])).rows[0];
    const row = (await findPayment(t.ctx.db, { id: payment.id }))!;
    expect(JSON.stringify(await receiptModel(t.ctx, row, { publicCopy: true }))).not.toContain(APPLICANT.address);
    expect(JSON.stringify(await receiptModel(t.ctx, row, { publicCopy: false }))).toContain(APPLICANT.address);
    expect((await t.app.inject({ method: 'GET', url: `/api/payments/public/${ref}?t=${'A'.repeat(22)}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/payments/public/${ref}/receipt?t=${'A'.repeat(22)}` })).statusCode).toBe(404);
    const forgedReturn = await t.app.inject({ method: 'GET', url: `/api/payments/vnpay/return?${vnpSignedQuery(gatewayAnswer(ref), 'wrong-key-wrong-key')}` });
    expect(forgedReturn.headers.location).toBe('/thanh-toan/ket-qua?loi=chu-ky');
  });

  it('IPNs and the browser return racing for one order pay it once', async () => {
    const d = await s.receive();
    const { reference } = (await start(d.code, 'vnpay')).json();
    const q = vnpSignedQuery(gatewayAnswer(reference), SECRET);
    const answers = await Promise.all([
      ipn(gatewayAnswer(reference)),
      ipn(gatewayAnswer(reference)),
      t.app.inject({ method: 'GET', url: `/api/payments/vnpay/return?${q}` }),
      ipn(gatewayAnswer(reference)),
    ]);
    const codes = [answers[0]!, answers[1]!, answers[3]!].map((a) => a.json().RspCode).sort();
    expect(codes.filter((c) => c === '00').length).toBeLessThanOrEqual(1);
    expect(codes.every((c) => c === '00' || c === '02')).toBe(true);
    const { rows } = await t.ctx.db.query(`SELECT count(*)::int AS n FROM payment_event e JOIN payment p ON p.id = e.payment_id WHERE p.reference = $1 AND e.kind = 'paid'`, [reference]);
    expect(rows[0].n).toBe(1);
  });

  it('a pending payment expires; a late success still pays the unpaid fee once', async () => {
    const d = await s.receive();
    const { reference } = (await start(d.code, 'vnpay')).json();
    now = new Date(now.getTime() + 20 * 60_000);
    expect(await expirePendingPayments(t.ctx)).toBeGreaterThanOrEqual(1);
    expect((await paymentRow(reference)).status).toBe('expired');
    expect((await ipn(gatewayAnswer(reference))).json().RspCode).toBe('00');
    expect((await paymentRow(reference)).status).toBe('paid');
  });
});

describe('cash at the desk and the staff view', () => {
  it('the desk officer records cash once and prints the receipt; another commune cannot', async () => {
    const d = await s.receive();
    const other = await injectAs(t.app, s.otherDesk, { method: 'POST', url: `/api/dossiers/${d.id}/payments/cash`, payload: {} });
    expect(other.statusCode).toBe(404);
    const anon = await t.app.inject({ method: 'POST', url: `/api/dossiers/${d.id}/payments/cash`, payload: {} });
    expect(anon.statusCode).toBe(401);
    const res = await injectAs(t.app, s.desk, { method: 'POST', url: `/api/dossiers/${d.id}/payments/cash`, payload: { payerName: 'Trần Thị Bình' } });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json();
    expect(view).toMatchObject({ feeVnd: 15000, paid: true });
    expect(view.payments[0]).toMatchObject({ method: 'cash', status: 'paid', amountVnd: 15000 });
    expect(view.payments[0].receiptNo).toMatch(/^\d{7}\/2026$/);
    expect(view.payments[0].events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'paid']);
    const again = await injectAs(t.app, s.desk, { method: 'POST', url: `/api/dossiers/${d.id}/payments/cash`, payload: {} });
    expect(again.statusCode).toBe(409);
    const pdf = await injectAs(t.app, s.desk, { method: 'GET', url: `/api/payments/${view.payments[0].id}/receipt` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await injectAs(t.app, s.otherDesk, { method: 'GET', url: `/api/payments/${view.payments[0].id}/receipt` })).statusCode).toBe(404);
    expect((await injectAs(t.app, s.otherDesk, { method: 'GET', url: `/api/dossiers/${d.id}/payments` })).statusCode).toBe(404);
    await expect(t.ctx.db.query(`UPDATE payment_event SET kind = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('receipt numbers run per unit and year without gaps, whatever the channel', async () => {
    const { rows } = await t.ctx.db.query(`SELECT receipt_seq FROM payment WHERE receipt_seq IS NOT NULL ORDER BY receipt_seq`);
    expect(rows.map((r) => r.receipt_seq)).toEqual(rows.map((_, i) => i + 1));
  });

  it('a dossier without a fee takes no payment', async () => {
    const d = await s.receive(false);
    expect((await start(d.code, 'vnpay')).json().code).toBe('PAYMENT.NO_FEE');
  });
});

describe('VietQR transfer and reconciliation of the bank statement', () => {
  it('gives a VietQR payload naming the payment; the statement settles it by reference and amount, once', async () => {
    const a = await s.receive();
    const b = await s.receive();
    const qa = (await start(a.code, 'vietqr')).json();
    expect(qa.transfer.note).toBe(qa.reference);
    expect(vietQrCrcValid(qa.transfer.payload)).toBe(true);
    expect(qa.transfer.payload).toContain(`0812${qa.reference}`);
    expect(qa.transfer.qrSvg).toContain('<svg');
    // Asking again gives the same open payment (the QR already shown stays valid).
    expect((await start(a.code, 'vietqr')).json().reference).toBe(qa.reference);
    const qb = (await start(b.code, 'vietqr')).json();
    const statement = [
      'amount,time,description,bank_ref',
      `15000,2026-11-25 10:00:00,"IBFT ${qa.reference.toLowerCase()} NOP LE PHI",FT26329001`,
      `10000,2026-11-25 10:05:00,${qb.reference} thieu tien,FT26329002`,
      `50000,2026-11-25 10:06:00,Chuyen tien khong ghi ma,FT26329003`,
    ].join('\n');
    const otherUnit = await injectAs(t.app, s.otherDesk, { method: 'POST', url: '/api/payments/reconciliation', payload: { unitId: s.tree.deskA.id, statement } });
    expect(otherUnit.statusCode).toBe(403);
    const res = await injectAs(t.app, s.desk, { method: 'POST', url: '/api/payments/reconciliation', payload: { unitId: s.tree.deskA.id, statement } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ matched: 1, needsReview: 2, duplicates: 0 });
    expect(res.json().lines.map((l: { match: string }) => l.match)).toEqual(['matched', 'amount_mismatch', 'unmatched']);
    expect((await paymentRow(qa.reference)).status).toBe('paid');
    expect((await paymentRow(qb.reference)).status).toBe('pending');
    const again = await injectAs(t.app, s.desk, { method: 'POST', url: '/api/payments/reconciliation', payload: { unitId: s.tree.deskA.id, statement } });
    expect(again.json()).toMatchObject({ matched: 0, needsReview: 0, duplicates: 3 });
    const review = await injectAs(t.app, s.desk, { method: 'GET', url: '/api/payments/transfers' });
    expect(review.json().items.map((i: { bankRef: string }) => i.bankRef).sort()).toEqual(['FT26329002', 'FT26329003']);
    expect((await injectAs(t.app, s.otherDesk, { method: 'GET', url: '/api/payments/transfers' })).json().items).toEqual([]);
    const bad = await injectAs(t.app, s.desk, { method: 'POST', url: '/api/payments/reconciliation', payload: { unitId: s.tree.deskA.id, statement: 'so tien,ngay\n1,2' } });
    expect(bad.json().code).toBe('PAYMENT.BAD_STATEMENT');
  });

  it("another unit's statement cannot settle this unit's payment by naming its reference", async () => {
    const d = await s.receive();
    const q = (await start(d.code, 'vietqr')).json();
    const statement = ['amount,time,description,bank_ref', `15000,2026-11-25 11:00:00,${q.reference},FT26329100`].join('\n');
    const res = await injectAs(t.app, s.otherDesk, { method: 'POST', url: '/api/payments/reconciliation', payload: { unitId: s.tree.communeB.id, statement } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ matched: 0, needsReview: 1 });
    expect(res.json().lines[0]).toMatchObject({ match: 'unmatched', reference: null, dossierCode: null });
    expect((await paymentRow(q.reference)).status).toBe('pending');
  });

  it("a bank reference is one transfer per unit's statement: another unit's bank may use the same reference, and its line is not dropped", async () => {
    const d = await s.receive();
    const q = (await start(d.code, 'vietqr')).json();
    const here = ['amount,time,description,bank_ref', `15000,2026-11-25 12:00:00,${q.reference},000123`].join('\n');
    expect((await injectAs(t.app, s.desk, { method: 'POST', url: '/api/payments/reconciliation', payload: { unitId: s.tree.deskA.id, statement: here } })).json()).toMatchObject({ matched: 1, duplicates: 0 });
    // The commune banks elsewhere; its bank numbers its transactions too, and met 000123 the same day.
    const there = ['amount,time,description,bank_ref', `20000,2026-11-25 12:30:00,Nop phi xa B,000123`].join('\n');
    const res = await injectAs(t.app, s.otherDesk, { method: 'POST', url: '/api/payments/reconciliation', payload: { unitId: s.tree.communeB.id, statement: there } });
    expect(res.json()).toMatchObject({ matched: 0, needsReview: 1, duplicates: 0 });
    const review = (await injectAs(t.app, s.otherDesk, { method: 'GET', url: '/api/payments/transfers' })).json().items as { bankRef: string; amountVnd: number }[];
    expect(review.filter((i) => i.bankRef === '000123')).toEqual([expect.objectContaining({ bankRef: '000123', amountVnd: 20000 })]);
    // Each unit's own statement imported again is still taken once.
    expect((await injectAs(t.app, s.otherDesk, { method: 'POST', url: '/api/payments/reconciliation', payload: { unitId: s.tree.communeB.id, statement: there } })).json()).toMatchObject({ duplicates: 1 });
    expect((await injectAs(t.app, s.desk, { method: 'POST', url: '/api/payments/reconciliation', payload: { unitId: s.tree.deskA.id, statement: here } })).json()).toMatchObject({ duplicates: 1 });
    expect((await paymentRow(q.reference)).status).toBe('paid');
  });
});
