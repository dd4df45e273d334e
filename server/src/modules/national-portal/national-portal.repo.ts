import type { Queryable } from '../../platform/database.js';
import type { DossierStatus } from '../dossiers/dossier.rules.js';
import type { SyncEntry } from './national-portal.rules.js';

export type OutboxRow = { id: string; dossierId: string; actionId: string | null; kind: 'event' | 'resync'; attempts: number; uncertain: boolean };

/** How long a claimed row belongs to one dispatcher; far longer than a call's timeout. */
export const CLAIM_LEASE_MS = 5 * 60_000;

/**
 * Claims the head row (the oldest pending one) of up to `limit` dossiers that is due: a dossier's later rows wait behind
 * it, so its events reach the portal in ledger order. Safe with several dispatchers: the lease is re-checked under the
 * row lock, so a row goes to one of them.
 */
export async function claimHeads(q: Queryable, now: Date, limit: number): Promise<OutboxRow[]> {
  const { rows } = await q.query<OutboxRow>(
    `WITH heads AS (
       SELECT id FROM (SELECT DISTINCT ON (dossier_id) id, next_attempt_at, claimed_until FROM national_sync_outbox
                        WHERE status = 'pending' ORDER BY dossier_id, id) h
        WHERE h.next_attempt_at <= $1 AND (h.claimed_until IS NULL OR h.claimed_until <= $1)
        ORDER BY h.next_attempt_at, h.id LIMIT $3)
     UPDATE national_sync_outbox o SET claimed_until = $2
       FROM heads WHERE o.id = heads.id AND o.status = 'pending' AND (o.claimed_until IS NULL OR o.claimed_until <= $1)
     RETURNING o.id::text, o.dossier_id AS "dossierId", o.action_id::text AS "actionId", o.kind, o.attempts, o.uncertain`,
    [now, new Date(now.getTime() + CLAIM_LEASE_MS), limit],
  );
  return rows;
}

export async function markSent(q: Queryable, id: string, now: Date, status: 'sent' | 'skipped' = 'sent'): Promise<void> {
  await q.query(`UPDATE national_sync_outbox SET status = $3, sent_at = $2, claimed_until = NULL, uncertain = false, last_error = NULL WHERE id = $1 AND status = 'pending'`, [id, now, status]);
}

export async function markFailed(q: Queryable, id: string, at: { next: Date }, error: string, uncertain: boolean): Promise<void> {
  await q.query(
    `UPDATE national_sync_outbox SET attempts = attempts + 1, next_attempt_at = $2, claimed_until = NULL, last_error = $3, uncertain = uncertain OR $4
      WHERE id = $1 AND status = 'pending'`,
    [id, at.next, error.slice(0, 1000), uncertain],
  );
}

export type DossierHead = {
  id: string;
  code: string | null;
  maHoSo: string | null;
  syncedAt: Date | null;
  procedureCode: string;
  procedureName: string;
  channel: string;
  applicant: { kind: string; idNumber: string; fullName: string; birthDate?: string | null; phone?: string | null; email?: string | null; address?: string | null };
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  status: DossierStatus;
  resultDelivery: string;
  resolvingCode: string;
  receivingName: string;
  feeVnd: number;
  documents: { name: string }[];
  eform: Record<string, unknown> | null;
  vneidVerified: boolean;
  paidOnline: number;
  fees: { TenPhiLePhi: string; Gia: number }[];
  caseCode: string;
};

export async function readDossierHead(q: Queryable, dossierId: string): Promise<DossierHead | null> {
  const { rows } = await q.query<DossierHead>(
    `SELECT d.id, d.code, n.ma_ho_so AS "maHoSo", n.synced_at AS "syncedAt", coalesce(v.content->'national'->>'maTTHC', p.code) AS "procedureCode", d.procedure_name AS "procedureName",
            d.channel, d.applicant, d.submitted_at AS "submittedAt", d.received_at AS "receivedAt", d.due_at AS "dueAt", d.finished_at AS "finishedAt",
            d.returned_at AS "returnedAt", d.status, d.result_delivery AS "resultDelivery", ru.code AS "resolvingCode", rc.name AS "receivingName",
            d.fee_vnd AS "feeVnd", coalesce(d.documents, '[]') AS documents, d.eform, coalesce(n.vneid_verified, false) AS "vneidVerified",
            coalesce(n.paid_online, 0)::int AS "paidOnline", coalesce(n.fees, '[]') AS fees,
            coalesce(v.content->'national'->>'maTruongHop', '') AS "caseCode"
       FROM dossier d JOIN procedure p ON p.id = d.procedure_id JOIN unit ru ON ru.id = d.resolving_unit_id JOIN unit rc ON rc.id = d.receiving_unit_id
       LEFT JOIN procedure_version v ON v.id = d.procedure_version_id
       LEFT JOIN national_dossier n ON n.dossier_id = d.id
      WHERE d.id = $1`,
    [dossierId],
  );
  return rows[0] ?? null;
}

