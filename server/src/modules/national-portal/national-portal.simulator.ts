import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import { NOT_FOUND_CODE, ZHoSo, ZTienDo, nationalServices, type THoSo, type THoiDap, type TThuTuc, type NationalService } from './national-portal.contract.js';

/** One call the simulator received, kept in order: what the tests read to check "once, in order". */
export type SimCall = { service: NationalService; maHoSo: string | null; maQuaTrinh: string | null; trangThai: number | null; applied: boolean };

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
  readonly catalogue: TThuTuc[] = [];
  readonly agencies: { MaCoQuan: string; TenCoQuan: string }[] = [];
  readonly fields: { MaLinhVuc: string; TenLinhVuc: string }[] = [];
  private refuseUntil = 0;
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
          this.calls.push({ service, maHoSo: h.MaHoSo, maQuaTrinh: null, trangThai: h.TrangThaiHoSo, applied: true });
        }
        return ok();
      }
      case 'CapNhatTienDoHoSoMC': {
        const items = Array.isArray(b.data) ? b.data : [];
        const parsed = items.map((x) => ZTienDo.safeParse(x));
        if (parsed.length === 0 || parsed.some((p) => !p.success)) return bad('400', 'Dữ liệu tiến độ không hợp lệ');
        for (const p of parsed) {
          const u = p.data!;
          const h = this.dossiers.get(u.MaHoSo);
          if (!h) return bad(NOT_FOUND_CODE, 'Chưa có hồ sơ');
          // A real portal appends what it is sent: a duplicate stays a duplicate, which the tests would see.
          h.QuaTrinhXuLy.push(u.QuaTrinhXuLy);
          h.TrangThaiHoSo = u.TrangThaiHoSo;
          for (const k of ['NgayHenTra', 'NgayKetThucXuLy', 'NgayTra', 'NgayTuChoi'] as const) if (u[k]) h[k] = u[k];
          this.calls.push({ service, maHoSo: u.MaHoSo, maQuaTrinh: u.QuaTrinhXuLy.MaQuaTrinh, trangThai: u.TrangThaiHoSo, applied: true });
        }
        return ok();
      }
      case 'TraCuuHoSo': {
        const h = this.dossiers.get(String(b.MaHoSo));
        return h ? ok(h) : bad(NOT_FOUND_CODE, 'Không tìm thấy hồ sơ');
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

/** The one simulator of an application context (created on first use). */
export function simulatorFor(ctx: { clock: Clock; config: { nationalPortalUsername: string; nationalPortalPassword: string } }): NationalPortalSimulator {
  let s = simulators.get(ctx);
  if (!s) {
    s = new NationalPortalSimulator(ctx.clock, { username: ctx.config.nationalPortalUsername, password: ctx.config.nationalPortalPassword });
    simulators.set(ctx, s);
  }
  return s;
}
