import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import { nationalDate } from './national-portal.rules.js';
import { NATIONAL_PORTAL_APPLICANTS, type DemoPerson } from '../../seed/demo-people.js';
import { NOT_FOUND_CODE, ZHoSo, ZTienDo, nationalServices, type THoSo, type THoiDap, type TThuTuc, type NationalService } from './national-portal.contract.js';

/** One call the simulator received, kept in order: what the tests read to check "once, in order". */
/** `call` numbers the HTTP calls: the items of one call (DongBoHoSoMC and CapNhatTienDoHoSoMC take lists) share it. */
export type SimCall = { service: NationalService; call: number; maHoSo: string | null; maQuaTrinh: string | null; trangThai: number | null; applied: boolean };

export type SimAnswer = { status: number; body: unknown };

/**
 * A local stand-in for the national portal (Cổng DVCQG) speaking the protocol of national-portal.contract.ts, for the
 * demo and the tests only (never in production mode: config.rules.ts). It keeps its own copy of dossiers and their
 * statuses, a small catalogue, questions from citizens, a log of every call, and can be told to refuse every call until
 * a time on the injected clock (an outage) or to apply a call and then drop the answer (a lost reply).
 */
export class NationalPortalSimulator {
  readonly dossiers = new Map<string, THoSo>();
  readonly calls: SimCall[] = [];
  readonly questions: THoiDap[] = [];
  /** Dossiers citizens submitted on the portal, in the order they came (what the pull lists). */
  readonly submitted: { seq: number; hoSo: THoSo }[] = [];
  readonly catalogue: TThuTuc[] = [];
  readonly agencies: { MaCoQuan: string; TenCoQuan: string }[] = [];
  readonly fields: { MaLinhVuc: string; TenLinhVuc: string }[] = [];
  private refuseUntil = 0;
  private callCount = 0;
  private dropAnswers = 0;
  private readonly sessions = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly account: { username: string; password: string },
  ) {}

  /** Every call is answered 503 until `seconds` from now on the clock. */
  refuseFor(seconds: number): void {
    this.refuseUntil = this.clock.now().getTime() + seconds * 1000;
  }

  /** The next `n` calls are applied but their answers are lost (the caller sees a dropped connection). */
  dropNextAnswers(n: number): void {
    this.dropAnswers = n;
  }

  /** A citizen submits a dossier on the portal: it is held there and listed for the pull (pushing it is the caller's). */
  submit(hoSo: THoSo): void {
    if (this.submitted.some((x) => x.hoSo.MaHoSo === hoSo.MaHoSo)) return;
    this.dossiers.set(hoSo.MaHoSo, structuredClone(hoSo));
    this.submitted.push({ seq: this.submitted.length + 1, hoSo: structuredClone(hoSo) });
  }

  get refusing(): boolean {
    return this.clock.now().getTime() < this.refuseUntil;
  }

  /** The protocol: POST /token and POST /service. */
  handle(path: string, body: unknown): SimAnswer | 'dropped' {
    if (this.refusing) return { status: 503, body: { error_code: '503', message: 'Hệ thống đang bảo trì' } };
    const b = (body ?? {}) as Record<string, unknown>;
    if (path === '/token') {
      if (b.username !== this.account.username || b.password !== this.account.password) return { status: 200, body: { error_code: '401', message: 'Sai tài khoản' } };
      const session = randomUUID();
      this.sessions.set(session, this.clock.now().getTime() + 3600_000);
      return { status: 200, body: { error_code: '0', session, expires_in: 3600 } };
    }
    if (path !== '/service') return { status: 404, body: { error_code: '404', message: 'Không có dịch vụ' } };
    const until = this.sessions.get(String(b.session));
    if (!until || until <= this.clock.now().getTime()) return { status: 200, body: { error_code: '401', message: 'Phiên hết hạn' } };
    const service = b.service as NationalService;
    if (!nationalServices.includes(service)) return { status: 200, body: { error_code: '400', message: 'Dịch vụ không hợp lệ' } };
    this.callCount++;
    const answer = this.serve(service, b);
    if (this.dropAnswers > 0) {
      this.dropAnswers--;
      return 'dropped';
    }
    return answer;
  }

  private serve(service: NationalService, b: Record<string, unknown>): SimAnswer {
    const ok = (result?: unknown): SimAnswer => ({ status: 200, body: { error_code: '0', message: '', result } });
    const bad = (code: string, message: string): SimAnswer => ({ status: 200, body: { error_code: code, message } });
    switch (service) {
      case 'LayThuTuc': {
        const p = this.catalogue.find((x) => x.MaTTHC === b.maTTHC);
        return p ? ok(p) : bad(NOT_FOUND_CODE, 'Không có thủ tục');
      }
      case 'LayDanhSachTTHC':
        return ok(this.catalogue);
      case 'LayDanhMucCoQuan':
        return ok(this.agencies);
      case 'LayDanhMucLinhVuc':
        return ok(this.fields);
      case 'DongBoHoSoMC': {
        const items = Array.isArray(b.data) ? b.data : [];
        const parsed = items.map((x) => ZHoSo.safeParse(x));
        if (parsed.length === 0 || parsed.some((p) => !p.success)) return bad('400', 'Dữ liệu hồ sơ không hợp lệ');
        for (const p of parsed) {
          const h = p.data!;
          this.dossiers.set(h.MaHoSo, structuredClone(h));
          this.calls.push({ service, call: this.callCount, maHoSo: h.MaHoSo, maQuaTrinh: null, trangThai: h.TrangThaiHoSo, applied: true });
        }
        return ok();
      }
      case 'CapNhatTienDoHoSoMC': {
        const items = Array.isArray(b.data) ? b.data : [];
        const parsed = items.map((x) => ZTienDo.safeParse(x));
        if (parsed.length === 0 || parsed.some((p) => !p.success)) return bad('400', 'Dữ liệu tiến độ không hợp lệ');
        // A call is applied whole or not at all.
        if (parsed.some((p) => !this.dossiers.has(p.data!.MaHoSo))) return bad(NOT_FOUND_CODE, 'Chưa có hồ sơ');
        for (const p of parsed) {
          const u = p.data!;
          const h = this.dossiers.get(u.MaHoSo)!;
          // A real portal appends what it is sent: a duplicate stays a duplicate, which the tests would see.
          h.QuaTrinhXuLy.push(u.QuaTrinhXuLy);
          h.TrangThaiHoSo = u.TrangThaiHoSo;
          for (const k of ['NgayHenTra', 'NgayKetThucXuLy', 'NgayTra', 'NgayTuChoi'] as const) if (u[k]) h[k] = u[k];
          this.calls.push({ service, call: this.callCount, maHoSo: u.MaHoSo, maQuaTrinh: u.QuaTrinhXuLy.MaQuaTrinh, trangThai: u.TrangThaiHoSo, applied: true });
        }
        return ok();
      }
      case 'TraCuuHoSo': {
        // A look-up reads: the answer is a copy, so nothing done with it can change what the portal holds.
        const h = this.dossiers.get(String(b.MaHoSo));
        return h ? ok(structuredClone(h)) : bad(NOT_FOUND_CODE, 'Không tìm thấy hồ sơ');
      }
      case 'LayDanhSachHoSoDVCQG': {
        const after = /^\d{1,9}$/.test(String(b.ConTro ?? '')) ? Number(b.ConTro) : 0;
        const limit = Math.min(Math.max(Number(b.SoLuong) || 50, 1), 500);
        const page = this.submitted.filter((x) => x.seq > after).slice(0, limit);
        return ok({ DanhSachHoSo: page.map((x) => x.hoSo), ConTro: String(page.at(-1)?.seq ?? after) });
      }
      case 'LayDanhSachHoiDapGuiTuDVCQG':
        return ok(this.questions.filter((q) => !q.TraLoi));
      case 'DongBoKetQuaHoiDapGuiTuDVCQG': {
        const q = this.questions.find((x) => x.MaHoiDap === b.MaHoiDap);
        if (!q) return bad(NOT_FOUND_CODE, 'Không có câu hỏi');
        q.TraLoi = String(b.TraLoi ?? '');
        return ok();
      }
    }
  }

  /** A `fetch` that reaches this simulator without a network: what the tests hand the HTTP client. */
  readonly fetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const path = url.pathname.replace(/^.*(\/token|\/service)$/, '$1');
    let body: unknown;
    try {
      body = JSON.parse(String(init?.body ?? 'null'));
    } catch {
      return new Response('{"error_code":"400","message":"JSON"}', { status: 400 });
    }
    const a = this.handle(path, body);
    if (a === 'dropped') throw new TypeError('fetch failed: connection reset (simulated)');
    return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json' } });
  };

  /** The national copy in the shape the comparison uses: status and history entries per dossier. */
  snapshot(): Map<string, { status: number; history: string[] }> {
    return new Map([...this.dossiers].map(([k, h]) => [k, { status: h.TrangThaiHoSo, history: h.QuaTrinhXuLy.map((q) => q.MaQuaTrinh) }]));
  }
}

