import type { Queryable } from '../../platform/database.js';
import { runningStatuses, statusIn, unreturnedStatuses } from './dossier-actions.rules.js';

export const queues = ['mine', 'unit', 'online', 'due_soon', 'overdue', 'needs_apology', 'supplement', 'result_ready', 'all'] as const;
export type Queue = (typeof queues)[number];

export type QueueFilter = {
  queue: Queue;
  actorId: string;
  /** Unit paths the officer reads dossiers under (permission filtering inside SQL). */
  paths: string[];
  now: Date;
  /** Instant one working day ahead: before it a dossier is "due soon". */
  soonBefore: Date;
  /** Instant two working days ahead: a dossier due before it and without an apology needs one now, while it still can. */
  apologyBefore: Date;
  q?: string;
  procedureId?: string;
  status?: string;
  channel?: string;
  from?: string;
  to?: string;
  before?: { submittedAt: string; id: string };
  limit: number;
};

export type QueueRow = {
  id: string;
  code: string | null;
  procedureName: string;
  applicantName: string;
  status: string;
  channel: string;
  stepName: string | null;
  submittedAt: Date;
  dueAt: Date | null;
  finishClass: string | null;
};

const open = statusIn('d.status', runningStatuses);
const queueClause: Record<Queue, string> = {
  mine: `d.assignee_id = $2`,
  unit: statusIn('d.status', unreturnedStatuses),
  // Online dossiers waiting for the desk: submitted and not yet accepted, or supplemented online (ND 61/2018 Điều 17 k2).
  online: `(d.status = 'awaiting_acceptance' OR (d.status = 'supplement_requested' AND d.supplemented_at IS NOT NULL))`,
  due_soon: `${open} AND d.due_at >= $3 AND d.due_at < $4`,
  overdue: `${open} AND d.due_at < $3`,
  // Will be (or is) late and has no apology letter yet (ND 61/2018 Điều 19 k9).
  needs_apology: `${open} AND d.apology_count = 0 AND d.due_at < $5`,
  supplement: `d.status = 'supplement_requested'`,
  result_ready: `d.status = 'result_ready'`,
  all: 'true',
};

// Same rule as canRead in dossier.policy.ts: over the receiving or resolving unit, or in an office of the resolving unit.
const scope = `(d.resolving_path LIKE ANY (SELECT p || '%' FROM unnest($1::text[]) p) OR d.receiving_path LIKE ANY (SELECT p || '%' FROM unnest($1::text[]) p)
  OR EXISTS (SELECT 1 FROM unnest($1::text[]) p WHERE p LIKE d.resolving_path || '%')
  OR (d.interagency_path IS NOT NULL AND EXISTS (SELECT 1 FROM unnest($1::text[]) p WHERE p LIKE d.interagency_path || '%' OR d.interagency_path LIKE p || '%')))`;

/** A work queue or a search, newest first, keyset-paginated on (submitted_at, id). */
export async function listQueue(q: Queryable, f: QueueFilter): Promise<QueueRow[]> {
  const { rows } = await q.query<QueueRow>(
    `SELECT d.id, d.code, d.procedure_name AS "procedureName", d.applicant->>'fullName' AS "applicantName", d.status, d.channel,
            s.name AS "stepName", d.submitted_at AS "submittedAt", d.due_at AS "dueAt", d.finish_class AS "finishClass"
       FROM dossier d LEFT JOIN dossier_step s ON s.dossier_id = d.id AND s.step_index = d.step_index
      WHERE ${scope} AND ${queueClause[f.queue]}
        AND $2::uuid IS NOT NULL AND $3::timestamptz IS NOT NULL AND $4::timestamptz IS NOT NULL AND $5::timestamptz IS NOT NULL -- types the parameters a queue may not use
        AND ($6::text IS NULL OR d.search_text LIKE '%' || vn_fold($6) || '%')
        AND ($7::uuid IS NULL OR d.procedure_id = $7)
        AND ($8::text IS NULL OR d.status = $8)
        AND ($9::text IS NULL OR d.channel = $9)
        AND ($10::date IS NULL OR d.submitted_at >= ($10::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
        AND ($11::date IS NULL OR d.submitted_at < ($11::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
        AND ($12::timestamptz IS NULL OR (d.submitted_at, d.id) < ($12, $13::uuid))
      ORDER BY d.submitted_at DESC, d.id DESC LIMIT $14`,
    [f.paths, f.actorId, f.now, f.soonBefore, f.apologyBefore, f.q ?? null, f.procedureId ?? null, f.status ?? null, f.channel ?? null, f.from ?? null, f.to ?? null,
      f.before?.submittedAt ?? null, f.before?.id ?? null, f.limit],
  );
  return rows;
}

/** How many dossiers each queue holds for this officer. */
export async function countQueues(q: Queryable, f: Pick<QueueFilter, 'paths' | 'actorId' | 'now' | 'soonBefore' | 'apologyBefore'>): Promise<Record<Exclude<Queue, 'all'>, number>> {
  const { rows } = await q.query(
    `SELECT count(*) FILTER (WHERE ${queueClause.mine})::int AS mine,
            count(*) FILTER (WHERE ${queueClause.unit})::int AS unit,
            count(*) FILTER (WHERE ${queueClause.online})::int AS online,
            count(*) FILTER (WHERE ${queueClause.due_soon})::int AS due_soon,
            count(*) FILTER (WHERE ${queueClause.overdue})::int AS overdue,
            count(*) FILTER (WHERE ${queueClause.needs_apology})::int AS needs_apology,
            count(*) FILTER (WHERE ${queueClause.supplement})::int AS supplement,
            count(*) FILTER (WHERE ${queueClause.result_ready})::int AS result_ready
       FROM dossier d WHERE ${scope} AND d.status NOT IN ('returned', 'withdrawn', 'stopped', 'refused', 'not_accepted')`,
    [f.paths, f.actorId, f.now, f.soonBefore, f.apologyBefore],
  );
  return rows[0];
}
