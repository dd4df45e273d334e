import type { ReadStream } from 'node:fs';
import { withTransaction, type Db } from '../../../platform/database.js';
import type { Clock } from '../../../platform/clock.js';
import type { FileStore } from '../../../platform/storage.js';
import { recordEvent } from '../../dossiers/dossier.ledger.js';
import { dossierErrors } from '../../dossiers/dossier.errors.js';
import { overdueNow, statusLabels, type DossierStatus } from '../../dossiers/dossier.rules.js';
import { loadCitizenTimeline } from '../../dossiers/dossier.repo.js';
import type { TMyDossier } from '../citizen.contract.js';
import { citizenErrors } from '../citizen.errors.js';
import { scheduleDossier } from '../../dossiers/dossier-deadline.rules.js';
import { submissionReference } from '../../dossiers/tracking-code.rules.js';
import { getVersion } from '../../procedures/procedure.repo.js';
import { loadCalendar } from '../../working-calendar/use-cases/load-calendar.js';
import { vnDateOf } from '../../working-calendar/vn-time.js';
import { deliverResultsToStore, ownedFiles } from '../citizen.repo.js';
import { citizenOwnsDossier, citizenOwnsDossierFlagSql, citizenOwnsDossierSql, sentToCitizenSql } from '../citizen-identity.repo.js';

export async function listMyDossiers(deps: { db: Db }, citizenId: string) {
  const { rows } = await deps.db.query<{ id: string; code: string | null; nationalCode: string | null; procedureName: string; status: DossierStatus; submittedAt: Date; dueAt: Date | null; supplementedAt: Date | null }>(
    `SELECT id, code, (SELECT n.ma_ho_so FROM national_dossier n WHERE n.dossier_id = d.id AND n.origin = 'national') AS "nationalCode", procedure_name AS "procedureName", status, submitted_at AS "submittedAt", due_at AS "dueAt", supplemented_at AS "supplementedAt"
       FROM dossier d WHERE ${citizenOwnsDossierSql('d', '$1')} ORDER BY submitted_at DESC, id DESC LIMIT 200`,
    [citizenId],
  );
  return rows.map(({ supplementedAt, ...r }) => ({ ...r, statusLabel: statusLabels[r.status], actionNeeded: r.status === 'supplement_requested' && !supplementedAt }));
}

/**
 * The portal's line for a notification, with diacritics: an e-mail by its subject; an SMS, sent unaccented to fit 160
 * GSM-7 characters (notifications/notification.templates.ts), by what it said, written in Vietnamese.
 */
const smsTextVi: Record<string, (code: string) => string> = {
  'dossier.accepted': (c) => `Hồ sơ ${c} đã được tiếp nhận (tin nhắn kèm ngày hẹn trả kết quả).`,
  'dossier.supplementation-requested': (c) => `Hồ sơ ${c} cần bổ sung, hoàn thiện.`,
  'dossier.apology': (c) => `Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ ${c}.`,
  'dossier.result-ready': (c) => `Hồ sơ ${c} đã có kết quả.`,
  'dossier.refused': (c) => `Thông báo từ chối giải quyết hồ sơ ${c}.`,
  'dossier.status-changed': (c) => `Hồ sơ ${c} có thay đổi (nơi xử lý, người xử lý và thời gian ở phần diễn biến).`,
  'postal.shipment-created': (c) => `Kết quả hồ sơ ${c} sẽ được bưu điện phát đến địa chỉ của ông/bà.`,
};

function notificationTextVi(n: { channel: string; subject: string | null; body: string }, templateKey: string | null, code: string | null): string {
  const channel = ({ sms: 'Tin nhắn', email: 'Thư điện tử', zalo: 'Zalo' } as Record<string, string>)[n.channel] ?? n.channel;
  const sms = n.channel === 'sms' && templateKey ? smsTextVi[templateKey] : undefined;
  const said = n.subject?.replace(/^\[Một Cửa\]\s*/, '') ?? (sms ? sms(code ?? '') : n.body);
  return `${channel}: ${said}`;
}

