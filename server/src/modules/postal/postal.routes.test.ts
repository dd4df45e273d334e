import { registerCitizen } from '../../../test/citizens.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';
import { signedHeaders } from './postal.signature.js';
import { createDueShipments } from './use-cases/create-shipments.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;
let now = new Date('2026-11-25T02:00:00Z'); // 09:00 Wednesday in Vietnam
const at = (iso: string) => (now = new Date(iso));
let admin: Session, desk: Session, specialist: Session, leader: Session, postman: Session, otherPostman: Session;
let accepted: string, notAccepted: string, sameDay: string;

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  await buildStaff(t.ctx.db, 'chuyenvien', [{ role: 'specialist', unit: tree.officeA }]);
  await buildStaff(t.ctx.db, 'lanhdao', [{ role: 'leader', unit: tree.communeA }]);
  const postmanId = await buildStaff(t.ctx.db, 'buudien.a', [{ role: 'postal', unit: tree.communeA }]);
  await t.ctx.db.query(`UPDATE staff_user SET email = 'buudien.a@example.vn' WHERE id = $1`, [postmanId]);
  await buildStaff(t.ctx.db, 'buudien.b', [{ role: 'postal', unit: tree.communeB }]);
  [admin, desk, specialist, leader, postman, otherPostman] = (await Promise.all(['admin.tinh', 'motcua', 'chuyenvien', 'lanhdao', 'buudien.a', 'buudien.b'].map((u) => login(t.app, u)))) as Session[] as [Session, Session, Session, Session, Session, Session];
  const create = async (content: ReturnType<typeof buildProcedureContent>) => {
    const res = await injectAs(t.app, admin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.province.id, content } });
    if (res.statusCode !== 201) throw new Error(res.body);
    const pub = await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${res.json().id}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    if (pub.statusCode !== 200) throw new Error(pub.body);
    return res.json().id as string;
  };
  accepted = await create(buildProcedureContent());
  notAccepted = await create(buildProcedureContent({ code: '1.000001', name: 'Cấp bản sao trích lục hộ tịch tại chỗ', postalIntake: false, postalReturn: false }));
  sameDay = await create(buildProcedureContent({ code: '1.000002', name: 'Chứng thực bản sao từ bản chính', processingTime: { amount: 1, unit: 'same_day' } }));
});
afterAll(() => t.close());

const request = (procedureId: string, overrides: Record<string, unknown> = {}) =>
  injectAs(t.app, null, {
    method: 'POST',
    url: '/api/postal/pickup-requests',
    payload: {
      procedureId,
      receivingUnitId: tree.deskA.id,
      applicant: { idNumber: '087090001234', fullName: 'Nguyễn Văn An' },
      address: '12 Nguyễn Huệ, phường An Thử',
      phone: '0912345678',
      preferredTime: 'Sáng thứ Năm',
      ...overrides,
    },
  });
const pickUp = (s: Session, id: string, body: Record<string, unknown> = {}) =>
  injectAs(t.app, s, {
    method: 'POST',
    url: `/api/postal/pickups/${id}/pick-up`,
    payload: { documents: [{ name: 'Tờ khai đăng ký khai sinh', kind: 'original', count: 1 }], citizenSignedName: 'Nguyễn Văn An', feeVnd: 8000, feeReceiptNo: 'BL-0001', postageVnd: 25000, ...body },
  });
const handOver = (s: Session, id: string) => injectAs(t.app, s, { method: 'POST', url: `/api/postal/pickups/${id}/hand-over`, payload: { postalSignerName: 'Cán bộ buudien.a' } });
const act = (s: Session, id: string, body: Record<string, unknown>) => injectAs(t.app, s, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: body });
const shipmentEvent = (s: Session, id: string, body: Record<string, unknown>) => injectAs(t.app, s, { method: 'POST', url: `/api/postal/shipments/${id}/events`, payload: body });
const shipments = async (s: Session) => (await injectAs(t.app, s, { method: 'GET', url: '/api/postal/shipments' })).json() as { id: string; dossierId: string; status: string; trackingCode: string | null; dueAt: string | null }[];

