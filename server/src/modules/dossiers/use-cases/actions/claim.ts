import type { ActionHandler } from './action-context.js';

/** Nhận xử lý: the officer takes the current step (ND 61/2018 Điều 19 k1). */
export const claim: ActionHandler = (c) => ({ type: 'claim', assigneeId: c.actor.userId });
