/** Strings of the statistics page (Vietnamese; keys ready for an English dictionary). */
export const statText = {
  title: 'Thống kê kết quả giải quyết hồ sơ',
  intro: 'Số liệu thu thập tự động từ hệ thống một cửa điện tử, theo tỉnh, thành phố hoặc xã, phường đã chọn.',
  everywhere: 'Tất cả tỉnh, thành phố',
  period: 'Kỳ số liệu',
  'period.ytd': 'Từ đầu năm',
  'period.month': 'Tháng này',
  'period.prev_month': 'Tháng trước',
  received: 'Hồ sơ đã tiếp nhận',
  resolved: 'Hồ sơ đã giải quyết',
  onTime: 'Giải quyết đúng hạn, trước hạn',
  online: 'Nộp trực tuyến',
  byPost: 'Trả kết quả qua bưu chính',
  noData: 'Chưa có số liệu',
  of: '{n} / {d} hồ sơ',
  footerLink: 'Thống kê kết quả giải quyết hồ sơ',
} as const;

export function st(key: keyof typeof statText, params?: Record<string, string | number>): string {
  const s: string = statText[key];
  return params ? s.replace(/\{(\w+)\}/g, (_m, k: string) => String(params[k] ?? '')) : s;
}
