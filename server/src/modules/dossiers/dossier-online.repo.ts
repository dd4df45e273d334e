import type { Queryable } from '../../platform/database.js';
import type { NewNotification } from '../notifications/notification.repo.js';
import type { IntakeAction, IntakeNumbering } from './dossier-intake.repo.js';
import type { StepPlan } from './dossier.repo.js';

/** What acceptance of an online dossier needs to know, read under the dossier's row lock. */
export type OnlineIntakeRow = {
  id: string;
  channel: string;
  status: string;
  procedureVersionId: string;
  procedureName: string;
  receivingUnitId: string;
  receivingUnitCode: string;
  receivingUnitName: string;
  receivingPath: string;
  resolvingUnitId: string;
  resolvingPath: string;
  applicant: { fullName: string; email: string | null; phone: string | null };
};

export async function lockOnlineDossier(q: Queryable, id: string): Promise<OnlineIntakeRow | null> {
  const { rows } = await q.query<OnlineIntakeRow>(
    `SELECT d.id, d.channel, d.status, d.procedure_version_id AS "procedureVersionId", d.procedure_name AS "procedureName",
            d.receiving_unit_id AS "receivingUnitId", u.code AS "receivingUnitCode", u.name AS "receivingUnitName", d.receiving_path AS "receivingPath",
            d.resolving_unit_id AS "resolvingUnitId", d.resolving_path AS "resolvingPath", d.applicant
       FROM dossier d JOIN unit u ON u.id = d.receiving_unit_id WHERE d.id = $1 FOR UPDATE OF d`,
    [id],
  );
  return rows[0] ?? null;
}

/**
 * Acceptance of an online dossier in one statement, like desk intake (dossier-intake.repo.ts insertReceivedDossier):
 * the day's next sequence at the receiving desk, the code, status and schedule on the dossier, its steps, the action
 * and the applicant's notifications (`codeToken` in their texts stands for the code until it exists). The counter row
 * is locked only while this statement runs and the transaction commits right after it.
 */
export async function acceptOnlineDossierRow(
  q: Queryable,
  p: { id: string; receivedAt: Date; countingFrom: Date; dueAt: Date; stepCount: number },
  numbering: IntakeNumbering,
  steps: StepPlan[],
  action: IntakeAction,
  notifications: { codeToken: string; items: NewNotification[] },
): Promise<{ id: string; code: string }> {
  const n = notifications.items;
  const { rows } = await q.query<{ id: string; code: string }>(
    `WITH sq AS (
       INSERT INTO dossier_code_counter (unit_id, day, last_seq) VALUES ($2, $3, 1)
       ON CONFLICT (unit_id, day) DO UPDATE SET last_seq = dossier_code_counter.last_seq + 1
       RETURNING last_seq),
     d AS (
       UPDATE dossier SET code = $4 || dossier_code_seq((SELECT last_seq FROM sq), $5, $6), status = 'received', national_status = 2,
              received_at = $7, counting_from = $8, due_at = $9, step_index = 0, step_count = $10, updated_at = $17
        WHERE id = $1 AND status = 'awaiting_acceptance' RETURNING id, code),
     s AS (
       INSERT INTO dossier_step (dossier_id, step_index, name, role, unit_id, working_days, due_at, started_at)
       SELECT d.id, s.i, s.n, s.r, s.u, s.w, s.d, CASE WHEN s.i = 0 THEN $7::timestamptz END
         FROM d, unnest($11::int[], $12::text[], $13::text[], $14::uuid[], $15::numeric[], $16::timestamptz[]) AS s(i, n, r, u, w, d)),
     a AS (
       INSERT INTO dossier_action (dossier_id, at, actor_id, actor_name, action, from_status, to_status, step_index, note, data)
       SELECT d.id, $17, $18, $19, $20, 'awaiting_acceptance', $21, $22, $23, $24 FROM d),
     n AS (
       INSERT INTO notification_outbox (channel, recipient, subject, body, template_key, dossier_id, created_at, next_attempt_at)
       SELECT n.c, n.r, replace(n.s, $31, d.code), replace(n.b, $31, d.code), n.k, d.id, $17, $17
         FROM d, unnest($25::text[], $26::text[], $27::text[], $28::text[], $29::text[]) AS n(c, r, s, b, k) WHERE $30)
     SELECT id, code FROM d`,
    [
      p.id, numbering.unitId, numbering.day, numbering.prefix, numbering.seqDigits, numbering.seqMaxDigits,
      p.receivedAt, p.countingFrom, p.dueAt, p.stepCount,
      steps.map((s) => s.stepIndex), steps.map((s) => s.name), steps.map((s) => s.role), steps.map((s) => s.unitId), steps.map((s) => s.workingDays), steps.map((s) => s.dueAt),
      action.at, action.actorId, action.actorName, action.action, action.toStatus, action.stepIndex, action.note, JSON.stringify(action.data),
      n.map((x) => x.channel), n.map((x) => x.recipient), n.map((x) => x.subject ?? null), n.map((x) => x.body), n.map((x) => x.templateKey),
      n.length > 0, notifications.codeToken,
    ],
  );
  return rows[0]!;
}