/** Walks an accepted dossier through its three steps to a ready result. */
async function processToResult(dossierId: string) {
  expect((await act(desk, dossierId, { action: 'forward' })).statusCode).toBe(200);
  expect((await act(specialist, dossierId, { action: 'forward' })).statusCode).toBe(200);
  const approved = await act(leader, dossierId, { action: 'approve' });
  expect(approved.json().status).toBe('result_ready');
}

/** Pickup requested on the portal → picked up → handed over at the desk: the dossier id. */
async function dossierByPost(procedureId = accepted): Promise<string> {
  const p = (await request(procedureId)).json();
  expect((await pickUp(postman, p.id)).statusCode).toBe(200);
  const h = await handOver(desk, p.id);
  expect(h.statusCode, h.body).toBe(200);
  return h.json().dossierId as string;
}

describe('published lists and pickup requests', () => {
  it('publishes the procedures accepted and not accepted by post, and refuses a pickup for a procedure not accepted', async () => {
    const yes = (await injectAs(t.app, null, { method: 'GET', url: '/api/postal/procedures?accepted=true' })).json().items.map((p: { id: string }) => p.id);
    const no = (await injectAs(t.app, null, { method: 'GET', url: '/api/postal/procedures?accepted=false' })).json().items.map((p: { id: string }) => p.id);
    expect(yes).toEqual(expect.arrayContaining([accepted, sameDay]));
    expect(yes).not.toContain(notAccepted);
    expect(no).toEqual([notAccepted]);
    const refused = await request(notAccepted);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().code).toBe('POSTAL.NOT_ACCEPTED_BY_POST');
    // The destination must be a one-stop desk; the phone must be a real Vietnamese number.
    expect((await request(accepted, { receivingUnitId: tree.communeA.id })).json().code).toBe('POSTAL.NOT_A_DESK');
    expect((await request(accepted, { phone: '0000000000' })).statusCode).toBe(400);
    expect((await request(accepted, { applicant: { idNumber: '123', fullName: 'Nguyễn Văn An' } })).statusCode).toBe(400);
    expect((await request(accepted, { applicant: { idNumber: '999999999999', fullName: 'Nguyễn Văn An' } })).json().code).toBe('DOSSIER.BAD_APPLICANT');
    expect(await t.ctx.db.query('SELECT 1 FROM postal_pickup').then((r) => r.rowCount)).toBe(0);
  });

  it('gives a same-day procedure a pickup due the same day; the desk takes requests by phone', async () => {
    at('2026-11-25T02:00:00Z');
    const res = await request(sameDay);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'requested', dueAt: '2026-11-25T10:00:00.000Z' });
    expect(res.json().confirmationCode).toMatch(/^[A-Z2-9]{8}$/);
    const byPhone = await injectAs(t.app, desk, { method: 'POST', url: '/api/postal/pickups', payload: { procedureId: accepted, receivingUnitId: tree.deskA.id, applicant: { idNumber: '087090001234', fullName: 'Trần Thị Bình' }, address: '5 Lê Lợi', phone: '0987654321' } });
    expect(byPhone.statusCode).toBe(201);
    expect(byPhone.json().dueAt).toBeNull();
    // Kept in the one form intake keeps (applicant-id.rules.ts, ZPhoneVn), whatever spacing the citizen typed.
    const spaced = await request(sameDay, { applicant: { idNumber: '087 090 001 234', fullName: 'Nguyễn Văn An' }, phone: '+84 913 222 444' });
    expect(spaced.statusCode, spaced.body).toBe(201);
    const stored = await t.ctx.db.query<{ idNumber: string; phone: string }>(`SELECT applicant->>'idNumber' AS "idNumber", phone FROM postal_pickup WHERE confirmation_code = $1`, [spaced.json().confirmationCode]);
    expect(stored.rows).toEqual([{ idNumber: '087090001234', phone: '0913222444' }]);
    // Another commune's postal worker takes no phone calls for this desk (no dossiers.receive).
    expect((await injectAs(t.app, otherPostman, { method: 'POST', url: '/api/postal/pickups', payload: { procedureId: accepted, receivingUnitId: tree.deskA.id, applicant: { idNumber: '087090001234', fullName: 'X Y' }, address: '5 Lê Lợi', phone: '0987654321' } })).statusCode).toBe(403);
  });
});

