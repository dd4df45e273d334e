import type { Queryable } from '../../platform/database.js';

export type AuditEntry = {
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  /** The injected clock's time of the change. */
  at: Date;
};

/** Appends one audit row; call it with the transaction that makes the change. */
export async function recordAudit(q: Queryable, e: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (actor_id, actor_name, action, entity, entity_id, before, after, ip, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [e.actorId, e.actorName, e.action, e.entity, e.entityId, json(e.before), json(e.after), e.ip ?? null, e.at],
  );
}

function json(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v);
}

export type AuditRow = {
  id: number;
  at: Date;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
};

export async function listAudit(
  q: Queryable,
  filter: { entity?: string; entityId?: string; beforeId?: number; limit: number },
): Promise<AuditRow[]> {
  const { rows } = await q.query<AuditRow>(
    `SELECT id, at, actor_name AS "actorName", action, entity, entity_id AS "entityId", before, after
       FROM audit_log
      WHERE ($1::text IS NULL OR entity = $1) AND ($2::text IS NULL OR entity_id = $2) AND ($3::bigint IS NULL OR id < $3)
      ORDER BY id DESC LIMIT $4`,
    [filter.entity ?? null, filter.entityId ?? null, filter.beforeId ?? null, filter.limit],
  );
  return rows;
}
