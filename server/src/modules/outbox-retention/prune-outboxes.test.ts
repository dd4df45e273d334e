import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';
import { allJobs } from '../jobs.js';
import { OUTBOX_PRUNE_JOB } from './outbox-retention.jobs.js';
import { retentionCutoff } from './outbox-retention.rules.js';
import { pruneOutboxes } from './prune-outboxes.js';

// Monday 7/12/2026 09:00 Vietnam time; the test moves the clock by days, never waits.
let nowMs = Date.parse('2026-12-07T02:00:00Z');
const clock = { now: () => new Date(nowMs) };
const days = (n: number) => void (nowMs += n * 86_400_000);

let t: TestApp;
let seed: Awaited<ReturnType<typeof seedDesk>>;

beforeAll(async () => {
  // With the application's own database rights: the pruning must work without the owner's.
  t = await buildTestApp({ clock, asAppRole: true });
  seed = await seedDesk(t.app, t.ctx.db);
}, 120_000);
afterAll(() => t?.close());

const count = async (sql: string, params: unknown[] = []) => (await t.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;

/** One e-mail in the outbox, `status` as given, sent (when sent) at the clock's now; with an attachment and a receipt when sent. */
async function notification(status: 'pending' | 'sent' | 'failed'): Promise<string> {
  const at = clock.now();
  const { rows } = await t.ctx.db.query<{ id: string }>(
    `INSERT INTO notification_outbox (channel, recipient, subject, body, template_key, status, attempts, created_at, next_attempt_at, sent_at)
     VALUES ('email', 'nguoi.dan@example.vn', 'Hồ sơ', 'Nội dung', 'dossier.accepted', $1, 1, $2, $2, $3) RETURNING id`,
    [status, at, status === 'sent' ? at : null],
  );
  const id = rows[0]!.id;
  await t.ctx.db.query(`INSERT INTO notification_attachment (notification_id, position, file_name, media_type, content) VALUES ($1, 0, 'bao-cao.xlsx', 'application/octet-stream', '\\x00')`, [id]);
  if (status === 'sent') {
    await t.ctx.db.query(`INSERT INTO notification_receipt (notification_id, provider, event, status, occurred_at, received_at, payload) VALUES ($1, 'email', 'delivered', 'delivered', $2, $2, '{}')`, [id, at]);
  }
  return id;
}

/** A webhook delivery of `dossierId`'s first ledger entry, with one attempt; delivered (now) or still pending. */
async function delivery(subscriptionId: string, dossierId: string, status: 'pending' | 'delivered' | 'failed', replayOf: string | null = null): Promise<string> {
  const at = clock.now();
  const { rows } = await t.ctx.db.query<{ id: string }>(
    `INSERT INTO webhook_delivery (subscription_id, dossier_id, action_id, event_type, payload, status, attempts, created_at, next_attempt_at, delivered_at, replay_of)
     SELECT $1, $2, a.id, a.action, '{}', $3, 1, $4, $4, $5, $6 FROM dossier_action a WHERE a.dossier_id = $2 ORDER BY a.id LIMIT 1 RETURNING id::text`,
    [subscriptionId, dossierId, status, at, status === 'delivered' ? at : null, replayOf],
  );
  await t.ctx.db.query(`INSERT INTO webhook_attempt (delivery_id, at, status_code, error, duration_ms) VALUES ($1, $2, 200, NULL, 5)`, [rows[0]!.id, at]);
  return rows[0]!.id;
}

describe('outbox retention: delivered rows older than the retention go, undelivered ones never', () => {
  it('is a daily schedule of the jobs module', () => {
    expect(allJobs.find((j) => j.name === OUTBOX_PRUNE_JOB)?.cron).toBe('30 2 * * *');
    expect(retentionCutoff(new Date('2026-12-07T02:00:00Z'), 90).toISOString()).toBe('2026-09-08T02:00:00.000Z');
    expect(() => retentionCutoff(new Date(), 0)).toThrow();
  });

  it('prunes by the injected clock: at 89 days nothing, past 90 days the delivered rows and their children only', async () => {
    const { rows: subs } = await t.ctx.db.query<{ id: string }>(
      `INSERT INTO webhook_subscription (unit_id, name, url, event_types, secret_sealed, created_at) VALUES ($1, 'Hệ thống nhận', 'http://127.0.0.1:9/', '{accept}', 'v1.a.b.c', $2) RETURNING id`,
      [seed.tree.communeA.id, clock.now()],
    );
    const sub = subs[0]!.id;
    const closed = await seed.receive();
    await seed.finish(closed.id, true); // returned: its handling is over
    const open = await seed.receive(); // still being handled

    const sent = await notification('sent');
    const pendingMail = await notification('pending');
    const failedMail = await notification('failed');
    const delivered = await delivery(sub, closed.id, 'delivered');
    const original = await delivery(sub, closed.id, 'delivered');
    const pendingHook = await delivery(sub, open.id, 'pending');
    const failedHook = await delivery(sub, open.id, 'failed');
    // The national sync marks every ledger row sent as the dispatcher would.
    await t.ctx.db.query(`UPDATE national_sync_outbox SET status = 'sent', sent_at = $1 WHERE dossier_id = $2`, [clock.now(), closed.id]);
    await t.ctx.db.query(`UPDATE national_sync_outbox SET status = 'sent', sent_at = $1 WHERE dossier_id = $2 AND id < (SELECT max(id) FROM national_sync_outbox WHERE dossier_id = $2)`, [clock.now(), open.id]);
    const syncClosed = await count(`national_sync_outbox WHERE dossier_id = $1`, [closed.id]);
    const syncOpen = await count(`national_sync_outbox WHERE dossier_id = $1`, [open.id]);
    expect(syncClosed).toBeGreaterThan(2);

    days(89);
    const replay = await delivery(sub, closed.id, 'delivered', original); // a recent replay keeps its original in the log
    expect(await pruneOutboxes({ db: t.ctx.db, clock }, { retentionDays: 90 })).toEqual({ notifications: 0, webhooks: 0, nationalSync: 0, nationalAnswers: 0 });

    days(2);
    const report = await pruneOutboxes({ db: t.ctx.db, clock }, { retentionDays: 90, batch: 2 });
    expect(report).toEqual({ notifications: 1, webhooks: 1, nationalSync: syncClosed - 1, nationalAnswers: 0 });
    expect(await count(`notification_outbox WHERE id = $1`, [sent])).toBe(0);
    expect(await count(`notification_attachment WHERE notification_id = $1`, [sent])).toBe(0);
    expect(await count(`notification_receipt WHERE notification_id = $1`, [sent])).toBe(0);
    expect(await count(`notification_outbox WHERE id = ANY($1::uuid[])`, [[pendingMail, failedMail]])).toBe(2);
    expect(await count(`webhook_delivery WHERE id = $1`, [delivered])).toBe(0);
    expect(await count(`webhook_attempt WHERE delivery_id = $1`, [delivered])).toBe(0);
    expect(await count(`webhook_delivery WHERE id = ANY($1::bigint[])`, [[original, replay, pendingHook, failedHook]])).toBe(4);
    // A closed dossier keeps its newest sync row; an open one (a row still waiting) keeps them all.
    expect(await count(`national_sync_outbox WHERE dossier_id = $1`, [closed.id])).toBe(1);
    expect(await count(`national_sync_outbox WHERE dossier_id = $1`, [open.id])).toBe(syncOpen);

    // Once the replay is old too, it goes, and its original with it on the next night.
    days(90);
    expect((await pruneOutboxes({ db: t.ctx.db, clock }, { retentionDays: 90 })).webhooks).toBe(1);
    expect((await pruneOutboxes({ db: t.ctx.db, clock }, { retentionDays: 90 })).webhooks).toBe(1);
    expect(await count(`webhook_delivery WHERE id = ANY($1::bigint[])`, [[pendingHook, failedHook]])).toBe(2);
    expect(await count(`webhook_delivery WHERE status = 'delivered'`)).toBe(0);
  });
});
