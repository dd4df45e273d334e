import { validateCccd, type CccdCheckOptions } from './cccd.rules.js';
import { validateTaxCode } from './tax-code.rules.js';

/**
 * The number that identifies an applicant, checked by the rule of its kind — a citizen's CCCD (cccd.rules.ts), an
 * organisation's tax code (tax-code.rules.ts) — and given in its one canonical form: 12 digits; 10 digits or
 * `XXXXXXXXXX-YYY`. Intake, online submission and pickup requests store this form, never what was typed: the
 * applicant row is keyed by it, so "079 190 001234" and "079190001234", or "0100109106001" and "0100109106-001",
 * would otherwise be two applicants with two histories.
 */
export function checkApplicantId(
  kind: 'citizen' | 'organisation',
  idNumber: string,
  options: CccdCheckOptions = {},
): { ok: true; idNumber: string } | { ok: false; reasonVi: string } {
  if (kind === 'citizen') {
    const r = validateCccd(idNumber, options);
    return r.ok ? { ok: true, idNumber: r.number } : r;
  }
  const r = validateTaxCode(idNumber);
  return r.ok ? { ok: true, idNumber: r.taxCode } : r;
}
