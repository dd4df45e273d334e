import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { commonErrors } from '../../platform/errors.js';
import { listeningOrigin } from '../../platform/http.js';
import { postalErrors } from './postal.errors.js';
import { operatorStatuses } from './postal.rules.js';
import { simulatorPostalService } from './postal.service.js';
import { signedHeaders } from './postal.signature.js';

/**
 * The local postal operator simulator (POSTAL_SIMULATOR=true, the default for demo and tests). It speaks the protocol the
 * HTTP adapter speaks (POST /orders → tracking code, GET /orders/{code}) and, on request, sends the signed status
 * callback a real operator would send (picked up, delivered, failed, returned) over HTTP to this server — so the browser
 * journey and the tests drive the whole loop. Never mounted when the simulator is off, when a real operator is configured
 * or in production mode; its controls need a signed-in postal account (`postal.work`): an anonymous caller who tracked a
 * dossier must not be able to mark its result delivered.
 */
export const postalSimulatorRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const sim = simulatorPostalService(ctx.db, ctx.clock);
  const ZOrder = z.object({ reference: z.string().min(3).max(200), kind: z.enum(['pickup', 'delivery']), recipientName: z.string().min(1).max(200), address: z.string().min(1).max(500), phone: z.string().max(20).nullable() });

  app.post(
    '/postal-sim/orders',
    { config: { access: 'perm:postal.work' }, schema: { tags: ['postal-simulator'], summary: 'Mô phỏng: tạo đơn, cấp số hiệu bưu gửi', body: ZOrder, response: { 201: z.object({ trackingCode: z.string() }) } } },
    async (request, reply) => reply.status(201).send(await sim.createOrder(request.body)),
  );
  app.get(
    '/postal-sim/orders/:trackingCode',
    { config: { access: 'perm:postal.work' }, schema: { tags: ['postal-simulator'], summary: 'Mô phỏng: trạng thái đơn', params: z.object({ trackingCode: z.string().max(50) }), response: { 200: z.object({ trackingCode: z.string(), status: z.string() }), 404: ZErrorBody } } },
    async (request) => {
      const s = await sim.getStatus(request.params.trackingCode);
      if (!s) throw postalErrors.unknownTracking();
      return s;
    },
  );
  app.post(
    '/postal-sim/orders/:trackingCode/events',
    {
      config: { access: 'perm:postal.work' },
      schema: {
        tags: ['postal-simulator'],
        summary: 'Mô phỏng: bưu gửi chuyển trạng thái và gửi thông báo có chữ ký về hệ thống',
        params: z.object({ trackingCode: z.string().max(50) }),
        body: z.object({ status: z.enum(operatorStatuses), receivedBy: z.string().max(200).optional(), reason: z.string().max(1000).optional(), eventId: z.string().min(6).max(100).optional() }),
        response: { 200: z.object({ eventId: z.string(), callbackStatus: z.number(), callback: z.unknown() }), 404: ZErrorBody, 503: ZErrorBody },
      },
    },
    async (request) => {
      const { trackingCode } = request.params;
      const updated = await ctx.db.query(`UPDATE postal_sim_order SET status = $2 WHERE tracking_code = $1`, [trackingCode, request.body.status]);
      if (updated.rowCount === 0) throw postalErrors.unknownTracking();
      const eventId = request.body.eventId ?? `SIM-${randomUUID()}`;
      const body = JSON.stringify({ eventId, trackingCode, status: request.body.status, occurredAt: ctx.clock.now().toISOString(), receivedBy: request.body.receivedBy, reason: request.body.reason });
      const origin = listeningOrigin(request.server);
      const url = ctx.config.postalCallbackUrl ?? (origin ? `${origin}/api/postal/callbacks` : null);
      if (!url) throw commonErrors.validation([{ path: '/', message: 'Chưa có địa chỉ nhận thông báo trạng thái bưu gửi (POSTAL_CALLBACK_URL).', messageEn: 'No postal callback URL is configured (POSTAL_CALLBACK_URL).' }]);
      const res = await fetch(url, { method: 'POST', headers: signedHeaders(ctx.config.postalCallbackSecret, ctx.clock.now().getTime(), body), body, signal: AbortSignal.timeout(10_000) }).catch(() => null);
      if (!res) throw postalErrors.operatorUnavailable();
      return { eventId, callbackStatus: res.status, callback: (await res.json().catch(() => null)) as unknown };
    },
  );
};
