import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { buildProcedureContent, buildStaff, buildUnitTree } from '../../../test/factories.js';
import { changeContact, registerCitizen } from '../../../test/citizens.js';
import type { Log } from '../../platform/log.js';
import { dispatchDueNotifications, type Senders } from './notification.jobs.js';
import { claimDueNotifications, enqueueNotification, getNotification, type NewNotification } from './notification.repo.js';
import { renderNotification } from './notification.templates.js';
import { createLogSmsSender } from './sms.sender.js';
import { createZnsSender, parseTemplateIds } from './zalo.sender.js';
import { postZaloSimReceipts, zaloSimulator } from './zalo.simulator.js';
import { ZALO_SIGNATURE_HEADER } from './zalo.signature.js';

let t: TestApp;
let nowMs = new Date('2026-12-03T02:00:00Z').getTime();
const seconds = (n: number) => (nowMs += n * 1000);
const quiet: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };
let desk: Session;
let an: Session & { id: string };
let binh: Session & { id: string };
let procedureId: string;
let tree: Awaited<ReturnType<typeof buildUnitTree>>;

/** `fetch` answered by the test app itself (the simulator's routes), as the HTTP adapter would reach Zalo. */
const injectFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const u = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  const res = await t.app.inject({ method: (init?.method ?? 'GET') as 'POST', url: u.pathname + u.search, headers: init?.headers as Record<string, string>, payload: init?.body as string });
  return new Response(res.body, { status: res.statusCode, headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') } });
}) as typeof fetch;

/** A fresh dispatcher (a restarted process has nothing in memory but its configuration). */
function dispatcher(): Senders & { sms: ReturnType<typeof createLogSmsSender> } {
  const clock = t.ctx.clock;
  return {
    email: null,
    sms: createLogSmsSender({ log: quiet, clock, keep: 10_000 }),
    zalo: createZnsSender({ baseUrl: 'http://zalo.local/sim/zalo', accessToken: t.ctx.config.zaloAccessToken, templateIds: parseTemplateIds(t.ctx.config.zaloTemplateIds), fetch: injectFetch }),
    log: quiet,
  };
}

const postToSelf = async (body: string, headers: Record<string, string>) => (await t.app.inject({ method: 'POST', url: '/api/notifications/zalo/events', headers, payload: body })).statusCode;

const zaloMessage = (phone: string): NewNotification => {
  const data = { dossierCode: 'H56.71-031226-0001', procedureName: 'Đăng ký thường trú', applicantName: 'Nguyễn Văn An', appointmentAt: new Date('2026-12-10T03:00:00Z') };
  const z = renderNotification('dossier.accepted', 'zalo', data);
  const s = renderNotification('dossier.accepted', 'sms', data);
  return { channel: 'zalo', recipient: phone, body: z.body, templateKey: z.templateKey, templateData: z.templateData ?? null, fallback: { channel: 'sms', recipient: phone, subject: null, body: s.body } };
};

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => new Date(nowMs) } });
  tree = await buildUnitTree(t.ctx.db);
  await buildStaff(t.ctx.db, 'admin.tinh', [{ role: 'admin', unit: tree.province }]);
  await buildStaff(t.ctx.db, 'motcua', [{ role: 'desk_officer', unit: tree.deskA }]);
  const admin = await login(t.app, 'admin.tinh');
  desk = await login(t.app, 'motcua');
  const res = await injectAs(t.app, admin, {
    method: 'POST',
    url: '/api/procedures',
    payload: { ownerUnitId: tree.province.id, content: buildProcedureContent({ code: '1.000656', name: 'Đăng ký thường trú', onlineLevel: 'partial', eform: null, documents: [{ name: 'Căn cước', kind: 'present', count: 1, required: true }] }) },
  });
  procedureId = res.json().id;
  await injectAs(t.app, admin, { method: 'POST', url: `/api/procedures/${procedureId}/publish`, payload: { decisionNo: '1/QĐ-UBND', decisionDate: '2026-01-01', effectiveFrom: '2026-01-01' } });
  an = await registerCitizen(t.app, { identifier: 'an.kenh@example.vn', idNumber: '087090001234', fullName: 'Nguyễn Văn An', birthDate: '1990-05-01', gender: 'male' });
  binh = await registerCitizen(t.app, { identifier: 'binh.kenh@example.vn', idNumber: '079195000123', fullName: 'Trần Thị Bình', birthDate: '1995-02-03', gender: 'female' });
}, 120_000);
afterAll(() => t.close());

