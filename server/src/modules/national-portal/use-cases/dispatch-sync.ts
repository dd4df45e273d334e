import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/database.js';
import { NOT_FOUND_CODE, NationalPortalError, type NationalPortal, type THoSo } from '../national-portal.contract.js';
import { claimHeads, linkLocalDossier, markFailed, markSent, markSynced, readDossierHead, readSyncEntries, type DossierHead, type OutboxRow } from '../national-portal.repo.js';
import { isReported, nationalDate, nationalStatusOf, progressEntry, progressUpdate, retryDelayMs, type SyncEntry } from '../national-portal.rules.js';

export type SyncReport = { claimed: number; sent: number; skipped: number; failed: number };

const channelCode = { desk: 1, online: 2, postal: 3 } as const;
const deliveryCode = { desk: 1, post: 2, online: 3 } as const;

/** The dossier as DongBoHoSoMC carries it, its status and history as of the given entries (ledger order). */
export function fullDossier(maHoSo: string, h: DossierHead, entries: SyncEntry[]): THoSo {
  const last = entries.at(-1);
  const a = h.applicant;
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
    TrangThaiHoSo: last ? nationalStatusOf(last.toStatus) : nationalStatusOf(h.status),
    HinhThucTra: deliveryCode[h.resultDelivery as keyof typeof deliveryCode] ?? 1,
    DonViXuLy: h.resolvingCode,
    NoiNopHoSo: h.receivingName,
    TaiKhoanDuocXacThucVoiVNeID: h.vneidVerified ? 1 : 0,
    DuocThanhToanTrucTuyen: (h.paidOnline === 1 || h.paidOnline === 2 ? h.paidOnline : 0) as 0 | 1 | 2,
    DanhSachPhiLePhi: h.fees.length > 0 ? h.fees : h.feeVnd > 0 ? [{ TenPhiLePhi: 'Phí, lệ phí', Gia: h.feeVnd }] : [],
    DanhSachTaiLieuNop: h.documents.map((d) => ({ TenTepDinhKem: d.name, DuocSoHoa: false, DuocLayTuKhoDMQG: false })),
    DanhSachGiayToKetQua: [],
    DuLieuBieuMau: h.eform ?? {},
    QuaTrinhXuLy: entries.map((e) => progressEntry(maHoSo, e)),
  };
}

/**
 * Sends one batch of the national sync outbox (ledger order per dossier). A dossier the portal does not hold yet goes
 * whole (DongBoHoSoMC, its history up to this event); later events go as progress updates (CapNhatTienDoHoSoMC). A
 * refused call is retried with backoff; a call whose outcome is unknown is looked up (TraCuuHoSo) before it is sent
 * again, so an entry the portal already applied is not sent twice. Nothing is ever dropped: an outage only delays.
 */
// Eight dossiers' heads at a time: each in-flight row holds at most one pooled connection (of 10) between its calls, and
// the time per row is mostly waiting (the portal's answer, the database), so eight workers keep one dispatcher well
// ahead of a busy day's intake (BENCHMARKS.md "National portal sync": four were measured at 87 % of intake).
const DEFAULT_CONCURRENCY = 8;

export async function dispatchNationalSync(deps: { db: Db; clock: Clock; portal: NationalPortal }, limit = 50, concurrency = DEFAULT_CONCURRENCY): Promise<SyncReport> {
  const report: SyncReport = { claimed: 0, sent: 0, skipped: 0, failed: 0 };
  const rows = await claimHeads(deps.db, deps.clock.now(), limit);
  report.claimed = rows.length;
  // The claimed rows are the heads of distinct dossiers: sending a few at once keeps each dossier's order.
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, concurrency) }, async () => {
      while (next < rows.length) await dispatchRow(deps, rows[next++]!, report);
    }),
  );
  return report;
}

async function dispatchRow(deps: { db: Db; clock: Clock; portal: NationalPortal }, row: OutboxRow, report: SyncReport): Promise<void> {
  try {
    const outcome = await sendRow(deps, row);
    await markSent(deps.db, row.id, deps.clock.now(), outcome);
    report[outcome === 'sent' ? 'sent' : 'skipped']++;
  } catch (err) {
    const e = err instanceof NationalPortalError ? err : new NationalPortalError('unknown', err instanceof Error ? err.message : String(err));
    // The portal lost (or never had) the dossier: the next attempt sends it whole.
    if (e.errorCode === NOT_FOUND_CODE) await markSynced(deps.db, row.dossierId, null);
    const now = deps.clock.now();
    await markFailed(deps.db, row.id, { next: new Date(now.getTime() + retryDelayMs(row.attempts + 1)) }, e.message, e.outcome === 'unknown');
    report.failed++;
  }
}

async function sendRow(deps: { db: Db; clock: Clock; portal: NationalPortal }, row: OutboxRow): Promise<'sent' | 'skipped'> {
  const head = await readDossierHead(deps.db, row.dossierId);
  if (!head) return 'skipped';
  let entry: SyncEntry | undefined;
  if (row.kind === 'event') {
    [entry] = await readSyncEntries(deps.db, row.dossierId, { actionId: row.actionId! });
    if (!entry || !isReported(entry.action)) return 'skipped';
  }
  const maHoSo = head.maHoSo ?? head.code;
  // An online dossier has no code until the desk accepts it; the acceptance sends it whole.
  if (!maHoSo) return 'skipped';
  if (!head.maHoSo) await linkLocalDossier(deps.db, row.dossierId, maHoSo, deps.clock.now());
  if (row.kind === 'resync' || !head.syncedAt) {
    // Everything queued before this row (and this event): later rows follow it as progress updates.
    const entries = (await readSyncEntries(deps.db, row.dossierId, { uptoOutboxId: row.id })).filter((e) => isReported(e.action));
    await deps.portal.syncDossier(fullDossier(maHoSo, head, entries));
    await markSynced(deps.db, row.dossierId, deps.clock.now());
    return 'sent';
  }
  if (row.uncertain) {
    const theirs = await deps.portal.lookUp(maHoSo);
    if (theirs?.QuaTrinhXuLy.some((q) => q.MaQuaTrinh === entry!.actionId)) return 'sent';
  }
  await deps.portal.updateProgress(progressUpdate(maHoSo, entry!));
  return 'sent';
}
