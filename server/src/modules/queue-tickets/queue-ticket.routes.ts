import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { actorOf } from '../identity/auth.plugin.js';
import { ZCallNextInput, ZHallDisplay, ZTakeTicketInput, ZTicket } from './queue-ticket.contract.js';
import { callNextTicket, readHallDisplay, takeTicket } from './use-cases/queue-tickets.js';

export const queueTicketRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/queue-tickets',
    {
      config: { access: 'perm:dossiers.receive' },
      schema: { tags: ['queue-tickets'], summary: 'Phát số thứ tự mới của bộ phận một cửa (đánh số lại mỗi ngày)', body: ZTakeTicketInput, response: { 201: ZTicket, 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody } },
    },
    async (request, reply) => reply.status(201).send(await takeTicket(ctx, actorOf(request), request.body.deskUnitId)),
  );

  app.post(
    '/queue-tickets/call-next',
    {
      config: { access: 'perm:dossiers.receive' },
      schema: { tags: ['queue-tickets'], summary: 'Gọi số đang chờ tiếp theo đến quầy của cán bộ', body: ZCallNextInput, response: { 200: ZTicket, 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody } },
    },
    async (request) => callNextTicket(ctx, actorOf(request), request.body),
  );

  app.get(
    '/queue-tickets/display/:deskUnitId',
    {
      config: { access: 'public' },
      schema: { tags: ['queue-tickets'], summary: 'Màn hình gọi số tại sảnh: số đang được gọi ở từng quầy (công khai, không có dữ liệu cá nhân)', params: z.object({ deskUnitId: z.string().uuid() }), response: { 200: ZHallDisplay, 400: ZErrorBody, 404: ZErrorBody } },
    },
    async (request) => readHallDisplay(ctx, request.params.deskUnitId),
  );
};
