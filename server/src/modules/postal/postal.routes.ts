import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { addressKey } from '../../platform/client-address.js';
import { PERIOD_REVERSED, periodInOrder, ZDay } from '../working-calendar/calendar-day.contract.js';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { hitRateLimit } from '../../platform/rate-limit.js';
import { citizenOf, actorOf } from '../identity/auth.plugin.js';
import {
  ZCancelInput, ZHandOverInput, ZPickUpInput, ZPickup, ZPickupConfirmation, ZPickupRequest, ZPickupTrackInput, ZPickupTracking, ZPostalProcedure, ZPostalSummary, ZResultByPostInput, ZShipment, ZShipmentEventInput,
} from './postal.contract.js';
import { dossierErrors } from '../dossiers/dossier.errors.js';
import { postalErrors } from './postal.errors.js';
import { postalScope } from './postal.policy.js';
import { getPickup, getShipment, listPickups, listShipments } from './postal.repo.js';
import { pickupStatuses, shipmentStatuses } from './postal.rules.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './postal.signature.js';
import { postalSimulatorRoutes } from './postal-sim.routes.js';
import { chooseDeliveryByPost } from './use-cases/choose-post-delivery.js';
import { createDueShipments } from './use-cases/create-shipments.js';
import { handleOperatorCallback } from './use-cases/handle-callback.js';
import { postalSummary } from './use-cases/postal-summary.js';
import { recordShipmentEvent } from './use-cases/record-shipment-event.js';
import { postalForms, renderPostalForm } from './use-cases/render-postal-form.js';
import { requestPickup } from './use-cases/request-pickup.js';
import { trackPickup } from './use-cases/track-pickup.js';
import { cancelPickup, handOverPickup, pickUp } from './use-cases/work-pickup.js';

const ZId = z.object({ id: z.string().uuid() });
const errors = { 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };

