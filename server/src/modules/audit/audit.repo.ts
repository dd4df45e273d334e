import type { Queryable } from '../../platform/database.js';
import { currentClientIp } from '../../platform/request-context.js';

export type AuditEntry = {
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** The client's address; by default the address of the request being served (request.ip). */
  ip?: string | null;
  /** The injected clock's time of the change. */
  at: Date;
  /**
   * Paths of the units the entry concerns (who may read it). Always named by the writer: an entry with none is
   * readable by every province-level reader, so `[]` is kept for what concerns no unit (sign-in of an unknown name,
   * a citizen's own account) — audit.units.test.ts holds the short list of those.
   */
  unitPaths: string[];
};

/**
 * Appends one audit row; call it with the transaction that makes the change. The database links it into the hash
 * chain (trigger audit_log_chain), so the entry and its place in the chain commit or vanish with the change.
 */
export async function recordAudit(q: Queryable, e: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, before, after, ip, unit_paths, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [e.actorId, e.actorName, e.action, e.entity, e.entityId, json(e.before), json(e.after), e.ip ?? currentClientIp(), [...new Set(e.unitPaths)], e.at],
  );
}

function json(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v);
}

export type AuditRow = {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  ip: string | null;
};

/**
 * Entries readable by a holder of `paths`: those concerning at least one unit inside them; entries that concern no
 * unit (system work) only for readers at a top-level unit (`unscoped`).
 */
export async function listAudit(
  q: Queryable,
  filter: { paths: string[]; unscoped: boolean; entity?: string; entityId?: string; beforeId?: number; limit: number },
): Promise<AuditRow[]> {
  const { rows } = await q.query<AuditRow>(
    `SELECT id, at, actor_id AS "actorId", actor_name AS "actorName", action, entity, entity_id AS "entityId", before, after, ip
       FROM audit_log a
      WHERE ($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR entity_id = $2) AND ($3::bigint IS NULL OR id < $3)
        AND (EXISTS (SELECT 1 FROM unnest(a.unit_paths) up, unnest($5::text[]) sp WHERE up LIKE sp || '%')
             OR ($6 AND cardinality(a.unit_paths) = 0))
      ORDER BY id DESC LIMIT $4`,
    [filter.entity ?? null, filter.entityId ?? null, filter.beforeId ?? null, filter.limit, filter.paths, filter.unscoped],
  );
  return rows;
}
