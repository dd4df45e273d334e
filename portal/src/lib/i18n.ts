/**
 * The portal's strings. Vietnamese only for now; the keys make an English dictionary a drop-in later
 * (kept out of the bundle until then, for the 150 KB budget).
 */
export const text = {
  site: 'Cổng dịch vụ công',
  siteSub: 'Hệ thống thông tin giải quyết thủ tục hành chính',
  staffLogin: 'Cán bộ đăng nhập',
  skip: 'Bỏ qua đến nội dung chính',
  searchTitle: 'Tra cứu thủ tục hành chính',
  searchIntro: 'Tìm thủ tục theo tên hoặc mã; gõ có dấu hay không dấu đều được.',
  searchLabel: 'Tên hoặc mã thủ tục',
  searchPlaceholder: 'Ví dụ: hộ nghèo, khai sinh, 1.001193',
  searchButton: 'Tìm kiếm',
  filters: 'Bộ lọc',
  field: 'Lĩnh vực',
  level: 'Cấp thực hiện',
  agency: 'Cơ quan thực hiện',
  onlineLevel: 'Mức độ DVC trực tuyến',
  all: 'Tất cả',
  clearFilters: 'Xóa bộ lọc',
  results: 'Kết quả',
  resultsShown: 'Đang hiển thị {n} thủ tục',
  resultsMore: ' — còn nữa',
  noResults: 'Không tìm thấy thủ tục phù hợp. Hãy thử từ khóa ngắn hơn hoặc bỏ bớt bộ lọc.',
  loadMore: 'Xem thêm',
  loading: 'Đang tải…',
  code: 'Mã thủ tục',
  name: 'Tên thủ tục',
  applicants: 'Đối tượng thực hiện',
  processingTime: 'Thời hạn giải quyết',
  fees: 'Phí, lệ phí',
  free: 'Không thu phí, lệ phí',
  exempt: 'Miễn',
  postal: 'Dịch vụ bưu chính công ích',
  postalIntake: 'Nhận hồ sơ qua bưu chính',
  postalReturn: 'Trả kết quả qua bưu chính',
  postalIntakeShort: 'Nộp qua bưu điện',
  postalReturnShort: 'Nhận kết quả tại nhà',
  yes: 'Có',
  no: 'Không',
  sequence: 'Trình tự thực hiện',
  documents: 'Thành phần hồ sơ',
  docIndex: 'STT',
  docName: 'Tên giấy tờ',
  docKind: 'Bản chính/bản sao',
  docCount: 'Số lượng',
  docTemplate: 'Mẫu',
  optional: '(nếu có)',
  download: 'Tải về',
  templates: 'Mẫu đơn, tờ khai',
  noTemplates: 'Thủ tục này không có mẫu đơn, tờ khai.',
  conditions: 'Yêu cầu, điều kiện',
  result: 'Kết quả thực hiện',
  legalBasis: 'Căn cứ pháp lý',
  published: 'Công bố theo Quyết định số {no} ngày {date}, áp dụng từ ngày {from}.',
  abolished: 'Thủ tục này đã bị bãi bỏ từ ngày {date}; không tiếp nhận hồ sơ mới.',
  notAccepting: 'Thủ tục chưa tiếp nhận hồ sơ vào hôm nay.',
  back: '← Quay lại tra cứu',
  notFound: 'Không tìm thấy thủ tục.',
  general: 'Thông tin chung',
  owner: 'Đơn vị công bố',
  footer: 'Phần mềm mã nguồn mở Một Cửa — tra cứu thủ tục hành chính, thành phần hồ sơ và mẫu đơn, tờ khai.',
  apiDocs: 'API công khai',
  'level.ministry': 'Cấp bộ',
  'level.province': 'Cấp tỉnh',
  'level.district': 'Cấp huyện',
  'level.commune': 'Cấp xã',
  'online.none': 'Chưa cung cấp trực tuyến',
  'online.partial': 'DVC trực tuyến một phần',
  'online.full': 'DVC trực tuyến toàn trình',
  'duration.working_day': 'ngày làm việc',
  'duration.working_hour': 'giờ làm việc',
  'duration.same_day': 'Trong ngày',
  'doc.original': 'Bản chính',
  'doc.copy': 'Bản sao',
  'doc.certified_copy': 'Bản sao có chứng thực',
  'doc.original_or_copy': 'Bản chính hoặc bản sao',
  'doc.present': 'Bản chính để đối chiếu',
} as const;

export type TextKey = keyof typeof text;

export function t(key: TextKey, params?: Record<string, string | number>): string {
  const s: string = text[key];
  return params ? s.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? '')) : s;
}

/** "15 ngày làm việc" / "Trong ngày". */
export function processingTimeText(p: { amount: number; unit: 'working_day' | 'working_hour' | 'same_day'; note?: string }): string {
  const base = p.unit === 'same_day' ? t('duration.same_day') : `${p.amount.toLocaleString('vi-VN')} ${t(`duration.${p.unit}`)}`;
  return p.note ? `${base} (${p.note})` : base;
}