/**
 * The citizen's own dossier: status, timeline, what the desk asks, the files, the notifications sent. Others' are refused.
 * Every file is listed (issue 16): what was submitted, a file the national portal gave only by its link, and the
 * electronic result once issued — whatever the delivery chosen, it is theirs and already in their Kho.
 */
export async function readMyDossier(deps: { db: Db; clock?: Clock }, citizenId: string, id: string): Promise<TMyDossier> {
  await assertOwnDossier(deps, citizenId, id);
  type Notice = { channel: string; subject: string | null; body: string; templateKey: string | null; createdAt: string };
  const { rows } = await deps.db.query<Omit<TMyDossier, 'statusLabel' | 'actionNeeded' | 'request' | 'reference' | 'expectedDueAt' | 'overdue' | 'notifyTo' | 'notifications'> & { notifications: Notice[]; status: DossierStatus; versionId: string; resolvingPath: string; phone: string | null; email: string | null }>(
    `SELECT d.id, d.code, (SELECT n.ma_ho_so FROM national_dossier n WHERE n.dossier_id = d.id AND n.origin = 'national') AS "nationalCode", d.procedure_name AS "procedureName", d.status, d.submitted_at AS "submittedAt", d.due_at AS "dueAt",
            ru.name AS "receivingUnitName", su.name AS "resolvingUnitName", su.id AS "resolvingUnitId", d.received_at AS "receivedAt", d.fee_vnd::int AS "feeVnd", d.assisted,
            d.result_delivery AS "resultDelivery", d.supplemented_at AS "supplementedAt", d.eform,
            right(d.applicant->>'idNumber', 4) AS "trackingSecret", d.procedure_version_id AS "versionId", su.path AS "resolvingPath",
            d.applicant->>'phone' AS phone, d.applicant->>'email' AS email,
            (SELECT coalesce(json_agg(json_build_object('at', a.at, 'action', a.action, 'toStatus', a.to_status, 'note', a.note) ORDER BY a.id), '[]')
               FROM dossier_action a WHERE a.dossier_id = d.id) AS timeline,
            (SELECT coalesce(json_agg(json_build_object('sha256', f.sha256, 'documentName', f.document_name, 'kind', f.kind, 'fileName', f.file_name, 'addedAt', f.added_at) ORDER BY f.added_at), '[]')
               FROM dossier_file f JOIN stored_file s ON s.sha256 = f.sha256
              WHERE f.dossier_id = d.id AND (f.kind = 'component' OR d.status IN ('result_ready', 'returned'))) AS files,
            (SELECT coalesce(json_agg(json_build_object('name', x->>'name', 'url', x->>'link') ORDER BY i), '[]')
               FROM jsonb_array_elements(d.documents) WITH ORDINALITY AS e(x, i) WHERE coalesce(x->>'link', '') <> '') AS links,
            (SELECT coalesce(json_agg(json_build_object('channel', n.channel, 'subject', n.subject, 'body', n.body, 'templateKey', n.template_key, 'createdAt', n.created_at) ORDER BY n.created_at), '[]')
               FROM notification_outbox n
              -- Only what was sent to the citizen (the dossier's or the account's phone or e-mail): the post office's SMS
              -- and the dispatch mail to the postal unit concern the same dossier but are not the citizen's messages.
              WHERE n.dossier_id = d.id AND ${sentToCitizenSql('n', 'd', '$2')}) AS notifications
       FROM dossier d JOIN unit ru ON ru.id = d.receiving_unit_id JOIN unit su ON su.id = d.resolving_unit_id WHERE d.id = $1`,
    [id, citizenId],
  );
  const d = rows[0];
  if (!d) throw dossierErrors.notFound();
  const { versionId, resolvingPath, phone, email, ...rest } = d;
  const raw = d.timeline.map((t) => ({ ...t, at: new Date(t.at) }));
  const timeline = (await loadCitizenTimeline(deps.db, id)).map(({ at, action, label, text, toStatus, note }) => ({ at, action, label, text, toStatus, note }));
  const last = [...raw].reverse().find((t) => ['request_supplement', 'reject_intake', 'refuse'].includes(t.action));
  const asks = last && ((last.action === 'request_supplement' && d.status === 'supplement_requested') || last.action !== 'request_supplement');
  return {
    ...rest,
    reference: submissionReference(d.id),
    expectedDueAt: d.status === 'awaiting_acceptance' && deps.clock ? await expectedDue(deps as { db: Db; clock: Clock }, versionId, resolvingPath) : null,
    notifyTo: [phone, email].filter((x): x is string => !!x),
    overdue: deps.clock ? overdueNow(d, deps.clock.now()) : false,
    statusLabel: statusLabels[d.status],
    actionNeeded: d.status === 'supplement_requested' && !d.supplementedAt,
    request: asks && last ? { kind: last.action === 'request_supplement' ? 'supplement' : 'refusal', note: last.note ?? '', at: last.at } : null,
    timeline,
    files: d.files.map((f) => ({ ...f, addedAt: new Date(f.addedAt) })),
    notifications: d.notifications.map(({ templateKey, ...n }) => ({ ...n, text: notificationTextVi(n, templateKey, d.code), createdAt: new Date(n.createdAt) })),
  };
}

