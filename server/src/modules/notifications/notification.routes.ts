import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { ZErrorBody } from '../../platform/error-schema.js';
import { citizenOf } from '../identity/auth.plugin.js';
import { recordDelivery } from './notification.repo.js';
import { notificationErrors } from './notification.errors.js';
import { chooseChannels, listPortalNotices, markPortalNoticesRead, readChannelSettings } from './use-cases/citizen-channels.js';
import { ZALO_SIGNATURE_HEADER, zaloSignatureValid } from './zalo.signature.js';
import { zaloSimulator, zaloSimulatorActive } from './zalo.simulator.js';

const ZChoice = z.object({ email: z.boolean(), sms: z.boolean(), zalo: z.boolean() });
const ZSettings = ZChoice.extend({
  contacts: z.object({ email: z.string().nullable(), phone: z.string().nullable() }),
  zaloAvailable: z.boolean(),
  /** Where each recent dossier's messages go (its own contacts, by this choice): null = that channel sends nothing. */
  dossiers: z.array(z.object({ dossierId: z.string().uuid(), dossierCode: z.string().nullable(), procedureName: z.string(), withAccount: z.boolean(), mobile: z.string().nullable(), email: z.string().nullable(), sms: z.string().nullable(), zalo: z.string().nullable() })),
});
const ZStatus = z.enum(['queued', 'sent', 'delivered', 'failed']);
const ZNotice = z.object({
  /** About a dossier, or about one of the citizen's feedback items (then `feedbackId`/`feedbackCode`, and `procedureName` is its subject). */
  about: z.enum(['dossier', 'feedback']),
  dossierId: z.string().uuid().nullable(),
  dossierCode: z.string().nullable(),
  feedbackId: z.string().uuid().nullable(),
  feedbackCode: z.string().nullable(),
  procedureName: z.string(),
  at: z.date(),
  text: z.string(),
  note: z.string().nullable(),
  unread: z.boolean(),
  deliveries: z.array(z.object({ channel: z.enum(['email', 'sms', 'zalo']), status: ZStatus })),
});

/** The parts of a Zalo webhook event this server reads; anything else in the body is kept as received. */
const ZZaloEvent = z.object({
  app_id: z.string().max(64).optional(),
  event_name: z.string().min(1).max(100),
  timestamp: z.union([z.string().regex(/^\d{1,16}$/), z.number().int().nonnegative()]),
  message: z.object({ msg_id: z.string().min(1).max(200).optional(), delivery_time: z.union([z.string().regex(/^\d{1,16}$/), z.number().int().nonnegative()]).optional() }).partial().optional(),
});

/**
 * The citizen's channels and notices (their own only: the session names the account, no id is taken from the
 * request), and the providers' delivery receipts (public, each checked by the provider's signature).
 */
export const notificationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const zaloAvailable = !!ctx.config.zaloZnsUrl || zaloSimulatorActive(ctx.config);
  const deps = { db: ctx.db, clock: ctx.clock, zaloAvailable };

  app.get(
    '/citizen/notification-preferences',
    { config: { access: 'citizen' }, schema: { tags: ['notifications'], summary: 'Kênh nhận thông báo về hồ sơ công dân đã chọn (thông báo trên cổng luôn có)', response: { 200: ZSettings } } },
    async (request) => readChannelSettings(deps, citizenOf(request).citizenId),
  );
  app.put(
    '/citizen/notification-preferences',
    {
      config: { access: 'citizen' },
      schema: { tags: ['notifications'], summary: 'Chọn kênh nhận thông báo: e-mail, SMS, Zalo', body: ZChoice, response: { 200: ZSettings, 400: ZErrorBody, 422: ZErrorBody } },
    },
    async (request) => chooseChannels(deps, citizenOf(request).citizenId, request.body),
  );
  app.get(
    '/citizen/notices',
    { config: { access: 'citizen' }, schema: { tags: ['notifications'], summary: 'Thông báo trên cổng: mọi thay đổi của hồ sơ của mình, mới nhất trước', response: { 200: z.object({ items: z.array(ZNotice), unread: z.number().int() }) } } },
    async (request) => listPortalNotices(deps, citizenOf(request).citizenId),
  );
  app.post(
    '/citizen/notices/read',
    { config: { access: 'citizen' }, schema: { tags: ['notifications'], summary: 'Đánh dấu đã đọc các thông báo trên cổng', response: { 204: z.null() } } },
    async (request, reply) => {
      await markPortalNoticesRead(deps, citizenOf(request).citizenId);
      return reply.status(204).send(null);
    },
  );

  // Zalo's webhook: the signature covers the raw body, so this route keeps it as text.
  await app.register(async (raw) => {
    raw.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, body));
    raw.post(
      '/notifications/zalo/events',
      {
        config: { access: 'public' },
        schema: {
          tags: ['notifications'],
          summary: 'Sự kiện webhook của Zalo OA (user_received_message: tin ZNS đã đến người nhận), ký X-ZEvent-Signature',
          response: { 200: z.object({ outcome: z.enum(['recorded', 'duplicate', 'unknown', 'ignored']) }), 400: ZErrorBody, 401: ZErrorBody },
        },
      },
      async (request) => {
        const rawBody = typeof request.body === 'string' ? request.body : '';
        let parsed: unknown;
        try {
          parsed = JSON.parse(rawBody);
        } catch {
          throw notificationErrors.badSignature();
        }
        const event = ZZaloEvent.safeParse(parsed);
        const header = request.headers[ZALO_SIGNATURE_HEADER];
        if (!event.success || !zaloSignatureValid(typeof header === 'string' ? header : undefined, ctx.config.zaloAppId, rawBody, String(event.data.timestamp), ctx.config.zaloOaSecret)) {
          throw notificationErrors.badSignature();
        }
        const e = event.data;
        const msgId = e.message?.msg_id;
        if (e.event_name !== 'user_received_message' || !msgId) return { outcome: 'ignored' as const };
        const occurred = Number(e.message?.delivery_time ?? e.timestamp);
        const outcome = await recordDelivery(ctx.db, { provider: 'zalo', providerMessageId: msgId, event: e.event_name, occurredAt: new Date(occurred), payload: parsed }, ctx.clock.now());
        return { outcome };
      },
    );
  });

  // The simulator's controls (demo only, like the national portal simulator's): an outage of N seconds.
  if (zaloSimulatorActive(ctx.config)) {
    app.post(
      '/zalo-sim/outage',
      {
        config: { access: 'perm:reports.manage' },
        schema: { tags: ['zalo-simulator'], summary: 'Mô phỏng: Zalo (ZNS) từ chối mọi tin trong N giây', body: z.object({ seconds: z.number().int().min(0).max(86_400) }), response: { 200: z.object({ refusing: z.boolean() }) } },
      },
      async (request) => {
        const sim = zaloSimulator(ctx);
        sim.refuseFor(request.body.seconds);
        return { refusing: sim.refusing };
      },
    );
  }
};
