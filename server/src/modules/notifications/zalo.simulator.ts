import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZALO_SIGNATURE_HEADER, zaloMac } from './zalo.signature.js';

/**
 * The local simulator of Zalo's notification service (ZALO_SIMULATOR: demo and tests only, refused in production mode
 * and never used beside a configured ZALO_ZNS_URL). It speaks the shapes createZnsSender speaks — `POST
 * /sim/zalo/message/template` with the `access_token` header, `{ error, message, data: { msg_id, sent_time, quota } }`
 * — and posts each message's `user_received_message` event, signed as Zalo signs webhooks, to this server. Its own
 * rules: a number ending in 000 has no Zalo account (error -118); `refuseFor(seconds)` answers HTTP 503 until that
 * much time of the injected clock has passed; a message sent again with the same tracking_id is the same message.
 */
export type ZaloSimulator = {
  refuseFor(seconds: number): void;
  readonly refusing: boolean;
};

const states = new WeakMap<AppContext, { refuseUntil: number }>();

export function zaloSimulator(ctx: AppContext): ZaloSimulator {
  let s = states.get(ctx);
  if (!s) {
    s = { refuseUntil: 0 };
    states.set(ctx, s);
  }
  const state = s;
  return {
    refuseFor(seconds) {
      state.refuseUntil = ctx.clock.now().getTime() + seconds * 1000;
    },
    get refusing() {
      return ctx.clock.now().getTime() < state.refuseUntil;
    },
  };
}

/** Whether this server mounts the simulator and sends Zalo messages to it. */
export const zaloSimulatorActive = (config: AppContext['config']) => config.mode !== 'production' && config.zaloSimulator && !config.zaloZnsUrl;

const ZSend = z.object({
  phone: z.string().regex(/^84\d{9}$/),
  template_id: z.string().min(1).max(40),
  template_data: z.record(z.string().max(64), z.string().max(400)),
  tracking_id: z.string().min(1).max(48).optional(),
});

/** The Zalo user id the simulator gives a phone number (stable, not the number). */
const simUserId = (phone: string) => BigInt(`0x${createHash('sha256').update(phone).digest('hex').slice(0, 15)}`).toString();

export async function zaloSimulatorRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const sim = zaloSimulator(ctx);
  app.post('/sim/zalo/message/template', { schema: { hide: true } }, async (request, reply) => {
    if (sim.refusing) return reply.status(503).send({ error: -32, message: 'Service unavailable (simulated outage)' });
    if (request.headers.access_token !== ctx.config.zaloAccessToken) return reply.send({ error: -124, message: 'Access token is invalid' });
    const body = ZSend.safeParse(request.body);
    if (!body.success) return reply.send({ error: -100, message: 'Invalid parameter' });
    const m = body.data;
    if (m.phone.endsWith('000')) return reply.send({ error: -118, message: 'Zalo account not existed or is disabled' });
    const now = ctx.clock.now();
    const { rows } = await ctx.db.query<{ msgId: string; sentAt: Date }>(
      `WITH ins AS (
         INSERT INTO zalo_sim_message (msg_id, tracking_id, phone, template_id, template_data, sent_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (tracking_id) DO NOTHING RETURNING msg_id, sent_at)
       SELECT msg_id AS "msgId", sent_at AS "sentAt" FROM ins
       UNION ALL SELECT msg_id, sent_at FROM zalo_sim_message WHERE tracking_id = $2 AND NOT EXISTS (SELECT 1 FROM ins)`,
      [randomBytes(16).toString('hex'), m.tracking_id ?? null, m.phone, m.template_id, JSON.stringify(m.template_data), now],
    );
    const r = rows[0]!;
    return reply.send({ error: 0, message: 'Success', data: { msg_id: r.msgId, sent_time: String(r.sentAt.getTime()), quota: { dailyQuota: '500', remainingQuota: '499' } } });
  });
}

export type SimPost = (rawBody: string, headers: Record<string, string>) => Promise<number>;

/**
 * Posts the `user_received_message` event of each message the simulator received and has not reported yet, signed
 * with ZALO_APP_ID and ZALO_OA_SECRET; a message is marked reported once this server answered 200.
 */
export async function postZaloSimReceipts(ctx: AppContext, post: SimPost, limit = 100): Promise<number> {
  const { rows } = await ctx.db.query<{ msgId: string; trackingId: string | null; phone: string; sentAt: Date }>(
    `SELECT msg_id AS "msgId", tracking_id AS "trackingId", phone, sent_at AS "sentAt" FROM zalo_sim_message WHERE callback_at IS NULL ORDER BY sent_at LIMIT $1`,
    [limit],
  );
  let posted = 0;
  for (const m of rows) {
    const now = ctx.clock.now();
    const timestamp = String(now.getTime());
    const raw = JSON.stringify({
      app_id: ctx.config.zaloAppId,
      user_id_by_app: simUserId(`app:${m.phone}`),
      event_name: 'user_received_message',
      sender: { id: 'oa-sim' },
      recipient: { id: simUserId(m.phone) },
      message: { msg_id: m.msgId, delivery_time: String(Math.max(now.getTime(), m.sentAt.getTime())), tracking_id: m.trackingId ?? '' },
      timestamp,
    });
    const status = await post(raw, { 'content-type': 'application/json', [ZALO_SIGNATURE_HEADER]: `mac=${zaloMac(ctx.config.zaloAppId, raw, timestamp, ctx.config.zaloOaSecret)}` });
    if (status !== 200) continue;
    await ctx.db.query(`UPDATE zalo_sim_message SET callback_at = $2 WHERE msg_id = $1`, [m.msgId, now]);
    posted++;
  }
  return posted;
}
