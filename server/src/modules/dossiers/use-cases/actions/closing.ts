import type { ActionHandler } from './action-context.js';

/** Rút hồ sơ: the applicant withdraws the dossier (the desk records it). */
export const withdraw: ActionHandler = () => ({ type: 'withdraw' });
/** Dừng xử lý at the applicant's request (ND 118/2025 Điều 21); the reason is in the note. */
export const stop: ActionHandler = () => ({ type: 'stop' });
/** Từ chối giải quyết after appraisal (ND 61/2018 Điều 19 k8; Mẫu 03); the reason is in the note. */
export const refuse: ActionHandler = () => ({ type: 'refuse' });
