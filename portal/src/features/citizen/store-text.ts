/** Strings of the "Kho dữ liệu" page's national-store entries (/cong-dan/kho), Vietnamese first and English second. */
import { lang } from './citizen-text.js';

const vi = {
  sourceNational: 'Kho dữ liệu trên Cổng DVCQG',
  issued: 'Cấp bởi {issuer}, ngày {at}',
  take: 'Lấy về để dùng khi nộp hồ sơ',
  takeLabel: 'Lấy {name} từ Kho dữ liệu trên Cổng DVCQG về để dùng khi nộp hồ sơ',
  taken: 'Đã lấy “{name}” về kho: chọn được ở bước Giấy tờ khi nộp hồ sơ.',
  unverified: 'Tài liệu trong Kho dữ liệu trên Cổng DVCQG hiện khi số căn cước của bạn đã được xác minh (đăng nhập bằng VNeID hoặc đối chiếu thẻ tại bộ phận một cửa).',
  unavailable: 'Chưa kết nối được với Kho dữ liệu trên Cổng DVCQG: tài liệu trong kho đó chưa hiện ở đây, vui lòng thử lại sau.',
};
type Key = keyof typeof vi;

const en: Record<Key, string> = {
  sourceNational: 'Data store on the national portal',
  issued: 'Issued by {issuer} on {at}',
  take: 'Take it to use in a dossier',
  takeLabel: 'Take {name} from the data store on the national portal to use in a dossier',
  taken: '“{name}” is now in your store: pick it at the Documents step of a submission.',
  unverified: 'Documents of your data store on the national portal show here once your ID number is verified (VNeID, or the card checked at a one-stop desk).',
  unavailable: 'The data store on the national portal cannot be reached: its documents are not shown here yet, please try again later.',
};

export function kt(key: Key, params?: Record<string, string | number>): string {
  const s = lang() === 'en' ? en[key] : vi[key];
  return params ? s.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? '')) : s;
}
