/**
 * What the national portal is told about a dossier's ledger events, and how its copy is compared with ours (pure).
 * QĐ 31/2021/QĐ-TTg Điều 30 k3: the provincial system syncs dossiers and their processing progress; TT 22/2019/TT-BTTTT
 * Điều 4: each step shows its status. Statuses map to TrangThaiHoSo through the one status table (dossier-actions.rules.ts).
 */
import { actionSpec, statusInfo } from '../dossiers/dossier-actions.rules.js';
import type { DossierStatus } from '../dossiers/dossier.rules.js';
import type { DossierEventType } from '../dossiers/dossier-events.rules.js';
import { VN_OFFSET_MS } from '../working-calendar/vn-time.js';
import type { TQuaTrinhXuLy, TTienDo } from './national-portal.contract.js';

/**
 * The events the national portal hears about: every change of status, step, unit, deadline or outcome. Files, downloads,
 * delivery preferences and the overdue mark change none of what the data set holds, so they are not sent.
 */
export const reportedEvents = [
  'submit', 'accept', 'reject_intake', 'claim', 'assign', 'forward', 'send_back', 'transfer', 'transfer_back', 'request_supplement',
  'supplement_received', 'apologise', 'approve', 'return_result', 'withdraw', 'stop', 'refuse',
] as const satisfies readonly DossierEventType[];

/** The national portal is connected: a real one configured, or the simulator in the demo (never in production). */
export function nationalPortalConnected(c: { mode: 'demo' | 'production'; nationalPortalUrl?: string | undefined; nationalPortalSimulator: boolean }): boolean {
  return Boolean(c.nationalPortalUrl) || (c.mode === 'demo' && c.nationalPortalSimulator);
}

export function isReported(action: string): boolean {
  return (reportedEvents as readonly string[]).includes(action);
}

/** `yyyyMMddHHmmss` in Vietnam time, the data set's date format. */
export function nationalDate(at: Date): string {
  const d = new Date(at.getTime() + VN_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** The instant of a `yyyyMMddHHmmss` Vietnam-time date (null when it is not one). */
export function parseNationalDate(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, se) - VN_OFFSET_MS;
  const back = new Date(t + VN_OFFSET_MS);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) return null;
  return new Date(t);
}

/** One ledger entry as the sync reads it, with the units it went from and to. */
export type SyncEntry = {
  actionId: string;
  at: Date;
  action: string;
  actorName: string;
  toStatus: DossierStatus;
  note: string | null;
  data: Record<string, unknown> | null;
  /** The unit that held the dossier before the event, and the one holding it after. */
  fromUnit: string;
  toUnit: string;
};

export const nationalStatusOf = (s: DossierStatus): number => statusInfo[s].nationalCode;

const label = (action: string): string => (action in actionSpec ? actionSpec[action as keyof typeof actionSpec].label : action === 'submit' ? 'Nộp hồ sơ trực tuyến' : action);

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** The history entry (QuaTrinhXuLy) of a reported event. */
export function progressEntry(maHoSo: string, e: SyncEntry): TQuaTrinhXuLy {
  const moved = e.toUnit !== e.fromUnit;
  const content = [label(e.action), moved ? `từ ${e.fromUnit} đến ${e.toUnit}` : null, e.note].filter(Boolean).join(' — ');
  return {
    MaQuaTrinh: e.actionId,
    MaHoSo: maHoSo,
    NguoiXuLy: e.actorName,
    ChucDanh: '',
    ThoiDiemXuLy: nationalDate(e.at),
    PhongBanXuLy: e.fromUnit,
    PhongBanNhan: moved ? e.toUnit : '',
    NoiDungXuLy: content.slice(0, 2000),
    TrangThai: nationalStatusOf(e.toStatus),
  };
}

/**
 * The progress update (CapNhatTienDoHoSoMC) of a reported event: the status it leads to, the dates it sets (the
 * appointment at acceptance, supplementation and apology; the end of processing; the return; the refusal) and its entry.
 */
export function progressUpdate(maHoSo: string, e: SyncEntry): TTienDo {
  const u: TTienDo = { MaHoSo: maHoSo, TrangThaiHoSo: nationalStatusOf(e.toStatus), QuaTrinhXuLy: progressEntry(maHoSo, e) };
  const d = e.data ?? {};
  const due = e.action === 'accept' ? str((d.schedule as Record<string, unknown> | undefined)?.dueAt) : e.action === 'supplement_received' || e.action === 'apologise' ? str(d.newDueAt) : null;
  if (due) u.NgayHenTra = nationalDate(new Date(due));
  if (e.action === 'approve' || e.action === 'refuse' || e.action === 'stop' || e.action === 'withdraw') u.NgayKetThucXuLy = nationalDate(e.at);
  if (e.action === 'return_result') u.NgayTra = nationalDate(e.at);
  if (e.action === 'reject_intake' || e.action === 'refuse') u.NgayTuChoi = nationalDate(e.at);
  return u;
}

