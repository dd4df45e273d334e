import type { ActionHandler } from './action-context.js';

/** Phê duyệt kết quả at the last step: the result is ready; the finish is classified against the due time. */
export const approve: ActionHandler = () => ({ type: 'approve' });
