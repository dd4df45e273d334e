import type { Queryable } from '../../platform/database.js';
import type { IndicatorScores, RatingChannel, Score } from './satisfaction.rules.js';

export type RateableDossier = {
  id: string;
  code: string | null;
  status: string;
  procedureId: string;
  procedureName: string;
  returnedAt: Date | null;
  receivingUnitId: string;
  receivingPath: string;
  resolvingUnitId: string;
  resolvingPath: string;
  officerId: string | null;
  officerName: string | null;
};

/**
 * The dossier and the desk officer who served the citizen: the one who returned the result, or else the one who
 * received the dossier (from the action log).
 */
export async function findRateableDossier(q: Queryable, by: { id: string } | { code: string }): Promise<RateableDossier | null> {
  const [cond, val] = 'id' in by ? ['d.id = $1', by.id] : ['d.code = upper($1)', by.code];
  const { rows } = await q.query<RateableDossier>(
    `SELECT d.id, d.code, d.status, d.procedure_id AS "procedureId", d.procedure_name AS "procedureName", d.returned_at AS "returnedAt",
            d.receiving_unit_id AS "receivingUnitId", d.receiving_path AS "receivingPath", d.resolving_unit_id AS "resolvingUnitId", d.resolving_path AS "resolvingPath",
            o.id AS "officerId", o.full_name AS "officerName"
       FROM dossier d
       LEFT JOIN LATERAL (
         SELECT s.id, s.full_name FROM dossier_action a JOIN staff_user s ON s.id = a.actor_id
          WHERE a.dossier_id = d.id AND a.action IN ('return_result', 'accept')
          ORDER BY (a.action = 'return_result') DESC, a.id DESC LIMIT 1
       ) o ON true
      WHERE ${cond}`,
    [val],
  );
  return rows[0] ?? null;
}

export async function hasRating(q: Queryable, dossierId: string, channel: RatingChannel): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM satisfaction_rating WHERE dossier_id = $1 AND channel = $2`, [dossierId, channel]);
  return rows.length > 0;
}

/** Inserts the rating; null when this dossier already has one on this channel (the unique constraint decides). */
export async function insertRating(
  q: Queryable,
  r: { dossier: RateableDossier; channel: RatingChannel; ratedAt: Date; day: string; scores: IndicatorScores; officerScore: Score | null; kioskId: string | null; comment: string | null },
): Promise<string | null> {
  const s = r.scores;
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO satisfaction_rating (dossier_id, channel, rated_at, day, receiving_unit_id, receiving_path, resolving_unit_id, resolving_path, procedure_id,
            i1, i2, i3, i4, i5, i6, i7, i8, i9, officer_id, officer_score, kiosk_id, comment)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
     ON CONFLICT ON CONSTRAINT satisfaction_once_per_channel DO NOTHING RETURNING id`,
    [
      r.dossier.id, r.channel, r.ratedAt, r.day, r.dossier.receivingUnitId, r.dossier.receivingPath, r.dossier.resolvingUnitId, r.dossier.resolvingPath, r.dossier.procedureId,
      s.i1, s.i2, s.i3, s.i4, s.i5, s.i6, s.i7, s.i8, s.i9, r.dossier.officerId, r.dossier.officerId ? r.officerScore : null, r.kioskId, r.comment,
    ],
  );
  return rows[0]?.id ?? null;
}

export type KioskRow = { id: string; unitId: string; unitPath: string; unitName: string; name: string; createdAt: Date; revokedAt: Date | null; lastUsedAt: Date | null };
const KIOSK_COLUMNS = `k.id, k.unit_id AS "unitId", k.unit_path AS "unitPath", u.name AS "unitName", k.name, k.created_at AS "createdAt", k.revoked_at AS "revokedAt", k.last_used_at AS "lastUsedAt"`;

export async function insertKiosk(q: Queryable, k: { unitId: string; unitPath: string; name: string; tokenHash: string; createdBy: string; createdAt: Date }): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO satisfaction_kiosk (unit_id, unit_path, name, token_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [k.unitId, k.unitPath, k.name, k.tokenHash, k.createdBy, k.createdAt],
  );
  return rows[0]!.id;
}

export async function getKiosk(q: Queryable, by: { id: string } | { tokenHash: string }): Promise<KioskRow | null> {
  const [cond, val] = 'id' in by ? ['k.id = $1', by.id] : ['k.token_hash = $1', by.tokenHash];
  const { rows } = await q.query<KioskRow>(`SELECT ${KIOSK_COLUMNS} FROM satisfaction_kiosk k JOIN unit u ON u.id = k.unit_id WHERE ${cond}`, [val]);
  return rows[0] ?? null;
}

export async function listKiosks(q: Queryable, paths: string[]): Promise<KioskRow[]> {
  if (paths.length === 0) return [];
  const { rows } = await q.query<KioskRow>(
    `SELECT ${KIOSK_COLUMNS} FROM satisfaction_kiosk k JOIN unit u ON u.id = k.unit_id WHERE k.unit_path LIKE ANY($1) ORDER BY k.created_at DESC`,
    [paths.map((p) => `${p}%`)],
  );
  return rows;
}

