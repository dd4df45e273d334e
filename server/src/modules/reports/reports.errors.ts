import { DomainError } from '../../platform/errors.js';

export const reportErrors = {
  badRange: () => new DomainError('REPORT.BAD_RANGE', 'invalid', 'Khoảng thời gian không hợp lệ (từ ngày phải trước đến ngày, tối đa 10 năm).', 'Invalid date range.'),
  notFound: () => new DomainError('REPORT.NOT_FOUND', 'not_found', 'Không tìm thấy báo cáo.', 'Report not found.'),
  unitNotFound: () => new DomainError('REPORT.UNIT_NOT_FOUND', 'not_found', 'Không tìm thấy đơn vị.', 'Unit not found.'),
};