export const postalRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {

  // --- Public (cổng dịch vụ công) ---
  app.get(
    '/postal/procedures',
    {
      config: { access: 'public' },
      schema: {
        tags: ['postal'],
        summary: 'Danh sách thủ tục tiếp nhận / không tiếp nhận hồ sơ qua bưu chính công ích (QĐ 45/2016 Điều 13)',
        querystring: z.object({
          accepted: z.enum(['true', 'false']).default('true'),
          q: z.string().trim().max(200).optional(),
          /** The citizen's province: only the procedures it publishes. Without it, one row per procedure code. */
          provinceId: z.string().uuid().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: z.object({ items: z.array(ZPostalProcedure) }) },
      },
    },
    async (request) => {
      const { accepted, q, provinceId, limit } = request.query;
      // Without a province a procedure published by several provinces would be listed once per province, under the
      // same name: DISTINCT ON (code) keeps one (the citizen picks the province to request a pickup).
      const { rows } = await ctx.db.query<z.infer<typeof ZPostalProcedure>>(
        `SELECT id, code, name, field, agency, "postalIntake", "postalReturn" FROM (
           SELECT DISTINCT ON (CASE WHEN $4::uuid IS NULL THEN p.code ELSE p.id::text END)
                  p.id, p.code, p.name, p.field, p.agency, p.postal_intake AS "postalIntake", p.postal_return AS "postalReturn"
             FROM procedure p JOIN unit o ON o.id = p.owner_unit_id
            WHERE p.status = 'published' AND p.postal_intake = $1 AND ($2::text IS NULL OR p.search_text LIKE '%' || vn_fold($2) || '%')
              AND ($4::uuid IS NULL OR o.path LIKE (SELECT path FROM unit WHERE id = $4) || '%')
            ORDER BY CASE WHEN $4::uuid IS NULL THEN p.code ELSE p.id::text END, o.name) x
          ORDER BY name, id LIMIT $3`,
        [accepted === 'true', q ?? null, limit, provinceId ?? null],
      );
      return { items: rows };
    },
  );
  app.post(
    '/postal/pickup-requests',
    {
      config: { access: 'public' },
      schema: { tags: ['postal'], summary: 'Yêu cầu bưu điện đến nhận hồ sơ tại nhà (công khai, giới hạn số lần)', body: ZPickupRequest, response: { 201: ZPickupConfirmation, 422: ZErrorBody, 429: ZErrorBody } },
    },
    async (request, reply) => {
      // Counted in PostgreSQL: the limit holds however many instances serve the portal.
      const budget = await hitRateLimit(ctx.db, { key: `postal-pickup:${addressKey(request.ip)}`, max: ctx.config.pickupRequestsPerHour, windowSeconds: 3600 }, ctx.clock.now());
      if (!budget.allowed) throw postalErrors.pickupRateLimited(budget.retryAfterSeconds);
      return reply.status(201).send(await requestPickup(ctx, null, request.body));
    },
  );
  app.post(
    '/postal/pickup-requests/track',
    {
      config: { access: 'public' },
      schema: { tags: ['postal'], summary: 'Tra cứu yêu cầu bưu điện đến lấy hồ sơ (mã xác nhận + điện thoại hoặc 4 số cuối CCCD)', body: ZPickupTrackInput, response: { 200: ZPickupTracking, 404: ZErrorBody, 429: ZErrorBody } },
    },
    async (request) => trackPickup({ ...ctx, log: request.log }, request.body.code, request.body.secret, { ip: request.ip }),
  );
  // The operator's signed status callbacks: the signature covers the raw body, so this route keeps it as text.
  await app.register(async (raw) => {
    raw.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    raw.post(
      '/postal/callbacks',
      { config: { access: 'public' }, schema: { tags: ['postal'], summary: 'Thông báo trạng thái bưu gửi từ doanh nghiệp bưu chính (ký HMAC-SHA256)', response: { 200: z.object({ eventId: z.string(), outcome: z.string() }), 401: ZErrorBody, 404: ZErrorBody } } },
      async (request) => {
        const header = (name: string) => (typeof request.headers[name] === 'string' ? (request.headers[name] as string) : undefined);
        return handleOperatorCallback(ctx, typeof request.body === 'string' ? request.body : '', { signature: header(SIGNATURE_HEADER), timestamp: header(TIMESTAMP_HEADER) });
      },
    );
  });

  // --- Staff: postal workers and the desk ---
  app.post(
    '/postal/pickups',
    { config: { access: 'perm:dossiers.receive' }, schema: { tags: ['postal'], summary: 'Bộ phận một cửa ghi yêu cầu nhận hồ sơ tại nhà qua điện thoại', body: ZPickupRequest, response: { 201: ZPickupConfirmation, ...errors } } },
    async (request, reply) => reply.status(201).send(await requestPickup(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/postal/pickups',
    {
      config: { access: 'staff' },
      schema: { tags: ['postal'], summary: 'Yêu cầu nhận hồ sơ tại nhà trong khu vực', querystring: z.object({ status: z.enum(pickupStatuses).optional(), limit: z.coerce.number().int().min(1).max(200).default(100) }), response: { 200: z.array(ZPickup) } },
    },
    async (request) => {
      const paths = postalScope(actorOf(request));
      return paths.length === 0 ? [] : listPickups(ctx.db, { paths, ...request.query });
    },
  );
  app.get(
    '/postal/pickups/:id',
    { config: { access: 'staff' }, schema: { tags: ['postal'], summary: 'Chi tiết yêu cầu nhận hồ sơ', params: ZId, response: { 200: ZPickup, 403: ZErrorBody, 404: ZErrorBody } } },
    async (request) => {
      const p = await getPickup(ctx.db, request.params.id);
      if (!p) throw postalErrors.pickupNotFound();
      if (!postalScope(actorOf(request)).some((x) => p.receivingPath.startsWith(x))) throw postalErrors.pickupNotFound();
      return p;
    },
  );
  app.post(
    '/postal/pickups/:id/pick-up',
    { config: { access: 'perm:postal.work' }, schema: { tags: ['postal'], summary: 'Bưu điện nhận hồ sơ tại nhà: ký Phiếu gửi, thu phí, lệ phí và cước', params: ZId, body: ZPickUpInput, response: { 200: ZPickup, ...errors } } },
    async (request) => {
      await pickUp(ctx, actorOf(request), request.params.id, request.body);
      return (await getPickup(ctx.db, request.params.id))!;
    },
  );
  app.post(
    '/postal/pickups/:id/hand-over',
    { config: { access: 'perm:dossiers.receive' }, schema: { tags: ['postal'], summary: 'Ký Biên bản giao nhận hồ sơ: hồ sơ được tiếp nhận, kênh bưu chính', params: ZId, body: ZHandOverInput, response: { 200: ZPickup, ...errors } } },
    async (request) => {
      await handOverPickup(ctx, actorOf(request), request.params.id, request.body);
      return (await getPickup(ctx.db, request.params.id))!;
    },
  );
  app.post(
    '/postal/pickups/:id/cancel',
    { config: { access: 'staff' }, schema: { tags: ['postal'], summary: 'Hủy yêu cầu nhận hồ sơ', params: ZId, body: ZCancelInput, response: { 200: ZPickup, ...errors } } },
    async (request) => {
      await cancelPickup(ctx, actorOf(request), request.params.id, request.body.reason);
      return (await getPickup(ctx.db, request.params.id))!;
    },
  );
  app.get(
    '/postal/pickups/:id/forms/:form',
    { config: { access: 'staff' }, schema: { tags: ['postal'], summary: 'In Phiếu gửi hồ sơ / Biên bản giao nhận hồ sơ (PDF)', params: ZId.extend({ form: z.enum(postalForms) }) } },
    async (request, reply) => {
      const pdf = await renderPostalForm(ctx, actorOf(request), request.params.id, request.params.form);
      reply.header('content-type', 'application/pdf');
      reply.header('content-disposition', `inline; filename="${request.params.form}.pdf"`);
      return reply.send(pdf);
    },
  );

  app.get(
    '/postal/shipments',
    {
      config: { access: 'staff' },
      schema: { tags: ['postal'], summary: 'Bưu gửi trả kết quả trong khu vực (tạo bưu gửi cho kết quả mới trước khi liệt kê)', querystring: z.object({ status: z.enum(shipmentStatuses).optional(), limit: z.coerce.number().int().min(1).max(200).default(100) }), response: { 200: z.array(ZShipment) } },
    },
    async (request) => {
      const paths = postalScope(actorOf(request));
      if (paths.length === 0) return [];
      await createDueShipments(ctx, paths);
      return listShipments(ctx.db, { paths, ...request.query });
    },
  );
  app.post(
    '/postal/shipments/:id/events',
    { config: { access: 'staff' }, schema: { tags: ['postal'], summary: 'Nhận kết quả tại bộ phận một cửa, phát thành công, phát không thành công, chuyển trả', params: ZId, body: ZShipmentEventInput, response: { 200: ZShipment, ...errors } } },
    async (request) => {
      await recordShipmentEvent(ctx, { kind: 'staff', actor: actorOf(request) }, request.params.id, request.body);
      return (await getShipment(ctx.db, { id: request.params.id }))!;
    },
  );
  app.post(
    '/postal/dossiers/:id/result-by-post',
    { config: { access: 'perm:dossiers.receive' }, schema: { tags: ['postal'], summary: 'Người dân đăng ký nhận kết quả qua bưu chính (đến trước khi trả kết quả)', params: ZId, body: ZResultByPostInput, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await chooseDeliveryByPost(ctx, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/citizen/dossiers/:id/result-by-post',
    { config: { access: 'citizen' }, schema: { tags: ['postal'], summary: 'Công dân đăng ký nhận kết quả hồ sơ của mình qua bưu chính (trước khi trả kết quả)', params: ZId, body: ZResultByPostInput, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const citizen = citizenOf(request);
      await chooseDeliveryByPost(ctx, { kind: 'citizen', citizenId: citizen.citizenId, fullName: citizen.fullName }, request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/postal/result-by-post',
    {
      config: { access: 'perm:dossiers.receive' },
      schema: { tags: ['postal'], summary: 'Đăng ký nhận kết quả qua bưu chính theo mã hồ sơ (người dân gọi điện hoặc đến bộ phận một cửa)', body: ZResultByPostInput.extend({ code: z.string().trim().min(10).max(60) }), response: { 200: z.object({ dossierId: z.string().uuid() }), ...errors } },
    },
    async (request) => {
      const { rows } = await ctx.db.query<{ id: string }>(`SELECT id FROM dossier WHERE code = upper($1)`, [request.body.code]);
      if (!rows[0]) throw dossierErrors.notFound();
      await chooseDeliveryByPost(ctx, actorOf(request), rows[0].id, request.body);
      return { dossierId: rows[0].id };
    },
  );
  app.get(
    '/postal/summary',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['postal'],
        summary: 'Số hồ sơ tiếp nhận và trả kết quả qua bưu chính công ích theo đơn vị, kỳ',
        querystring: z.object({ unitId: z.string().uuid(), from: ZDay, to: ZDay }).refine(periodInOrder, PERIOD_REVERSED),
        response: { 200: ZPostalSummary, 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (request) => postalSummary(ctx, actorOf(request), request.query),
  );

  // Never beside a real operator nor in production: the simulator signs callbacks with the shared secret.
  if (ctx.config.mode === 'demo' && ctx.config.postalSimulator && !ctx.config.postalApiUrl) await app.register(postalSimulatorRoutes, { ctx });
};
