import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/database.js';
import type { NationalPortal } from '../national-portal.contract.js';
import { compareCopies, isReported, nationalStatusOf } from '../national-portal.rules.js';
import { componentList, documentsView, resultList } from '../national-portal.documents.rules.js';
import { dossierLinks, type LinkConfig } from '../national-portal.links.js';
import { readDossierHead } from '../national-portal.repo.js';
import type { DossierStatus } from '../../dossiers/dossier.rules.js';

export type ReconcileReport = { checked: number; differences: number; resolved: number };

/**
 * Compares the national portal's copy (TraCuuHoSo) with ours for the dossiers that changed on `day` (Vietnam date),
 * unit by unit: status, history entry by entry, then the components and results (names, flags, where the links point:
 * documentsView). A dossier belongs on the portal once it has a code there (it came
 * from the portal) or here (the desk accepted it): one with a code but no link yet was never sent, and is looked up by
 * our code, so a dossier the portal does not hold shows as missing. Dossiers without a code (refused at the desk before
 * acceptance) are not expected there. Dossiers with rows still in the outbox are in flight, not different.
 * Each difference is kept (one open row per dossier) for the console's "Gửi lại"; a later run updates what it sees now
 * but keeps when the difference was first found (found_at: how long it has been open); a dossier that matches again
 * closes its row. `unitIds` limits the run to the dossiers in those units' scope (the console's "Đối soát ngay").
 */
export async function reconcileDay(deps: { db: Db; clock: Clock; portal: NationalPortal; config: LinkConfig }, day: string, unitIds: string[] | null = null): Promise<ReconcileReport> {
  const { rows } = await deps.db.query<{ dossierId: string; unitId: string; maHoSo: string; status: DossierStatus; actions: string[]; ids: string[] }>(
    `SELECT d.id AS "dossierId", d.resolving_unit_id AS "unitId", coalesce(n.ma_ho_so, d.code) AS "maHoSo", d.status,
            array_agg(a.action ORDER BY a.id) AS actions, array_agg(a.id::text ORDER BY a.id) AS ids
       FROM dossier d LEFT JOIN national_dossier n ON n.dossier_id = d.id JOIN dossier_action a ON a.dossier_id = d.id
      WHERE coalesce(n.ma_ho_so, d.code) IS NOT NULL
        AND EXISTS (SELECT 1 FROM dossier_action x WHERE x.dossier_id = d.id AND (x.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = $1::date)
        AND NOT EXISTS (SELECT 1 FROM national_sync_outbox o WHERE o.dossier_id = d.id AND o.status = 'pending')
        AND ($2::uuid[] IS NULL OR EXISTS (SELECT 1 FROM dossier_scope s WHERE s.dossier_id = d.id AND s.unit_id = ANY($2)))
      GROUP BY d.id, n.ma_ho_so
      ORDER BY d.resolving_unit_id, d.id`,
    [day, unitIds],
  );
  const report: ReconcileReport = { checked: 0, differences: 0, resolved: 0 };
  for (const r of rows) {
    const status = nationalStatusOf(r.status);
    const head = (await readDossierHead(deps.db, r.dossierId))!;
    const links = dossierLinks(deps.config, deps.clock.now(), r.dossierId);
    const documents = documentsView(
      {
        DanhSachTaiLieuNop: componentList({ documents: head.documents, files: head.files, inbound: head.inboundFiles, declarationName: head.declarationName, links }),
        DanhSachGiayToKetQua: resultList({ status, files: head.files, links }),
      },
      deps.config.publicUrl,
    );
    const ours = { status, history: r.ids.filter((_, i) => isReported(r.actions[i]!)), documents };
    const copy = await deps.portal.lookUp(r.maHoSo);
    const theirs = copy ? { status: copy.TrangThaiHoSo, history: copy.QuaTrinhXuLy.map((q) => q.MaQuaTrinh), documents: documentsView(copy, deps.config.publicUrl) } : null;
    const kind = compareCopies(ours, theirs);
    report.checked++;
    const now = deps.clock.now();
    if (kind) {
      report.differences++;
      await deps.db.query(
        `INSERT INTO national_sync_difference (dossier_id, unit_id, day, ma_ho_so, kind, ours, theirs, found_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (dossier_id) WHERE resolved_at IS NULL DO UPDATE SET kind = EXCLUDED.kind, ours = EXCLUDED.ours, theirs = EXCLUDED.theirs, day = EXCLUDED.day`,
        [r.dossierId, r.unitId, day, r.maHoSo, kind, JSON.stringify(ours), theirs ? JSON.stringify(theirs) : null, now],
      );
    } else {
      const res = await deps.db.query(`UPDATE national_sync_difference SET resolved_at = $2 WHERE dossier_id = $1 AND resolved_at IS NULL`, [r.dossierId, now]);
      report.resolved += res.rowCount ?? 0;
    }
  }
  return report;
}

/** "Gửi lại": the whole dossier goes again (DongBoHoSoMC) after whatever is already queued for it. */
export async function resendDossier(deps: { db: Db; clock: Clock }, differenceId: string): Promise<boolean> {
  const now = deps.clock.now();
  const { rows } = await deps.db.query<{ dossierId: string }>(
    `UPDATE national_sync_difference SET resent_at = $2 WHERE id = $1 AND resolved_at IS NULL RETURNING dossier_id AS "dossierId"`,
    [differenceId, now],
  );
  if (!rows[0]) return false;
  await deps.db.query(`INSERT INTO national_sync_outbox (dossier_id, kind, created_at, next_attempt_at) VALUES ($1, 'resync', $2, $2)`, [rows[0].dossierId, now]);
  return true;
}
