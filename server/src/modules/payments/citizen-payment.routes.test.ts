import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, type TestApp } from '../../../test/app.js';
import { registerCitizen } from '../../../test/citizens.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';
import { submissionReference } from '../dossiers/tracking-code.rules.js';
import { findPayment } from './payment.repo.js';
import { receiptModel } from './use-cases/read-payments.js';

let t: TestApp;
let desk: Awaited<ReturnType<typeof seedDesk>>;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => new Date('2026-11-25T02:00:00Z') } });
  desk = await seedDesk(t.app, t.ctx.db);
});
afterAll(() => t.close());

describe('a signed-in citizen pays their own dossier', () => {
  it('before the desk accepts it (an online submission has no code yet); no one else may', async () => {
    const d = await desk.receive();
    const owner = await registerCitizen(t.app, { identifier: 'an@example.vn', idNumber: '087090001234', fullName: 'Nguyễn Văn An', birthDate: '1990-01-01' });
    const other = await registerCitizen(t.app, { identifier: 'khac@example.vn', idNumber: '087088006666', fullName: 'Ngô Văn Khác', birthDate: '1988-06-06' });
    // As submit-online leaves it: the citizen's, waiting for the desk, without a code.
    await t.ctx.db.query(`UPDATE dossier SET citizen_id = $2, channel = 'online', status = 'awaiting_acceptance', national_status = 1, code = NULL WHERE id = $1`, [d.id, owner.id]);
    const fee = await injectAs(t.app, owner, { method: 'GET', url: `/api/citizen/dossiers/${d.id}/fee` });
    expect(fee.json()).toMatchObject({ feeVnd: 15000, paid: false, payable: true });
    // Before the desk gives the code the dossier is named by its submission reference, on every payment page and paper.
    const nop = submissionReference(d.id);
    expect(fee.json().dossierCode).toBe(nop);
    const url = `/api/citizen/dossiers/${d.id}/payments`;
    expect((await injectAs(t.app, null, { method: 'POST', url, payload: { method: 'vnpay' } })).statusCode).toBe(401);
    expect((await injectAs(t.app, other, { method: 'POST', url, payload: { method: 'vnpay' } })).statusCode).toBe(403);
    expect((await injectAs(t.app, other, { method: 'GET', url: `/api/citizen/dossiers/${d.id}/fee` })).statusCode).toBe(403);
    const started = await injectAs(t.app, owner, { method: 'POST', url, payload: { method: 'vnpay' } });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ method: 'vnpay', amountVnd: 15000 });
    expect(started.json().redirectUrl).toMatch(/vnp_Amount=1500000/);
    const qr = await injectAs(t.app, owner, { method: 'POST', url, payload: { method: 'vietqr' } });
    expect(qr.json().transfer.note).toContain(qr.json().reference);

    expect(started.json().dossierCode).toBe(nop);

    // Paid, then not accepted by the desk: the payment's log says the fee is owed back.
    await t.ctx.db.query(`UPDATE payment SET status = 'paid', paid_at = now(), receipt_unit_id = $2, receipt_year = 2026, receipt_seq = 1 WHERE reference = $1`, [started.json().reference, desk.tree.deskA.id]);
    // The result page and the receipt name the dossier by that reference.
    const result = new URL(started.json().resultPath, 'http://x');
    const view = await t.app.inject({ url: `/api/payments/public/${started.json().reference}?t=${encodeURIComponent(result.searchParams.get('t')!)}` });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().dossierCode).toBe(nop);
    const receipt = await receiptModel(t.ctx, (await findPayment(t.ctx.db, { reference: started.json().reference }))!, { publicCopy: true });
    expect(receipt.subtitle).toEqual([`Mã hồ sơ: ${nop}`]);
    const refused = await injectAs(t.app, desk.desk, { method: 'POST', url: `/api/dossiers/${d.id}/actions`, payload: { action: 'reject_intake', note: 'Không thuộc thẩm quyền' } });
    expect(refused.statusCode, refused.body).toBeLessThan(300);
    const events = await t.ctx.db.query(`SELECT e.kind FROM payment_event e JOIN payment p ON p.id = e.payment_id WHERE p.reference = $1 ORDER BY e.id`, [started.json().reference]);
    expect(events.rows.map((r) => r.kind)).toContain('refund_due');
  });
});
