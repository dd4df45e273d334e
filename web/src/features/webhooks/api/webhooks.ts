import { api, unwrap } from '../../../lib/api-client.js';
import type { BodyOf, ResponseOf } from '../../../lib/api-types.js';

export type Subscription = ResponseOf<'/api/webhooks/subscriptions', 'get'>['items'][number];
export type Delivery = ResponseOf<'/api/webhooks/subscriptions/{id}/deliveries', 'get'>['items'][number];
export type EventType = ResponseOf<'/api/webhooks/event-types', 'get'>['items'][number];
export type NewSubscription = BodyOf<'/api/webhooks/subscriptions', 'post'>;

/** GET /api/webhooks/event-types — the ledger events a subscription may choose, with their names. */
export function listEventTypes(): Promise<EventType[]> {
  return unwrap(api.GET('/api/webhooks/event-types')).then((r) => r.items);
}

/** GET /api/webhooks/subscriptions — subscriptions of the units the administrator manages. */
export function listSubscriptions(): Promise<Subscription[]> {
  return unwrap(api.GET('/api/webhooks/subscriptions')).then((r) => r.items);
}

/** POST /api/webhooks/subscriptions — the answer carries the signing secret, once. */
export function createSubscription(body: NewSubscription): Promise<ResponseOf<'/api/webhooks/subscriptions', 'post'>> {
  return unwrap(api.POST('/api/webhooks/subscriptions', { body }));
}

/** DELETE /api/webhooks/subscriptions/{id} — stops sending. */
export function disableSubscription(id: string): Promise<unknown> {
  return unwrap(api.DELETE('/api/webhooks/subscriptions/{id}', { params: { path: { id } } }));
}

/** GET /api/webhooks/subscriptions/{id}/deliveries — the delivery log, newest first. */
export function listDeliveries(id: string): Promise<Delivery[]> {
  return unwrap(api.GET('/api/webhooks/subscriptions/{id}/deliveries', { params: { path: { id }, query: { limit: 100 } } })).then((r) => r.items);
}

/** POST /api/webhooks/deliveries/{id}/replay — "Gửi lại" one delivery. */
export function replayDelivery(id: string): Promise<{ queued: number }> {
  return unwrap(api.POST('/api/webhooks/deliveries/{id}/replay', { params: { path: { id } } }));
}

/** POST /api/webhooks/subscriptions/{id}/replay — every event since a time, again. */
export function replaySince(id: string, from: string): Promise<{ queued: number }> {
  return unwrap(api.POST('/api/webhooks/subscriptions/{id}/replay', { params: { path: { id } }, body: { from } }));
}