describe('pickup → hand-over → dossier', () => {
  it('creates a postal-channel dossier at the hand-over, its deadline counted from then; signatures, fees and PDFs recorded', async () => {
    at('2026-11-25T01:00:00Z');
    const p = (await request(accepted)).json();
    // A postal worker of another area neither sees nor works the order.
    const otherList = (await injectAs(t.app, otherPostman, { method: 'GET', url: '/api/postal/pickups' })).json();
    expect(otherList.map((x: { id: string }) => x.id)).not.toContain(p.id);
    expect((await pickUp(otherPostman, p.id)).statusCode).toBe(404);
    expect((await injectAs(t.app, otherPostman, { method: 'GET', url: `/api/postal/pickups/${p.id}` })).statusCode).toBe(404);
    // Fees collected need a receipt number.
    expect((await pickUp(postman, p.id, { feeReceiptNo: null })).json().code).toBe('POSTAL.RECEIPT_REQUIRED');
    // The desk cannot sign a hand-over of a parcel that was never picked up.
    expect((await handOver(desk, p.id)).statusCode).toBe(409);

    at('2026-11-25T02:00:00Z');
    const picked = await pickUp(postman, p.id);
    expect(picked.statusCode, picked.body).toBe(200);
    expect(picked.json()).toMatchObject({ status: 'picked_up', feeVnd: 8000, feeReceiptNo: 'BL-0001', postageVnd: 25000, citizenSignedName: 'Nguyễn Văn An', pickedUpByName: 'Cán bộ buudien.a', pickedUpAt: '2026-11-25T02:00:00.000Z' });
    expect(picked.json().trackingCode).toMatch(/^SIMP[0-9A-F]{10}VN$/);
    // Picking up twice is refused; the postal worker cannot sign the desk's side.
    expect((await pickUp(postman, p.id)).statusCode).toBe(409);
    expect((await handOver(postman, p.id)).statusCode).toBe(403);

    at('2026-11-25T03:00:00Z'); // 10:00 in Vietnam
    const h = await handOver(desk, p.id);
    expect(h.statusCode, h.body).toBe(200);
    expect(h.json()).toMatchObject({ status: 'handed_over', handedOverAt: '2026-11-25T03:00:00.000Z', deskSignedName: 'Cán bộ motcua', postalSignerName: 'Cán bộ buudien.a' });
    const d = (await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${h.json().dossierId}` })).json();
    expect(d).toMatchObject({ channel: 'postal', status: 'received', submittedAt: '2026-11-25T03:00:00.000Z', receivedAt: '2026-11-25T03:00:00.000Z', dueAt: '2026-11-26T03:00:00.000Z', feeVnd: 8000, resultDelivery: 'post' });
    expect(h.json().dossierCode).toBe(d.code);
    // A second hand-over changes nothing.
    expect((await handOver(desk, p.id)).statusCode).toBe(409);
    expect((await t.ctx.db.query(`SELECT count(*)::int AS n FROM dossier WHERE channel = 'postal'`)).rows[0].n).toBe(1);

    for (const form of ['dispatch-slip', 'handover-record']) {
      const pdf = await injectAs(t.app, desk, { method: 'GET', url: `/api/postal/pickups/${p.id}/forms/${form}` });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect((await injectAs(t.app, otherPostman, { method: 'GET', url: `/api/postal/pickups/${p.id}/forms/dispatch-slip` })).statusCode).toBe(404);
  });
});

describe('result by post', () => {
  it('creates one shipment when the result is ready, notifies the postal worker, and delivery closes the dossier', async () => {
    at('2026-11-25T04:00:00Z');
    const dossierId = await dossierByPost();
    // Nothing to ship before the result exists.
    expect((await shipments(postman)).filter((s) => s.dossierId === dossierId)).toHaveLength(0);
    await processToResult(dossierId);
    const [s] = (await shipments(postman)).filter((x) => x.dossierId === dossierId);
    expect(s).toMatchObject({ status: 'created', dueAt: null });
    expect(s!.trackingCode).toMatch(/^SIMD/);
    // The scan is idempotent: asking again (or the job running) makes no second shipment.
    await shipments(postman);
    expect((await t.ctx.db.query(`SELECT count(*)::int AS n FROM postal_shipment WHERE dossier_id = $1`, [dossierId])).rows[0].n).toBe(1);
    const mail = await t.ctx.db.query(`SELECT recipient FROM notification_outbox WHERE dossier_id = $1 AND template_key = 'postal.shipment-created' ORDER BY recipient`, [dossierId]);
    expect(mail.rows.map((r) => r.recipient)).toEqual(['+84912345678', 'buudien.a@example.vn']);
    // The other area's postal worker sees nothing and can do nothing.
    expect((await shipments(otherPostman)).map((x) => x.id)).not.toContain(s!.id);
    expect((await shipmentEvent(otherPostman, s!.id, { event: 'hand_over' })).statusCode).toBe(404);

    // A postal worker can do nothing to the dossier itself, not even return its result through the dossier actions.
    for (const action of ['return_result', 'forward', 'claim', 'withdraw', 'stop']) expect((await act(postman, dossierId, { action, receivedBy: 'X', note: 'x' })).statusCode).toBe(404);
    expect((await injectAs(t.app, postman, { method: 'GET', url: `/api/dossiers/${dossierId}` })).statusCode).toBe(403);

    expect((await shipmentEvent(postman, s!.id, { event: 'deliver', receivedBy: 'Nguyễn Văn An' })).statusCode).toBe(409);
    expect((await shipmentEvent(postman, s!.id, { event: 'hand_over', originals: 'Tờ khai bản chính' })).json()).toMatchObject({ status: 'handed_over', attempts: 1, originals: 'Tờ khai bản chính' });
    at('2026-11-25T08:00:00Z');
    const delivered = await shipmentEvent(postman, s!.id, { event: 'deliver', receivedBy: 'Nguyễn Văn An' });
    expect(delivered.json()).toMatchObject({ status: 'delivered', receivedBy: 'Nguyễn Văn An', deliveredAt: '2026-11-25T08:00:00.000Z' });
    const d = (await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${dossierId}` })).json();
    expect(d).toMatchObject({ status: 'returned', returnedAt: '2026-11-25T08:00:00.000Z', resultDelivery: 'post' });
    expect(d.history.at(-1)).toMatchObject({ action: 'return_result', actorName: 'Cán bộ buudien.a', details: { receivedBy: 'Nguyễn Văn An' } });

    // The citizen sees the shipment when tracking the dossier.
    const tracking = await injectAs(t.app, null, { method: 'GET', url: `/api/tracking?code=${d.code}&secret=0912345678` });
    expect(tracking.json().shipment).toMatchObject({ trackingCode: s!.trackingCode, status: 'delivered' });

    const summary = await injectAs(t.app, desk, { method: 'GET', url: `/api/postal/summary?unitId=${tree.deskA.id}&from=2026-11-01&to=2026-11-30` });
    expect(summary.json()).toMatchObject({ receivedByPost: 2, returnedByPost: 1, returned: 1, returnedByPostRate: 100 });
    expect((await injectAs(t.app, otherPostman, { method: 'GET', url: `/api/postal/summary?unitId=${tree.deskA.id}&from=2026-11-01&to=2026-11-30` })).statusCode).toBe(403);
  });

  it('a failed delivery can be retried at the cost of the party at fault, then returned to the desk, which hands out the result', async () => {
    at('2026-11-26T02:00:00Z');
    // Received at the desk for collection there; the citizen later asks for the post.
    const res = await injectAs(t.app, desk, {
      method: 'POST',
      url: '/api/dossiers',
      payload: { idempotencyKey: 'desk-then-post-1', procedureId: sameDay, receivingUnitId: tree.deskA.id, resolvingUnitId: tree.communeA.id, applicant: { kind: 'citizen', idNumber: '087090001234', fullName: 'Lê Văn Cư', phone: '0912345679' }, outcome: 'accept' },
    });
    const dossierId = res.json().id as string;
    expect((await injectAs(t.app, postman, { method: 'POST', url: `/api/postal/dossiers/${dossierId}/result-by-post`, payload: { address: '7 Trần Phú' } })).statusCode).toBe(403);
    const byCode = await injectAs(t.app, desk, { method: 'POST', url: '/api/postal/result-by-post', payload: { code: res.json().code, address: '7 Trần Phú' } });
    expect(byCode.json()).toEqual({ dossierId });
    expect((await injectAs(t.app, desk, { method: 'POST', url: `/api/postal/dossiers/${dossierId}/result-by-post`, payload: { address: '7 Trần Phú' } })).statusCode).toBe(204);
    expect((await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${dossierId}` })).json().history.at(-1)).toMatchObject({ action: 'result_delivery_changed' });
    await processToResult(dossierId);
    const [s] = (await shipments(postman)).filter((x) => x.dossierId === dossierId);
    // Same-day procedure: delivered the same day.
    expect(s).toMatchObject({ status: 'created', dueAt: '2026-11-26T10:00:00.000Z' });
    await shipmentEvent(postman, s!.id, { event: 'hand_over' });
    expect((await shipmentEvent(postman, s!.id, { event: 'fail', reason: 'Không có người nhận' })).json()).toMatchObject({ status: 'failed', failReason: 'Không có người nhận' });
    const retry = await shipmentEvent(postman, s!.id, { event: 'hand_over', charge: { amountVnd: 15000, chargedTo: 'agency', reason: 'Địa chỉ ghi sai trên bì thư' } });
    expect(retry.json()).toMatchObject({ status: 'handed_over', attempts: 2, charges: [{ amountVnd: 15000, chargedTo: 'agency', kind: 'redelivery' }] });
    await shipmentEvent(postman, s!.id, { event: 'fail', reason: 'Vắng nhà' });
    const back = await shipmentEvent(desk, s!.id, { event: 'return_to_desk', reason: 'Phát hai lần không thành công' });
    expect(back.json()).toMatchObject({ status: 'returned' });
    // Terminal: no delivery after the return.
    expect((await shipmentEvent(postman, s!.id, { event: 'deliver', receivedBy: 'Lê Văn Cư' })).statusCode).toBe(409);
    const d = (await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${dossierId}` })).json();
    expect(d).toMatchObject({ status: 'result_ready', resultDelivery: 'desk' });
    expect((await act(desk, dossierId, { action: 'return_result', receivedBy: 'Lê Văn Cư' })).json().status).toBe('returned');
    // Once handed out, the delivery can no longer be switched to the post.
    expect((await injectAs(t.app, desk, { method: 'POST', url: `/api/postal/dossiers/${dossierId}/result-by-post`, payload: { address: '7 Trần Phú' } })).json().code).toBe('POSTAL.RESULT_ALREADY_OUT');
  });
});

