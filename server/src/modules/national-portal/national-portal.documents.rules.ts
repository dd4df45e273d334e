/**
 * The components (DanhSachTaiLieuNop) and results (DanhSachGiayToKetQua) of a dossier as the national data set carries
 * them (vn-legal.md §8.4: TaiLieuNop with DuocSoHoa, DuocLayTuKhoDMQG and the file's link; GiayToKetQua with TenGiayTo,
 * MaGiayToKetQua, DuongDanTepTinKetQua), and how the reconciliation compares them. Pure: the links come from the caller
 * (signed download links at PUBLIC_URL, national-portal.links.ts). Never the file's content: the portal fetches it.
 */
import type { THoSo } from './national-portal.contract.js';

export type TaiLieuNop = THoSo['DanhSachTaiLieuNop'][number];
export type GiayToKetQua = THoSo['DanhSachGiayToKetQua'][number];

/** A document the dossier lists (intake, online submission, the national push): flags kept for inbound dossiers. */
export type ListedDocument = { name: string; digitised?: boolean | null; fromStore?: boolean | null; link?: string | null };
/** A file we hold for the dossier (dossier_file). */
export type HeldFile = { kind: 'component' | 'result'; sha256: string; documentName: string; fileName: string; fromStore: boolean; number?: string | null };
/** What the national portal sent for a file it gave only by its link (its own file name). */
export type InboundFile = { TenTepDinhKem?: string; TenGiayTo?: string; DuongDanTaiLieu?: string };

export type DocumentLinks = { file: (kind: 'component' | 'result', sha256: string) => string; declaration: () => string };

/** The file name of the e-form's declaration as the signed link serves it. */
export const DECLARATION_FILE_NAME = 'to-khai.pdf';

const lastSegment = (link: string): string | null => {
  try {
    const s = decodeURIComponent(new URL(link).pathname.split('/').pop() ?? '');
    return s.trim() ? s.slice(0, 300) : null;
  } catch {
    return null;
  }
};

/**
 * One entry per submitted component, in this order: each file we hold (a scan at the desk, an upload online, a file
 * taken from the citizen's store — DuocSoHoa: it is an electronic copy; DuocLayTuKhoDMQG: it came from the Kho,
 * ND 45/2020 Điều 16), then the e-form's declaration when the answers stand for it (born digital, ND 45/2020 Điều 9),
 * then the documents given only as a link on the national portal (their flags as the portal sent them, the link as is),
 * then the papers handed in without a scan (not digitised, no link).
 */
export function componentList(input: {
  documents: ListedDocument[];
  files: HeldFile[];
  inbound: InboundFile[];
  /** The name of the document the e-form's answers replace, when the dossier has answers; else null. */
  declarationName: string | null;
  links: DocumentLinks;
}): TaiLieuNop[] {
  const components = input.files.filter((f) => f.kind === 'component');
  const withFile = new Set(components.map((f) => f.documentName));
  const listed = new Map(input.documents.map((d) => [d.name, d]));
  const out: TaiLieuNop[] = components.map((f) => ({
    TenGiayTo: f.documentName.slice(0, 300),
    TenTepDinhKem: f.fileName.slice(0, 300),
    DuocSoHoa: true,
    DuocLayTuKhoDMQG: f.fromStore || listed.get(f.documentName)?.fromStore === true,
    DuongDanTaiLieu: input.links.file('component', f.sha256),
  }));
  const declaration = input.declarationName && !withFile.has(input.declarationName) ? input.declarationName : null;
  if (declaration) {
    out.push({ TenGiayTo: declaration.slice(0, 300), TenTepDinhKem: DECLARATION_FILE_NAME, DuocSoHoa: true, DuocLayTuKhoDMQG: false, DuongDanTaiLieu: input.links.declaration() });
  }
  for (const d of input.documents) {
    if (withFile.has(d.name) || d.name === declaration) continue;
    if (d.link) {
      const sent = input.inbound.find((x) => x.DuongDanTaiLieu === d.link) ?? input.inbound.find((x) => (x.TenGiayTo ?? x.TenTepDinhKem) === d.name);
      out.push({
        TenGiayTo: d.name.slice(0, 300),
        TenTepDinhKem: (sent?.TenTepDinhKem ?? lastSegment(d.link) ?? d.name).slice(0, 300),
        DuocSoHoa: d.digitised ?? true,
        DuocLayTuKhoDMQG: d.fromStore ?? false,
        DuongDanTaiLieu: d.link,
      });
    } else {
      out.push({ TenGiayTo: d.name.slice(0, 300), TenTepDinhKem: d.name.slice(0, 300), DuocSoHoa: false, DuocLayTuKhoDMQG: d.fromStore ?? false });
    }
  }
  return out;
}

/**
 * The results once the dossier has one (TrangThaiHoSo 9 "đã có kết quả" or 10 "đã trả kết quả"): each result file with
 * its number (MaGiayToKetQua: the one the officer entered, else the one given at the approval, dossier.rules.ts `resultDocumentNumber`)
 * and its signed link. A result attached before the approval is a draft and does not go out.
 */
export function resultList(input: { status: number; files: HeldFile[]; links: DocumentLinks }): GiayToKetQua[] {
  if (input.status !== 9 && input.status !== 10) return [];
  return input.files
    .filter((f) => f.kind === 'result')
    .map((f) => ({ TenGiayTo: f.documentName.slice(0, 300), MaGiayToKetQua: (f.number ?? '').slice(0, 100), DuongDanTepTinKetQua: input.links.file('result', f.sha256) }));
}

/** HoSoCoThanhPhanSoHoa: the dossier has at least one digitised component (DuocSoHoa). */
export const hasDigitisedComponent = (components: readonly Pick<TaiLieuNop, 'DuocSoHoa'>[]): 0 | 1 => (components.some((c) => c.DuocSoHoa) ? 1 : 0);

/**
 * The documents of a copy as the reconciliation compares them: names, flags and where each link points. Our own signed
 * links differ in their expiry and signature each time they are made, so only their address without the query counts.
 */
export function documentsView(h: Pick<THoSo, 'DanhSachTaiLieuNop' | 'DanhSachGiayToKetQua'>, ownOrigin: string): { components: string[]; results: string[] } {
  const where = (link: string | undefined) => (!link ? '' : link.startsWith(`${ownOrigin}/`) ? link.split('?')[0]! : link);
  return {
    components: h.DanhSachTaiLieuNop.map((d) => [d.TenGiayTo ?? '', d.TenTepDinhKem, d.DuocSoHoa ? 1 : 0, d.DuocLayTuKhoDMQG ? 1 : 0, where(d.DuongDanTaiLieu)].join('|')),
    results: h.DanhSachGiayToKetQua.map((r) => [r.TenGiayTo, r.MaGiayToKetQua, where(r.DuongDanTepTinKetQua)].join('|')),
  };
}