export async function revokeKiosk(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query(`UPDATE satisfaction_kiosk SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1`, [id, at]);
}

export async function touchKiosk(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query(`UPDATE satisfaction_kiosk SET last_used_at = $2 WHERE id = $1`, [id, at]);
}

export type SumRow = { channel: RatingChannel; ratings: number } & Record<`${'i1' | 'i2' | 'i3' | 'i4' | 'i5' | 'i6' | 'i7' | 'i8' | 'i9'}_sum`, number>;

/** Sums over the reports' shape (view satisfaction_unit_day) for a unit's subtree and a period of Vietnam dates. */
export async function sumByChannel(q: Queryable, unitPath: string, from: string, to: string): Promise<SumRow[]> {
  const { rows } = await q.query<SumRow>(
    `SELECT channel, sum(ratings)::int AS ratings, sum(i1_sum)::int AS i1_sum, sum(i2_sum)::int AS i2_sum, sum(i3_sum)::int AS i3_sum, sum(i4_sum)::int AS i4_sum,
            sum(i5_sum)::int AS i5_sum, sum(i6_sum)::int AS i6_sum, sum(i7_sum)::int AS i7_sum, sum(i8_sum)::int AS i8_sum, sum(i9_sum)::int AS i9_sum
       FROM satisfaction_unit_day WHERE unit_path LIKE $1 AND day BETWEEN $2 AND $3 GROUP BY channel`,
    [`${unitPath}%`, from, to],
  );
  return rows;
}

/**
 * The desk officers rated over the same ratings as the unit's indicators (those of the dossiers the unit resolves, see
 * summarise.ts): the officer of the provincial centre who received a ward's dossier appears in the ward's summary.
 */
export async function sumByOfficer(q: Queryable, unitPath: string, from: string, to: string) {
  const { rows } = await q.query<{ officerId: string; officerName: string; ratings: number; officerScoreSum: number; i1: number; i2: number; i3: number; i4: number; i7: number }>(
    `SELECT r.officer_id AS "officerId", s.full_name AS "officerName", count(*)::int AS ratings, coalesce(sum(r.officer_score), 0)::int AS "officerScoreSum",
            sum(r.i1)::int AS i1, sum(r.i2)::int AS i2, sum(r.i3)::int AS i3, sum(r.i4)::int AS i4, sum(r.i7)::int AS i7
       FROM satisfaction_rating r JOIN staff_user s ON s.id = r.officer_id
      WHERE r.resolving_path LIKE $1 AND r.day BETWEEN $2 AND $3
      GROUP BY r.officer_id, s.full_name ORDER BY s.full_name`,
    [`${unitPath}%`, from, to],
  );
  return rows;
}

/** The latest comments given with ratings of dossiers resolved under `path` between two Vietnam dates. */
export async function latestComments(q: Queryable, path: string, from: string, to: string, limit = 50) {
  const { rows } = await q.query<{ ratedAt: Date; channel: RatingChannel; dossierCode: string; procedureName: string; comment: string }>(
    `SELECT r.rated_at AS "ratedAt", r.channel, coalesce(d.code, '') AS "dossierCode", d.procedure_name AS "procedureName", r.comment
       FROM satisfaction_rating r JOIN dossier d ON d.id = r.dossier_id
      WHERE r.resolving_path LIKE $1 || '%' AND r.day BETWEEN $2 AND $3 AND r.comment IS NOT NULL
      ORDER BY r.rated_at DESC, r.id DESC LIMIT $4`,
    [path, from, to, limit],
  );
  return rows;
}

export type MyRatingRow = {
  ratedAt: Date;
  day: string;
  channel: RatingChannel;
  dossierId: string;
  dossierCode: string;
  procedureName: string;
  officerScore: number | null;
  total: number;
  comment: string | null;
};

/**
 * The ratings about one desk officer between two Vietnam dates, newest first: those that name them as the officer who
 * served the citizen, and those of the dossiers they received (accepted at the desk). Nobody else's.
 */
export async function ratingsAboutOfficer(q: Queryable, officerId: string, from: string, to: string, limit = 500): Promise<MyRatingRow[]> {
  const { rows } = await q.query<MyRatingRow>(
    `SELECT r.rated_at AS "ratedAt", to_char(r.day, 'YYYY-MM-DD') AS day, r.channel, d.id AS "dossierId", coalesce(d.code, '') AS "dossierCode",
            d.procedure_name AS "procedureName", r.officer_score AS "officerScore",
            (r.i1 + r.i2 + r.i3 + r.i4 + r.i5 + r.i6 + r.i7 + r.i8 + r.i9)::int AS total, r.comment
       FROM satisfaction_rating r JOIN dossier d ON d.id = r.dossier_id
      WHERE r.day BETWEEN $2 AND $3
        AND (r.officer_id = $1 OR r.dossier_id IN (SELECT a.dossier_id FROM dossier_action a WHERE a.actor_id = $1 AND a.action = 'accept'))
      ORDER BY r.rated_at DESC, r.id DESC LIMIT $4`,
    [officerId, from, to, limit],
  );
  return rows;
}
