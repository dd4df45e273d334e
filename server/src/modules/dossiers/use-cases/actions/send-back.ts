import type { ActionHandler } from './action-context.js';

/** Trả lại bước trước: the chosen earlier step starts again, unassigned; the reason is in the note. */
export const sendBack: ActionHandler = (c) => ({ type: 'send_back', backTo: c.next.stepIndex });
