import { DomainError } from '../../platform/errors.js';

export const citizenStoreErrors = {
  unavailable: () =>
    new DomainError('CITIZEN_STORE.UNAVAILABLE', 'unavailable', 'Chưa kết nối được với Kho dữ liệu trên Cổng Dịch vụ công quốc gia, vui lòng thử lại sau.', "The citizen's national store is not reachable."),
  idNotVerified: () =>
    new DomainError(
      'CITIZEN_STORE.ID_NOT_VERIFIED',
      'forbidden',
      'Số căn cước của tài khoản chưa được xác minh (đăng nhập bằng VNeID hoặc đối chiếu thẻ tại Bộ phận Một cửa), nên chưa mở được Kho dữ liệu.',
      "The account's CCCD is not verified, so its national store cannot be opened.",
    ),
  documentNotFound: () => new DomainError('CITIZEN_STORE.DOCUMENT_NOT_FOUND', 'not_found', 'Không có tài liệu này trong Kho dữ liệu của bạn.', 'No such document in your store.'),
  unauthorised: () => new DomainError('CITIZEN_STORE.UNAUTHORISED', 'unauthenticated', 'Thiếu hoặc sai mã truy cập Kho dữ liệu.', 'Missing or wrong store token.'),
};
