import { DomainError } from '../../platform/errors.js';

export const citizenErrors = {
  badCredentials: () =>
    new DomainError('CITIZEN.BAD_CREDENTIALS', 'unauthenticated', 'E-mail/số điện thoại hoặc mật khẩu không đúng.', 'Wrong e-mail/phone or password.'),
  taken: (what: 'email' | 'phone' | 'idNumber') =>
    new DomainError(
      'CITIZEN.TAKEN',
      'conflict',
      { email: 'E-mail này đã có tài khoản.', phone: 'Số điện thoại này đã có tài khoản.', idNumber: 'Số căn cước này đã có tài khoản.' }[what],
      `An account with this ${what} already exists.`,
      { field: what },
    ),
  cardMismatch: () =>
    new DomainError('CITIZEN.CARD_MISMATCH', 'unprocessable', 'Số trên thẻ căn cước khác số công dân đã khai trong tài khoản.', 'The card number differs from the number claimed by the account.'),
  cardVerifiedElsewhere: () =>
    new DomainError('CITIZEN.CARD_VERIFIED_ELSEWHERE', 'conflict', 'Số căn cước này đã được xác minh cho một tài khoản khác.', 'This CCCD is already verified on another account.'),
  idUnverified: () =>
    new DomainError(
      'CITIZEN.ID_UNVERIFIED',
      'forbidden',
      'Số căn cước của tài khoản chưa được xác minh. Đăng nhập bằng VNeID hoặc mang thẻ căn cước đến bộ phận một cửa để xác minh.',
      'The CCCD of this account is not verified yet.',
    ),
  badIdentifier: () =>
    new DomainError('CITIZEN.BAD_IDENTIFIER', 'invalid', 'Nhập e-mail hoặc số điện thoại di động hợp lệ.', 'Enter a valid e-mail or mobile number.'),
  contactNeedsCode: (what: 'phone' | 'email') =>
    new DomainError(
      'CITIZEN.CONTACT_NEEDS_CODE',
      'unprocessable',
      what === 'phone' ? 'Số điện thoại mới cần được xác nhận bằng mã gửi tới số đó.' : 'E-mail mới cần được xác nhận bằng mã gửi tới địa chỉ đó.',
      `A new ${what === 'phone' ? 'phone number' : 'e-mail'} must be confirmed by a code sent to it.`,
      { field: what },
    ),
  lastIdentifier: () =>
    new DomainError('CITIZEN.LAST_IDENTIFIER', 'conflict', 'Tài khoản cần giữ ít nhất một số điện thoại hoặc e-mail để đăng nhập.', 'The account needs at least one phone or e-mail to sign in.'),
  badProfile: (reasonVi: string) => new DomainError('CITIZEN.BAD_PROFILE', 'invalid', reasonVi, 'Invalid profile.'),
  oidcNotConfigured: () =>
    new DomainError('CITIZEN.OIDC_NOT_CONFIGURED', 'unprocessable', 'Đăng nhập bằng định danh điện tử chưa được cấu hình.', 'OIDC sign-in is not configured.'),
  oidcFailed: (reason: string) =>
    new DomainError('CITIZEN.OIDC_FAILED', 'unauthenticated', 'Đăng nhập bằng định danh điện tử không thành công, vui lòng thử lại.', `OIDC sign-in failed: ${reason}`),
  profileIncomplete: () =>
    new DomainError('CITIZEN.PROFILE_INCOMPLETE', 'unprocessable', 'Cần cập nhật số căn cước và họ tên trong hồ sơ cá nhân trước khi nộp hồ sơ.', 'Complete your profile (CCCD, name) first.'),
  notOnline: () =>
    new DomainError('CITIZEN.NOT_ONLINE', 'unprocessable', 'Thủ tục này chưa cung cấp dịch vụ công trực tuyến; vui lòng nộp tại bộ phận một cửa.', 'This procedure cannot be submitted online.'),
  onlineResultNotOffered: () =>
    new DomainError('CITIZEN.NO_ONLINE_RESULT', 'unprocessable', 'Thủ tục trực tuyến một phần: kết quả nhận tại bộ phận một cửa hoặc qua bưu chính.', 'Online result delivery needs a fully online procedure.'),
  missingDocuments: (names: string[]) =>
    new DomainError('CITIZEN.MISSING_DOCUMENTS', 'invalid', `Còn thiếu giấy tờ: ${names.join('; ')}.`, 'Required documents missing.', { missing: names }),
  documentNotInStore: () => new DomainError('CITIZEN.DOCUMENT_NOT_IN_STORE', 'not_found', 'Không tìm thấy giấy tờ trong kho dữ liệu của bạn.', 'Document not in your store.'),
  notOwner: () => new DomainError('CITIZEN.NOT_OWNER', 'forbidden', 'Hồ sơ không thuộc tài khoản của bạn.', 'This dossier is not yours.'),
  nothingToSupplement: () =>
    new DomainError('CITIZEN.NOTHING_TO_SUPPLEMENT', 'conflict', 'Hồ sơ không ở trạng thái chờ bổ sung.', 'The dossier is not waiting for supplementation.'),
  noResult: () => new DomainError('CITIZEN.NO_RESULT', 'not_found', 'Hồ sơ chưa có kết quả trả trực tuyến.', 'No online result for this dossier.'),
};
