/**
 * Strings of the rating pages. The nine indicators and their answers are those of Thông tư 01/2018/TT-VPCP Điều 13
 * (server/src/modules/satisfaction/satisfaction.rules.ts), shown as the law names them.
 */
export const rateText = {
  pageTitle: 'Đánh giá việc giải quyết thủ tục hành chính',
  intro: 'Ý kiến của ông/bà giúp cơ quan phục vụ tốt hơn. Mỗi hồ sơ được đánh giá một lần; thông tin người đánh giá được giữ kín.',
  rateLink: 'Đánh giá việc giải quyết hồ sơ',
  officer: 'Mức độ hài lòng với cán bộ Bộ phận Một cửa đã phục vụ',
  officerNamed: 'Mức độ hài lòng với cán bộ {name}',
  submit: 'Gửi đánh giá',
  comment: 'Ý kiến thêm (không bắt buộc)',
  commentHint: 'Điều ông/bà hài lòng hoặc chưa hài lòng, góp ý để phục vụ tốt hơn (tối đa 1000 ký tự).',
  ownRateTitle: 'Đánh giá việc giải quyết hồ sơ này',
  ownRated: 'Ông/bà đã đánh giá hồ sơ này. Cảm ơn ông/bà!',
  sending: 'Đang gửi…',
  incomplete: 'Vui lòng chọn một câu trả lời cho mỗi chỉ số.',
  thanks: 'Cảm ơn ông/bà đã đánh giá!',
  thanksNext: 'Màn hình sẽ trở về trang đầu sau ít giây.',
  alreadyRated: 'Hồ sơ này đã được đánh giá. Cảm ơn ông/bà!',
  notYet: 'Hồ sơ chưa có kết quả nên chưa thể đánh giá.',
  kioskTitle: 'Đánh giá mức độ hài lòng',
  kioskCode: 'Nhập mã hồ sơ trên giấy hẹn trả kết quả',
  kioskStart: 'Bắt đầu đánh giá',
  kioskAgain: 'Đánh giá hồ sơ khác',
  kioskPairTitle: 'Ghép nối thiết bị đánh giá',
  kioskPairIntro: 'Cán bộ Bộ phận Một cửa đăng nhập một lần để gắn máy tính bảng này với đơn vị; sau đó máy không giữ phiên đăng nhập.',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  deviceName: 'Tên thiết bị (ví dụ: Quầy số 1)',
  pair: 'Ghép nối',
  kioskOf: 'Thiết bị {name} — {unit}',
} as const;

export function rt(key: keyof typeof rateText, params?: Record<string, string>): string {
  const s: string = rateText[key];
  return params ? s.replace(/\{(\w+)\}/g, (_m, k: string) => params[k] ?? '') : s;
}
