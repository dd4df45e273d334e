import type { ActionHandler } from './action-context.js';

/** Chuyển bước tiếp theo: the current step finishes (classified against its own due time) and the next one starts. */
export const forward: ActionHandler = () => ({ type: 'forward' });