/**
 * Delay before the next attempt after `attempts` failed ones: 30 s doubling to a 15-minute ceiling. A sync row is never
 * given up: an outage of hours ends with everything sent; a dossier whose next row has failed `FAILED_AFTER` times or
 * more counts as "failing, retrying" on the dashboard (QĐ 766 indicator 1.4) until it goes through: from the first
 * failure, so an outage shows at once.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
}
export const FAILED_AFTER = 1;

/** Minimum time between two warnings in the log about failed sync batches: one per outage minute would drown the log. */
export const SYNC_WARNING_EVERY_MS = 5 * 60_000;

/** Whether a failed batch at `now` is logged as a warning, the last one having been logged at `lastAt` (pure). */
export function warnsNow(lastAt: number | null, now: number): boolean {
  return lastAt === null || now - lastAt >= SYNC_WARNING_EVERY_MS;
}

/** Connected when a portal is configured and its last failed batch, if any, was followed (later on the clock) by one that went through. */
export function connectedNow(configured: boolean, health: { lastSuccessAt: Date | null; lastFailureAt: Date | null }): boolean {
  if (!configured) return false;
  return !health.lastFailureAt || (health.lastSuccessAt !== null && health.lastSuccessAt > health.lastFailureAt);
}

/**
 * Our side and theirs of one dossier, as the reconciliation compares them; `documents` (components and results as
 * documentsView gives them) when the comparison reads them too.
 */
export type SyncView = { status: number; history: string[]; documents?: { components: string[]; results: string[] } };
export type DifferenceKind = 'missing' | 'status' | 'progress' | 'documents';

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * How the national copy differs from ours: not there, another status, another history (an entry missing, extra,
 * repeated or out of order), or other components or results (a name, a flag or a link). Null when equal.
 */
export function compareCopies(ours: SyncView, theirs: SyncView | null): DifferenceKind | null {
  if (!theirs) return 'missing';
  if (theirs.status !== ours.status) return 'status';
  if (!sameList(theirs.history, ours.history)) return 'progress';
  if (ours.documents && theirs.documents && !(sameList(ours.documents.components, theirs.documents.components) && sameList(ours.documents.results, theirs.documents.results))) return 'documents';
  return null;
}

/** RFC 3986 characters only: no space, control, quote or angle bracket (a link shown to the officer is not markup). */
const URL_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;

/** Loopback, private, link-local, unspecified and unique-local addresses, and names that stand for this machine. */
function isInternalHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')) return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (h.includes(':')) {
    // IPv6 (the URL parser gives it compressed and lower-case): loopback, unspecified, unique-local, link-local, v4-mapped.
    return h === '::1' || h === '::' || /^f[cd][0-9a-f]{2}:/.test(h) || /^fe[89ab][0-9a-f]:/.test(h) || h.startsWith('::ffff:');
  }
  return false;
}

/**
 * The link of a file the national portal gives only by its address (DuongDanTaiLieu), normalised as it will be shown
 * to the officer, or null when it is not one we may show: only https:// (the portal serves its files over TLS), no
 * user name or password in it, no space, control or markup character, and not to our own host (PUBLIC_URL: a link
 * into our own API opened with the officer's session) nor to a loopback or private address (our internal network).
 */
export function fileLink(raw: string, ownHost: string): string | null {
  if (!URL_CHARS.test(raw)) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.hostname === '' || u.username !== '' || u.password !== '') return null;
  const host = u.hostname.toLowerCase().replace(/\.$/, '');
  if (host === ownHost.toLowerCase() || isInternalHost(host)) return null;
  return u.href;
}

/** How far back "Đối soát ngay" reaches: a year of days (older dossiers are long reconciled by the hourly job). */
export const RECONCILE_MAX_DAYS_BACK = 366;

/** Whether `day` (yyyy-mm-dd) may be reconciled on `today` (Vietnam date): not in the future, not older than the floor. */
export function reconcilableDay(day: string, today: string): boolean {
  const d = Date.parse(`${day}T00:00:00Z`);
  const t = Date.parse(`${today}T00:00:00Z`);
  // A calendar date as written (2026-02-30 is no day, not 2 March).
  if (Number.isNaN(d) || Number.isNaN(t) || new Date(d).toISOString().slice(0, 10) !== day) return false;
  return d <= t && t - d <= RECONCILE_MAX_DAYS_BACK * 86_400_000;
}
