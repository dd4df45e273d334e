/**
 * The national public-service portal's integration protocol (Cổng DVCQG), as the provincial systems speak it: an access
 * token, then one endpoint that takes `{ session, madonvi, service, … }` and answers `{ error_code, message, result }`.
 * Service names and field names are those of the known data set (vn-legal.md §8.4; vn-legal-2026.md §DVCQG: LayThuTuc,
 * LayDanhSachTTHC, LayDanhMucCoQuan, LayDanhMucLinhVuc, DongBoHoSoMC, CapNhatTienDoHoSoMC, TraCuuHoSo,
 * LayDanhSachHoiDapGuiTuDVCQG, DongBoKetQuaHoiDapGuiTuDVCQG). The addresses, the account and the agency code are
 * configuration (NATIONAL_PORTAL_*), not code. Dates travel as `yyyyMMddHHmmss` in Vietnam time.
 */
import { z } from 'zod';

export const nationalServices = [
  'LayThuTuc',
  'LayDanhSachTTHC',
  'LayDanhMucCoQuan',
  'LayDanhMucLinhVuc',
  'DongBoHoSoMC',
  'CapNhatTienDoHoSoMC',
  'TraCuuHoSo',
  'LayDanhSachHoiDapGuiTuDVCQG',
  'DongBoKetQuaHoiDapGuiTuDVCQG',
  // Not in the verified list: the pull of dossiers submitted on the portal. Its name is configuration
  // (NATIONAL_PORTAL_PULL_SERVICE); this is the simulator's.
  'LayDanhSachHoSoDVCQG',
] as const;
export type NationalService = (typeof nationalServices)[number];

/** TrangThaiHoSo of the data set (1 chờ tiếp nhận … 10 đã trả kết quả). */
export const ZTrangThaiHoSo = z.number().int().min(1).max(10);

const ZNgay = z.string().regex(/^\d{14}$/, 'yyyyMMddHHmmss');

/** One entry of the processing history: who did what, from which unit to which, when. */
export const ZQuaTrinhXuLy = z.object({
  /** Our ledger entry's number: tells a resent entry from a new one. */
  MaQuaTrinh: z.string().min(1).max(40),
  MaHoSo: z.string().min(1).max(60),
  NguoiXuLy: z.string().max(200),
  ChucDanh: z.string().max(200).default(''),
  ThoiDiemXuLy: ZNgay,
  PhongBanXuLy: z.string().max(300),
  /** Where the dossier went (a step's receiving unit, an inter-agency unit); empty when it stays. */
  PhongBanNhan: z.string().max(300).default(''),
  NoiDungXuLy: z.string().max(2000),
  TrangThai: ZTrangThaiHoSo,
  NgayBatDau: ZNgay.optional(),
  NgayKetThucTheoQuyDinh: ZNgay.optional(),
});
export type TQuaTrinhXuLy = z.infer<typeof ZQuaTrinhXuLy>;

export const ZTaiLieuNop = z.object({
  TenTepDinhKem: z.string().min(1).max(300),
  /** Name of the required document this file is given for. */
  TenGiayTo: z.string().max(300).optional(),
  DuocSoHoa: z.boolean().default(false),
  DuocLayTuKhoDMQG: z.boolean().default(false),
  DuongDanTaiLieu: z.string().max(2000).optional(),
  /** The file itself, base64 (the simulator and small files); otherwise fetched from DuongDanTaiLieu. */
  NoiDungTep: z.string().max(14_000_000).optional(),
});

export const ZPhiLePhi = z.object({ TenPhiLePhi: z.string().min(1).max(300), Gia: z.number().int().min(0).max(1_000_000_000) });

