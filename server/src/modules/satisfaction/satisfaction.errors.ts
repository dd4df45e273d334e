import { DomainError } from '../../platform/errors.js';

export const satisfactionErrors = {
  notRateable: () =>
    new DomainError('SATISFACTION.NOT_RATEABLE', 'unprocessable', 'Hồ sơ chưa có kết quả nên chưa thể đánh giá.', 'The dossier has no result yet.'),
  alreadyRated: () => new DomainError('SATISFACTION.ALREADY_RATED', 'conflict', 'Hồ sơ này đã được đánh giá qua kênh này.', 'This dossier was already rated on this channel.'),
  kioskInvalid: () =>
    new DomainError('SATISFACTION.KIOSK_INVALID', 'unauthenticated', 'Thiết bị đánh giá chưa được ghép nối hoặc đã bị thu hồi.', 'Kiosk not paired or revoked.'),
  notAtThisDesk: () =>
    new DomainError('SATISFACTION.NOT_AT_THIS_DESK', 'not_found', 'Không tìm thấy hồ sơ đã trả kết quả gần đây tại đơn vị này.', 'No recently returned dossier with this code at this unit.'),
};
