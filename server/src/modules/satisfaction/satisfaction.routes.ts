import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { readContext } from '../../platform/read-replicas.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { actorOf, citizenOf } from '../identity/auth.plugin.js';
import { assertOwnDossier } from '../citizens/use-cases/my-dossiers.js';
import { authoriseTracking } from '../dossiers/use-cases/track-dossier.js';
import { ZKiosk, ZKioskPairInput, ZKioskRatingInput, ZMyRatings, ZPairedKiosk, ZPeriodQuery, ZPortalRatingInput, ZRateableDossier, ZRating, ZRatingInput, ZSummary, ZSummaryQuery } from './satisfaction.contract.js';
import { findRateableDossier, hasRating } from './satisfaction.repo.js';
import { canBeRated } from './satisfaction.rules.js';
import { authenticateKiosk, kioskDossier, listKiosksAs, pairKiosk, revokeKioskAs } from './use-cases/kiosks.js';
import { rateDossier } from './use-cases/rate-dossier.js';
import { summariseSatisfaction } from './use-cases/summarise.js';
import { myRatings } from './use-cases/my-ratings.js';

/** The kiosk sends its token in this header (no cookie: the tablet is not signed in). */
export const KIOSK_HEADER = 'x-kiosk-token';
const ZCode = z.object({ code: z.string().trim().min(10).max(60) });

