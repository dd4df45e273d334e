import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { actorOf, citizenOf } from '../identity/auth.plugin.js';
import { canRead } from '../dossiers/dossier.policy.js';
import { getDossierDetail } from '../dossiers/dossier.repo.js';
import { dossierErrors } from '../dossiers/dossier.errors.js';
import { citizenStoreFor, type CitizenStore } from './citizen-store.adapter.js';
import { ZKho, ZNationalStoreItem, ZPushStatus, ZStoreId, ZTakenDocument } from './citizen-store.contract.js';
import { pushStatusOf } from './citizen-store.repo.js';
import { listNationalStore, takeFromNationalStore } from './use-cases/take-from-store.js';
import { listKho } from './use-cases/list-kho.js';

const overrides = new WeakMap<AppContext, CitizenStore>();

/** Replaces the store of `ctx` (tests: an outage, a counting wrapper). */
export function setCitizenStore(ctx: AppContext, store: CitizenStore): void {
  overrides.set(ctx, store);
}
export const citizenStoreOf = (ctx: AppContext): CitizenStore => overrides.get(ctx) ?? citizenStoreFor(ctx);

export const citizenStoreRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/citizen/kho',
    {
      config: { access: 'citizen' },
      schema: {
        tags: ['citizen-store'],
        summary: 'Kho dữ liệu của công dân, một danh sách: giấy tờ trên cổng và tài liệu trong Kho trên Cổng DVCQG (theo số CCCD đã xác minh), mỗi tài liệu một lần',
        response: { 200: ZKho },
      },
    },
    async (request) => listKho({ db: ctx.db, store: citizenStoreOf(ctx) }, citizenOf(request).citizenId),
  );
  app.get(
    '/citizen/national-store',
    {
      config: { access: 'citizen' },
      schema: {
        tags: ['citizen-store'],
        summary: 'Tài liệu trong Kho dữ liệu của công dân trên Cổng Dịch vụ công quốc gia (theo số CCCD đã xác minh)',
        response: { 200: z.object({ items: z.array(ZNationalStoreItem) }), 403: ZErrorBody, 503: ZErrorBody },
      },
    },
    async (request) => ({ items: await listNationalStore({ db: ctx.db, store: citizenStoreOf(ctx) }, citizenOf(request).citizenId) }),
  );
  app.post(
    '/citizen/national-store/:storeId/take',
    {
      config: { access: 'citizen' },
      schema: {
        tags: ['citizen-store'],
        summary: 'Lấy một tài liệu từ Kho dữ liệu để đính kèm hồ sơ thay cho tải lên (DuocLayTuKhoDMQG)',
        params: z.object({ storeId: ZStoreId }),
        response: { 201: ZTakenDocument, 403: ZErrorBody, 404: ZErrorBody, 415: ZErrorBody, 503: ZErrorBody },
      },
    },
    async (request, reply) => reply.status(201).send(await takeFromNationalStore({ ...ctx, store: citizenStoreOf(ctx) }, citizenOf(request).citizenId, request.params.storeId)),
  );
  app.get(
    '/dossiers/:id/citizen-store',
    {
      config: { access: 'perm:dossiers.read' },
      schema: {
        tags: ['citizen-store'],
        summary: 'Tình trạng đẩy kết quả điện tử của hồ sơ vào Kho dữ liệu của công dân',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: z.object({ items: z.array(ZPushStatus) }), 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (request) => {
      const d = await getDossierDetail(ctx.db, request.params.id);
      if (!d) throw dossierErrors.notFound();
      if (!canRead(actorOf(request), d)) throw dossierErrors.notFound();
      return { items: await pushStatusOf(ctx.db, request.params.id) };
    },
  );
};
