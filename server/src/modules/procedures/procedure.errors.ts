import { DomainError } from '../../platform/errors.js';
import type { ContentProblem, ProcedureStatus } from './procedure.rules.js';
import { allowedActions } from './procedure.rules.js';

const actionNames: Record<string, string> = {
  edit_draft: 'sửa bản dự thảo',
  publish: 'công bố',
  start_revision: 'tạo bản sửa đổi',
  discard_draft: 'bỏ bản sửa đổi',
  abolish: 'bãi bỏ',
};

export const procedureErrors = {
  workbookInvalid: (rows: string[]) =>
    new DomainError('PROCEDURE.WORKBOOK_INVALID', 'unprocessable', `Tệp có ${rows.length} lỗi, chưa nhập thủ tục nào. ${rows.slice(0, 3).join('; ')}${rows.length > 3 ? '; …' : ''}`, `${rows.length} problems in the workbook; nothing imported.`, { rows: rows.slice(0, 500) }),
  notFound: () => new DomainError('PROCEDURE.NOT_FOUND', 'not_found', 'Không tìm thấy thủ tục hành chính.', 'Procedure not found.'),
  actionNotAllowed: (status: ProcedureStatus, action: string) =>
    new DomainError(
      'PROCEDURE.ACTION_NOT_ALLOWED',
      'conflict',
      `Không thể ${actionNames[action] ?? action} khi thủ tục đang ở trạng thái "${statusLabels[status]}". Thao tác được phép: ${
        allowedActions[status].map((a) => actionNames[a]).join(', ') || 'không có'
      }.`,
      `Action ${action} is not allowed in status ${status}.`,
      { status, allowed: [...allowedActions[status]] },
    ),
  noDraft: () =>
    new DomainError('PROCEDURE.NO_DRAFT', 'conflict', 'Thủ tục không có bản dự thảo; hãy tạo bản sửa đổi trước.', 'No draft version to change.'),
  draftExists: () =>
    new DomainError('PROCEDURE.DRAFT_EXISTS', 'conflict', 'Thủ tục đã có bản dự thảo đang soạn.', 'A draft version already exists.'),
  notPublishable: (problems: ContentProblem[]) =>
    new DomainError('PROCEDURE.NOT_PUBLISHABLE', 'unprocessable', `Chưa thể công bố: ${problems.map((p) => p.messageVi).join(' ')}`, 'Content not publishable.', {
      problems,
    }),
  codeTaken: () =>
    new DomainError('PROCEDURE.CODE_TAKEN', 'conflict', 'Mã thủ tục đã có trong danh mục của đơn vị.', 'Procedure code already in the catalogue.'),
  effectiveBeforeCurrent: () =>
    new DomainError(
      'PROCEDURE.EFFECTIVE_DATE',
      'unprocessable',
      'Ngày hiệu lực của phiên bản mới phải sau ngày hiệu lực của phiên bản đang áp dụng.',
      'The new version must take effect after the current one.',
    ),
  exportUnitRequired: () =>
    new DomainError(
      'PROCEDURE.EXPORT_UNIT_REQUIRED',
      'unprocessable',
      'Tài khoản được xem danh mục của nhiều đơn vị không lồng nhau; hãy chọn đơn vị cần xuất danh mục.',
      'Several unrelated units in scope: choose the unit to export.',
    ),
  importInvalid: (errors: { index: number; code: string | null; issues: string[] }[]) =>
    new DomainError('PROCEDURE.IMPORT_INVALID', 'invalid', 'Tệp nhập có thủ tục không hợp lệ; chưa có thay đổi nào được ghi.', 'Import rejected.', { errors }),
};

export const statusLabels: Record<ProcedureStatus, string> = { draft: 'Dự thảo', published: 'Đã công bố', abolished: 'Đã bãi bỏ' };