const simulators = new WeakMap<object, NationalPortalSimulator>();

/** The one simulator of an application context (created on first use; with the demo's records when the demo is seeded). */
export function simulatorFor(ctx: { clock: Clock; config: { nationalPortalUsername: string; nationalPortalPassword: string; mode?: string; seedDemo?: boolean } }): NationalPortalSimulator {
  let s = simulators.get(ctx);
  if (!s) {
    s = new NationalPortalSimulator(ctx.clock, { username: ctx.config.nationalPortalUsername, password: ctx.config.nationalPortalPassword });
    if (ctx.config.mode === 'demo' && ctx.config.seedDemo) seedDemoRecords(s, ctx.clock);
    simulators.set(ctx, s);
  }
  return s;
}

/** The applicant's fields of a dossier submitted on the portal, from the demo's one list of people. */
const applicantFields = (p: DemoPerson) => ({ ChuHoSo: p.fullName, MaDoiTuong: p.idNumber, SoDienThoai: p.phone, DiaChi: p.address });

/**
 * What the demo's national portal holds at start: two dossiers citizens submitted there for the An Bình A ward
 * (Đồng Tháp) that never reached us — the pull job (every five minutes) brings them to the ward's desk, "online,
 * waiting" — and a citizen's question for the ward, which the Q&A job puts in its feedback register. Codes are fixed,
 * so a restart (the simulator lives in memory) finds them again and the pull keeps them one dossier each.
 */
