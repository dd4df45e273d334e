import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dossierStatuses } from '../dossiers/dossier.rules.js';
import { documentsView } from './national-portal.documents.rules.js';
import { compareCopies, nationalDate, parseNationalDate, progressUpdate, retryDelayMs, type SyncEntry, fileLink, reconcilableDay } from './national-portal.rules.js';

const entry = (over: Partial<SyncEntry>): SyncEntry => ({ actionId: '7', at: new Date('2026-12-07T02:00:00Z'), action: 'forward', actorName: 'Lê Văn B', toStatus: 'processing', note: null, data: null, fromUnit: 'A', toUnit: 'A', ...over });

describe('status codes from ledger events (TrangThaiHoSo 1–10)', () => {
  // Hand-computed from the data set: 1 chờ tiếp nhận, 2 đã tiếp nhận, 3 không tiếp nhận, 4 đang xử lý, 5 chờ bổ sung,
  // 7 rút, 8 dừng / từ chối, 9 có kết quả chờ trả, 10 đã trả.
  it.each([
    ['submit', 'awaiting_acceptance', 1],
    ['accept', 'received', 2],
    ['reject_intake', 'not_accepted', 3],
    ['claim', 'processing', 4],
    ['transfer', 'interagency', 4],
    ['request_supplement', 'supplement_requested', 5],
    ['withdraw', 'withdrawn', 7],
    ['stop', 'stopped', 8],
    ['refuse', 'refused', 8],
    ['approve', 'result_ready', 9],
    ['return_result', 'returned', 10],
  ] as const)('%s → %s → %i', (action, toStatus, code) => {
    expect(progressUpdate('H1', entry({ action, toStatus })).TrangThaiHoSo).toBe(code);
  });

  it('dates: appointment at acceptance and apology, end on approval, return, refusal', () => {
    const at = new Date('2026-12-07T02:00:00Z');
    expect(progressUpdate('H1', entry({ action: 'accept', toStatus: 'received', data: { schedule: { dueAt: '2026-12-10T09:30:00Z' } } })).NgayHenTra).toBe('20261210163000');
    expect(progressUpdate('H1', entry({ action: 'apologise', toStatus: 'processing', data: { newDueAt: '2026-12-11T01:00:00Z' } })).NgayHenTra).toBe('20261211080000');
    expect(progressUpdate('H1', entry({ action: 'approve', toStatus: 'result_ready', at })).NgayKetThucXuLy).toBe('20261207090000');
    expect(progressUpdate('H1', entry({ action: 'return_result', toStatus: 'returned', at })).NgayTra).toBe('20261207090000');
    expect(progressUpdate('H1', entry({ action: 'refuse', toStatus: 'refused', at })).NgayTuChoi).toBe('20261207090000');
  });

  it('a step names the sender and the receiving step', () => {
    const q = progressUpdate('H1', entry({ fromUnit: 'Tiếp nhận — UBND xã', toUnit: 'Thẩm định — UBND xã' })).QuaTrinhXuLy;
    expect(q).toMatchObject({ MaQuaTrinh: '7', NguoiXuLy: 'Lê Văn B', PhongBanXuLy: 'Tiếp nhận — UBND xã', PhongBanNhan: 'Thẩm định — UBND xã', ThoiDiemXuLy: '20261207090000' });
  });

  it('every status has a code in 1–10', () => {
    for (const s of dossierStatuses) expect(progressUpdate('H', entry({ toStatus: s })).TrangThaiHoSo).toBeGreaterThanOrEqual(1);
  });
});

describe('dates and retries', () => {
  it('yyyyMMddHHmmss in Vietnam time round-trips; impossible dates are refused', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }), (ms) => {
      const d = new Date(Math.floor(ms / 1000) * 1000);
      expect(parseNationalDate(nationalDate(d))?.getTime()).toBe(d.getTime());
    }));
    expect(parseNationalDate('20260231080000')).toBeNull();
    expect(parseNationalDate('2026-12-07')).toBeNull();
  });

  it('backoff doubles from 30 s to a 15-minute ceiling and never gives up', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000]);
  });
});

