import { DomainError, tooManyRequests } from '../../platform/errors.js';

export const postalErrors = {
  pickupRateLimited: (retryAfterSeconds: number) =>
    tooManyRequests('POSTAL.PICKUP_RATE_LIMITED', (wait) => `Đã có nhiều yêu cầu bưu điện đến nhận hồ sơ từ địa chỉ này. Vui lòng thử lại sau ${wait}.`, 'Too many pickup requests from this address.', retryAfterSeconds),
  notAcceptedByPost: () =>
    new DomainError(
      'POSTAL.NOT_ACCEPTED_BY_POST',
      'unprocessable',
      'Thủ tục này không tiếp nhận hồ sơ qua dịch vụ bưu chính công ích; xem danh sách thủ tục được tiếp nhận qua bưu chính.',
      'This procedure does not accept dossiers by post.',
    ),
  noReturnByPost: () =>
    new DomainError('POSTAL.NO_RETURN_BY_POST', 'unprocessable', 'Thủ tục này không trả kết quả qua dịch vụ bưu chính công ích.', 'This procedure does not return results by post.'),
  pickupNotFound: () => new DomainError('POSTAL.PICKUP_NOT_FOUND', 'not_found', 'Không tìm thấy yêu cầu nhận hồ sơ tại nhà.', 'Pickup order not found.'),
  shipmentNotFound: () => new DomainError('POSTAL.SHIPMENT_NOT_FOUND', 'not_found', 'Không tìm thấy bưu gửi.', 'Shipment not found.'),
  transition: (fromLabel: string, allowed: string[]) =>
    new DomainError('POSTAL.TRANSITION_NOT_ALLOWED', 'conflict', `Không thể thực hiện khi đang ở trạng thái "${fromLabel}".`, 'Transition not allowed.', { allowed }),
  receiptRequired: () =>
    new DomainError('POSTAL.RECEIPT_REQUIRED', 'invalid', 'Đã thu phí, lệ phí thì phải ghi số biên lai giao cho người dân.', 'A receipt number is required when fees are collected.'),
  handOverMismatch: () =>
    new DomainError(
      'POSTAL.HAND_OVER_MISMATCH',
      'unprocessable',
      'Hồ sơ của bưu gửi này đã được tạo ở lần giao nhận trước với đơn vị giải quyết khác; hãy giao nhận lại với đúng đơn vị giải quyết đã chọn lần đầu.',
      'This parcel already became a dossier at an earlier hand-over with another resolving unit; hand it over with the unit chosen first.',
    ),
  notDesk: () => new DomainError('POSTAL.NOT_A_DESK', 'unprocessable', 'Cần chọn bộ phận tiếp nhận và trả kết quả còn hoạt động.', 'Choose an open one-stop desk.'),
  resultAlreadyOut: () =>
    new DomainError('POSTAL.RESULT_ALREADY_OUT', 'conflict', 'Kết quả đã được trả hoặc hồ sơ đã kết thúc, không thể đổi hình thức nhận kết quả.', 'The result was already handed out.'),
  badSignature: (reason: string) =>
    new DomainError('POSTAL.BAD_SIGNATURE', 'unauthenticated', 'Chữ ký của thông báo từ doanh nghiệp bưu chính không hợp lệ.', 'Invalid callback signature.', { reason }),
  unknownTracking: () => new DomainError('POSTAL.UNKNOWN_TRACKING', 'not_found', 'Không có bưu gửi với số hiệu này.', 'Unknown tracking code.'),
  operatorUnavailable: () =>
    new DomainError('POSTAL.OPERATOR_UNAVAILABLE', 'unavailable', 'Chưa kết nối được với doanh nghiệp bưu chính, vui lòng thử lại.', 'The postal operator is not reachable.'),
};
