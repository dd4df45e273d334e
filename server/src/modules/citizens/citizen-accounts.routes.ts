import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { actorOf } from '../identity/auth.plugin.js';
import { ZAccountClaim, ZVerifyIdInput } from './citizen.contract.js';
import { findAccountsByCard, verifyIdentityAtDesk } from './use-cases/verify-identity.js';

/** The desk's side of citizens' portal accounts: proving a CCCD by checking the card in person. */
export const citizenAccountRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/citizen-accounts',
    {
      config: { access: 'perm:dossiers.receive' },
      schema: {
        tags: ['citizens'],
        summary: 'Tài khoản cổng dịch vụ công khai số căn cước này (để đối chiếu thẻ tại bộ phận một cửa)',
        querystring: z.object({ idNumber: z.string().trim().regex(/^\d{12}$/, 'Số căn cước gồm 12 chữ số') }),
        response: { 200: z.object({ items: z.array(ZAccountClaim) }), 403: ZErrorBody },
      },
    },
    async (request) => ({ items: await findAccountsByCard(ctx, actorOf(request), request.query.idNumber) }),
  );

  app.post(
    '/citizen-accounts/:id/verify-id',
    {
      config: { access: 'perm:dossiers.receive' },
      schema: {
        tags: ['citizens'],
        summary: 'Cán bộ một cửa xác minh số căn cước của tài khoản sau khi đối chiếu thẻ (ghi nhận người, nơi, thời điểm)',
        params: z.object({ id: z.string().uuid() }),
        body: ZVerifyIdInput,
        response: { 204: z.null(), 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (request, reply) => {
      await verifyIdentityAtDesk(ctx, actorOf(request), request.params.id, request.body, { ip: request.ip });
      return reply.status(204).send(null);
    },
  );
};
