import type { Queryable } from '../../platform/database.js';
import type { DossierStatus } from '../dossiers/dossier.rules.js';
import type { SyncEntry } from './national-portal.rules.js';
import type { HeldFile, InboundFile, ListedDocument } from './national-portal.documents.rules.js';

export type OutboxRow = { id: string; dossierId: string; actionId: string | null; kind: 'event' | 'resync'; attempts: number; uncertain: boolean };

/** How long a claimed row belongs to one dispatcher; far longer than a call's timeout. */
export const CLAIM_LEASE_MS = 5 * 60_000;

/**
 * Claims the head row (the oldest pending one) of up to `limit` dossiers that is due: a dossier's later rows wait behind
 * it, so its events reach the portal in ledger order. Safe with several dispatchers: the lease is re-checked under the
 * row lock, so a row goes to one of them. A row whose lease ran out unanswered (its dispatcher stopped mid-call: a
 * restart, a crash) is claimed as uncertain: the portal may have applied it, so it is looked up before it goes again.
 */
export async function claimHeads(q: Queryable, now: Date, limit: number): Promise<OutboxRow[]> {
  const { rows } = await q.query<OutboxRow>(
    `WITH heads AS (
       SELECT id FROM (SELECT DISTINCT ON (dossier_id) id, next_attempt_at, claimed_until FROM national_sync_outbox
                        WHERE status = 'pending' ORDER BY dossier_id, id) h
        WHERE h.next_attempt_at <= $1 AND (h.claimed_until IS NULL OR h.claimed_until <= $1)
        ORDER BY h.next_attempt_at, h.id LIMIT $3)
     UPDATE national_sync_outbox o SET claimed_until = $2, uncertain = o.uncertain OR o.claimed_until IS NOT NULL
       FROM heads WHERE o.id = heads.id AND o.status = 'pending' AND (o.claimed_until IS NULL OR o.claimed_until <= $1)
     RETURNING ${outboxColumns}`,
    [now, new Date(now.getTime() + CLAIM_LEASE_MS), limit],
  );
  return rows;
}

const outboxColumns = `o.id::text, o.dossier_id AS "dossierId", o.action_id::text AS "actionId", o.kind, o.attempts, o.uncertain`;

/**
 * Claims, behind each head this dispatcher holds, up to `perDossier - 1` further pending rows of the same dossier (in
 * id order): only the holder of a dossier's head claims what follows it, so a run goes out as one, in ledger order.
 * Returns the runs, each head first.
 */
export async function claimRuns(q: Queryable, now: Date, heads: OutboxRow[], perDossier: number): Promise<OutboxRow[][]> {
  if (heads.length === 0) return [];
  const followers =
    perDossier <= 1
      ? []
      : (
          await q.query<OutboxRow>(
            `UPDATE national_sync_outbox o SET claimed_until = $1, uncertain = o.uncertain OR o.claimed_until IS NOT NULL
               FROM (SELECT f.id FROM unnest($2::uuid[], $3::bigint[]) AS h(dossier_id, head_id)
                       CROSS JOIN LATERAL (SELECT y.id FROM national_sync_outbox y
                                            WHERE y.dossier_id = h.dossier_id AND y.status = 'pending' AND y.id > h.head_id ORDER BY y.id LIMIT $4) f) run
              WHERE o.id = run.id AND o.status = 'pending'
              RETURNING ${outboxColumns}`,
            [new Date(now.getTime() + CLAIM_LEASE_MS), heads.map((h) => h.dossierId), heads.map((h) => h.id), perDossier - 1],
          )
        ).rows;
  return heads.map((h) => [h, ...followers.filter((f) => f.dossierId === h.dossierId).sort((a, b) => Number(a.id) - Number(b.id))]);
}

/** A run went through: each row sent, or skipped when it carried nothing the portal holds. */
export async function markRunSent(q: Queryable, sent: string[], skipped: string[], now: Date): Promise<void> {
  await q.query(
    `UPDATE national_sync_outbox SET status = CASE WHEN id = ANY($2::bigint[]) THEN 'skipped' ELSE 'sent' END, sent_at = $3, claimed_until = NULL, uncertain = false, last_error = NULL
      WHERE id = ANY($1::bigint[]) AND status = 'pending'`,
    [[...sent, ...skipped], skipped, now],
  );
}

