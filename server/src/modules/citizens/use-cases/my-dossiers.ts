import type { ReadStream } from 'node:fs';
import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import type { FileStore } from '../../../platform/storage.js';
import { appendAction } from '../../dossiers/dossier.repo.js';
import { dossierErrors } from '../../dossiers/dossier.errors.js';
import { actionLabels, statusLabels, type DossierAction, type DossierStatus } from '../../dossiers/dossier.rules.js';
import type { TMyDossier } from '../citizen.contract.js';
import { citizenErrors } from '../citizen.errors.js';
import { deliverResultsToStore, ownedFiles } from '../citizen.repo.js';

/** Labels of the citizen-side actions that are not state changes of the machine. */
const extraLabels: Record<string, string> = { submit: 'Nộp hồ sơ trực tuyến', attach_file: 'Đính kèm tệp', citizen_supplemented: 'Công dân bổ sung hồ sơ', result_downloaded: 'Công dân tải kết quả' };
/** Actions whose note is addressed to the citizen (reasons, requests); notes of internal steps stay internal. */
const citizenFacing = new Set(['submit', 'accept', 'reject_intake', 'request_supplement', 'citizen_supplemented', 'apologise', 'refuse', 'stop', 'withdraw', 'result_downloaded']);
const label = (a: string) => (a in actionLabels ? actionLabels[a as DossierAction] : (extraLabels[a] ?? a));

export async function listMyDossiers(deps: { db: Db }, citizenId: string) {
  const { rows } = await deps.db.query<{ id: string; code: string | null; procedureName: string; status: DossierStatus; submittedAt: Date; dueAt: Date | null; supplementedAt: Date | null }>(
    `SELECT id, code, procedure_name AS "procedureName", status, submitted_at AS "submittedAt", due_at AS "dueAt", supplemented_at AS "supplementedAt"
       FROM dossier WHERE citizen_id = $1 ORDER BY submitted_at DESC, id DESC LIMIT 200`,
    [citizenId],
  );
  return rows.map(({ supplementedAt, ...r }) => ({ ...r, statusLabel: statusLabels[r.status], actionNeeded: r.status === 'supplement_requested' && !supplementedAt }));
}

/** The citizen's own dossier: status, timeline, what the desk asks, the files, the notifications sent. Others' are refused. */
export async function readMyDossier(deps: { db: Db }, citizenId: string, id: string): Promise<TMyDossier> {
  const { rows } = await deps.db.query<Omit<TMyDossier, 'statusLabel' | 'actionNeeded' | 'request'> & { citizenId: string | null; status: DossierStatus }>(
    `SELECT d.id, d.code, d.procedure_name AS "procedureName", d.status, d.submitted_at AS "submittedAt", d.due_at AS "dueAt", d.citizen_id AS "citizenId",
            ru.name AS "receivingUnitName", su.name AS "resolvingUnitName", d.received_at AS "receivedAt", d.fee_vnd::int AS "feeVnd", d.assisted,
            d.result_delivery AS "resultDelivery", d.supplemented_at AS "supplementedAt", d.eform,
            right(d.applicant->>'idNumber', 4) AS "trackingSecret",
            (SELECT coalesce(json_agg(json_build_object('at', a.at, 'action', a.action, 'toStatus', a.to_status, 'note', a.note) ORDER BY a.id), '[]')
               FROM dossier_action a WHERE a.dossier_id = d.id) AS timeline,
            (SELECT coalesce(json_agg(json_build_object('sha256', f.sha256, 'documentName', f.document_name, 'kind', f.kind, 'fileName', f.file_name, 'addedAt', f.added_at) ORDER BY f.added_at), '[]')
               FROM dossier_file f JOIN stored_file s ON s.sha256 = f.sha256
              WHERE f.dossier_id = d.id AND (f.kind = 'component' OR (d.status IN ('result_ready', 'returned') AND d.result_delivery = 'online'))) AS files,
            (SELECT coalesce(json_agg(json_build_object('channel', n.channel, 'subject', n.subject, 'body', n.body, 'createdAt', n.created_at) ORDER BY n.created_at), '[]')
               FROM notification_outbox n WHERE n.dossier_id = d.id) AS notifications
       FROM dossier d JOIN unit ru ON ru.id = d.receiving_unit_id JOIN unit su ON su.id = d.resolving_unit_id WHERE d.id = $1`,
    [id],
  );
  const d = rows[0];
  if (!d) throw dossierErrors.notFound();
  if (d.citizenId !== citizenId) throw citizenErrors.notOwner();
  const { citizenId: _c, ...rest } = d;
  const timeline = d.timeline.map((t) => ({ ...t, at: new Date(t.at), label: label(t.action), note: citizenFacing.has(t.action) ? t.note : null }));
  const last = [...timeline].reverse().find((t) => ['request_supplement', 'reject_intake', 'refuse'].includes(t.action));
  const asks = last && ((last.action === 'request_supplement' && d.status === 'supplement_requested') || last.action !== 'request_supplement');
  return {
    ...rest,
    statusLabel: statusLabels[d.status],
    actionNeeded: d.status === 'supplement_requested' && !d.supplementedAt,
    request: asks && last ? { kind: last.action === 'request_supplement' ? 'supplement' : 'refusal', note: last.note ?? '', at: last.at } : null,
    timeline,
    files: d.files.map((f) => ({ ...f, addedAt: new Date(f.addedAt) })),
    notifications: d.notifications.map((n) => ({ ...n, createdAt: new Date(n.createdAt) })),
  };
}

