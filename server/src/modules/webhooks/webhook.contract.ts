import { z } from 'zod';
import { dossierEventTypes } from '../dossiers/dossier-events.rules.js';

/** Why the last attempt failed, for the console's Vietnamese explanation (webhook.rules.ts deliveryErrorKind). */
export const ZDeliveryErrorKind = z.enum(['http_status', 'refused', 'timeout', 'dns', 'tls', 'reset', 'blocked', 'network']);
export type TDeliveryErrorKind = z.infer<typeof ZDeliveryErrorKind>;

export const ZWebhookEventType = z.enum(dossierEventTypes);

export const ZCreateSubscriptionInput = z.object({
  unitId: z.string().uuid(),
  name: z.string().trim().min(1).max(200),
  url: z.string().trim().url().max(2000),
  eventTypes: z.array(ZWebhookEventType).min(1).max(dossierEventTypes.length),
});
export type TCreateSubscriptionInput = z.infer<typeof ZCreateSubscriptionInput>;

export const ZSubscription = z.object({
  id: z.string().uuid(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  name: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.date(),
  pending: z.number(),
  delivered: z.number(),
  failed: z.number(),
});
export type TSubscription = z.infer<typeof ZSubscription>;

export const ZDelivery = z.object({
  id: z.string(),
  eventType: z.string(),
  dossierId: z.string().uuid(),
  dossierCode: z.string().nullable(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  lastErrorKind: ZDeliveryErrorKind.nullable(),
  createdAt: z.date(),
  deliveredAt: z.date().nullable(),
  nextAttemptAt: z.date(),
  replayOf: z.string().nullable(),
});
export type TDelivery = z.infer<typeof ZDelivery>;

export const ZReplayFromInput = z.object({ from: z.iso.datetime({ offset: true }) });
