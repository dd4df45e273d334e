/**
 * The Vietnamese name of a request field, as the console and the portal label it, so that a refusal says where the
 * problem is ("Số điện thoại: …") rather than an API path. Keyed by the field's own name (the last segment of its path,
 * the same in every module's contract), with a few whole paths where one name means different things.
 * A field missing here is no fault: the refusal then gives the rule's sentence alone.
 */
const byPath: Readonly<Record<string, string>> = {
  'sender.name': 'Họ tên người gửi',
  'sender.phone': 'Số điện thoại người gửi',
  'sender.email': 'Thư điện tử người gửi',
  'sender.address': 'Địa chỉ người gửi',
  'place.address': 'Địa điểm',
};

const byName: Readonly<Record<string, string>> = {
  phone: 'Số điện thoại',
  email: 'Thư điện tử',
  identifier: 'Số điện thoại hoặc thư điện tử',
  idNumber: 'Số định danh (CCCD, mã số thuế)',
  fullName: 'Họ và tên',
  birthDate: 'Ngày sinh',
  gender: 'Giới tính',
  address: 'Địa chỉ',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  newPassword: 'Mật khẩu mới',
  currentPassword: 'Mật khẩu hiện tại',
  code: 'Mã',
  dossierCode: 'Mã hồ sơ',
  trackingCode: 'Số hiệu bưu gửi',
  procedureId: 'Thủ tục hành chính',
  unitId: 'Đơn vị',
  homeUnitId: 'Đơn vị công tác',
  receivingUnitId: 'Nơi tiếp nhận',
  resolvingUnitId: 'Đơn vị giải quyết',
  parentId: 'Đơn vị cấp trên',
  role: 'Vai trò',
  action: 'Thao tác',
  grants: 'Vai trò được giao',
  subject: 'Tiêu đề',
  title: 'Tiêu đề',
  content: 'Nội dung',
  description: 'Mô tả',
  note: 'Ghi chú',
  reason: 'Lý do',
  comment: 'Ý kiến',
  answer: 'Nội dung trả lời',
  category: 'Lĩnh vực',
  channel: 'Kênh',
  documents: 'Thành phần hồ sơ',
  documentName: 'Tên giấy tờ',
  documentNumber: 'Số giấy tờ',
  missing: 'Giấy tờ cần bổ sung',
  eform: 'Tờ khai điện tử',
  resultDelivery: 'Hình thức nhận kết quả',
  feeVnd: 'Phí, lệ phí',
  amountVnd: 'Số tiền',
  from: 'Từ ngày',
  to: 'Đến ngày',
  day: 'Ngày',
  year: 'Năm',
  dueAt: 'Hạn',
  newDueAt: 'Ngày hẹn trả mới',
  appointmentAt: 'Ngày giờ hẹn',
  preferredTime: 'Thời gian hẹn lấy hồ sơ',
  validFrom: 'Hiệu lực từ ngày',
  validTo: 'Hiệu lực đến ngày',
  effectiveFrom: 'Ngày hiệu lực',
  url: 'Địa chỉ nhận',
  rating: 'Mức đánh giá',
  officerName: 'Cán bộ bị phản ánh',
  limit: 'Số dòng mỗi trang',
  before: 'Vị trí trang',
  q: 'Từ khóa tìm kiếm',
};

/** The field's Vietnamese label for a JSON-pointer path ("/applicant/phone", "/grants/0/role"), or null when none is known. */
export function fieldLabelVi(path: string): string | null {
  const segments = path.split('/').filter((s) => s !== '');
  const named = segments.filter((s) => !/^\d+$/.test(s));
  if (named.length === 0) return null;
  const pair = named.slice(-2).join('.');
  const last = named[named.length - 1]!;
  if (named.length > 1 && Object.hasOwn(byPath, pair)) return byPath[pair]!;
  return Object.hasOwn(byName, last) ? byName[last]! : null;
}
