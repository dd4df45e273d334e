import { api, unwrap } from '../../../lib/api-client.js';
import type { ResponseOf } from '../../../lib/api-types.js';

export type Ticket = ResponseOf<'/api/queue-tickets', 'post'>;
export type HallDisplay = ResponseOf<'/api/queue-tickets/display/{deskUnitId}', 'get'>;

/** POST /api/queue-tickets — gives the desk's next number of the day. */
export function takeTicket(deskUnitId: string): Promise<Ticket> {
  return unwrap(api.POST('/api/queue-tickets', { body: { deskUnitId } }));
}

/** POST /api/queue-tickets/call-next — calls the oldest waiting number to this counter. */
export function callNextTicket(deskUnitId: string, counterNo: number): Promise<Ticket> {
  return unwrap(api.POST('/api/queue-tickets/call-next', { body: { deskUnitId, counterNo } }));
}

/** GET /api/queue-tickets/display/:deskUnitId — the hall screen's state (public). */
export function getHallDisplay(deskUnitId: string): Promise<HallDisplay> {
  return unwrap(api.GET('/api/queue-tickets/display/{deskUnitId}', { params: { path: { deskUnitId } } }));
}
