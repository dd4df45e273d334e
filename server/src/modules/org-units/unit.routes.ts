import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { actorOf } from '../identity/auth.plugin.js';
import { ZCreateUnitInput, ZReorganiseInput, ZSignerInput, ZSigners, ZUnit, ZUnitContacts, ZUnitListQuery, ZUpdateUnitInput } from './unit.contract.js';
import { listUnits, nearestSiteContacts } from './unit.repo.js';
import { vnDateOf } from '../working-calendar/vn-time.js';
import { createUnit } from './use-cases/create-unit.js';
import { correctUnitName } from './use-cases/rename-unit.js';
import { reorganiseUnits } from './use-cases/reorganise-units.js';
import { readSigners, removeSigner, saveSigner } from './use-cases/set-signatory.js';

const ZUnitRow = ZUnit.omit({ predecessors: true, successors: true, closed: true });

export const unitRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // The unit tree is public information (the portal filters procedures by agency and shows addresses).
  app.get(
    '/units',
    {
      config: { access: 'public' },
      schema: { tags: ['units'], summary: 'Cây đơn vị (có lịch sử sáp nhập, đổi tên)', querystring: ZUnitListQuery, response: { 200: z.array(ZUnit) } },
    },
    async (request) => {
      const { open, ...query } = request.query;
      const today = vnDateOf(ctx.clock.now());
      return listUnits(ctx.db, { paths: null, ...query, ...(open === 'true' ? { on: today } : {}) }, today);
    },
  );

  // The portal's footer: the support line from configuration and the contacts of the citizen's unit — the nearest
  // information site (portal_site, NĐ 224/2026 Điều 10: address, phone, e-mail) at or above it (commune, then province).
  app.get(
    '/units/contacts',
    {
      config: { access: 'public' },
      schema: {
        tags: ['units'],
        summary: 'Đường dây hỗ trợ và thông tin liên hệ của đơn vị (cho chân trang cổng dịch vụ công)',
        querystring: z.object({ unitId: z.string().uuid().optional() }),
        response: { 200: ZUnitContacts },
      },
    },
    async (request) => {
      const [name, phone] = ctx.config.portalHotline.split('|') as [string, string];
      const unit = request.query.unitId ? await nearestSiteContacts(ctx.db, request.query.unitId) : null;
      return { hotline: { name, phone, tel: phone.replace(/[^0-9+]/g, '') }, unit };
    },
  );

  app.post(
    '/units',
    {
      config: { access: 'perm:units.manage' },
      schema: { tags: ['units'], summary: 'Thêm đơn vị', body: ZCreateUnitInput, response: { 201: ZUnitRow, 403: ZErrorBody, 409: ZErrorBody } },
    },
    async (request, reply) => {
      const { path: _p, ...unit } = await createUnit(ctx, actorOf(request), request.body);
      return reply.status(201).send(unit);
    },
  );

  app.patch(
    '/units/:id',
    {
      config: { access: 'perm:units.manage' },
      schema: { tags: ['units'], summary: 'Sửa lỗi chính tả tên đơn vị', params: z.object({ id: z.string().uuid() }), body: ZUpdateUnitInput, response: { 200: ZUnitRow, 403: ZErrorBody, 404: ZErrorBody } },
    },
    async (request) => {
      const { path: _p, ...unit } = await correctUnitName(ctx, actorOf(request), request.params.id, request.body.name);
      return unit;
    },
  );

  app.post(
    '/units/reorganisations',
    {
      config: { access: 'perm:units.manage' },
      schema: { tags: ['units'], summary: 'Sáp nhập, đổi tên, chia tách đơn vị (giữ lịch sử)', body: ZReorganiseInput, response: { 201: ZUnitRow, 403: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody } },
    },
    async (request, reply) => {
      const { path: _p, ...unit } = await reorganiseUnits(ctx, actorOf(request), request.body);
      return reply.status(201).send(unit);
    },
  );

  // Who signs the unit's letters (the apology letter is the competent agency's, signed by its head or an authorised deputy).
  const ZSignerParams = z.object({ id: z.string().uuid(), signerId: z.string().uuid() });
  app.get(
    '/units/:id/signers',
    {
      config: { access: 'perm:units.manage' },
      schema: { tags: ['units'], summary: 'Người ký văn bản của đơn vị (thủ trưởng, cấp phó được ủy quyền) và người ký hôm nay', params: z.object({ id: z.string().uuid() }), response: { 200: ZSigners, 403: ZErrorBody, 404: ZErrorBody } },
    },
    async (request) => readSigners(ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/units/:id/signers',
    {
      config: { access: 'perm:units.manage' },
      schema: { tags: ['units'], summary: 'Thêm người ký (thủ trưởng hoặc cấp phó ký thay, từ ngày đến ngày)', params: z.object({ id: z.string().uuid() }), body: ZSignerInput, response: { 201: ZSigners, 403: ZErrorBody, 404: ZErrorBody, 422: ZErrorBody } },
    },
    async (request, reply) => reply.status(201).send(await saveSigner(ctx, actorOf(request), request.params.id, null, request.body)),
  );

  app.put(
    '/units/:id/signers/:signerId',
    {
      config: { access: 'perm:units.manage' },
      schema: { tags: ['units'], summary: 'Sửa người ký của đơn vị', params: ZSignerParams, body: ZSignerInput, response: { 200: ZSigners, 403: ZErrorBody, 404: ZErrorBody, 422: ZErrorBody } },
    },
    async (request) => saveSigner(ctx, actorOf(request), request.params.id, request.params.signerId, request.body),
  );

  app.delete(
    '/units/:id/signers/:signerId',
    {
      config: { access: 'perm:units.manage' },
      schema: { tags: ['units'], summary: 'Xóa người ký nhập nhầm (văn bản đã phát hành giữ người ký của nó)', params: ZSignerParams, response: { 200: ZSigners, 403: ZErrorBody, 404: ZErrorBody } },
    },
    async (request) => removeSigner(ctx, actorOf(request), request.params.id, request.params.signerId),
  );
};