/**
 * The largest push of a dossier the inbound endpoint (and the simulator's push) reads: 64 MB of JSON, about 46 MB of
 * files once base64 is decoded — several scanned attachments of a few MB each, as citizens send them. One attachment stays
 * at most 14,000,000 characters (NoiDungTep, about 10 MB); the 100 attachments the schema allows are not all that large
 * at once. Beyond it the answer is 413 COMMON.TOO_LARGE. The body, its parse and the decoded files of one push stay
 * within a few hundred MB of memory at worst; the global limit (2 MB) still holds for every other route.
 */
export const NATIONAL_PUSH_BODY_LIMIT = 64 * 1024 * 1024;

/** A dossier as DongBoHoSoMC carries it and TraCuuHoSo returns it (the §8.4 field list). */
export const ZHoSo = z.object({
  MaHoSo: z.string().min(1).max(60),
  MaTTHC: z.string().min(1).max(30),
  TenTTHC: z.string().max(1000).default(''),
  MaTruongHop: z.string().max(60).default(''),
  MaLinhVuc: z.string().max(60).default(''),
  /** 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích. */
  KenhThucHien: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  ChuHoSo: z.string().min(1).max(200),
  /** 1 công dân, 2 doanh nghiệp/tổ chức. */
  LoaiDoiTuong: z.union([z.literal(1), z.literal(2)]).default(1),
  MaDoiTuong: z.string().min(1).max(20),
  NgaySinh: z.string().regex(/^\d{8}$/).optional(),
  SoDienThoai: z.string().max(20).default(''),
  Email: z.string().max(200).default(''),
  DiaChi: z.string().max(500).default(''),
  TrichYeuHoSo: z.string().max(2000).default(''),
  NgayNopHoSo: ZNgay,
  NgayTiepNhan: ZNgay.optional(),
  NgayHenTra: ZNgay.optional(),
  NgayKetThucXuLy: ZNgay.optional(),
  NgayTra: ZNgay.optional(),
  NgayTuChoi: ZNgay.optional(),
  TrangThaiHoSo: ZTrangThaiHoSo,
  /** 1 trực tiếp, 2 bưu chính, 3 trực tuyến. */
  HinhThucTra: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
  /** Unit code (MaCoQuan) of the agency that resolves it. */
  DonViXuLy: z.string().min(1).max(60),
  NoiNopHoSo: z.string().max(300).default(''),
  TaiKhoanDuocXacThucVoiVNeID: z.union([z.literal(0), z.literal(1)]).default(0),
  /** 0 not paid online, 1 paid on the national payment platform, 2 paid through the province's gateway. */
  DuocThanhToanTrucTuyen: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
  DanhSachPhiLePhi: z.array(ZPhiLePhi).max(50).default([]),
  DanhSachTaiLieuNop: z.array(ZTaiLieuNop).max(100).default([]),
  /** 1 when a component is digitised (one of DanhSachTaiLieuNop has DuocSoHoa), else 0. */
  HoSoCoThanhPhanSoHoa: z.union([z.literal(0), z.literal(1)]).default(0),
  DanhSachGiayToKetQua: z.array(z.object({ TenGiayTo: z.string().max(300), MaGiayToKetQua: z.string().max(100).default(''), DuongDanTepTinKetQua: z.string().max(2000).default('') })).max(50).default([]),
  /** The e-form's answers (dữ liệu biểu mẫu điện tử). */
  DuLieuBieuMau: z.record(z.string(), z.unknown()).default({}),
  QuaTrinhXuLy: z.array(ZQuaTrinhXuLy).max(2000).default([]),
});
export type THoSo = z.infer<typeof ZHoSo>;
export type THoSoInput = z.input<typeof ZHoSo>;

/** CapNhatTienDoHoSoMC: the new status and dates of a dossier with the history entry that made them. */
export const ZTienDo = z.object({
  MaHoSo: z.string().min(1).max(60),
  TrangThaiHoSo: ZTrangThaiHoSo,
  NgayHenTra: ZNgay.optional(),
  NgayKetThucXuLy: ZNgay.optional(),
  NgayTra: ZNgay.optional(),
  NgayTuChoi: ZNgay.optional(),
  QuaTrinhXuLy: ZQuaTrinhXuLy,
});
export type TTienDo = z.infer<typeof ZTienDo>;

