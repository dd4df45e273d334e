import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, injectAs, type TestApp } from '../../../test/app.js';
import { seedDesk } from '../../../test/dossier-fixtures.js';
import { startPayment } from '../payments/use-cases/start-payment.js';
import { rateDossier } from '../satisfaction/use-cases/rate-dossier.js';

let t: TestApp;
let desk: Awaited<ReturnType<typeof seedDesk>>;
const now = new Date('2026-11-25T02:00:00Z');

beforeAll(async () => {
  t = await buildTestApp({ clock: { now: () => now } });
  desk = await seedDesk(t.app, t.ctx.db);
});
afterAll(() => t.close());

/** The counter of one metric for the commune, all procedures, over the whole month. */
async function counter(metric: string): Promise<number> {
  const { rows } = await t.ctx.db.query(
    `SELECT coalesce(sum(${metric}), 0)::int AS n FROM report_counter WHERE grain = 'M' AND unit_id = $1`,
    [desk.tree.communeA.id],
  );
  return rows[0].n;
}

describe('counters fed by payments and ratings', () => {
  it('counts a fee paid online once, not cash at the desk; and each rating with its points', async () => {
    const online = await desk.receive();
    const cash = await desk.receive();
    const started = await startPayment(t.ctx, online.id, 'vnpay', 'http://127.0.0.1/api/payments/vnpay/return');
    expect(await counter('paid_online')).toBe(0);
    // What the gateway's confirmation does to the payment row (tested end to end in the payments module).
    await t.ctx.db.query(`UPDATE payment SET status = 'paid', paid_at = $2 WHERE id = $1`, [started.paymentId, now]);
    await t.ctx.db.query(`UPDATE payment SET payer_name = 'X' WHERE id = $1`, [started.paymentId]);
    expect(await counter('paid_online')).toBe(1);
    const res = await injectAs(t.app, desk.desk, { method: 'POST', url: `/api/dossiers/${cash.id}/payments/cash`, payload: {} });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(await counter('paid_online')).toBe(1);

    await desk.finish(online.id);
    const all2 = { i1: 2, i2: 2, i3: 2, i4: 2, i5: 2, i6: 2, i7: 2, i8: 2, i9: 2 } as const;
    const poor = { i1: 0, i2: 1, i3: 0, i4: 1, i5: 0, i6: 1, i7: 0, i8: 1, i9: 0 } as const;
    await rateDossier(t.ctx, online.id, 'portal', { scores: all2 });
    await desk.finish(cash.id);
    await rateDossier(t.ctx, cash.id, 'portal', { scores: poor });
    expect(await counter('satisfaction_count')).toBe(2);
    expect(await counter('satisfaction_sum')).toBe(18 + 4);
    expect(await counter('satisfied_count')).toBe(1);
  });
});