describe('result by post chosen in the portal', () => {
  it('the signed-in citizen switches their own dossier to delivery by post; another citizen cannot', async () => {
    at('2026-11-26T02:00:00Z');
    const res = await injectAs(t.app, desk, {
      method: 'POST',
      url: '/api/dossiers',
      payload: { idempotencyKey: 'citizen-post-choice-1', procedureId: sameDay, receivingUnitId: tree.deskA.id, resolvingUnitId: tree.communeA.id, applicant: { kind: 'citizen', idNumber: '087090005555', fullName: 'Trần Thị Lan', phone: '0912345670' }, outcome: 'accept' },
    });
    const dossierId = res.json().id as string;
    const owner = await registerCitizen(t.app, { identifier: 'lan@example.vn', idNumber: '087090005555', fullName: 'Trần Thị Lan', birthDate: '1990-05-05' });
    const other = await registerCitizen(t.app, { identifier: 'khac@example.vn', idNumber: '087088006666', fullName: 'Ngô Văn Khác', birthDate: '1988-06-06' });
    // The dossier is the owner's (as an online or assisted submission links it).
    await t.ctx.db.query(`UPDATE dossier SET citizen_id = $2 WHERE id = $1`, [dossierId, owner.id]);
    const url = `/api/citizen/dossiers/${dossierId}/result-by-post`;
    expect((await injectAs(t.app, null, { method: 'POST', url, payload: { address: '12 Lê Lợi, phường An Thử' } })).statusCode).toBe(401);
    expect((await injectAs(t.app, other, { method: 'POST', url, payload: { address: '12 Lê Lợi, phường An Thử' } })).statusCode).toBe(403);
    expect((await injectAs(t.app, owner, { method: 'POST', url, payload: { address: '12 Lê Lợi, phường An Thử' } })).statusCode).toBe(204);
    const d = (await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${dossierId}` })).json();
    expect(d.resultDelivery).toBe('post');
    expect(d.history.at(-1)).toMatchObject({ action: 'result_delivery_changed', actorName: 'Trần Thị Lan' });
  });
});

describe('shipment scan', () => {
  it('two scanners at once (two instances, or the job and a worker opening the list) make one shipment', async () => {
    at('2026-11-30T02:00:00Z');
    const dossierId = await dossierByPost();
    await processToResult(dossierId);
    const made = await Promise.all([createDueShipments(t.ctx), createDueShipments(t.ctx), createDueShipments(t.ctx)]);
    expect(made.reduce((a, b) => a + b, 0)).toBe(1);
    const rows = (await t.ctx.db.query(`SELECT tracking_code FROM postal_shipment WHERE dossier_id = $1`, [dossierId])).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0].tracking_code).toMatch(/^SIMD/);
  });
});

describe('operator callbacks', () => {
  const secret = 'motcua-postal-callback-dev-secret';
  const post = (body: string, headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/postal/callbacks', payload: body, headers });

  it('refuses forged and stale callbacks, applies a signed one once, and the simulator closes the loop over HTTP', async () => {
    at('2026-11-27T02:00:00Z');
    const dossierId = await dossierByPost();
    await processToResult(dossierId);
    const [s] = (await shipments(postman)).filter((x) => x.dossierId === dossierId);
    const body = JSON.stringify({ eventId: 'EV-000001', trackingCode: s!.trackingCode, status: 'picked_up', occurredAt: now.toISOString() });

    const forged = { ...signedHeaders(secret, now.getTime(), body), 'x-postal-signature': signedHeaders('another-secret-of-16+', now.getTime(), body)['x-postal-signature']! };
    expect((await post(body, forged)).statusCode).toBe(401);
    const tampered = signedHeaders(secret, now.getTime(), body);
    expect((await post(body.replace('picked_up', 'delivered'), tampered)).statusCode).toBe(401);
    expect((await post(body, signedHeaders(secret, now.getTime() - 600_000, body))).statusCode).toBe(401);
    expect((await post(body, { 'content-type': 'application/json' })).statusCode).toBe(401);
    expect((await t.ctx.db.query('SELECT count(*)::int AS n FROM postal_event')).rows[0].n).toBe(0);

    const ok = await post(body, signedHeaders(secret, now.getTime(), body));
    expect(ok.json()).toEqual({ eventId: 'EV-000001', outcome: 'applied' });
    expect((await post(body, signedHeaders(secret, now.getTime(), body))).json()).toEqual({ eventId: 'EV-000001', outcome: 'duplicate' });
    const again = JSON.stringify({ ...JSON.parse(body), eventId: 'EV-000002' });
    expect((await post(again, signedHeaders(secret, now.getTime(), again))).json().outcome).toBe('ignored');
    expect((await shipments(postman)).find((x) => x.id === s!.id)).toMatchObject({ status: 'handed_over' });

    // The simulator posts its signed callback to this server over HTTP.
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    // Its controls need a postal account: anyone else (who may well know the tracking code) is refused, nothing changes.
    const simUrl = `/api/postal-sim/orders/${s!.trackingCode}/events`;
    expect((await injectAs(t.app, null, { method: 'POST', url: simUrl, payload: { status: 'delivered' } })).statusCode).toBe(401);
    expect((await injectAs(t.app, desk, { method: 'POST', url: simUrl, payload: { status: 'delivered' } })).statusCode).toBe(403);
    expect((await injectAs(t.app, null, { method: 'GET', url: `/api/postal-sim/orders/${s!.trackingCode}` })).statusCode).toBe(401);
    expect((await injectAs(t.app, postman, { method: 'GET', url: `/api/postal-sim/orders/${s!.trackingCode}` })).json()).toMatchObject({ trackingCode: s!.trackingCode });
    const sim = await injectAs(t.app, postman, { method: 'POST', url: simUrl, payload: { status: 'delivered', receivedBy: 'Nguyễn Văn An' } });
    expect(sim.json()).toMatchObject({ callbackStatus: 200, callback: { outcome: 'applied' } });
    const d = (await injectAs(t.app, desk, { method: 'GET', url: `/api/dossiers/${dossierId}` })).json();
    expect(d).toMatchObject({ status: 'returned' });
    expect(d.history.at(-1)).toMatchObject({ action: 'return_result', actorName: 'Doanh nghiệp bưu chính', details: { receivedBy: 'Nguyễn Văn An' } });
  });

  it('the desk cannot hand out a result that is with the post; it can once the post brings it back', async () => {
    at('2026-11-27T03:00:00Z');
    const dossierId = await dossierByPost();
    await processToResult(dossierId);
    const [s] = (await shipments(postman)).filter((x) => x.dossierId === dossierId);
    await shipmentEvent(postman, s!.id, { event: 'hand_over' });
    const refused = await act(desk, dossierId, { action: 'return_result', receivedBy: 'Nguyễn Văn An' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('DOSSIER.RESULT_BY_POST');
    expect((await shipments(postman)).find((x) => x.id === s!.id)).toMatchObject({ status: 'handed_over' });
    await shipmentEvent(postman, s!.id, { event: 'fail', reason: 'Vắng nhà' });
    await shipmentEvent(desk, s!.id, { event: 'return_to_desk', reason: 'Công dân đến nhận tại bộ phận một cửa' });
    expect((await act(desk, dossierId, { action: 'return_result', receivedBy: 'Nguyễn Văn An' })).json().status).toBe('returned');
  });
});

describe('the citizen follows a pickup request by its code (issue 14)', () => {
  const track = (code: string, secret: string) => injectAs(t.app, null, { method: 'POST', url: '/api/postal/pickup-requests/track', payload: { code, secret } });

  it('shows each step and, after the hand-over, the dossier code; a wrong secret and an unknown code answer alike', async () => {
    at('2026-11-26T01:00:00Z');
    const p = (await request(accepted, { phone: '0913 222 333' })).json();
    const requested = await track(p.confirmationCode, '0913222333');
    expect(requested.statusCode, requested.body).toBe(200);
    expect(requested.json()).toMatchObject({ confirmationCode: p.confirmationCode, status: 'requested', statusLabel: 'Chờ bưu điện đến lấy', receivingUnitName: tree.deskA.name, dossierCode: null });
    expect(requested.json().steps).toEqual([{ at: '2026-11-26T01:00:00.000Z', label: 'Đã gửi yêu cầu bưu điện đến lấy hồ sơ' }]);
    // The code typed in lower case with a dash, the secret as the last 4 CCCD digits.
    expect((await track(`${p.confirmationCode.slice(0, 4).toLowerCase()}-${p.confirmationCode.slice(4)}`, '1234')).statusCode).toBe(200);
    const wrong = await track(p.confirmationCode, '0999999999');
    const unknown = await track('ZZZZZZZZ', '0913222333');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([404, 404]);
    expect(wrong.json()).toEqual(unknown.json());
    // No personal data in the answer.
    expect(requested.body).not.toContain('0913');
    expect(requested.body).not.toContain('087090001234');

    at('2026-11-26T02:00:00Z');
    expect((await pickUp(postman, p.id)).statusCode).toBe(200);
    at('2026-11-26T03:00:00Z');
    const h = await handOver(desk, p.id);
    const done = (await track(p.confirmationCode, '0913222333')).json();
    expect(done).toMatchObject({ status: 'handed_over', dossierCode: h.json().dossierCode });
    expect(done.trackingCode).toMatch(/^SIMP/);
    expect(done.steps.map((s: { label: string }) => s.label)).toEqual(['Đã gửi yêu cầu bưu điện đến lấy hồ sơ', 'Nhân viên bưu điện đã nhận hồ sơ tại nhà', `Bưu điện đã giao hồ sơ cho ${tree.deskA.name}`]);
  });

  it('holds a code after a handful of wrong secrets, even for the right one', async () => {
    const p = (await request(accepted, { phone: '0913 444 555' })).json();
    for (let i = 0; i < 5; i++) expect((await track(p.confirmationCode, `000${i}`)).statusCode).toBe(404);
    const held = await track(p.confirmationCode, '0913444555');
    expect(held.statusCode).toBe(429);
  });

  it('lists the postal procedures of the citizen\'s province; without one, each procedure code once', async () => {
    await buildStaff(t.ctx.db, 'admin.khac', [{ role: 'admin', unit: tree.otherProvince }]);
    const otherAdmin = await login(t.app, 'admin.khac');
    const res = await injectAs(t.app, otherAdmin, { method: 'POST', url: '/api/procedures', payload: { ownerUnitId: tree.otherProvince.id, content: buildProcedureContent() } });
    expect(res.statusCode, res.body).toBe(201);
    const otherId = res.json().id as string;
    await injectAs(t.app, otherAdmin, { method: 'POST', url: `/api/procedures/${otherId}/publish`, payload: { decisionNo: '2/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
    const list = async (query: string) => ((await injectAs(t.app, null, { method: 'GET', url: `/api/postal/procedures?accepted=true${query}` })).json().items as { id: string; code: string }[]);
    const all = await list('');
    expect(all.filter((p) => p.code === '1.001193')).toHaveLength(1);
    expect((await list(`&provinceId=${tree.province.id}`)).map((p) => p.id)).toEqual(expect.arrayContaining([accepted, sameDay]));
    expect((await list(`&provinceId=${tree.province.id}`)).map((p) => p.id)).not.toContain(otherId);
    expect((await list(`&provinceId=${tree.otherProvince.id}`)).map((p) => p.id)).toEqual([otherId]);
  });
});

describe('a hand-over retried (idempotency key of the pickup)', () => {
  it('after its dossier was written but not the pickup: the unit chosen first finishes it, another unit is refused (422), one dossier', async () => {
    at('2026-11-25T05:00:00Z');
    const p = (await request(accepted, { phone: '0912 000 111' })).json();
    expect((await pickUp(postman, p.id)).statusCode).toBe(200);
    const first = await handOver(desk, p.id);
    expect(first.statusCode, first.body).toBe(200);
    const dossierId = first.json().dossierId as string;
    // The answer was lost between the two writes: the dossier exists, the pickup still waits for its hand-over.
    await t.ctx.db.query(
      `UPDATE postal_pickup SET status = 'picked_up', dossier_id = NULL, handed_over_at = NULL, desk_signed_by = NULL, desk_signed_name = NULL, postal_signed_name = NULL WHERE id = $1`,
      [p.id],
    );
    const dossiers = async () => (await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dossier`)).rows[0]!.n;
    const before = await dossiers();
    const otherUnit = await injectAs(t.app, desk, { method: 'POST', url: `/api/postal/pickups/${p.id}/hand-over`, payload: { postalSignerName: 'Cán bộ buudien.a', resolvingUnitId: tree.communeB.id } });
    expect(otherUnit.statusCode).toBe(422);
    expect(otherUnit.json()).toMatchObject({
      code: 'POSTAL.HAND_OVER_MISMATCH',
      message: 'Hồ sơ của bưu gửi này đã được tạo ở lần giao nhận trước với đơn vị giải quyết khác; hãy giao nhận lại với đúng đơn vị giải quyết đã chọn lần đầu.',
    });
    expect(await dossiers()).toBe(before);
    expect((await injectAs(t.app, desk, { method: 'GET', url: `/api/postal/pickups/${p.id}` })).json()).toMatchObject({ status: 'picked_up', dossierId: null });
    const retry = await handOver(desk, p.id);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toMatchObject({ status: 'handed_over', dossierId });
    expect(await dossiers()).toBe(before);
  });
});