describe('comparing the national copy with ours', () => {
  it('missing, status, progress, or equal', () => {
    const ours = { status: 4, history: ['1', '2'] };
    expect(compareCopies(ours, null)).toBe('missing');
    expect(compareCopies(ours, { status: 2, history: ['1', '2'] })).toBe('status');
    expect(compareCopies(ours, { status: 4, history: ['1', '2', '2'] })).toBe('progress');
    expect(compareCopies(ours, { status: 4, history: ['2', '1'] })).toBe('progress');
    expect(compareCopies(ours, { status: 4, history: ['1', '2'] })).toBeNull();
    const docs = { components: ['Giấy chứng sinh|gcs.pdf|1|0|https://x/api/f'], results: [] };
    expect(compareCopies({ ...ours, documents: docs }, { ...ours, documents: docs })).toBeNull();
    expect(compareCopies({ ...ours, documents: docs }, { ...ours, documents: { components: ['Giấy chứng sinh|gcs.pdf|0|0|https://x/api/f'], results: [] } })).toBe('documents');
    expect(compareCopies({ ...ours, documents: docs }, { ...ours, documents: { components: docs.components, results: ['Giấy khai sinh||https://x/api/r'] } })).toBe('documents');
  });
});

describe('a file link from the national portal (DuongDanTaiLieu)', () => {
  const OWN = 'motcua.tinh.gov.vn';
  it.each([
    ['https://dichvucong.gov.vn/tep/G20/a.pdf', 'https://dichvucong.gov.vn/tep/G20/a.pdf'],
    ['HTTPS://DichVuCong.gov.vn/tep/a.pdf', 'https://dichvucong.gov.vn/tep/a.pdf'],
    ['https://dichvucong.gov.vn:8443/tep/a%20b.pdf?v=1#p', 'https://dichvucong.gov.vn:8443/tep/a%20b.pdf?v=1#p'],
  ])('%s is kept as %s', (raw, kept) => {
    expect(fileLink(raw, OWN)).toBe(kept);
  });
  it.each([
    'http://dichvucong.gov.vn/tep/a.pdf', // not TLS
    ' https://dichvucong.gov.vn/a.pdf', // leading space
    'https://dichvucong.gov.vn/a.pdf\n',
    'https://dichvucong.gov.vn/a b.pdf',
    'https://dichvucong.gov.vn/<script>alert(1)</script>',
    'https://dichvucong.gov.vn/"onmouseover=x',
    'https://user:pw@dichvucong.gov.vn/a.pdf',
    'https://motcua.tinh.gov.vn/api/dossiers', // our own API
    'https://MOTCUA.tinh.gov.vn./api/dossiers',
    'https://127.0.0.1:3000/api/citizen/me',
    'https://localhost/a.pdf',
    'https://10.0.0.5/a.pdf',
    'https://172.20.1.1/a.pdf',
    'https://192.168.1.1/a.pdf',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/a.pdf',
    'https://[fd00::1]/a.pdf',
    'https://[::ffff:127.0.0.1]/a.pdf',
    'https://0.0.0.0/a.pdf',
    'https://2130706433/a.pdf', // 127.0.0.1 as one number
    'javascript:alert(1)',
    'https://',
    '',
  ])('%j is refused', (raw) => {
    expect(fileLink(raw, OWN)).toBeNull();
  });
});

describe('the day "Đối soát ngay" may run for', () => {
  it.each([
    ['2026-12-07', true],
    ['2026-12-06', true],
    ['2025-12-06', true], // 366 days back
    ['2025-12-05', false],
    ['2026-12-08', false],
    ['2099-01-01', false],
    ['2026-02-30', false],
  ])('%s on 2026-12-07: %s', (day, ok) => {
    expect(reconcilableDay(day, '2026-12-07')).toBe(ok);
  });
});

describe('documentsView', () => {
  it('our signed links count by their address only; another host\'s link counts whole', () => {
    const a = { DanhSachTaiLieuNop: [{ TenGiayTo: 'A', TenTepDinhKem: 'a.pdf', DuocSoHoa: true, DuocLayTuKhoDMQG: false, DuongDanTaiLieu: 'https://mc.vn/api/national-portal/files/1/component/2?exp=1&sig=x' }], DanhSachGiayToKetQua: [] };
    const b = { ...a, DanhSachTaiLieuNop: [{ ...a.DanhSachTaiLieuNop[0]!, DuongDanTaiLieu: 'https://mc.vn/api/national-portal/files/1/component/2?exp=2&sig=y' }] };
    expect(documentsView(a, 'https://mc.vn')).toEqual(documentsView(b, 'https://mc.vn'));
    expect(documentsView(a, 'https://mc.vn').components).toEqual(['A|a.pdf|1|0|https://mc.vn/api/national-portal/files/1/component/2']);
    expect(documentsView(a, 'https://other.vn')).not.toEqual(documentsView(b, 'https://other.vn'));
  });
});