export const satisfactionRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const kioskToken = (h: unknown) => (typeof h === 'string' ? h : undefined);

  // --- Portal: the citizen with the tracking credentials. ------------------------------------------------------------
  app.post(
    '/satisfaction/public/dossier',
    { config: { access: 'public' }, schema: { tags: ['satisfaction'], summary: 'Hồ sơ có thể đánh giá chưa (mã hồ sơ + điện thoại hoặc 4 số cuối CCCD)', body: ZPortalRatingInput.pick({ code: true, secret: true }), response: { 200: ZRateableDossier, 404: ZErrorBody, 429: ZErrorBody } } },
    async (request) => {
      const { dossierId } = await authoriseTracking({ ...ctx, log: request.log }, request.body.code, request.body.secret, { ip: request.ip });
      const d = (await findRateableDossier(ctx.db, { id: dossierId }))!;
      return { code: d.code ?? '', procedureName: d.procedureName, officerName: d.officerName, rated: await hasRating(ctx.db, d.id, 'portal'), rateable: canBeRated(d.status) };
    },
  );
  app.post(
    '/satisfaction/public/ratings',
    { config: { access: 'public' }, schema: { tags: ['satisfaction'], summary: 'Người dân đánh giá việc giải quyết hồ sơ (9 chỉ số, 2/1/0) và cán bộ một cửa', body: ZPortalRatingInput, response: { 201: ZRating, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody, 429: ZErrorBody } } },
    async (request, reply) => {
      const { dossierId } = await authoriseTracking({ ...ctx, log: request.log }, request.body.code, request.body.secret, { ip: request.ip });
      return reply.status(201).send(await rateDossier(ctx, dossierId, 'portal', request.body));
    },
  );

  // --- Portal: the signed-in citizen rates their own dossier from "Hồ sơ của tôi" (no code to type again). ---------------
  const ZDossierId = z.object({ id: z.string().uuid() });
  app.get(
    '/citizen/dossiers/:id/rating',
    { config: { access: 'citizen' }, schema: { tags: ['satisfaction'], summary: 'Hồ sơ của mình: có thể đánh giá chưa, đã đánh giá chưa', params: ZDossierId, response: { 200: ZRateableDossier, 403: ZErrorBody, 404: ZErrorBody } } },
    async (request) => {
      await assertOwnDossier(ctx, citizenOf(request).citizenId, request.params.id);
      const d = (await findRateableDossier(ctx.db, { id: request.params.id }))!;
      return { code: d.code ?? '', procedureName: d.procedureName, officerName: d.officerName, rated: await hasRating(ctx.db, d.id, 'portal'), rateable: canBeRated(d.status) };
    },
  );
  app.post(
    '/citizen/dossiers/:id/rating',
    { config: { access: 'citizen' }, schema: { tags: ['satisfaction'], summary: 'Công dân đánh giá hồ sơ của mình (9 chỉ số, cán bộ, ý kiến)', params: ZDossierId, body: ZRatingInput, response: { 201: ZRating, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody } } },
    async (request, reply) => {
      await assertOwnDossier(ctx, citizenOf(request).citizenId, request.params.id);
      // The same channel as the tracking-code path: one portal rating per dossier, however the citizen came.
      return reply.status(201).send(await rateDossier(ctx, request.params.id, 'portal', request.body));
    },
  );

  // --- Kiosk at the desk (paired tablet, no sign-in). ----------------------------------------------------------------
  app.get(
    '/satisfaction/kiosk/me',
    { config: { access: 'public' }, schema: { tags: ['satisfaction'], summary: 'Thiết bị đánh giá đang dùng (theo mã thiết bị)', response: { 200: z.object({ name: z.string(), unitName: z.string() }), 401: ZErrorBody } } },
    async (request) => {
      const k = await authenticateKiosk(ctx, kioskToken(request.headers[KIOSK_HEADER]));
      return { name: k.name, unitName: k.unitName };
    },
  );
  app.get(
    '/satisfaction/kiosk/dossier',
    { config: { access: 'public' }, schema: { tags: ['satisfaction'], summary: 'Kiosk: hồ sơ đã trả kết quả gần đây tại đơn vị, theo mã hồ sơ', querystring: ZCode, response: { 200: ZRateableDossier, 401: ZErrorBody, 404: ZErrorBody } } },
    async (request) => {
      const k = await authenticateKiosk(ctx, kioskToken(request.headers[KIOSK_HEADER]));
      const { dossier, rated } = await kioskDossier(ctx, k, request.query.code);
      return { code: dossier.code ?? '', procedureName: dossier.procedureName, officerName: dossier.officerName, rated, rateable: true };
    },
  );
  app.post(
    '/satisfaction/kiosk/ratings',
    { config: { access: 'public' }, schema: { tags: ['satisfaction'], summary: 'Kiosk: người dân đánh giá tại Bộ phận Một cửa', body: ZKioskRatingInput, response: { 201: ZRating, 401: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody } } },
    async (request, reply) => {
      const k = await authenticateKiosk(ctx, kioskToken(request.headers[KIOSK_HEADER]));
      const { dossier } = await kioskDossier(ctx, k, request.body.code);
      return reply.status(201).send(await rateDossier(ctx, dossier.id, 'kiosk', request.body, { kioskId: k.id }));
    },
  );

  // --- Staff: pair and revoke kiosks, read the summary. ---------------------------------------------------------------
  app.post(
    '/satisfaction/kiosks',
    { config: { access: 'perm:dossiers.receive' }, schema: { tags: ['satisfaction'], summary: 'Ghép nối máy tính bảng đánh giá cho đơn vị (mã thiết bị chỉ hiện một lần)', body: ZKioskPairInput, response: { 201: ZPairedKiosk, 403: ZErrorBody, 404: ZErrorBody } } },
    async (request, reply) => reply.status(201).send(await pairKiosk(ctx, actorOf(request), request.body)),
  );
  app.get(
    '/satisfaction/kiosks',
    { config: { access: 'perm:dossiers.receive' }, schema: { tags: ['satisfaction'], summary: 'Thiết bị đánh giá trong phạm vi', response: { 200: z.object({ items: z.array(ZKiosk) }) } } },
    async (request) => ({ items: await listKiosksAs(ctx, actorOf(request)) }),
  );
  app.post(
    '/satisfaction/kiosks/:id/revoke',
    { config: { access: 'perm:dossiers.receive' }, schema: { tags: ['satisfaction'], summary: 'Thu hồi thiết bị đánh giá', params: z.object({ id: z.string().uuid() }), response: { 200: ZKiosk, 403: ZErrorBody, 404: ZErrorBody } } },
    async (request) => revokeKioskAs(ctx, actorOf(request), request.params.id),
  );
  app.get(
    '/satisfaction/summary',
    { config: { access: 'perm:dossiers.read' }, schema: { tags: ['satisfaction'], summary: 'Tổng hợp đánh giá theo đơn vị và kỳ (TT 01/2018 Điều 15)', querystring: ZSummaryQuery, response: { 200: ZSummary, 403: ZErrorBody, 404: ZErrorBody } } },
    async (request) => summariseSatisfaction(await readContext(ctx, request), actorOf(request), request.query),
  );
  // Every officer reads the ratings about themselves, and only those.
  app.get(
    '/satisfaction/mine',
    { config: { access: 'staff' }, schema: { tags: ['satisfaction'], summary: 'Đánh giá về tôi: các đánh giá về cán bộ đang đăng nhập và điểm trung bình', querystring: ZPeriodQuery, response: { 200: ZMyRatings, 400: ZErrorBody } } },
    async (request) => myRatings(ctx, actorOf(request), request.query),
  );
};
