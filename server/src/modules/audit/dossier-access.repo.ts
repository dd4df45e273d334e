import type { Queryable } from '../../platform/database.js';
import { currentClientIp } from '../../platform/request-context.js';

export type DossierAccessPurpose = 'open' | 'search' | 'file' | 'form';

/**
 * Records that an officer looked at the personal data of these dossiers (opened one, found them by a CCCD or phone
 * number, downloaded a document, printed a form) — what the citizen then sees in the portal (ND 13/2023 Điều 9).
 * The officer's unit is the one of their grants that reaches the dossier (the nearest), else their home unit.
 */
export async function recordDossierAccess(
  q: Queryable,
  e: { dossierIds: string[]; at: Date; actor: { userId: string; fullName: string }; purpose: DossierAccessPurpose; detail?: string | null },
): Promise<void> {
  if (e.dossierIds.length === 0) return;
  await q.query(
    `INSERT INTO dossier_access (dossier_id, at, actor_id, actor_name, unit_name, purpose, detail, ip)
     SELECT d.id, $2, $3, $4,
            coalesce((SELECT u.name FROM role_assignment r JOIN unit u ON u.id = r.unit_id
                       WHERE r.user_id = $3 AND (d.receiving_path LIKE u.path || '%' OR d.resolving_path LIKE u.path || '%')
                       ORDER BY u.depth DESC LIMIT 1),
                     (SELECT hu.name FROM staff_user s JOIN unit hu ON hu.id = s.home_unit_id WHERE s.id = $3)),
            $5, $6, $7
       FROM dossier d WHERE d.id = ANY($1::uuid[])`,
    [[...new Set(e.dossierIds)], e.at, e.actor.userId, e.actor.fullName, e.purpose, e.detail ?? null, currentClientIp()],
  );
}

export type DossierAccessRow = { at: Date; actorName: string; unitName: string | null; purpose: DossierAccessPurpose; detail: string | null };

/** Who looked at the dossier's personal data and when, newest first. */
export async function listDossierAccess(q: Queryable, dossierId: string, limit = 500): Promise<DossierAccessRow[]> {
  const { rows } = await q.query<DossierAccessRow>(
    `SELECT at, actor_name AS "actorName", unit_name AS "unitName", purpose, detail
       FROM dossier_access WHERE dossier_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
    [dossierId, limit],
  );
  return rows;
}

/** True when a search text is a personal number (a CCCD, a tax code or a phone number) rather than a name or a code. */
export function isPersonalNumberSearch(text: string | undefined): boolean {
  return !!text && /^\+?[\d\s.-]{9,15}$/.test(text.trim()) && /\d{9,}/.test(text.replace(/[\s.+-]/g, ''));
}