describe('the citizen chooses channels', () => {
  it('e-mail and SMS until they choose; a channel needs its contact; each reads and sets only their own', async () => {
    const first = await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/notification-preferences' });
    expect(first.json()).toEqual({ email: true, sms: true, zalo: false, contacts: { email: 'an.kenh@example.vn', phone: null }, zaloAvailable: true, dossiers: [] });
    const noPhone = await injectAs(t.app, an, { method: 'PUT', url: '/api/citizen/notification-preferences', payload: { email: false, sms: false, zalo: true } });
    expect(noPhone.statusCode).toBe(422);
    expect(noPhone.json()).toMatchObject({ code: 'NOTIFICATION.CHANNEL_WITHOUT_CONTACT' });
    expect(noPhone.json().message).toContain('Zalo');
    await changeContact(t.app, an, 'phone', '0987654321');
    const chosen = await injectAs(t.app, an, { method: 'PUT', url: '/api/citizen/notification-preferences', payload: { email: false, sms: false, zalo: true } });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toMatchObject({ email: false, sms: false, zalo: true, contacts: { phone: '0987654321' } });
    // Bình sees her own choice, never An's; without a session nothing.
    const other = await injectAs(t.app, binh, { method: 'GET', url: '/api/citizen/notification-preferences' });
    expect(other.json()).toMatchObject({ email: true, sms: true, zalo: false, contacts: { email: 'binh.kenh@example.vn', phone: null } });
    expect(other.body).not.toContain('0987654321');
    expect((await t.app.inject({ method: 'GET', url: '/api/citizen/notification-preferences' })).statusCode).toBe(401);
  });

  it('says where each dossier’s SMS go: the number given with it (not the profile’s), by the choice only for a dossier filed with the account', async () => {
    const dung = await registerCitizen(t.app, { identifier: 'dung.kenh@example.vn', idNumber: '087090005678', fullName: 'Võ Văn Dũng', birthDate: '1990-06-01', gender: 'male' });
    // His CCCD proven by the national identity (the way a desk dossier under that number becomes his).
    await t.ctx.db.query(`UPDATE citizen_account SET id_verified_at = $2, id_verified_via = 'oidc' WHERE id = $1`, [dung.id, new Date(nowMs)]);
    // Filed at the desk under his CCCD with another number; online while his profile had 0987 111 222, changed since.
    const atDesk = await injectAs(t.app, desk, {
      method: 'POST',
      url: '/api/dossiers',
      payload: { idempotencyKey: 'kenh-desk-dung', procedureId, receivingUnitId: tree.deskA.id, resolvingUnitId: tree.communeA.id, applicant: { kind: 'citizen', idNumber: '087090005678', fullName: 'Võ Văn Dũng', phone: '0912 345 679', address: 'Số 2 Lê Lợi' }, documents: [{ name: 'Căn cước', kind: 'present', count: 1 }], outcome: 'accept' },
    });
    expect(atDesk.statusCode, atDesk.body).toBe(201);
    await changeContact(t.app, dung, 'phone', '0987111222');
    const online = await injectAs(t.app, dung, { method: 'POST', url: '/api/citizen/dossiers', payload: { idempotencyKey: 'kenh-dung-online', procedureId, resolvingUnitId: tree.communeA.id, eform: {}, documents: [] } });
    expect(online.statusCode, online.body).toBe(201);
    await changeContact(t.app, dung, 'phone', '0977333444');
    const settings = (await injectAs(t.app, dung, { method: 'GET', url: '/api/citizen/notification-preferences' })).json();
    expect(settings.contacts.phone).toBe('0977333444');
    const byId = (s: { dossiers: { dossierId: string }[] }, id: string) => s.dossiers.find((d) => d.dossierId === id);
    expect(byId(settings, online.json().id)).toMatchObject({ withAccount: true, mobile: '0987111222', sms: '0987111222', email: 'dung.kenh@example.vn', zalo: null });
    expect(byId(settings, atDesk.json().id)).toMatchObject({ withAccount: false, sms: '0912345679', email: null });
    // No SMS chosen: the online dossier gets none; the desk's dossier is still told at the number given at the desk.
    const off = await injectAs(t.app, dung, { method: 'PUT', url: '/api/citizen/notification-preferences', payload: { email: true, sms: false, zalo: false } });
    expect(byId(off.json(), online.json().id)).toMatchObject({ sms: null, mobile: '0987111222', email: 'dung.kenh@example.vn' });
    expect(byId(off.json(), atDesk.json().id)).toMatchObject({ sms: '0912345679' });
    // Another citizen sees none of his dossiers.
    expect((await injectAs(t.app, binh, { method: 'GET', url: '/api/citizen/notification-preferences' })).body).not.toContain('0912345679');
    // The messages these two intakes queued are not this test's subject: the next one counts what a dispatch claims.
    await t.ctx.db.query(`DELETE FROM notification_outbox WHERE dossier_id = ANY($1::uuid[])`, [[atDesk.json().id, online.json().id]]);
  });

  it('Zalo cannot be chosen where no ZNS is connected', async () => {
    const off = await buildTestApp({ env: { ZALO_SIMULATOR: 'false' } });
    try {
      const c = await registerCitizen(off.app, { identifier: '0912345678', idNumber: '079195000124', fullName: 'Lê Văn Cường', birthDate: '1995-01-01' });
      expect((await injectAs(off.app, c, { method: 'GET', url: '/api/citizen/notification-preferences' })).json()).toMatchObject({ zaloAvailable: false, contacts: { phone: '0912345678' } });
      const refused = await injectAs(off.app, c, { method: 'PUT', url: '/api/citizen/notification-preferences', payload: { email: false, sms: true, zalo: true } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().code).toBe('NOTIFICATION.CHANNEL_UNAVAILABLE');
      expect((await off.app.inject({ method: 'POST', url: '/sim/zalo/message/template', payload: {} })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});

describe('a ledger event reaches the citizen by the chosen channel, with its receipt and the portal notice', () => {
  it('online dossier accepted → one Zalo message (SMS kept as fallback) → sent → delivered by the signed event; the portal shows it', async () => {
    const submitted = await injectAs(t.app, an, { method: 'POST', url: '/api/citizen/dossiers', payload: { idempotencyKey: 'kenh-zalo-1', procedureId, resolvingUnitId: tree.communeA.id, eform: {}, documents: [] } });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const id = submitted.json().id as string;
    seconds(60);
    const accepted = await injectAs(t.app, desk, { method: 'POST', url: `/api/dossiers/${id}/actions`, payload: { action: 'accept' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const code = accepted.json().code as string;
    const { rows } = await t.ctx.db.query(`SELECT id, channel, recipient, template_data, fallback FROM notification_outbox WHERE dossier_id = $1`, [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'zalo', recipient: '+84987654321', template_data: { dossier_code: code, customer_name: 'Nguyễn Văn An' }, fallback: { channel: 'sms', recipient: '+84987654321' } });

    const r = await dispatchDueNotifications(t.ctx, dispatcher());
    expect(r).toMatchObject({ claimed: 1, sent: 1 });
    const sent = (await getNotification(t.ctx.db, rows[0].id))!;
    expect(sent.status).toBe('sent');
    expect(sent.providerMessageId).toMatch(/^[0-9a-f]{32}$/);
    const sim = await t.ctx.db.query(`SELECT phone, template_id, template_data FROM zalo_sim_message WHERE tracking_id = $1`, [rows[0].id]);
    expect(sim.rows).toEqual([{ phone: '84987654321', template_id: '900001', template_data: rows[0].template_data }]);

    // Before the receipt, the portal notice names agency, officer and time, the message as sent.
    let notices = (await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/notices' })).json();
    const acceptedNotice = notices.items.find((n: { text: string }) => n.text.startsWith('Đã tiếp nhận tại'));
    expect(acceptedNotice).toMatchObject({ dossierCode: code, unread: true, deliveries: [{ channel: 'zalo', status: 'sent' }] });
    expect(acceptedNotice.text).toMatch(/— cán bộ một cửa .+, 03\/12\/2026 09:01$/);

    seconds(5);
    expect(await postZaloSimReceipts(t.ctx, postToSelf)).toBe(1);
    expect((await getNotification(t.ctx.db, rows[0].id))!.status).toBe('delivered');
    notices = (await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/notices' })).json();
    expect(notices.items.find((n: { text: string }) => n.text.startsWith('Đã tiếp nhận tại')).deliveries).toEqual([{ channel: 'zalo', status: 'delivered' }]);
    expect(notices.unread).toBeGreaterThan(0);
    expect((await injectAs(t.app, an, { method: 'POST', url: '/api/citizen/notices/read' })).statusCode).toBe(204);
    expect((await injectAs(t.app, an, { method: 'GET', url: '/api/citizen/notices' })).json().unread).toBe(0);
    // Bình has no notice of An's dossier.
    expect((await injectAs(t.app, binh, { method: 'GET', url: '/api/citizen/notices' })).json()).toEqual({ items: [], unread: 0 });
  });

  it('the webhook checks Zalo\'s signature; a replayed event changes nothing', async () => {
    const { id } = await enqueueNotification(t.ctx.db, zaloMessage('0912000111'), t.ctx.clock.now());
    await dispatchDueNotifications(t.ctx, dispatcher());
    const captured: { body: string; headers: Record<string, string> }[] = [];
    await postZaloSimReceipts(t.ctx, async (body, headers) => {
      captured.push({ body, headers });
      return 500; // not accepted: the simulator keeps it for the next round
    });
    const event = captured.find((c) => (JSON.parse(c.body) as { message: { tracking_id: string } }).message.tracking_id === id)!;
    const send = (body: string, headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/notifications/zalo/events', headers, payload: body });
    const tampered = event.body.replace('"user_received_message"', '"user_received_message" ').replace('0912', '0913');
    expect((await send(tampered, event.headers)).statusCode).toBe(401);
    expect((await send(event.body, { ...event.headers, [ZALO_SIGNATURE_HEADER]: `mac=${'0'.repeat(64)}` })).statusCode).toBe(401);
    expect((await send(event.body, { 'content-type': 'application/json' })).json()).toMatchObject({ code: 'NOTIFICATION.BAD_SIGNATURE' });
    expect((await getNotification(t.ctx.db, id))!.status).toBe('sent');
    expect((await send(event.body, event.headers)).json()).toEqual({ outcome: 'recorded' });
    expect((await send(event.body, event.headers)).json()).toEqual({ outcome: 'duplicate' });
    const receipts = await t.ctx.db.query(`SELECT event, status FROM notification_receipt WHERE notification_id = $1`, [id]);
    expect(receipts.rows).toEqual([{ event: 'user_received_message', status: 'delivered' }]);
    expect((await getNotification(t.ctx.db, id))!.status).toBe('delivered');
  });
});

describe('fallback', () => {
  it('a number without Zalo fails for good at once and the SMS goes instead, once', async () => {
    const { id } = await enqueueNotification(t.ctx.db, zaloMessage('0912345000'), t.ctx.clock.now());
    const d = dispatcher();
    const first = await dispatchDueNotifications(t.ctx, d);
    expect(first).toMatchObject({ failed: 1 });
    const failed = (await getNotification(t.ctx.db, id))!;
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.lastError).toContain('-118');
    await dispatchDueNotifications(t.ctx, d);
    await dispatchDueNotifications(t.ctx, d);
    const fb = await t.ctx.db.query(`SELECT channel, recipient, status, body FROM notification_outbox WHERE fallback_of = $1`, [id]);
    expect(fb.rows).toEqual([{ channel: 'sms', recipient: '+84912345000', status: 'sent', body: expect.stringContaining('Ho so H56.71-031226-0001 da duoc tiep nhan') }]);
    expect(d.sms.sent.filter((m) => m.to === '+84912345000')).toHaveLength(1);
  });
});

describe('a 300-second outage of Zalo loses nothing and doubles nothing', () => {
  it('the simulator refuses for 300 s of the moved clock; with a dispatcher restart and a crash after sending, every message arrives once', async () => {
    await t.ctx.db.query(`UPDATE notification_outbox SET status = 'failed' WHERE status = 'pending'`);
    const N = 40;
    const ids: string[] = [];
    for (let i = 0; i < N; i++) ids.push((await enqueueNotification(t.ctx.db, zaloMessage(`09${71_234_567 + i * 7}`), t.ctx.clock.now())).id);
    const start = nowMs;
    zaloSimulator(t.ctx).refuseFor(300);

    let d = dispatcher();
    const first = await dispatchDueNotifications(t.ctx, d);
    expect(first).toMatchObject({ claimed: N, sent: 0, retrying: N });
    // Every minute, as the cron runs it. At 2 minutes the dispatcher restarts (nothing kept in memory).
    for (let minute = 1; minute <= 30; minute++) {
      nowMs = start + minute * 60_000;
      if (minute === 2) d = dispatcher();
      if (minute === 6) {
        // A dispatcher that claims 10 due rows, hands them to Zalo, and dies before writing the outcome.
        const claimed = await claimDueNotifications(t.ctx.db, { now: t.ctx.clock.now(), limit: 10, channels: ['zalo'] });
        expect(claimed).toHaveLength(10);
        const dying = dispatcher();
        for (const row of claimed) await dying.zalo!.send({ id: row.id, channel: row.channel, recipient: row.recipient, subject: null, body: row.body, templateKey: row.templateKey, templateData: row.templateData });
      }
      const r = await dispatchDueNotifications(t.ctx, d);
      if (minute < 5) expect(r.sent, `minute ${minute}: still refusing`).toBe(0);
    }
    const rows = await Promise.all(ids.map((id) => getNotification(t.ctx.db, id)));
    expect(rows.map((r) => r!.status)).toEqual(Array(N).fill('sent'));
    // Zalo received each message once (one per tracking id, one tracking id per outbox row), none lost.
    const received = await t.ctx.db.query<{ tracking_id: string }>(`SELECT tracking_id FROM zalo_sim_message WHERE tracking_id = ANY($1::text[])`, [ids]);
    expect(received.rows.map((r) => r.tracking_id).sort()).toEqual([...ids].sort());
    expect(new Set(rows.map((r) => r!.providerMessageId)).size).toBe(N);
    // No fallback for an outage that ended: SMS was never needed.
    expect((await t.ctx.db.query(`SELECT count(*)::int AS n FROM notification_outbox WHERE fallback_of = ANY($1::uuid[])`, [ids])).rows[0].n).toBe(0);
    // The receipts arrive: all delivered.
    await postZaloSimReceipts(t.ctx, postToSelf, 1000);
    const after = await t.ctx.db.query(`SELECT status, count(*)::int AS n FROM notification_outbox WHERE id = ANY($1::uuid[]) GROUP BY status`, [ids]);
    expect(after.rows).toEqual([{ status: 'delivered', n: N }]);
  }, 120_000);
});
