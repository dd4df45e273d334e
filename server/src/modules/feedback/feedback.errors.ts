import { DomainError, tooManyRequests } from '../../platform/errors.js';
import type { SenderGap } from './use-cases/receive-feedback.js';

export const feedbackErrors = {
  codeBlocked: (retryAfterSeconds: number) =>
    tooManyRequests(
      'FEEDBACK.CODE_BLOCKED',
      (wait) => `Số phản ánh này đã bị nhập sai số điện thoại nhiều lần nên tạm ngừng tra cứu. Vui lòng thử lại sau ${wait}; người gửi có thể đăng nhập Cổng dịch vụ công để xem phản ánh của mình.`,
      'This feedback number is held after repeated wrong phone numbers.',
      retryAfterSeconds,
    ),
  notFound: () => new DomainError('FEEDBACK.NOT_FOUND', 'not_found', 'Không tìm thấy phản ánh, kiến nghị.', 'Feedback not found.'),
  actionNotAllowed: (status: string, allowed: readonly string[]) =>
    new DomainError('FEEDBACK.ACTION_NOT_ALLOWED', 'conflict', 'Thao tác không phù hợp với trạng thái hiện tại của phản ánh.', 'Action not allowed in this status.', {
      status,
      allowed,
    }),
  open311BadFilter: (fields: readonly string[]) =>
    new DomainError('FEEDBACK.OPEN311_BAD_FILTER', 'invalid', `Tham số lọc không hợp lệ: ${fields.join(', ')}.`, `Invalid filter: ${fields.join(', ')}.`, { fields }),
  phoneInvalid: (reasonVi: string) =>
    // Each reason is a whole sentence about the phone (phone.rules.ts): said once, not after "Số điện thoại không hợp lệ:" again.
    new DomainError('FEEDBACK.PHONE_INVALID', 'invalid', reasonVi, 'Invalid Vietnamese phone number.', { field: 'sender.phone' }),
  senderIncomplete: (gap: SenderGap) => {
    const vi = { name: 'họ tên', address: 'địa chỉ', phone: 'số điện thoại', email: 'e-mail' } as const;
    const en = { name: 'name', address: 'address', phone: 'phone', email: 'e-mail' } as const;
    const list = (names: string[], last: string) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} ${last} ${names[names.length - 1]}` : (names[0] ?? ''));
    const fieldsVi = list(gap.fields.map((f) => vi[f]), gap.anyOf ? 'hoặc' : 'và');
    const fieldsEn = list(gap.fields.map((f) => en[f]), gap.anyOf ? 'or' : 'and');
    // Said to whoever can act on it: the citizen may sign in instead, a signed-in citizen completes what their
    // profile lacks, an officer writes down how the sender can be reached (nobody signs in for a caller).
    const messageVi = {
      portal: `Vui lòng ghi ${fieldsVi} của người gửi (Nghị định 20/2008/NĐ-CP Điều 7: họ tên, địa chỉ và số điện thoại), hoặc đăng nhập.`,
      signedIn: `Thông tin cá nhân của tài khoản chưa có ${fieldsVi}: vui lòng ghi ${fieldsVi} để cơ quan liên hệ và trả lời (Nghị định 20/2008/NĐ-CP Điều 7).`,
      officer: `Vui lòng ghi ${fieldsVi} của người gửi để cơ quan liên hệ và gửi trả lời.`,
      other: `Cần ${fieldsVi} của người gửi.`,
    }[gap.asked];
    return new DomainError('FEEDBACK.SENDER_INCOMPLETE', 'invalid', messageVi, `Sender ${gap.anyOf ? 'needs one of' : 'lacks'}: ${fieldsEn} (Decree 20/2008 art. 7).`, {
      field: `sender.${gap.fields[0]}`,
      fields: gap.fields.map((f) => `sender.${f}`),
      anyOf: gap.anyOf,
    });
  },
  unitNotFound: () => new DomainError('FEEDBACK.UNIT_NOT_FOUND', 'unprocessable', 'Không tìm thấy cơ quan, đơn vị nhận phản ánh.', 'Unit not found.'),
  targetRequired: () =>
    new DomainError('FEEDBACK.TARGET_REQUIRED', 'invalid', 'Cần chọn cơ quan có thẩm quyền để chuyển phản ánh.', 'A competent unit is required for a transfer.'),
  targetNotAllowed: () =>
    new DomainError(
      'FEEDBACK.TARGET_NOT_ALLOWED',
      'invalid',
      'Chỉ chọn cơ quan nhận khi chuyển phản ánh (về hành vi của cán bộ hoặc không thuộc thẩm quyền); loại phân loại này không chuyển đi đâu.',
      'A target unit is taken only by a transfer (officer conduct or outside competence); this class does not send the item anywhere.',
      { field: 'targetUnitId' },
    ),
  ownDraft: () =>
    new DomainError(
      'FEEDBACK.OWN_DRAFT',
      'forbidden',
      'Người soạn (hoặc sửa sau cùng) dự thảo trả lời không được tự duyệt hay trả lại dự thảo đó; cần một lãnh đạo khác duyệt.',
      'Whoever wrote the draft last may not approve or return it; another leader must.',
    ),
  sameUnit: () => new DomainError('FEEDBACK.SAME_UNIT', 'unprocessable', 'Không thể chuyển phản ánh cho chính đơn vị đang xử lý.', 'Cannot transfer to the same unit.'),
  reasonRequired: () => new DomainError('FEEDBACK.REASON_REQUIRED', 'invalid', 'Cần nêu rõ lý do hoặc nội dung văn bản.', 'A reason or letter text is required.'),
  notApprover: () =>
    new DomainError('FEEDBACK.NOT_APPROVER', 'forbidden', 'Chỉ lãnh đạo đơn vị mới được duyệt nội dung trả lời.', 'Only a leader of the unit may approve the answer.'),
  notHead: () =>
    new DomainError('FEEDBACK.NOT_HEAD', 'forbidden', 'Chỉ trưởng phòng hoặc lãnh đạo đơn vị mới được giao xử lý lại.', 'Only a head or leader may resume a reopened item.'),
  alreadyRated: () => new DomainError('FEEDBACK.ALREADY_RATED', 'conflict', 'Bạn đã đánh giá kết quả trả lời này.', 'Already rated.'),
  reopenedOnce: () =>
    new DomainError('FEEDBACK.REOPENED_ONCE', 'conflict', 'Phản ánh chỉ được đề nghị xem xét lại một lần.', 'An item may be reopened only once.'),
  /** An officer recording a letter or call types a dossier code: there is no phone to check (walk 17). */
  dossierCodeUnknown: (code: string) =>
    new DomainError(
      'FEEDBACK.DOSSIER_CODE_UNKNOWN',
      'unprocessable',
      `Không tìm thấy hồ sơ mã ${code} trong phạm vi đơn vị của bạn. Kiểm tra lại mã hồ sơ, hoặc để trống nếu phản ánh không về một hồ sơ.`,
      `No dossier ${code} in your units. Check the dossier code, or leave it empty.`,
      { field: 'dossierCode' },
    ),
  /** The portal's "phản ánh về hồ sơ này": the dossier is proved by its code and the phone given at submission or the last 4 digits of the CCCD. */
  dossierNotFound: () =>
    new DomainError(
      'FEEDBACK.DOSSIER_NOT_FOUND',
      'not_found',
      'Không tìm thấy hồ sơ: kiểm tra mã hồ sơ và số điện thoại đã khai khi nộp (hoặc 4 số cuối căn cước).',
      'Dossier not found: check the dossier code and the phone given when submitting (or the last 4 digits of the ID card).',
      { field: 'dossier' },
    ),
  fileUnknown: () => new DomainError('FEEDBACK.FILE_UNKNOWN', 'unprocessable', 'Tệp đính kèm chưa được tải lên.', 'Attachment not uploaded.'),
  /** The PAKN clock is a provincial setting (QĐ 766 5.2 lengths set by the province, e.g. Ninh Bình). */
  clockNotProvince: () =>
    new DomainError('FEEDBACK.CLOCK_NOT_PROVINCE', 'invalid', 'Thời hạn xử lý phản ánh chỉ đặt cho cấp tỉnh.', 'The feedback clock is set for a province only.', { field: 'id' }),
  open311KeyRequired: () => new DomainError('FEEDBACK.OPEN311_KEY', 'forbidden', 'Cần khóa API hợp lệ để gửi phản ánh.', 'A valid api_key is required.'),
  open311KeyRevoked: () =>
    new DomainError('FEEDBACK.OPEN311_KEY_REVOKED', 'forbidden', 'Khóa API này đã bị thu hồi; liên hệ cơ quan cấp khóa để được cấp khóa mới.', 'This api_key has been revoked; ask the issuing agency for a new one.'),
  open311ClientNotFound: () => new DomainError('FEEDBACK.OPEN311_CLIENT_NOT_FOUND', 'not_found', 'Không tìm thấy ứng dụng Open311 trong phạm vi quản lý của bạn.', 'Open311 client not found in your units.'),
};
