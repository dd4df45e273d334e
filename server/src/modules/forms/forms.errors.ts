import { DomainError } from '../../platform/errors.js';

export const formErrors = {
  /** The rule-set has no such form, e.g. the stop notice before Thông tư 03/2025/TT-VPCP. */
  notInRuleSet: (formTitle: string, circular: string, decree: string) =>
    new DomainError(
      'FORMS.NOT_IN_RULE_SET',
      'unprocessable',
      `Mẫu "${formTitle}" không có trong ${circular}; hồ sơ này được giải quyết theo ${decree}.`,
      `The form "${formTitle}" does not exist in this rule-set.`,
    ),
  /** A date on the form contradicts another one (appointment before receipt, new appointment not later). */
  inconsistentDates: (messageVi: string) =>
    new DomainError('FORMS.INCONSISTENT_DATES', 'unprocessable', messageVi, 'Dates on the form are inconsistent.'),
};