/**
 * The citizen answers a supplementation request in the portal (ND 45/2020 Điều 12): the documents (from their store)
 * join the dossier, which shows in the desk's online queue as "supplemented, waiting for the desk". The clock stays
 * paused until the desk records the supplement as received (action supplement_received, ND 61/2018 Điều 19 k4).
 */
export async function answerSupplement(
  deps: { db: Db; clock: Clock },
  citizen: { citizenId: string; fullName: string },
  id: string,
  input: { documents: { name: string; sha256: string }[]; note: string | null },
): Promise<void> {
  const now = deps.clock.now();
  const owned = await ownedFiles(deps.db, citizen.citizenId, input.documents.map((d) => d.sha256));
  if (input.documents.some((d) => !owned.has(d.sha256))) throw citizenErrors.documentNotInStore();
  await withTransaction(deps.db, async (tx) => {
    const { rows } = await tx.query<{ citizenId: string | null; status: string }>(`SELECT citizen_id AS "citizenId", status FROM dossier WHERE id = $1 FOR UPDATE`, [id]);
    const d = rows[0];
    if (!d) throw dossierErrors.notFound();
    if (d.citizenId !== citizen.citizenId) throw citizenErrors.notOwner();
    if (d.status !== 'supplement_requested') throw citizenErrors.nothingToSupplement();
    await tx.query(
      `INSERT INTO dossier_file (dossier_id, sha256, document_name, kind, added_by_citizen, added_at, file_name)
       SELECT $1, f.sha, f.name, 'component', $4, $5, s.file_name
         FROM unnest($2::text[], $3::text[]) AS f(sha, name) JOIN stored_file s ON s.sha256 = f.sha ON CONFLICT DO NOTHING`,
      [id, input.documents.map((f) => f.sha256), input.documents.map((f) => f.name), citizen.citizenId, now],
    );
    await tx.query(`UPDATE dossier SET supplemented_at = $2, updated_at = $2 WHERE id = $1`, [id, now]);
    await appendAction(tx, {
      dossierId: id,
      at: now,
      actorId: null,
      actorName: citizen.fullName,
      action: 'citizen_supplemented',
      fromStatus: d.status,
      toStatus: d.status,
      stepIndex: null,
      note: input.note ?? input.documents.map((f) => f.name).join('; '),
      data: { documents: input.documents },
    });
  });
}

/**
 * A file of the citizen's own dossier: what they submitted, and the result once it is ready and goes online. The
 * first download of a result is recorded in the action log; the result is (again) put in the citizen's store.
 */
export async function openMyDossierFile(deps: { db: Db; clock: Clock; files: FileStore }, citizen: { citizenId: string; fullName: string }, id: string, sha256: string): Promise<{ fileName: string; mediaType: string; stream: ReadStream }> {
  const d = await readMyDossier(deps, citizen.citizenId, id);
  const file = d.files.find((f) => f.sha256 === sha256);
  if (!file) throw citizenErrors.noResult();
  const stat = (await deps.files.stat(deps.db, sha256))!;
  if (file.kind === 'result') {
    await withTransaction(deps.db, async (tx) => {
      const now = deps.clock.now();
      await deliverResultsToStore(tx, id, now);
      if (!d.timeline.some((t) => t.action === 'result_downloaded')) {
        await appendAction(tx, { dossierId: id, at: now, actorId: null, actorName: citizen.fullName, action: 'result_downloaded', fromStatus: d.status, toStatus: d.status, stepIndex: null, note: file.documentName });
      }
    });
  }
  return { fileName: stat.fileName, mediaType: stat.mediaType, stream: deps.files.open(sha256) };
}

/** Refuses unless the dossier is this citizen's own (other capabilities — payments — ask before acting for a citizen). */
export async function assertOwnDossier(deps: { db: Db }, citizenId: string, dossierId: string): Promise<void> {
  const { rows } = await deps.db.query<{ citizenId: string | null }>(`SELECT citizen_id AS "citizenId" FROM dossier WHERE id = $1`, [dossierId]);
  if (!rows[0]) throw dossierErrors.notFound();
  if (rows[0].citizenId !== citizenId) throw citizenErrors.notOwner();
}
