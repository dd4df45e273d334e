import type { ActionHandler } from './action-context.js';

/**
 * Trả lại bước trước: the chosen earlier step starts again with the officer who handled it (its assignee, or whoever
 * forwarded it onwards), so it lands in their "Chờ tôi xử lý" with the reason (the note); nobody known: the unit's queue.
 */
export const sendBack: ActionHandler = async (c) => {
  const backTo = c.next.stepIndex;
  const { rows } = await c.tx.query<{ userId: string; fullName: string }>(
    `SELECT u.id AS "userId", u.full_name AS "fullName" FROM staff_user u
      WHERE u.active AND u.id = coalesce(
        (SELECT s.assignee_id FROM dossier_step s WHERE s.dossier_id = $1 AND s.step_index = $2),
        (SELECT a.actor_id FROM dossier_action a WHERE a.dossier_id = $1 AND a.action = 'forward' AND a.step_index = $2 + 1 ORDER BY a.id DESC LIMIT 1))`,
    [c.dossier.id, backTo],
  );
  const to = rows[0];
  return to ? { type: 'send_back', backTo, assigneeId: to.userId, assigneeName: to.fullName } : { type: 'send_back', backTo };
};
