import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { actorOf } from '../identity/auth.plugin.js';
import { ZCreateSubscriptionInput, ZDelivery, ZReplayFromInput, ZSubscription } from './webhook.contract.js';
import { webhookEventLabels, webhookEventTypes, webhookMode } from './webhook.rules.js';
import { sealKeyOf } from './webhook.seal.js';
import { createSubscription, disableOwnSubscription, listOwnSubscriptions, listSubscriptionDeliveries, replayDelivery, replaySince } from './use-cases/manage-subscriptions.js';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };
const ZId = z.object({ id: z.string().uuid() });
const ZDeliveryId = z.object({ id: z.string().regex(/^\d{1,18}$/) });
const access = { access: 'perm:units.manage' } as const;

/** Webhooks of a unit: subscriptions, their delivery log and "Gửi lại" (README of the module: signature, retries). */
export const webhookRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const deps = { db: ctx.db, clock: ctx.clock, mode: webhookMode(ctx.config), sealKey: sealKeyOf(ctx.config.webhookSecretKey) };

  app.get(
    '/webhooks/event-types',
    { config: access, schema: { tags: ['webhooks'], summary: 'Các loại sự kiện hồ sơ có thể đăng ký nhận', response: { 200: z.object({ items: z.array(z.object({ type: z.string(), vi: z.string(), en: z.string() })) }), ...errors } } },
    async () => ({ items: webhookEventTypes.map((type) => ({ type, ...webhookEventLabels[type] })) }),
  );

  app.get(
    '/webhooks/subscriptions',
    { config: access, schema: { tags: ['webhooks'], summary: 'Đăng ký webhook của các đơn vị trong phạm vi quản trị', response: { 200: z.object({ items: z.array(ZSubscription) }), ...errors } } },
    async (request) => ({ items: await listOwnSubscriptions(deps, actorOf(request)) }),
  );

  app.post(
    '/webhooks/subscriptions',
    {
      config: access,
      schema: {
        tags: ['webhooks'],
        summary: 'Tạo đăng ký webhook cho một đơn vị (khóa ký chỉ hiện một lần)',
        body: ZCreateSubscriptionInput,
        response: { 201: z.object({ subscription: ZSubscription, secret: z.string() }), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createSubscription(deps, actorOf(request), request.body)),
  );

  app.delete(
    '/webhooks/subscriptions/:id',
    { config: access, schema: { tags: ['webhooks'], summary: 'Tắt đăng ký webhook', params: ZId, response: { 200: z.object({ disabled: z.literal(true) }), ...errors } } },
    async (request) => {
      await disableOwnSubscription(deps, actorOf(request), request.params.id);
      return { disabled: true as const };
    },
  );

  app.get(
    '/webhooks/subscriptions/:id/deliveries',
    {
      config: access,
      schema: {
        tags: ['webhooks'],
        summary: 'Nhật ký gửi webhook của một đăng ký (mới nhất trước)',
        params: ZId,
        querystring: z.object({ before: z.string().regex(/^\d{1,18}$/).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(ZDelivery) }), ...errors },
      },
    },
    async (request) => ({ items: await listSubscriptionDeliveries(deps, actorOf(request), request.params.id, { before: request.query.before ?? null, limit: request.query.limit }) }),
  );

  app.post(
    '/webhooks/deliveries/:id/replay',
    { config: access, schema: { tags: ['webhooks'], summary: 'Gửi lại một sự kiện webhook', params: ZDeliveryId, response: { 200: z.object({ queued: z.number() }), ...errors } } },
    async (request) => ({ queued: await replayDelivery(deps, actorOf(request), request.params.id) }),
  );

  app.post(
    '/webhooks/subscriptions/:id/replay',
    { config: access, schema: { tags: ['webhooks'], summary: 'Gửi lại mọi sự kiện webhook từ một thời điểm', params: ZId, body: ZReplayFromInput, response: { 200: z.object({ queued: z.number() }), ...errors } } },
    async (request) => ({ queued: await replaySince(deps, actorOf(request), request.params.id, new Date(request.body.from)) }),
  );
};
