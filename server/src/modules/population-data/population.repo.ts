import type { Queryable } from '../../platform/database.js';

export type ConsentRow = { id: string; idNumber: string; purpose: string; expiresAt: Date };

export async function insertConsent(
  q: Queryable,
  c: { idNumber: string; purpose: string; via: 'portal' | 'desk'; citizenId: string | null; officerId: string | null; unitId: string | null; procedureId?: string | null; at: Date; expiresAt: Date },
): Promise<ConsentRow> {
  const { rows } = await q.query<ConsentRow>(
    `INSERT INTO population_consent (id_number, purpose, given_via, citizen_id, officer_id, unit_id, given_at, expires_at, procedure_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     RETURNING id, id_number AS "idNumber", purpose, expires_at AS "expiresAt"`,
    [c.idNumber, c.purpose, c.via, c.citizenId, c.officerId, c.unitId, c.at, c.expiresAt, c.procedureId ?? null],
  );
  return rows[0]!;
}

/** The newest consent given at the desk `unitId` for `idNumber` that is still in force at `now`. */
export async function deskConsentInForce(q: Queryable, idNumber: string, unitId: string, now: Date): Promise<ConsentRow | null> {
  const { rows } = await q.query<ConsentRow>(
    `SELECT id, id_number AS "idNumber", purpose, expires_at AS "expiresAt" FROM population_consent
      WHERE id_number = $1 AND unit_id = $2 AND given_via = 'desk' AND given_at <= $3 AND expires_at > $3 ORDER BY given_at DESC LIMIT 1`,
    [idNumber, unitId, now],
  );
  return rows[0] ?? null;
}

export type LookupLog = {
  at: Date;
  idNumber: string;
  purpose: string;
  consentId: string;
  actorKind: 'citizen' | 'officer';
  citizenId: string | null;
  officerId: string | null;
  actorName: string;
  unitId: string | null;
  unitPath: string | null;
  procedureId: string | null;
  outcome: 'found' | 'not_found' | 'unavailable';
};

export async function logLookup(q: Queryable, l: LookupLog): Promise<void> {
  await q.query(
    `INSERT INTO population_lookup (at, id_number, purpose, consent_id, actor_kind, citizen_id, officer_id, actor_name, unit_id, unit_path, outcome, procedure_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [l.at, l.idNumber, l.purpose, l.consentId, l.actorKind, l.citizenId, l.officerId, l.actorName, l.unitId, l.unitPath, l.outcome, l.procedureId],
  );
}

export type LookupView = {
  at: Date;
  idNumber: string;
  purpose: string;
  actorKind: string;
  actorName: string;
  unitName: string | null;
  procedureName: string | null;
  outcome: string;
  consentVia: string;
  consentGivenAt: Date;
  consentExpiresAt: Date;
};
const viewColumns = `l.at, l.id_number AS "idNumber", l.purpose, l.actor_kind AS "actorKind", l.actor_name AS "actorName", u.name AS "unitName", p.name AS "procedureName", l.outcome,
  c.given_via AS "consentVia", c.given_at AS "consentGivenAt", c.expires_at AS "consentExpiresAt"`;
const viewFrom = `population_lookup l JOIN population_consent c ON c.id = l.consent_id LEFT JOIN unit u ON u.id = l.unit_id LEFT JOIN procedure p ON p.id = l.procedure_id`;

/** The look-ups made at the units under `paths`, newest first, optionally of one number and before an instant (keyset). */
export async function lookupsUnder(q: Queryable, paths: string[], limit: number, filter: { idNumber?: string; before?: Date } = {}): Promise<LookupView[]> {
  const { rows } = await q.query<LookupView>(
    `SELECT ${viewColumns} FROM ${viewFrom}
      WHERE l.unit_path LIKE ANY($1::text[]) AND ($3::text IS NULL OR l.id_number = $3) AND ($4::timestamptz IS NULL OR l.at < $4)
      ORDER BY l.at DESC, l.id DESC LIMIT $2`,
    [paths.map((p) => `${p}%`), limit, filter.idNumber ?? null, filter.before ?? null],
  );
  return rows;
}

/** Every look-up of one person's number, whoever made it (what the data subject may see). */
export async function lookupsOf(q: Queryable, idNumber: string, limit: number): Promise<LookupView[]> {
  const { rows } = await q.query<LookupView>(
    `SELECT ${viewColumns} FROM ${viewFrom} WHERE l.id_number = $1 ORDER BY l.at DESC, l.id DESC LIMIT $2`,
    [idNumber, limit],
  );
  return rows;
}
