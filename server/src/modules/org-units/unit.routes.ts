import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { actorOf } from '../identity/auth.plugin.js';
import { ZCreateUnitInput, ZReorganiseInput, ZSignatory, ZUnit, ZUnitListQuery, ZUpdateUnitInput } from './unit.contract.js';
import { listUnits } from './unit.repo.js';
import { createUnit } from './use-cases/create-unit.js';
import { correctUnitName } from './use-cases/rename-unit.js';
import { reorganiseUnits } from './use-cases/reorganise-units.js';
import { readSignatory, setSignatory } from './use-cases/set-signatory.js';

const ZUnitRow = ZUnit.omit({ predecessors: true, successors: true });

export const unitRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // The unit tree is public information (the portal filters procedures by agency and shows addresses).
  app.get(
    '/units',
    {
      config: { access: 'public' },
      schema: { tags: ['units'], summary: 'Cây đơn vị (có lịch sử sáp nhập, đổi tên)', querystring: ZUnitListQuery, response: { 200: z.array(ZUnit) } },
    },
    async (request) => listUnits(ctx.db, { paths: null, ...request.query }),
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

  // Who signs the unit's letters (the apology letter is the competent agency's, signed by its head or a deputy).
  app.get(
    '/units/:id/signatory',
    {
      config: { access: 'perm:units.manage' },
      schema: { tags: ['units'], summary: 'Người ký văn bản của đơn vị', params: z.object({ id: z.string().uuid() }), response: { 200: ZSignatory.nullable(), 403: ZErrorBody, 404: ZErrorBody } },
    },
    async (request) => readSignatory(ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/units/:id/signatory',
    {
      config: { access: 'perm:units.manage' },
      schema: { tags: ['units'], summary: 'Đặt người ký văn bản của đơn vị (thủ trưởng hoặc cấp phó ký thay)', params: z.object({ id: z.string().uuid() }), body: ZSignatory, response: { 200: ZSignatory, 403: ZErrorBody, 404: ZErrorBody } },
    },
    async (request) => setSignatory(ctx, actorOf(request), request.params.id, request.body),
  );
};
