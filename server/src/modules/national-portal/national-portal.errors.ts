import { DomainError } from '../../platform/errors.js';

export const nationalErrors = {
  badInboundSecret: () =>
    new DomainError('NATIONAL.BAD_CREDENTIALS', 'unauthenticated', 'Khóa xác thực của Cổng Dịch vụ công quốc gia không hợp lệ.', 'Invalid national portal credentials.'),
  inboundDisabled: () =>
    new DomainError('NATIONAL.INBOUND_DISABLED', 'unavailable', 'Chưa cấu hình nhận hồ sơ từ Cổng Dịch vụ công quốc gia.', 'Receiving dossiers from the national portal is not configured.'),
  unknownAgency: (code: string) =>
    new DomainError('NATIONAL.UNKNOWN_AGENCY', 'unprocessable', `Không có đơn vị đang hoạt động với mã "${code}".`, 'No open unit has this agency code.', { code }),
  badCode: (code: string) =>
    new DomainError('NATIONAL.BAD_CODE', 'unprocessable', `Mã hồ sơ "${code.slice(0, 60)}" không hợp lệ (chỉ gồm chữ, số và các dấu . - _ /).`, 'Invalid national dossier code.', { code: code.slice(0, 60) }),
  notOnline: (code: string) =>
    new DomainError('NATIONAL.NOT_ONLINE', 'unprocessable', `Thủ tục mã "${code}" không cung cấp dịch vụ công trực tuyến tại đơn vị này.`, 'This procedure is not offered online here.', { code }),
  notNew: (status: number) =>
    new DomainError('NATIONAL.NOT_NEW', 'unprocessable', `Chỉ nhận hồ sơ mới đăng ký (TrangThaiHoSo = 1); hồ sơ gửi sang có trạng thái ${status}.`, 'Only newly submitted dossiers (status 1) are received.', { status }),
  badDate: (field: string, value: string) =>
    new DomainError('NATIONAL.BAD_DATE', 'unprocessable', `${field} "${value}" không phải thời điểm hợp lệ (yyyyMMddHHmmss, không muộn hơn hiện tại).`, 'Invalid or future date.', { field }),
  noReceivingDesk: (code: string) =>
    new DomainError(
      'NATIONAL.NO_RECEIVING_DESK',
      'unprocessable',
      `Không có bộ phận một cửa tiếp nhận hồ sơ cho đơn vị mã "${code}".`,
      'No one-stop desk receives dossiers for this agency code.',
      { code },
    ),
  unmappedProcedure: (code: string) =>
    new DomainError('NATIONAL.UNMAPPED_PROCEDURE', 'unprocessable', `Thủ tục mã "${code}" chưa được công bố tại đơn vị này.`, 'No published procedure maps to this national code here.', { code }),
  badLink: (name: string) =>
    new DomainError(
      'NATIONAL.BAD_LINK',
      'unprocessable',
      `Đường dẫn tệp "${name.slice(0, 100)}" không hợp lệ: chỉ nhận địa chỉ https:// tới máy chủ bên ngoài, không chứa khoảng trắng hay ký tự đặc biệt.`,
      'A file link must be an https URL to an outside host, without spaces or special characters.',
      { name: name.slice(0, 100) },
    ),
  emptyAttachment: (name: string) =>
    new DomainError(
      'NATIONAL.EMPTY_ATTACHMENT',
      'unprocessable',
      `Tệp "${name.slice(0, 100)}" không có nội dung (NoiDungTep) cũng không có đường dẫn (DuongDanTaiLieu).`,
      'An attachment has neither its content nor a link.',
      { name: name.slice(0, 100) },
    ),
  badReconcileDay: (day: string) =>
    new DomainError(
      'NATIONAL.BAD_RECONCILE_DAY',
      'unprocessable',
      `Không đối soát được ngày ${day}: chỉ đối soát từ hôm nay trở về trước, trong vòng một năm.`,
      'Only a day from today back to one year ago can be reconciled.',
      { day },
    ),
  fileNotFound: () =>
    new DomainError('NATIONAL.FILE_NOT_FOUND', 'not_found', 'Liên kết tải tệp không hợp lệ hoặc đã hết hạn.', 'The file link is invalid or has expired.'),
  differenceNotFound: () => new DomainError('NATIONAL.DIFFERENCE_NOT_FOUND', 'not_found', 'Không tìm thấy sai lệch cần gửi lại.', 'Difference not found.'),
  portalUnavailable: () =>
    new DomainError('NATIONAL.PORTAL_UNAVAILABLE', 'unavailable', 'Chưa kết nối được Cổng Dịch vụ công quốc gia, vui lòng thử lại sau.', 'The national portal is not reachable.'),
  ssoNotConfigured: () =>
    new DomainError('NATIONAL.SSO_NOT_CONFIGURED', 'unavailable', 'Chưa cấu hình đăng nhập một lần từ Cổng Dịch vụ công quốc gia.', 'Single sign-on from the national portal is not configured.'),
  ssoFailed: (target: 'citizen' | 'staff', reason: string) =>
    new DomainError('NATIONAL.SSO_FAILED', 'unauthenticated', 'Không đăng nhập được bằng tài khoản Cổng Dịch vụ công quốc gia.', 'Sign-in through the national portal failed.', { target, reason }),
  ssoSubjectTaken: () =>
    new DomainError('NATIONAL.SSO_SUBJECT_TAKEN', 'conflict', 'Định danh này trên Cổng Dịch vụ công quốc gia đã gắn với tài khoản khác.', 'This national identity is linked to another account.'),
  ssoAlreadyLinked: () =>
    new DomainError(
      'NATIONAL.SSO_ALREADY_LINKED',
      'conflict',
      'Cán bộ này đã được gắn với một định danh trên Cổng Dịch vụ công quốc gia. Muốn đổi, hãy gỡ liên kết cũ trước.',
      'This officer is already linked to a national identity; revoke the old link first.',
    ),
};
