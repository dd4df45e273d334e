import { DomainError } from '../../platform/errors.js';

export const unitErrors = {
  notFound: () => new DomainError('UNIT.NOT_FOUND', 'not_found', 'Không tìm thấy đơn vị.', 'Unit not found.'),
  codeTaken: () => new DomainError('UNIT.CODE_TAKEN', 'conflict', 'Mã định danh đã được dùng cho đơn vị khác.', 'Identifier code already used.'),
  closedParent: () =>
    new DomainError('UNIT.PARENT_CLOSED', 'unprocessable', 'Đơn vị cấp trên đã giải thể hoặc sáp nhập.', 'The parent unit no longer exists.'),
  alreadyClosed: () =>
    new DomainError('UNIT.ALREADY_CLOSED', 'conflict', 'Đơn vị đã giải thể hoặc sáp nhập trước đó.', 'The unit is already closed.'),
  badDate: () =>
    new DomainError('UNIT.BAD_DATE', 'unprocessable', 'Ngày hiệu lực phải sau ngày thành lập của đơn vị.', 'Effective date precedes the unit.'),
  selfSuccessor: () =>
    new DomainError('UNIT.SELF_SUCCESSOR', 'unprocessable', 'Đơn vị kế thừa không thể là chính đơn vị bị sắp xếp.', 'A unit cannot succeed itself.'),
  signerNotFound: () => new DomainError('UNIT.SIGNER_NOT_FOUND', 'not_found', 'Không tìm thấy người ký này của đơn vị.', 'Signer not found.'),
  signerInvalid: (vi: string, en: string) => new DomainError('UNIT.SIGNER_INVALID', 'unprocessable', vi, en),
};
