import { DomainError } from '../../platform/errors.js';

export const populationErrors = {
  unavailable: () =>
    new DomainError('POPULATION.UNAVAILABLE', 'unavailable', 'Chưa kết nối được với CSDL quốc gia về dân cư qua nền tảng chia sẻ dữ liệu, vui lòng thử lại hoặc nhập tay.', 'The population database is not reachable.'),
  consentRequired: () =>
    new DomainError(
      'POPULATION.CONSENT_REQUIRED',
      'forbidden',
      'Chưa có sự đồng ý của công dân cho việc khai thác dữ liệu dân cư tại bộ phận này (Nghị định 13/2023/NĐ-CP). Hãy ghi nhận sự đồng ý trước.',
      "No recorded consent of the citizen for this desk.",
    ),
  idNotVerified: () =>
    new DomainError(
      'POPULATION.ID_NOT_VERIFIED',
      'forbidden',
      'Số căn cước của tài khoản chưa được xác minh (VNeID hoặc đối chiếu thẻ tại Bộ phận Một cửa), nên chưa lấy được dữ liệu dân cư.',
      "The account's CCCD is not verified.",
    ),
  notFound: () => new DomainError('POPULATION.NOT_FOUND', 'not_found', 'CSDL quốc gia về dân cư không có công dân với số định danh này.', 'No person with this number.'),
  notThisPlace: () =>
    new DomainError(
      'POPULATION.NOT_THIS_PLACE',
      'invalid',
      'Chọn thủ tục đang nộp trực tuyến và cơ quan giải quyết trước khi lấy dữ liệu dân cư.',
      'Choose an online procedure and the resolving unit before the look-up.',
    ),
  badIdNumber: (reason: string) => new DomainError('POPULATION.BAD_ID_NUMBER', 'invalid', `Số định danh cá nhân không hợp lệ: ${reason}`, 'Invalid personal identification number.'),
};
