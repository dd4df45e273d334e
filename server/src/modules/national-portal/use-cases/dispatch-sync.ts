import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/database.js';
import { NOT_FOUND_CODE, NationalPortalError, type NationalPortal, type THoSo } from '../national-portal.contract.js';
import { claimHeads, claimRuns, linkLocalDossier, markRunFailed, markRunSent, markSynced, readDossierHead, readSyncEntries, readSyncState, type DossierHead, type OutboxRow } from '../national-portal.repo.js';
import { isReported, nationalDate, nationalStatusOf, progressEntry, progressUpdate, retryDelayMs, type SyncEntry } from '../national-portal.rules.js';
import { componentList, hasDigitisedComponent, resultList, type DocumentLinks } from '../national-portal.documents.rules.js';
import { dossierLinks, type LinkConfig } from '../national-portal.links.js';

/** One dispatch: dossiers and rows claimed, rows sent or skipped, calls that failed (their rows wait for a retry). */
export type SyncReport = { dossiers: number; claimed: number; sent: number; skipped: number; failed: number; lastError: string | null };

/** The sync's needs: the database, the clock, the portal, and the link settings its files are offered by. */
export type SyncDeps = { db: Db; clock: Clock; portal: NationalPortal; config: LinkConfig };

/**
 * Events after which the dossier goes whole even when the portal holds it: a progress update (CapNhatTienDoHoSoMC)
 * carries status, dates and one history entry, not the lists of components and results, so a result (the approval, a
 * result attached to a dossier that has one, the return) or a file attached later reaches the portal only in the whole
 * record (DongBoHoSoMC replaces its copy: sending it again never duplicates anything).
 */
const WHOLE_AFTER = new Set(['approve', 'return_result', 'attach_file', 'citizen_supplemented', 'supplement_received']);

const channelCode = { desk: 1, online: 2, postal: 3 } as const;
const deliveryCode = { desk: 1, post: 2, online: 3 } as const;

/**
 * The dossier as DongBoHoSoMC carries it, its status, dates and history as of the given entries (ledger order); its
 * components with their flags and links, and its results once it has one (national-portal.documents.rules.ts).
 */
export function fullDossier(maHoSo: string, h: DossierHead, entries: SyncEntry[], links: DocumentLinks): THoSo {
  const last = entries.at(-1);
  const a = h.applicant;
  const status = last ? nationalStatusOf(last.toStatus) : nationalStatusOf(h.status);
  // The dates the entries set, as their progress updates carry them (the end of processing, the return, the refusal).
  const dates: Partial<Pick<THoSo, 'NgayKetThucXuLy' | 'NgayTra' | 'NgayTuChoi'>> = {};
  for (const e of entries) {
    const u = progressUpdate(maHoSo, e);
    for (const k of ['NgayKetThucXuLy', 'NgayTra', 'NgayTuChoi'] as const) if (u[k]) dates[k] = u[k];
  }
  const components = componentList({ documents: h.documents, files: h.files, inbound: h.inboundFiles, declarationName: h.declarationName, links });
  return {
    MaHoSo: maHoSo,
    MaTTHC: h.procedureCode,
    TenTTHC: h.procedureName,
    MaTruongHop: h.caseCode,
    MaLinhVuc: '',
    KenhThucHien: channelCode[h.channel as keyof typeof channelCode] ?? 1,
    ChuHoSo: a.fullName,
    LoaiDoiTuong: a.kind === 'organisation' ? 2 : 1,
    MaDoiTuong: a.idNumber,
    ...(a.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(a.birthDate) ? { NgaySinh: a.birthDate.replaceAll('-', '') } : {}),
    SoDienThoai: a.phone ?? '',
    Email: a.email ?? '',
    DiaChi: a.address ?? '',
    TrichYeuHoSo: `${h.procedureName} — ${a.fullName}`.slice(0, 2000),
    NgayNopHoSo: nationalDate(h.submittedAt),
    ...(h.receivedAt ? { NgayTiepNhan: nationalDate(h.receivedAt) } : {}),
    ...(h.dueAt ? { NgayHenTra: nationalDate(h.dueAt) } : {}),
    ...dates,
    TrangThaiHoSo: status,
    HinhThucTra: deliveryCode[h.resultDelivery as keyof typeof deliveryCode] ?? 1,
    DonViXuLy: h.resolvingCode,
    NoiNopHoSo: h.receivingName,
    TaiKhoanDuocXacThucVoiVNeID: h.vneidVerified ? 1 : 0,
    DuocThanhToanTrucTuyen: (h.paidOnline === 1 || h.paidOnline === 2 ? h.paidOnline : 0) as 0 | 1 | 2,
    DanhSachPhiLePhi: h.fees.length > 0 ? h.fees : h.feeVnd > 0 ? [{ TenPhiLePhi: 'Phí, lệ phí', Gia: h.feeVnd }] : [],
    DanhSachTaiLieuNop: components,
    HoSoCoThanhPhanSoHoa: hasDigitisedComponent(components),
    DanhSachGiayToKetQua: resultList({ status, files: h.files, links }),
    DuLieuBieuMau: h.eform ?? {},
    QuaTrinhXuLy: entries.map((e) => progressEntry(maHoSo, e)),
  };
}

/**
 * Sends one batch of the national sync outbox, ledger order per dossier. Each claimed dossier's run of pending rows (its
 * head and up to `perDossier - 1` rows behind it) goes in one call: a dossier the portal does not hold yet, or one to
 * send again, goes whole (DongBoHoSoMC, its history up to the run's last row); otherwise the run's entries go as one
 * progress update (CapNhatTienDoHoSoMC takes a list, applied in order). A refused call is retried with backoff; a call
 * whose outcome is unknown is looked up (TraCuuHoSo) before it is sent again, so an entry the portal already applied is
 * not sent twice. Nothing is ever dropped: an outage only delays.
 */