/**
 * When the result is expected if the desk accepts the dossier today: the procedure's legal time from now on the
 * resolving unit's working calendar (the real due time is fixed at acceptance, accept-online.ts).
 */
async function expectedDue(deps: { db: Db; clock: Clock }, versionId: string, resolvingPath: string): Promise<Date | null> {
  const version = await getVersion(deps.db, versionId);
  if (!version) return null;
  const now = deps.clock.now();
  const year = Number(vnDateOf(now).slice(0, 4));
  const calendar = await loadCalendar(deps.db, resolvingPath, { from: year - 1, to: year + 1 });
  return scheduleDossier(now, version.content, calendar, () => '', { paperCutoff: false }).dueAt;
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
    const { rows } = await tx.query<{ owned: boolean; status: string }>(
      `SELECT ${citizenOwnsDossierFlagSql('d', '$2')} AS owned, status FROM dossier d WHERE id = $1 FOR UPDATE`,
      [id, citizen.citizenId],
    );
    const d = rows[0];
    if (!d) throw dossierErrors.notFound();
    if (!d.owned) throw citizenErrors.notOwner();
    if (d.status !== 'supplement_requested') throw citizenErrors.nothingToSupplement();
    await tx.query(
      `INSERT INTO dossier_file (dossier_id, sha256, document_name, kind, added_by_citizen, added_at, file_name)
       SELECT $1, f.sha, f.name, 'component', $4, $5, s.file_name
         FROM unnest($2::text[], $3::text[]) AS f(sha, name) JOIN stored_file s ON s.sha256 = f.sha ON CONFLICT DO NOTHING`,
      [id, input.documents.map((f) => f.sha256), input.documents.map((f) => f.name), citizen.citizenId, now],
    );
    await recordEvent(tx, id, {
      at: now,
      actorId: null,
      actorName: citizen.fullName,
      note: input.note ?? input.documents.map((f) => f.name).join('; '),
      event: { type: 'citizen_supplemented', documents: input.documents },
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
        await recordEvent(tx, id, { at: deps.clock.now(), actorId: null, actorName: citizen.fullName, note: file.documentName, event: { type: 'result_downloaded' } });
      }
    });
  }
  return { fileName: stat.fileName, mediaType: stat.mediaType, stream: deps.files.open(sha256) };
}

/**
 * Refuses unless the dossier is this citizen's own — filed under the account, or under its proven CCCD
 * (`citizenOwnsDossierSql`); other capabilities (payments, ratings, the views log) ask before acting for a citizen.
 */
export async function assertOwnDossier(deps: { db: Db }, citizenId: string, dossierId: string): Promise<void> {
  const owned = await citizenOwnsDossier(deps.db, citizenId, dossierId);
  if (owned === null) throw dossierErrors.notFound();
  if (!owned) throw citizenErrors.notOwner();
}
