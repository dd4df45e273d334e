import type { Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import { commonErrors } from '../../../platform/errors.js';
import { can, type Actor } from '../../identity/permissions.policy.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import type { THallDisplay, TTicket } from '../queue-ticket.contract.js';
import { queueTicketErrors } from '../queue-ticket.errors.js';
import { callNext, findDesk, hallState, insertTicket } from '../queue-ticket.repo.js';

async function deskOf(db: Db, actor: Actor, deskUnitId: string) {
  const desk = await findDesk(db, deskUnitId);
  if (!desk) throw queueTicketErrors.deskNotFound();
  if (!can(actor, 'dossiers.receive', desk.path)) throw commonErrors.forbidden('dossiers.receive');
  return desk;
}

/** Gives the next number of the day (Vietnam time) at a desk: printed or read out to the citizen who arrives. */
export async function takeTicket(deps: { db: Db; clock: Clock }, actor: Actor, deskUnitId: string): Promise<TTicket> {
  await deskOf(deps.db, actor, deskUnitId);
  const now = deps.clock.now();
  return insertTicket(deps.db, deskUnitId, vnDateOf(now), now);
}

/** The desk officer calls the oldest waiting number of the day to their counter; the hall's screen shows it. */
export async function callNextTicket(deps: { db: Db; clock: Clock }, actor: Actor, input: { deskUnitId: string; counterNo: number }): Promise<TTicket> {
  await deskOf(deps.db, actor, input.deskUnitId);
  const now = deps.clock.now();
  const ticket = await callNext(deps.db, { deskUnitId: input.deskUnitId, day: vnDateOf(now), counterNo: input.counterNo, at: now, officerId: actor.userId });
  if (!ticket) throw queueTicketErrors.noneWaiting();
  return ticket;
}

/** The hall's screen (public: numbers and counters only): today's calls per counter and how many still wait. */
export async function readHallDisplay(deps: { db: Db; clock: Clock }, deskUnitId: string): Promise<THallDisplay> {
  const desk = await findDesk(deps.db, deskUnitId);
  if (!desk) throw queueTicketErrors.deskNotFound();
  const day = vnDateOf(deps.clock.now());
  const state = await hallState(deps.db, deskUnitId, day);
  const lastCall = [...state.counters].sort((a, b) => b.calledAt.getTime() - a.calledAt.getTime())[0] ?? null;
  return { deskName: desk.name, day, ...state, lastCall };
}
