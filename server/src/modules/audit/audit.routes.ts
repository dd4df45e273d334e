import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { actorOf, citizenOf } from '../identity/auth.plugin.js';
import { assertOwnDossier } from '../citizens/use-cases/my-dossiers.js';
import { listDossierAccess } from './dossier-access.repo.js';
import { holdsAtTopLevel, scopePaths } from '../identity/permissions.policy.js';
import { listAudit } from './audit.repo.js';

const ZAuditRow = z.object({
  id: z.number(),
  at: z.date(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

const ZDossierView = z.object({
  at: z.date(),
  actorName: z.string(),
  unitName: z.string().nullable(),
  purpose: z.enum(['open', 'search', 'file', 'form']),
  detail: z.string().nullable(),
});

export const auditRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/audit',
    {
      config: { access: 'perm:audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thao tác trong phạm vi của người đọc (chỉ đọc), mới nhất trước',
        querystring: z.object({
          entity: z.string().max(50).optional(),
          entityId: z.string().max(100).optional(),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(ZAuditRow), next: z.number().nullable() }), 403: ZErrorBody },
      },
    },
    async (request) => {
      // Each entry names the units it concerns: a reader sees those inside their scope; entries about no unit
      // (system work) need the permission at a province.
      const actor = actorOf(request);
      const { before, ...rest } = request.query;
      const items = await listAudit(ctx.db, { ...rest, beforeId: before, paths: scopePaths(actor, 'audit.read'), unscoped: holdsAtTopLevel(actor, 'audit.read') });
      return { items, next: items.length === rest.limit ? items[items.length - 1]!.id : null };
    },
  );

  app.get(
    '/citizen/dossiers/:id/views',
    {
      config: { access: 'citizen' },
      schema: {
        tags: ['audit', 'citizens'],
        summary: 'Ai đã xem dữ liệu cá nhân trong hồ sơ của tôi, khi nào (Nghị định 13/2023 Điều 9)',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: z.array(ZDossierView), 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (request) => {
      await assertOwnDossier(ctx, citizenOf(request).citizenId, request.params.id);
      return listDossierAccess(ctx.db, request.params.id);
    },
  );
};
