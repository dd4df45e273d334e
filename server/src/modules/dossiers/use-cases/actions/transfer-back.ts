import type { ActionHandler } from './action-context.js';

/** Trả kết quả liên thông: the partner unit hands the dossier back to the resolving unit's current step. */
export const transferBack: ActionHandler = () => ({ type: 'transfer_back' });
