import { pdfText } from '../../../test/pdf-text.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';

/** "Đã thu tiền mặt tại quầy" at intake (issue 15): the fee paid in cash is recorded with the dossier, in one transaction. */
let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
const NOW = new Date('2026-12-02T02:30:00Z'); // Wednesday 09:30 in Vietnam
let desk: Session, specialist: Session;
let deskId: string;
let feeProcedure: string, freeProcedure: string;
const PHONE = '0912345678';

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => NOW } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  deskId = await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  await buildStaff(t.ctx.db, 'chuyenvien', [{ role: 'specialist', unit: tree.communeA }]);
  const admin = await login(t.app, 'admin.tinh');
  [desk, specialist] = [await login(t.app, 'motcua'), await login(t.app, 'chuyenvien')];
  const publish = async (content: ReturnType<typeof buildProcedureContent>) => {
    const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content } });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const p = await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${id}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    expect(p.statusCode, p.body).toBe(200);
    return id;
  };
  // 10.000 đồng a case, 8.000 đồng a copy (the number asked in the form), and a fee charged online only.
  feeProcedure = await publish(
    buildProcedureContent({
      code: '2.000635',
      name: 'Cấp bản sao trích lục hộ tịch',
      fees: [
        { name: 'Phí thẩm định', amountVnd: 10_000 },
        { name: 'Lệ phí cấp bản sao', amountVnd: 8_000, quantityField: 'soBan' },
        { name: 'Lệ phí nộp trực tuyến', amountVnd: 5_000, channel: 'online' },
      ],
      eform: { type: 'object', properties: { hoTen: { type: 'string', title: 'Họ, chữ đệm, tên' }, soBan: { type: 'string', title: 'Số bản sao' } }, required: ['hoTen'] },
    }),
  );
  freeProcedure = await publish(buildProcedureContent({ code: '1.001193' }));
});
afterAll(() => t.close());

let seq = 0;
const intake = (s: Session | null, body: Record<string, unknown>) =>
  injectAs(t.app, s, {
    method: 'POST',
    url: '/api/dossiers',
    payload: {
      idempotencyKey: `cash-${++seq}-key`, procedureId: feeProcedure, receivingUnitId: tree.deskA.id, resolvingUnitId: tree.communeA.id,
      applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Nguyễn Văn An', phone: PHONE }, outcome: 'accept',
      eform: { hoTen: 'Nguyễn Văn An', soBan: '3' }, ...body,
    },
  });
const written = async () => (await t.ctx.db.query<{ d: number; p: number; a: number }>(`SELECT (SELECT count(*)::int FROM dossier) AS d, (SELECT count(*)::int FROM payment) AS p, (SELECT count(*)::int FROM audit_log) AS a`)).rows[0]!;

describe('"Đã thu tiền mặt tại quầy" at intake', () => {
  it('records a paid cash payment of the computed fee, by the officer, at the clock\'s time; the citizen is not asked to pay', async () => {
    // 10.000 + 3 copies × 8.000; the online-only fee is not charged at the desk.
    const res = await intake(desk, { paidCash: true, feeVnd: 34_000 });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const { rows } = await t.ctx.db.query(
      `SELECT method, status, amount_vnd::int AS amount, recorded_by, created_at, paid_at, receipt_seq FROM payment WHERE dossier_id = $1`,
      [id],
    );
    expect(rows).toEqual([{ method: 'cash', status: 'paid', amount: 34_000, recorded_by: deskId, created_at: NOW, paid_at: NOW, receipt_seq: 1 }]);
    // The dossier page's fees card.
    const card = await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${id}/payments` });
    expect(card.statusCode, card.body).toBe(200);
    expect(card.json()).toMatchObject({ feeVnd: 34_000, paid: true, payments: [{ method: 'cash', status: 'paid', amountVnd: 34_000, paidAt: NOW.toISOString(), receiptNo: '0000001/2026' }] });
    // The citizen's tracking: paid, nothing to pay; starting an online payment is refused.
    const code = res.json().code as string;
    const fee = await t.app.inject({ method: 'POST', url: '/api/payments/public/fee', payload: { code, secret: PHONE } });
    expect(fee.json()).toMatchObject({ feeVnd: 34_000, paid: true, payable: false });
    const startOnline = await t.app.inject({ method: 'POST', url: '/api/payments/public/start', payload: { code, secret: PHONE, method: 'vietqr' } });
    expect(startOnline.json().code).toBe('PAYMENT.ALREADY_PAID');
    // The receipt slip (Mẫu 01) says the fee was collected, in cash, with the biên lai's number and day.
    const slip = await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${id}/forms/receipt` });
    expect(slip.statusCode).toBe(200);
    expect(pdfText(slip.rawPayload)).toMatch(/7\. Phí, lệ phí:? .*Tổng cộng: 34\.000 đồng \(đã thu tiền mặt, biên lai số 0000001\/2026, ngày 02\/12\/2026\)/);
  });

  it('without the flag, no payment is recorded', async () => {
    const res = await intake(desk, { feeVnd: 34_000 });
    expect(res.statusCode, res.body).toBe(201);
    expect((await t.ctx.db.query(`SELECT 1 FROM payment WHERE dossier_id = $1`, [res.json().id])).rows).toEqual([]);
    // The slip shows the fee owed, not a payment that did not happen.
    const slip = pdfText((await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${res.json().id}/forms/receipt` })).rawPayload);
    expect(slip).toContain('Tổng cộng: 34.000 đồng');
    expect(slip).not.toContain('đã thu');
  });

  it('garbage is refused with a code and writes nothing: no fee, another amount, an outcome other than accept, not a boolean, not the desk', async () => {
    const before = await written();
    const free = await intake(desk, { procedureId: freeProcedure, paidCash: true, feeVnd: 0, eform: { hoTen: 'Nguyễn Văn An' } });
    expect([free.statusCode, free.json().code]).toEqual([422, 'DOSSIER.CASH_NO_FEE']);
    const wrong = await intake(desk, { paidCash: true, feeVnd: 30_000 });
    expect([wrong.statusCode, wrong.json().code]).toEqual([422, 'DOSSIER.CASH_AMOUNT']);
    expect(wrong.json().details).toMatchObject({ feeVnd: 34_000 });
    const missing = await intake(desk, { paidCash: true, feeVnd: 34_000, outcome: 'incomplete', missing: [{ name: 'Tờ khai', count: 1 }] });
    expect([missing.statusCode, missing.json().code]).toEqual([422, 'DOSSIER.CASH_NOT_ACCEPTED']);
    expect((await intake(desk, { paidCash: 'có', feeVnd: 34_000 })).statusCode).toBe(400);
    expect((await intake(specialist, { paidCash: true, feeVnd: 34_000 })).statusCode).toBe(403);
    expect((await intake(null, { paidCash: true, feeVnd: 34_000 })).statusCode).toBe(401);
    expect(await written()).toEqual(before);
  });
});