/** A run failed: its head counts the attempt and waits; the rows behind it are released to follow it later. */
export async function markRunFailed(q: Queryable, run: OutboxRow[], at: { next: Date }, error: string, uncertain: boolean): Promise<void> {
  await q.query(
    `UPDATE national_sync_outbox SET attempts = attempts + 1, next_attempt_at = $2, claimed_until = NULL, last_error = $3, uncertain = uncertain OR $4
      WHERE id = $1 AND status = 'pending'`,
    [run[0]!.id, at.next, error.slice(0, 1000), uncertain],
  );
  if (run.length > 1) await q.query(`UPDATE national_sync_outbox SET claimed_until = NULL WHERE id = ANY($1::bigint[]) AND status = 'pending'`, [run.slice(1).map((r) => r.id)]);
}

/** What the dispatcher needs to know of a dossier before a progress update: its codes here and there, synced or not. */
export async function readSyncState(q: Queryable, dossierId: string): Promise<{ code: string | null; maHoSo: string | null; syncedAt: Date | null } | null> {
  const { rows } = await q.query<{ code: string | null; maHoSo: string | null; syncedAt: Date | null }>(
    `SELECT d.code, n.ma_ho_so AS "maHoSo", n.synced_at AS "syncedAt" FROM dossier d LEFT JOIN national_dossier n ON n.dossier_id = d.id WHERE d.id = $1`,
    [dossierId],
  );
  return rows[0] ?? null;
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
  documents: ListedDocument[];
  /** The files we hold for it (scans, uploads, files taken from the citizen's store, results). */
  files: HeldFile[];
  /** What the national portal sent for its files (a dossier that came from it): their own file names. */
  inboundFiles: InboundFile[];
  /** The document the e-form's answers stand for (filledByEform), when the dossier was received here with answers. */
  declarationName: string | null;
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
            coalesce(v.content->'national'->>'maTruongHop', '') AS "caseCode",
            coalesce((SELECT json_agg(json_build_object('kind', f.kind, 'sha256', f.sha256, 'documentName', f.document_name, 'fileName', f.file_name,
                                                        'fromStore', f.national_store_id IS NOT NULL, 'number', f.document_number) ORDER BY f.added_at, f.document_name, f.sha256)
                        FROM dossier_file f WHERE f.dossier_id = d.id), '[]') AS files,
            coalesce(n.payload->'DanhSachTaiLieuNop', '[]') AS "inboundFiles",
            -- The declaration the e-form's answers stand for (a document marked filledByEform), for a dossier received here
            -- with answers; one from the national portal has its e-form there already (DuLieuBieuMau).
            CASE WHEN jsonb_typeof(d.eform) = 'object' AND d.eform <> '{}'::jsonb AND n.origin IS DISTINCT FROM 'national'
                 THEN (SELECT x->>'name' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(v.content->'documents') = 'array' THEN v.content->'documents' ELSE '[]' END) x
                        WHERE x->>'filledByEform' = 'true' LIMIT 1) END AS "declarationName"
       FROM dossier d JOIN procedure p ON p.id = d.procedure_id JOIN unit ru ON ru.id = d.resolving_unit_id JOIN unit rc ON rc.id = d.receiving_unit_id
       LEFT JOIN procedure_version v ON v.id = d.procedure_version_id
       LEFT JOIN national_dossier n ON n.dossier_id = d.id
      WHERE d.id = $1`,
    [dossierId],
  );
  return rows[0] ?? null;
}

/**
 * Ledger entries of a dossier with the units they went from and to: the given ones (`actionIds`), or the whole ledger
 * as of outbox row `uptoOutboxId` (every entry but those queued after it). Read from the ledger, not the outbox, so a
 * resend still has the entries whose delivered rows were pruned.
 */
export async function readSyncEntries(q: Queryable, dossierId: string, opts: { actionIds: string[] } | { uptoOutboxId: string }): Promise<SyncEntry[]> {
  const ids = 'actionIds' in opts ? opts.actionIds : null;
  const upto = 'uptoOutboxId' in opts ? opts.uptoOutboxId : null;
  const { rows } = await q.query<SyncEntry & { toStatus: DossierStatus }>(
    `SELECT a.id::text AS "actionId", a.at, a.action, a.actor_name AS "actorName", a.to_status AS "toStatus", a.note, a.data,
            coalesce(CASE WHEN a.action = 'transfer' THEN a.data->>'targetUnitName' END,
                     (SELECT s.name || ' — ' || u.name FROM dossier_step s JOIN unit u ON u.id = s.unit_id WHERE s.dossier_id = a.dossier_id AND s.step_index = a.step_index), rc.name) AS "toUnit",
            coalesce((SELECT coalesce(CASE WHEN p.action = 'transfer' THEN p.data->>'targetUnitName' END, s.name || ' — ' || u.name)
                        FROM dossier_action p LEFT JOIN dossier_step s ON s.dossier_id = p.dossier_id AND s.step_index = p.step_index LEFT JOIN unit u ON u.id = s.unit_id
                       WHERE p.dossier_id = a.dossier_id AND p.id < a.id AND p.step_index IS NOT NULL ORDER BY p.id DESC LIMIT 1), rc.name) AS "fromUnit"
       FROM dossier_action a JOIN dossier d ON d.id = a.dossier_id JOIN unit rc ON rc.id = d.receiving_unit_id
      WHERE a.dossier_id = $1 AND ($2::bigint[] IS NULL OR a.id = ANY($2))
        AND ($3::bigint IS NULL OR NOT EXISTS (SELECT 1 FROM national_sync_outbox o WHERE o.action_id = a.id AND o.id > $3))
      ORDER BY a.id`,
    [dossierId, ids, upto],
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

/**
 * Counts for the dashboard (QĐ 766 indicator 1.4): dossiers the portal holds as ours (their copy sent, nothing waiting),
 * with rows waiting, with rows failing. A dossier whose rows were all skipped (no code: refused at the desk before
 * acceptance) was never sent and is not counted as synced.
 */
export async function syncCounts(q: Queryable, unitIds: string[] | null, failedAfter: number): Promise<{ synced: number; pending: number; failed: number }> {
  const { rows } = await q.query<{ synced: number; pending: number; failed: number }>(
    // A synced dossier stays counted once its delivered rows are pruned: national_dossier remembers it.
    `WITH per AS (
       SELECT x.dossier_id, bool_or(x.waiting) AS waiting, bool_or(x.failing) AS failing, bool_or(x.held) AS held
         FROM (SELECT o.dossier_id, o.status = 'pending' AS waiting, o.status = 'pending' AND o.attempts >= $2 AS failing, false AS held FROM national_sync_outbox o
               UNION ALL SELECT n.dossier_id, false, false, true FROM national_dossier n WHERE n.synced_at IS NOT NULL) x
        WHERE $1::uuid[] IS NULL OR EXISTS (SELECT 1 FROM dossier_scope s WHERE s.dossier_id = x.dossier_id AND s.unit_id = ANY($1))
        GROUP BY x.dossier_id)
     SELECT count(*) FILTER (WHERE held AND NOT waiting)::int AS synced, count(*) FILTER (WHERE waiting AND NOT failing)::int AS pending,
            count(*) FILTER (WHERE failing)::int AS failed FROM per`,
    [unitIds, failedAfter],
  );
  return rows[0]!;
}

export type SyncHealth = { lastSuccessAt: Date | null; lastFailureAt: Date | null; lastError: string | null };

/** How the last sync batches went (national_sync_health, one row). */
export async function readSyncHealth(q: Queryable): Promise<SyncHealth> {
  const { rows } = await q.query<SyncHealth>(`SELECT last_success_at AS "lastSuccessAt", last_failure_at AS "lastFailureAt", last_error AS "lastError" FROM national_sync_health`);
  return rows[0] ?? { lastSuccessAt: null, lastFailureAt: null, lastError: null };
}
