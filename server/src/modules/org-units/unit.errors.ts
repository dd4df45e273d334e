import { DomainError } from '../../platform/errors.js';

export const unitErrors = {
  /** No head or authorised deputy set for the day: the unit's administrator sets one (Đơn vị → Người ký). */
  noSigner: (unitName: string, isoDate: string) => {
    const day = isoDate.split('-').reverse().join('/');
    return new DomainError(
      'UNIT.NO_SIGNER',
      'unprocessable',
      `Chưa có người ký văn bản của ${unitName} cho ngày ${day}, nên không thể phát hành thư xin lỗi (thư phải do thủ trưởng hoặc cấp phó được ủy quyền ký). Đề nghị quản trị viên của đơn vị khai báo người ký tại mục Đơn vị → Người ký, rồi thực hiện lại.`,
      `No signer is set for ${unitName} on ${day}: the unit's administrator must set the head (or an authorised deputy) under Units → Signers.`,
      { unitName, date: isoDate },
    );
  },
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
