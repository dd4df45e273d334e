import type { Clock } from '../../../platform/clock.js';
import type { Db, Queryable } from '../../../platform/database.js';
import { DomainError } from '../../../platform/errors.js';
import type { FileStore } from '../../../platform/storage.js';
import type { NationalPortal } from '../national-portal.contract.js';
import { receiveNationalDossier } from './receive-national-dossier.js';

export type PullReport = { pages: number; created: number; existing: number; rejected: number; cursor: string | null };

async function readCursor(q: Queryable): Promise<string | null> {
  const { rows } = await q.query<{ cursor: string }>(`SELECT cursor FROM national_pull_cursor WHERE id = 1`);
  return rows[0]?.cursor ?? null;
}

async function saveCursor(q: Queryable, cursor: string, now: Date): Promise<void> {
  await q.query(`INSERT INTO national_pull_cursor (id, cursor, pulled_at) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET cursor = $1, pulled_at = $2`, [cursor, now]);
}

async function reject(q: Queryable, maHoSo: string, code: string, message: string, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO national_pull_rejection (ma_ho_so, code, message, at) VALUES ($1, $2, $3, $4) ON CONFLICT (ma_ho_so) DO UPDATE SET code = $2, message = $3, at = $4`,
    [maHoSo, code, message.slice(0, 1000), now],
  );
}

/**
 * Besides the push (POST /api/national-portal/dossiers), asks the national portal for the dossiers submitted there since
 * the last cursor and takes each in as the push would (QĐ 31/2021/QĐ-TTg Điều 30 k3: every dossier submitted there is
 * processed here), so a push that was lost still arrives. The national code is the idempotency key: a dossier already
 * pushed, or pulled twice, stays one dossier. A dossier we cannot take (no such unit, procedure not mapped, malformed) is
 * recorded with its reason and does not hold the others back; any other failure (database, portal) stops the run
 * before the cursor moves past the page, so the next run asks for that page again.
 */
export async function pullNationalDossiers(deps: { db: Db; clock: Clock; files: FileStore; portal: NationalPortal; config: { publicUrl: string } }, o: { pageSize?: number; maxPages?: number } = {}): Promise<PullReport> {
  const pageSize = o.pageSize ?? 50;
  const maxPages = o.maxPages ?? 20;
  const report: PullReport = { pages: 0, created: 0, existing: 0, rejected: 0, cursor: await readCursor(deps.db) };
  for (let page = 0; page < maxPages; page++) {
    const got = await deps.portal.listSubmitted(report.cursor, pageSize);
    report.pages++;
    for (const m of got.malformed) {
      if (m.maHoSo) await reject(deps.db, m.maHoSo, 'NATIONAL.MALFORMED', m.error, deps.clock.now());
      report.rejected++;
    }
    for (const hoSo of got.items) {
      try {
        const r = await receiveNationalDossier(deps, hoSo);
        report[r.created ? 'created' : 'existing']++;
      } catch (err) {
        if (!(err instanceof DomainError) || err.status >= 500) throw err;
        await reject(deps.db, hoSo.MaHoSo, err.code, err.messageVi, deps.clock.now());
        report.rejected++;
      }
    }
    const moved = got.cursor !== report.cursor;
    await saveCursor(deps.db, got.cursor, deps.clock.now());
    report.cursor = got.cursor;
    if (!moved || got.items.length + got.malformed.length < pageSize) break;
  }
  return report;
}