// Eight dossiers at a time: each in-flight run holds at most one pooled connection (of 10) between its calls, and the
// time per run is mostly waiting (the portal's answer, the database). Several runs at once never mix one dossier's
// order: a dossier has one run in flight at most (its head's lease).
const DEFAULT_CONCURRENCY = 8;
/** Rows of one dossier per call: a busy dossier's backlog after an outage drains in a few calls, not one per event. */
export const RUN_LENGTH = 50;

export async function dispatchNationalSync(
  deps: SyncDeps,
  limit = 50,
  concurrency = DEFAULT_CONCURRENCY,
  perDossier = RUN_LENGTH,
): Promise<SyncReport> {
  const report: SyncReport = { dossiers: 0, claimed: 0, sent: 0, skipped: 0, failed: 0, lastError: null };
  const now = deps.clock.now();
  const runs = await claimRuns(deps.db, now, await claimHeads(deps.db, now, limit), perDossier);
  report.dossiers = runs.length;
  report.claimed = runs.reduce((n, r) => n + r.length, 0);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, concurrency) }, async () => {
      while (next < runs.length) await dispatchRun(deps, runs[next++]!, report);
    }),
  );
  await recordHealth(deps, report);
  return report;
}

async function dispatchRun(deps: SyncDeps, run: OutboxRow[], report: SyncReport): Promise<void> {
  try {
    const { sent, skipped } = await sendRun(deps, run);
    await markRunSent(deps.db, sent, skipped, deps.clock.now());
    report.sent += sent.length;
    report.skipped += skipped.length;
  } catch (err) {
    const e = err instanceof NationalPortalError ? err : new NationalPortalError('unknown', err instanceof Error ? err.message : String(err));
    // The portal lost (or never had) the dossier: the next attempt sends it whole.
    if (e.errorCode === NOT_FOUND_CODE) await markSynced(deps.db, run[0]!.dossierId, null);
    const now = deps.clock.now();
    await markRunFailed(deps.db, run, { next: new Date(now.getTime() + retryDelayMs(run[0]!.attempts + 1)) }, e.message, e.outcome === 'unknown');
    report.failed++;
    report.lastError = e.message;
  }
}

/**
 * Remembers how this batch's calls went, for the sync page: a batch where something went through is a success; one where
 * every call failed is a failure with its last error (the portal refusing or not answering), so "connected" turns false.
 */
async function recordHealth(deps: { db: Db; clock: Clock }, report: SyncReport): Promise<void> {
  if (report.sent > 0) await deps.db.query(`UPDATE national_sync_health SET last_success_at = $1`, [deps.clock.now()]);
  else if (report.failed > 0) await deps.db.query(`UPDATE national_sync_health SET last_failure_at = $1, last_error = $2`, [deps.clock.now(), (report.lastError ?? '').slice(0, 1000)]);
}

/** Sends one dossier's run; returns its rows split into sent and skipped (nothing the portal holds). */
async function sendRun(deps: SyncDeps, run: OutboxRow[]): Promise<{ sent: string[]; skipped: string[] }> {
  const dossierId = run[0]!.dossierId;
  const all = run.map((r) => r.id);
  const state = await readSyncState(deps.db, dossierId);
  const maHoSo = state?.maHoSo ?? state?.code;
  // An online dossier has no code until the desk accepts it; the acceptance sends it whole.
  if (!state || !maHoSo) return { sent: [], skipped: all };
  const actionIds = run.flatMap((r) => (r.kind === 'event' && r.actionId ? [r.actionId] : []));
  // The run's own entries are read only when they decide (a dossier already held, no resend asked).
  const runEntries = !state.syncedAt || run.some((r) => r.kind === 'resync') ? null : await readSyncEntries(deps.db, dossierId, { actionIds });
  if (!runEntries || runEntries.some((e) => WHOLE_AFTER.has(e.action))) {
    const head = (await readDossierHead(deps.db, dossierId))!;
    if (!state.maHoSo) await linkLocalDossier(deps.db, dossierId, maHoSo, deps.clock.now());
    // The ledger as of the run's last row: entries queued after it follow as progress updates.
    const entries = (await readSyncEntries(deps.db, dossierId, { uptoOutboxId: run.at(-1)!.id })).filter((e) => isReported(e.action));
    await deps.portal.syncDossier(fullDossier(maHoSo, head, entries, dossierLinks(deps.config, deps.clock.now(), dossierId)));
    await markSynced(deps.db, dossierId, deps.clock.now());
    return { sent: all, skipped: [] };
  }
  const entries = runEntries.filter((e) => isReported(e.action));
  const reported = new Set(entries.map((e) => e.actionId));
  let toSend = entries;
  if (run.some((r) => r.uncertain)) {
    // The last call's outcome is unknown: what the portal already holds is not sent again.
    const theirs = await deps.portal.lookUp(maHoSo);
    const held = new Set(theirs?.QuaTrinhXuLy.map((q) => q.MaQuaTrinh) ?? []);
    toSend = entries.filter((e) => !held.has(e.actionId));
  }
  await deps.portal.updateProgress(toSend.map((e) => progressUpdate(maHoSo, e)));
  return { sent: run.filter((r) => r.actionId && reported.has(r.actionId)).map((r) => r.id), skipped: run.filter((r) => !r.actionId || !reported.has(r.actionId)).map((r) => r.id) };
}