/** The ledger entries of a dossier whose outbox rows come up to `uptoOutboxId` (all when null), with their units. */
export async function readSyncEntries(q: Queryable, dossierId: string, opts: { actionId?: string; uptoOutboxId?: string | null }): Promise<SyncEntry[]> {
  const { rows } = await q.query<SyncEntry & { toStatus: DossierStatus }>(
    `SELECT a.id::text AS "actionId", a.at, a.action, a.actor_name AS "actorName", a.to_status AS "toStatus", a.note, a.data,
            coalesce(CASE WHEN a.action = 'transfer' THEN a.data->>'targetUnitName' END,
                     (SELECT s.name || ' — ' || u.name FROM dossier_step s JOIN unit u ON u.id = s.unit_id WHERE s.dossier_id = a.dossier_id AND s.step_index = a.step_index), rc.name) AS "toUnit",
            coalesce((SELECT coalesce(CASE WHEN p.action = 'transfer' THEN p.data->>'targetUnitName' END, s.name || ' — ' || u.name)
                        FROM dossier_action p LEFT JOIN dossier_step s ON s.dossier_id = p.dossier_id AND s.step_index = p.step_index LEFT JOIN unit u ON u.id = s.unit_id
                       WHERE p.dossier_id = a.dossier_id AND p.id < a.id AND p.step_index IS NOT NULL ORDER BY p.id DESC LIMIT 1), rc.name) AS "fromUnit"
       FROM dossier_action a JOIN dossier d ON d.id = a.dossier_id JOIN unit rc ON rc.id = d.receiving_unit_id
       JOIN national_sync_outbox o ON o.action_id = a.id
      WHERE a.dossier_id = $1 AND ($2::bigint IS NULL OR a.id = $2) AND ($3::bigint IS NULL OR o.id <= $3)
      ORDER BY a.id`,
    [dossierId, opts.actionId ?? null, opts.uptoOutboxId ?? null],
  );
  return rows;
}

/** Links a dossier of ours to the code the portal knows it by (its own code), once. */
export async function linkLocalDossier(q: Queryable, dossierId: string, maHoSo: string, now: Date): Promise<void> {
  await q.query(`INSERT INTO national_dossier (dossier_id, ma_ho_so, origin, received_at) VALUES ($1, $2, 'local', $3) ON CONFLICT (dossier_id) DO NOTHING`, [dossierId, maHoSo, now]);
}

export async function markSynced(q: Queryable, dossierId: string, at: Date | null): Promise<void> {
  await q.query(`UPDATE national_dossier SET synced_at = $2 WHERE dossier_id = $1`, [dossierId, at]);
}

/** Counts for the dashboard (QĐ 766 indicator 1.4): dossiers fully synced, with rows waiting, with rows failing. */
export async function syncCounts(q: Queryable, unitIds: string[] | null, failedAfter: number): Promise<{ synced: number; pending: number; failed: number }> {
  const { rows } = await q.query<{ synced: number; pending: number; failed: number }>(
    `WITH per AS (
       SELECT o.dossier_id, bool_or(o.status = 'pending') AS waiting, bool_or(o.status = 'pending' AND o.attempts >= $2) AS failing
         FROM national_sync_outbox o
        WHERE $1::uuid[] IS NULL OR EXISTS (SELECT 1 FROM dossier_scope s WHERE s.dossier_id = o.dossier_id AND s.unit_id = ANY($1))
        GROUP BY o.dossier_id)
     SELECT count(*) FILTER (WHERE NOT waiting)::int AS synced, count(*) FILTER (WHERE waiting AND NOT failing)::int AS pending,
            count(*) FILTER (WHERE failing)::int AS failed FROM per`,
    [unitIds, failedAfter],
  );
  return rows[0]!;
}
