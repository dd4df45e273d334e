import { DomainError, tooManyRequests } from '../../platform/errors.js';
import { actionLabels, statusLabels, type DossierAction, type DossierStatus } from './dossier.rules.js';

export const dossierErrors = {
  undoRefused: (vi: string, en: string) => new DomainError('DOSSIER.UNDO_REFUSED', 'conflict', vi, en),
  alreadyClaimed: () =>
    new DomainError('DOSSIER.ALREADY_CLAIMED', 'conflict', 'Bạn đang xử lý hồ sơ này rồi, không cần nhận xử lý lại.', 'You already hold this dossier.'),
  notFound: () => new DomainError('DOSSIER.NOT_FOUND', 'not_found', 'Không tìm thấy hồ sơ.', 'Dossier not found.'),
  /** What was typed as the tracking secret is neither a phone number nor the digits of an identity number. */
  trackingSecretFormat: () =>
    new DomainError(
      'TRACKING.SECRET_FORMAT',
      'invalid',
      'Thông tin xác thực là số điện thoại đã khai khi nộp hồ sơ (ví dụ 0912 345 678) hoặc 4 chữ số cuối của số CCCD, mã số thuế.',
      'The secret is the phone number given with the dossier (e.g. 0912 345 678) or the last 4 digits of the CCCD or tax code.',
    ),
  trackingRateLimited: (retryAfterSeconds: number) =>
    tooManyRequests('TRACKING.RATE_LIMITED', (wait) => `Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ${wait}.`, 'Too many look-ups from this address.', retryAfterSeconds),
  trackingCodeBlocked: (retryAfterSeconds: number) =>
    tooManyRequests(
      'TRACKING.CODE_BLOCKED',
      (wait) => `Mã hồ sơ này đã bị nhập sai thông tin xác thực nhiều lần nên tạm ngừng tra cứu. Vui lòng thử lại sau ${wait}; chủ hồ sơ có thể đăng nhập Cổng dịch vụ công để xem hồ sơ của mình.`,
      'Too many wrong secrets for this dossier code; look-ups are paused.',
      retryAfterSeconds,
    ),
  actionNotAllowed: (status: DossierStatus, action: DossierAction, allowed: DossierAction[]) =>
    new DomainError(
      'DOSSIER.ACTION_NOT_ALLOWED',
      'conflict',
      `Không thể "${actionLabels[action]}" khi hồ sơ đang ở trạng thái "${statusLabels[status]}". Thao tác được phép: ${
        allowed.map((a) => actionLabels[a]).join(', ') || 'không có'
      }.`,
      `Action ${action} not allowed in status ${status}.`,
      { status, allowed },
    ),
  procedureClosed: () =>
    new DomainError('DOSSIER.PROCEDURE_NOT_ACCEPTING', 'unprocessable', 'Thủ tục chưa công bố hoặc đã bãi bỏ, không tiếp nhận hồ sơ.', 'The procedure accepts no dossiers.'),
  badApplicant: (reasonVi: string) => new DomainError('DOSSIER.BAD_APPLICANT', 'invalid', reasonVi, 'Invalid applicant identity.'),
  eformInvalid: (problems: { path: string; message: string }[]) =>
    new DomainError('DOSSIER.EFORM_INVALID', 'invalid', `Tờ khai điện tử chưa hợp lệ: ${problems.map((p) => p.message).join(' ')}`, 'E-form invalid.', { problems }),
  reasonRequired: () =>
    new DomainError('DOSSIER.REASON_REQUIRED', 'invalid', 'Cần ghi rõ lý do (và giấy tờ cần bổ sung, nếu có).', 'A reason is required.'),
  unitClosed: () => new DomainError('DOSSIER.UNIT_CLOSED', 'unprocessable', 'Đơn vị đã giải thể hoặc sáp nhập.', 'The unit no longer exists.'),
  outOfProvince: () =>
    new DomainError('DOSSIER.OUT_OF_PROVINCE', 'unprocessable', 'Đơn vị giải quyết không cùng tỉnh với nơi tiếp nhận.', 'The resolving unit is in another province.'),
  transferTarget: () =>
    new DomainError('DOSSIER.TRANSFER_TARGET', 'unprocessable', 'Cần chọn một đơn vị phối hợp khác, đang hoạt động, để chuyển liên thông.', 'Choose another open unit to transfer to.'),
  assignee: () =>
    new DomainError('DOSSIER.ASSIGNEE', 'unprocessable', 'Cán bộ được phân công phải giữ vai trò của bước này tại đơn vị xử lý.', 'The assignee must hold the step role at its unit.'),
  supplementWindow: (days: number) =>
    new DomainError(
      'DOSSIER.SUPPLEMENT_WINDOW',
      'unprocessable',
      `Đã quá ${days} ngày làm việc kể từ khi tiếp nhận: không còn được yêu cầu bổ sung; hãy từ chối có lý do hoặc xin lỗi và hẹn lại.`,
      `More than ${days} working days since receipt: supplementation can no longer be requested.`,
      { days },
    ),
  resultByPost: () =>
    new DomainError(
      'DOSSIER.RESULT_BY_POST',
      'conflict',
      'Kết quả được trả qua bưu điện; bộ phận một cửa chỉ trả trực tiếp khi bưu điện đã chuyển lại kết quả.',
      'The result goes by post; the desk hands it out only once the post has brought it back.',
    ),
  /**
   * A key reused for another request (draft-ietf-httpapi-idempotency-key-header: 422): answering the first dossier
   * would tell the desk that this one was recorded. `first`: what the first request recorded, given to the desk the key
   * belongs to (the officer whose first try seemed to fail, then changed the form, is shown the dossier that exists).
   */
  idempotencyKeyReused: (first?: { id: string; code: string | null; applicantName: string }) =>
    first
      ? new DomainError(
          'DOSSIER.IDEMPOTENCY_KEY_REUSED',
          'unprocessable',
          `Lần gửi trước của biểu mẫu này đã được ghi nhận${first.code ? ` thành hồ sơ ${first.code}` : ''} (người nộp: ${first.applicantName}), với nội dung khác lần này; lần gửi này chưa được ghi nhận. Mở hồ sơ đó để kiểm tra hoặc sửa; nếu đây là một hồ sơ khác, hãy bắt đầu tiếp nhận mới.`,
          `The first submission of this form was recorded${first.code ? ` as dossier ${first.code}` : ''}, with other content; this one was not recorded. Open that dossier to check or correct it; for another dossier, start a new intake.`,
          { dossierId: first.id, code: first.code },
        )
      : new DomainError(
          'DOSSIER.IDEMPOTENCY_KEY_REUSED',
          'unprocessable',
          'Mã chống gửi trùng (idempotency key) này đã dùng cho một hồ sơ khác; hồ sơ vừa gửi chưa được ghi nhận. Hãy tạo yêu cầu mới.',
          'This idempotency key was already used for a different request; this one was not recorded. Send it as a new request.',
        ),
  dayFull: () =>
    new DomainError('DOSSIER.DAY_FULL', 'conflict', 'Đơn vị đã dùng hết số thứ tự hồ sơ trong ngày theo định dạng mã hồ sơ.', 'No dossier numbers left today at this unit.'),
  cashNoFee: () =>
    new DomainError('DOSSIER.CASH_NO_FEE', 'unprocessable', 'Thủ tục không có phí, lệ phí cho hồ sơ này: không ghi nhận thu tiền mặt.', 'The procedure charges no fee for this dossier: no cash to record.'),
  cashAmount: (feeVnd: number) =>
    new DomainError(
      'DOSSIER.CASH_AMOUNT',
      'unprocessable',
      `Số tiền thu phải đúng phí, lệ phí của hồ sơ: ${feeVnd.toLocaleString('vi-VN')} đồng.`,
      `The cash received must be the dossier's fee: ${feeVnd} VND.`,
      { feeVnd },
    ),
  cashNotAccepted: () =>
    new DomainError('DOSSIER.CASH_NOT_ACCEPTED', 'unprocessable', 'Chỉ thu phí, lệ phí khi tiếp nhận hồ sơ tại quầy.', 'Fees are received in cash only with a dossier accepted at the desk.'),
  apology: (reasonVi: string) => new DomainError('DOSSIER.APOLOGY_REFUSED', 'unprocessable', reasonVi, 'Apology not possible.'),
  appointmentOutsideWorkingTime: (hoursVi: string) =>
    new DomainError(
      'DOSSIER.APPOINTMENT_OUTSIDE_WORKING_TIME',
      'unprocessable',
      `Ngày giờ hẹn trả mới phải vào giờ làm việc của một ngày làm việc (${hoursVi}), không vào ngày nghỉ, ngày lễ hay ngoài giờ.`,
      'The new appointment must fall within working hours on a working day.',
    ),
};
