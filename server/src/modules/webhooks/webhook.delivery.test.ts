import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, login, type Session, type TestApp } from '../../../test/app.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';
import { buildStaff } from '../../../test/factories.js';
import type { Actor } from '../identity/permissions.policy.js';
import { dispatchWebhooks } from './use-cases/dispatch-webhooks.js';
import { createSubscription, sealLegacySecrets } from './use-cases/manage-subscriptions.js';
import { SIGNATURE_HEADER, verifySignature } from './webhook.rules.js';
import { openSecret, sealKeyOf } from './webhook.seal.js';
import { guardedLookup, httpSender } from './webhook.sender.js';

// Monday 7/12/2026 09:00 Vietnam time; the tests move it by hand.
let nowMs = Date.parse('2026-12-07T02:00:00Z');
const clock = { now: () => new Date(nowMs) };
const advance = (seconds: number) => void (nowMs += seconds * 1000);

type Received = { headers: http.IncomingHttpHeaders; body: string; answered: number };

/** A subscriber's endpoint on loopback: answers the next statuses of `plan` (then 200) and records every request. */
function receiver() {
  const got: Received[] = [];
  const plan: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = plan.shift() ?? 200;
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered: status });
      res.writeHead(status).end(status === 200 ? 'ok' : 'loi');
    });
  });
  return {
    got,
    plan,
    async start() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let t: TestApp;
let seed: Awaited<ReturnType<typeof seedDesk>>;
let adminA: Session;
let adminB: Session;
const rx = receiver();
let url: string;

const send = httpSender('demo');
const sealKey = () => sealKeyOf(t.ctx.config.webhookSecretKey);
const dispatch = () => dispatchWebhooks({ db: t.ctx.db, clock, send, sealKey: sealKey() });
async function pendingCount(): Promise<number> {
  const { rows } = await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_delivery WHERE status = 'pending'`);
  return rows[0]!.n;
}
/** Runs the dispatcher until nothing is pending, moving the clock as the backoff asks (never real waiting). */
async function drain(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = await dispatch();
    if ((await pendingCount()) === 0) return;
    if (r.claimed === 0) advance(30);
  }
  throw new Error('deliveries did not drain');
}

beforeAll(async () => {
  t = await buildTestApp({ clock, env: { WEBHOOK_PRIVATE_TARGETS: 'true' } });
  seed = await seedDesk(t.app, t.ctx.db);
  await buildStaff(t.ctx.db, 'quantri.xa.a', [{ role: 'admin', unit: seed.tree.communeA }]);
  await buildStaff(t.ctx.db, 'quantri.xa.b', [{ role: 'admin', unit: seed.tree.communeB }]);
  adminA = await login(t.app, 'quantri.xa.a');
  adminB = await login(t.app, 'quantri.xa.b');
  url = await rx.start();
}, 120_000);
afterAll(async () => {
  await rx.close();
  await t?.close();
});

async function subscribe(s: Session, unitId: string, eventTypes: string[], target = url) {
  const res = await injectAs(t.app, s, { method: 'POST', url: '/api/webhooks/subscriptions', payload: { unitId, name: 'Hệ thống một cửa của xã', url: target, eventTypes } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { subscription: { id: string }; secret: string };
}

describe('webhooks: signed, ordered, retried, replayable, scoped', () => {
  let subA: { subscription: { id: string }; secret: string };
  let dossierId: string;

  it('a commune subscription gets its own dossiers only, signed, retried with backoff until delivered once', async () => {
    subA = await subscribe(adminA, seed.tree.communeA.id, ['accept', 'forward', 'approve']);
    const subB = await subscribe(adminB, seed.tree.communeB.id, ['accept', 'forward', 'approve']);
    expect(subA.secret).toMatch(/^whsec_/);
    // At rest the secret is sealed (AES-256-GCM): nothing of the row carries it, and only the configured key opens it.
    const { rows: stored } = await t.ctx.db.query<{ row: string; secretSealed: string }>(
      `SELECT row_to_json(s)::text AS row, s.secret_sealed AS "secretSealed" FROM webhook_subscription s WHERE id = $1`, [subA.subscription.id]);
    expect(stored[0]!.row).not.toContain(subA.secret);
    expect(stored[0]!.row).not.toContain(subA.secret.slice(6, 30));
    expect(openSecret(sealKey(), stored[0]!.secretSealed)).toBe(subA.secret);
    expect(() => openSecret(sealKeyOf('another-key-of-sixteen-chars'), stored[0]!.secretSealed)).toThrow();
    // Shown once: neither list nor log carries it again.
    const list = await injectAs(t.app, adminA, { method: 'GET', url: '/api/webhooks/subscriptions' });
    expect(list.body).not.toContain(subA.secret);
    expect((list.json() as { items: { id: string }[] }).items.map((s) => s.id)).toEqual([subA.subscription.id]);

    dossierId = (await seed.receive()).id;
    const { rows } = await t.ctx.db.query<{ subscriptionId: string; eventType: string }>(`SELECT subscription_id AS "subscriptionId", event_type AS "eventType" FROM webhook_delivery`);
    expect(rows).toEqual([{ subscriptionId: subA.subscription.id, eventType: 'accept' }]);
    expect(rows.some((r) => r.subscriptionId === subB.subscription.id)).toBe(false);

    rx.plan.push(500, 503);
    expect(await dispatch()).toEqual({ claimed: 1, delivered: 0, failed: 1 });
    expect((await dispatch()).claimed).toBe(0); // not due before 30 s
    advance(30);
    expect(await dispatch()).toEqual({ claimed: 1, delivered: 0, failed: 1 });
    advance(30);
    expect((await dispatch()).claimed).toBe(0); // the second wait is 60 s
    advance(30);
    expect(await dispatch()).toEqual({ claimed: 1, delivered: 1, failed: 0 });
    expect(await dispatch()).toEqual({ claimed: 0, delivered: 0, failed: 0 });

    expect(rx.got.map((g) => g.answered)).toEqual([500, 503, 200]);
    for (const g of rx.got) {
      const ts = Number(g.headers['x-motcua-timestamp']);
      expect(verifySignature(subA.secret, g.headers[SIGNATURE_HEADER] as string, g.body, ts)).toBe(true);
      expect(verifySignature(subB.secret, g.headers[SIGNATURE_HEADER] as string, g.body, ts)).toBe(false);
      expect(verifySignature(subA.secret, g.headers[SIGNATURE_HEADER] as string, g.body.replace('accept', 'refuse'), ts)).toBe(false);
    }
    // Timestamps come from the injected clock.
    expect(rx.got.map((g) => Number(g.headers['x-motcua-timestamp']))).toEqual([0, 30, 90].map((s) => Date.parse('2026-12-07T02:00:00Z') / 1000 + s));
    const body = JSON.parse(rx.got[2]!.body) as { event: string; dossier: { id: string; status: string; code: string } };
    expect(body.event).toBe('accept');
    expect(body.dossier.id).toBe(dossierId);
    expect(body.dossier.code).toBeTruthy();

    const log = await injectAs(t.app, adminA, { method: 'GET', url: `/api/webhooks/subscriptions/${subA.subscription.id}/deliveries` });
    const items = (log.json() as { items: { status: string; attempts: number; lastStatus: number }[] }).items;
    expect(items).toMatchObject([{ status: 'delivered', attempts: 3, lastStatus: 200 }]);
    const { rows: attempts } = await t.ctx.db.query<{ status_code: number }>(`SELECT status_code FROM webhook_attempt ORDER BY id`);
    expect(attempts.map((a) => a.status_code)).toEqual([500, 503, 200]);
  });

  it("a dossier's events arrive in ledger order: a failing head holds the later ones back", async () => {
    rx.got.length = 0;
    await seed.finish(dossierId, false); // forward, claim (not subscribed), forward, approve
    rx.plan.push(500);
    expect(await dispatch()).toMatchObject({ claimed: 1, failed: 1 });
    expect(rx.got).toHaveLength(1);
    await drain();
    const events = rx.got.filter((g) => g.answered === 200).map((g) => JSON.parse(g.body) as { event: string; entryId: string });
    expect(events.map((e) => e.event)).toEqual(['forward', 'forward', 'approve']);
    const ids = events.map((e) => BigInt(e.entryId));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
  });

  it('"Gửi lại" re-sends one delivery with the same body; replay from a time re-sends every event since', async () => {
    const log = await injectAs(t.app, adminA, { method: 'GET', url: `/api/webhooks/subscriptions/${subA.subscription.id}/deliveries` });
    const items = (log.json() as { items: { id: string; eventType: string }[] }).items;
    const approve = items.find((d) => d.eventType === 'approve')!;
    const original = rx.got.find((g) => g.headers['x-motcua-delivery'] === approve.id)!;
    rx.got.length = 0;
    const r = await injectAs(t.app, adminA, { method: 'POST', url: `/api/webhooks/deliveries/${approve.id}/replay` });
    expect(r.json()).toEqual({ queued: 1 });
    await drain();
    expect(rx.got).toHaveLength(1);
    expect(rx.got[0]!.body).toBe(original.body);
    expect(rx.got[0]!.headers['x-motcua-delivery']).not.toBe(approve.id);

    rx.got.length = 0;
    const all = await injectAs(t.app, adminA, { method: 'POST', url: `/api/webhooks/subscriptions/${subA.subscription.id}/replay`, payload: { from: '2026-12-07T00:00:00Z' } });
    expect(all.json()).toEqual({ queued: 4 }); // accept, forward, forward, approve — not the earlier replay
    await drain();
    expect(rx.got.map((g) => (JSON.parse(g.body) as { event: string }).event)).toEqual(['accept', 'forward', 'forward', 'approve']);
    const later = await injectAs(t.app, adminA, { method: 'POST', url: `/api/webhooks/subscriptions/${subA.subscription.id}/replay`, payload: { from: '2026-12-31T00:00:00Z' } });
    expect(later.json()).toEqual({ queued: 0 });
  });

  it("another unit's administrator neither sees nor replays the subscription; a desk officer may not manage webhooks", async () => {
    const list = await injectAs(t.app, adminB, { method: 'GET', url: '/api/webhooks/subscriptions' });
    expect(list.body).not.toContain(subA.subscription.id);
    const log = await injectAs(t.app, adminB, { method: 'GET', url: `/api/webhooks/subscriptions/${subA.subscription.id}/deliveries` });
    // Another unit's subscription or delivery answers exactly as an id that does not exist: no 403 confirms it.
    const missing = await injectAs(t.app, adminB, { method: 'GET', url: '/api/webhooks/subscriptions/00000000-0000-4000-8000-000000000000/deliveries' });
    expect(log.statusCode).toBe(404);
    expect(log.json()).toEqual(missing.json());
    const { rows } = await t.ctx.db.query<{ id: string }>(`SELECT id::text FROM webhook_delivery WHERE subscription_id = $1 LIMIT 1`, [subA.subscription.id]);
    const before = await pendingCount();
    const foreignDelivery = await injectAs(t.app, adminB, { method: 'POST', url: `/api/webhooks/deliveries/${rows[0]!.id}/replay` });
    expect(foreignDelivery.statusCode).toBe(404);
    expect(foreignDelivery.json()).toEqual((await injectAs(t.app, adminB, { method: 'POST', url: '/api/webhooks/deliveries/999999999/replay' })).json());
    expect((await injectAs(t.app, adminB, { method: 'POST', url: `/api/webhooks/subscriptions/${subA.subscription.id}/replay`, payload: { from: '2026-12-01T00:00:00Z' } })).statusCode).toBe(404);
    expect((await injectAs(t.app, adminB, { method: 'DELETE', url: `/api/webhooks/subscriptions/${subA.subscription.id}` })).statusCode).toBe(404);
    expect((await injectAs(t.app, adminB, { method: 'POST', url: '/api/webhooks/subscriptions', payload: { unitId: seed.tree.communeA.id, name: 'x', url, eventTypes: ['accept'] } })).statusCode).toBe(403);
    expect(await pendingCount()).toBe(before);
    expect((await injectAs(t.app, seed.desk, { method: 'GET', url: '/api/webhooks/subscriptions' })).statusCode).toBe(403);
    // The province's administrator (above the commune) sees both.
    const province = await injectAs(t.app, seed.admin, { method: 'GET', url: '/api/webhooks/subscriptions' });
    expect((province.json() as { items: unknown[] }).items).toHaveLength(2);
    const { rows: audits } = await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'webhook.subscription_disabled'`);
    expect(audits[0]!.n).toBe(0); // adminB's DELETE above changed nothing

    // Disabled: nothing more is sent, what was waiting stays in the log.
    await seed.receive();
    expect((await injectAs(t.app, adminA, { method: 'DELETE', url: `/api/webhooks/subscriptions/${subA.subscription.id}` })).json()).toEqual({ disabled: true });
    expect((await dispatch()).claimed).toBe(0);
    expect((await injectAs(t.app, adminA, { method: 'POST', url: `/api/webhooks/subscriptions/${subA.subscription.id}/replay`, payload: { from: '2026-12-01T00:00:00Z' } })).statusCode).toBe(409);
    // Active subscriptions are listed first, the disabled one after (then by name).
    const after = await injectAs(t.app, seed.admin, { method: 'GET', url: '/api/webhooks/subscriptions' });
    expect((after.json() as { items: { id: string; active: boolean }[] }).items.map((s) => s.active)).toEqual([true, false]);
  });

  it('a subscription made before secrets were sealed is sealed at start and still signs with its old secret', async () => {
    const legacySecret = 'whsec_legacy-clear-secret-0123456789abcdef';
    const { rows } = await t.ctx.db.query<{ id: string }>(
      `INSERT INTO webhook_subscription (unit_id, name, url, event_types, secret, created_at) VALUES ($1, 'Hệ thống cũ', $2, '{accept}', $3, $4) RETURNING id`,
      [seed.tree.communeA.id, url, legacySecret, clock.now()],
    );
    const legacyId = rows[0]!.id;
    expect(await sealLegacySecrets({ db: t.ctx.db, sealKey: sealKey() })).toBe(1);
    expect(await sealLegacySecrets({ db: t.ctx.db, sealKey: sealKey() })).toBe(0);
    const { rows: stored } = await t.ctx.db.query<{ row: string }>(`SELECT row_to_json(s)::text AS row FROM webhook_subscription s WHERE id = $1`, [legacyId]);
    expect(stored[0]!.row).not.toContain(legacySecret);
    rx.got.length = 0;
    await seed.receive();
    expect(await dispatchWebhooks({ db: t.ctx.db, clock, send, sealKey: sealKey() }, { subscriptionId: legacyId })).toMatchObject({ delivered: 1 });
    const got = rx.got.filter((g) => g.answered === 200);
    expect(got).toHaveLength(1);
    expect(verifySignature(legacySecret, got[0]!.headers[SIGNATURE_HEADER] as string, got[0]!.body, Number(got[0]!.headers['x-motcua-timestamp']))).toBe(true);
  });

  it('the delivery log explains a refused connection by its kind, keeping the raw error as the detail', async () => {
    const dead = await subscribe(adminA, seed.tree.communeA.id, ['accept'], 'http://127.0.0.1:9/hook');
    await seed.receive();
    await dispatchWebhooks({ db: t.ctx.db, clock, send, sealKey: sealKey() }, { subscriptionId: dead.subscription.id });
    const log = await injectAs(t.app, adminA, { method: 'GET', url: `/api/webhooks/subscriptions/${dead.subscription.id}/deliveries` });
    const [d] = (log.json() as { items: { lastErrorKind: string; lastError: string; lastStatus: number | null }[] }).items;
    expect(d).toMatchObject({ lastErrorKind: 'refused', lastStatus: null });
    expect(d!.lastError).toContain('ECONNREFUSED');
  });

  it('production mode refuses http, loopback, private and link-local targets (SSRF), at creation and at delivery', async () => {
    const { rows } = await t.ctx.db.query<{ id: string }>(`SELECT id FROM staff_user WHERE username = 'quantri.xa.a'`);
    const actor: Actor = { userId: rows[0]!.id, username: 'quantri.xa.a', fullName: 'Quản trị xã A', grants: [{ role: 'admin', unitId: seed.tree.communeA.id, unitPath: seed.tree.communeA.path }] };
    const prod = { db: t.ctx.db, clock, mode: 'production' as const, sealKey: sealKey() };
    const refused = async (target: string) => {
      const err = await createSubscription(prod, actor, { unitId: seed.tree.communeA.id, name: 'x', url: target, eventTypes: ['accept'] }).then(() => null, (e: { code?: string }) => e.code);
      return err;
    };
    expect(await refused('http://example.vn/hook')).toBe('WEBHOOK.URL_NOT_HTTPS');
    for (const target of ['https://127.0.0.1/hook', 'https://localhost/hook', 'https://10.1.2.3/', 'https://192.168.1.1/', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/', 'https://[::ffff:127.0.0.1]/', 'https://metadata.internal/', 'https://0.0.0.0/']) {
      expect(await refused(target), target).toBe('WEBHOOK.URL_PRIVATE_ADDRESS');
    }
    expect(await refused('https://user:pw@example.vn/')).toBe('WEBHOOK.URL_CREDENTIALS');
    expect(await refused(url)).toBe('WEBHOOK.URL_NOT_HTTPS');
    // A name that resolves to loopback (DNS may change after creation) is refused at connection time, by the lookup.
    const prodSend = httpSender('production');
    const looked = await new Promise<{ code?: string; address?: string }>((resolve) =>
      guardedLookup('localhost', {}, (err, address) => resolve(err ? { code: (err as { code?: string }).code } : { address: String(address) })),
    );
    expect(looked).toEqual({ code: 'EWEBHOOKBLOCKED' });
    const direct = await prodSend({ url: url.replace('http:', 'https:'), body: '{}', headers: {} });
    expect(direct).toEqual({ statusCode: null, error: 'địa chỉ bị từ chối: private_address' });
  });
});