export function seedDemoRecords(sim: NationalPortalSimulator, clock: Clock): void {
  const now = clock.now();
  const at = (minutesAgo: number) => nationalDate(new Date(now.getTime() - minutesAgo * 60_000));
  const ward = '000.00.71.H20';
  const common = { KenhThucHien: 2, TrangThaiHoSo: 1, DonViXuLy: ward, NoiNopHoSo: 'Cổng Dịch vụ công quốc gia', TaiKhoanDuocXacThucVoiVNeID: 1, HinhThucTra: 1 } as const;
  sim.submit(
    ZHoSo.parse({
      ...common,
      MaHoSo: 'G20.71-DEMO-0001',
      MaTTHC: '1.001193',
      TenTTHC: 'Đăng ký khai sinh',
      ...applicantFields(NATIONAL_PORTAL_APPLICANTS.birthRegistration),
      TrichYeuHoSo: 'Đăng ký khai sinh cho con Nguyễn Trần Gia Hân',
      NgayNopHoSo: at(90),
      // Every file comes with its content or its link (an empty one is refused, NATIONAL.EMPTY_ATTACHMENT).
      DanhSachTaiLieuNop: [{ TenTepDinhKem: 'giay-chung-sinh.pdf', TenGiayTo: 'Giấy chứng sinh', DuocSoHoa: true, DuongDanTaiLieu: 'https://dichvucong.gov.vn/tep/G20.71-DEMO-0001/giay-chung-sinh.pdf' }],
      // Answers of the seed's birth-registration form: the national portal's copy is validated on arrival like ours.
      DuLieuBieuMau: {
        hoTenNguoiYeuCau: NATIONAL_PORTAL_APPLICANTS.birthRegistration.fullName,
        soDinhDanhNguoiYeuCau: NATIONAL_PORTAL_APPLICANTS.birthRegistration.idNumber,
        noiCuTruNguoiYeuCau: NATIONAL_PORTAL_APPLICANTS.birthRegistration.address,
        quanHe: 'Mẹ',
        hoTen: 'Nguyễn Trần Gia Hân',
        ngaySinh: '2026-11-28',
        gioiTinh: 'Nữ',
        noiSinh: 'Bệnh viện Đa khoa Đồng Tháp',
        hoTenMe: NATIONAL_PORTAL_APPLICANTS.birthRegistration.fullName,
      },
    }),
  );
  sim.submit(
    ZHoSo.parse({
      ...common,
      MaHoSo: 'G20.71-DEMO-0002',
      MaTTHC: '1.004194',
      TenTTHC: 'Đăng ký tạm trú',
      ...applicantFields(NATIONAL_PORTAL_APPLICANTS.temporaryResidence),
      NgayNopHoSo: at(45),
      DuocThanhToanTrucTuyen: 1,
      DanhSachPhiLePhi: [{ TenPhiLePhi: 'Lệ phí đăng ký tạm trú', Gia: 15000 }],
      DanhSachTaiLieuNop: [{ TenTepDinhKem: 'hop-dong-thue-nha.pdf', TenGiayTo: 'Hợp đồng thuê nhà', DuocSoHoa: true, DuongDanTaiLieu: 'https://dichvucong.gov.vn/tep/G20.71-DEMO-0002/hop-dong-thue-nha.pdf' }],
      DuLieuBieuMau: {
        hoTen: NATIONAL_PORTAL_APPLICANTS.temporaryResidence.fullName,
        ngaySinh: NATIONAL_PORTAL_APPLICANTS.temporaryResidence.birthDate,
        gioiTinh: NATIONAL_PORTAL_APPLICANTS.temporaryResidence.sex === 'male' ? 'Nam' : 'Nữ',
        soDinhDanh: NATIONAL_PORTAL_APPLICANTS.temporaryResidence.idNumber,
        diaChiTamTru: 'Số 12 đường Lý Thường Kiệt, phường An Bình A',
        thoiHanTamTru: 12,
      },
    }),
  );
  if (!sim.questions.some((q) => q.MaHoiDap === 'HD-DEMO-0001')) {
    sim.questions.push({
      MaHoiDap: 'HD-DEMO-0001',
      MaTTHC: '1.001193',
      MaCoQuan: ward,
      TieuDe: 'Đăng ký khai sinh quá hạn',
      CauHoi: 'Con tôi sinh được 70 ngày, nay đăng ký khai sinh có bị phạt không và cần giấy tờ gì?',
      NguoiHoi: 'Phạm Thị Thu',
      Email: 'thu.pham@example.vn',
      SoDienThoai: '',
      NgayGui: at(120),
      TraLoi: '',
    });
  }
}