export const ZThuTuc = z.object({
  MaTTHC: z.string(),
  TenTTHC: z.string(),
  MaLinhVuc: z.string().default(''),
  DanhSachTruongHop: z.array(z.object({ MaTruongHop: z.string(), TenTruongHop: z.string() })).default([]),
});
export type TThuTuc = z.infer<typeof ZThuTuc>;
export const ZCoQuan = z.object({ MaCoQuan: z.string(), TenCoQuan: z.string() });
export const ZLinhVuc = z.object({ MaLinhVuc: z.string(), TenLinhVuc: z.string() });
export const ZHoiDap = z.object({
  MaHoiDap: z.string().min(1).max(60),
  MaTTHC: z.string().max(30).default(''),
  /** The agency the question is addressed to (MaCoQuan); when absent, the owner of the procedure MaTTHC. */
  MaCoQuan: z.string().max(60).default(''),
  TieuDe: z.string().min(1).max(500),
  CauHoi: z.string().min(1).max(10_000),
  NguoiHoi: z.string().max(200).default(''),
  Email: z.string().max(200).default(''),
  SoDienThoai: z.string().max(20).default(''),
  NgayGui: ZNgay,
  TraLoi: z.string().default(''),
});
export type THoiDap = z.infer<typeof ZHoiDap>;

/** The envelope of every answer. error_code "0" is success. */
export const ZEnvelope = z.object({ error_code: z.string(), message: z.string().default(''), result: z.unknown().optional() });

/**
 * What went wrong with a call. `refused`: the portal answered and did not apply it (an error code, 4xx/5xx, an
 * outage page) — safe to send again. `unknown`: no usable answer (timeout, dropped connection) — it may have been
 * applied, so look it up before sending again.
 */
export class NationalPortalError extends Error {
  constructor(
    readonly outcome: 'refused' | 'unknown',
    readonly detail: string,
    readonly errorCode: string | null = null,
  ) {
    super(`national portal ${outcome}: ${detail}`);
    this.name = 'NationalPortalError';
  }
}

/** The portal's error code for a look-up of a dossier it does not hold. */
export const NOT_FOUND_CODE = '404';

/** One interface for the national portal, whatever carries it (HTTP client, the local simulator in tests). */
export interface NationalPortal {
  getProcedure(maTTHC: string): Promise<TThuTuc | null>;
  listProcedures(): Promise<TThuTuc[]>;
  listAgencies(): Promise<z.infer<typeof ZCoQuan>[]>;
  listFields(): Promise<z.infer<typeof ZLinhVuc>[]>;
  /** DongBoHoSoMC: the national copy of the dossier becomes this one (insert or replace). */
  syncDossier(hoSo: THoSo): Promise<void>;
  /**
   * CapNhatTienDoHoSoMC: progress entries, each with the status it leads to, applied in the order given (the service
   * takes a list, `data`); the dispatcher sends one dossier's entries per call.
   */
  updateProgress(updates: TTienDo[]): Promise<void>;
  /** TraCuuHoSo: the national copy, or null when the portal does not hold it. */
  lookUp(maHoSo: string): Promise<THoSo | null>;
  /**
   * Dossiers submitted on the national portal after `cursor` (null: from its start), oldest first, at most `limit`, and
   * the cursor to ask from next time. Entries that do not parse come back apart, with the code they carry if any.
   */
  listSubmitted(cursor: string | null, limit: number): Promise<{ items: THoSo[]; malformed: { maHoSo: string | null; error: string }[]; cursor: string }>;
  listQuestions(): Promise<THoiDap[]>;
  answerQuestion(maHoiDap: string, traLoi: string): Promise<void>;
}
