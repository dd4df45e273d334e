/**
 * Mã số thuế (MST) of an enterprise or organisation — since Luật Doanh nghiệp 2014 also its mã số doanh nghiệp.
 *
 * Structure — Thông tư 105/2020/TT-BTC, Điều 5 (replaced from 06/02/2025 by Thông tư 86/2024/TT-BTC, Điều 5 [U]):
 * `N1N2N3N4N5N6N7N8N9N10` for the taxpayer itself, `N1…N10-N11N12N13` for a dependent unit (branch, representative
 * office), where N1N2 is the range of the tax number, N3–N9 a sequence, N10 the check digit and N11–N13 the
 * number of the dependent unit (001–999).
 *
 * Check digit — weights 31, 29, 23, 19, 17, 13, 7, 5, 3 on N1–N9; N10 = 10 − (Σ mod 11); a result of 10 is never
 * issued. [S] The weights are not in the circulars; they come from the tax authority's coding rules as
 * reproduced by public implementations (python-stdnum `stdnum/vn/mst.py`) and agree with published numbers
 * (e.g. 0100109106). [U] Individuals and household businesses use their 12-digit personal identification number
 * as tax number from 01/07/2025 (Thông tư 86/2024/TT-BTC): those are checked by `validateCccd`, not here.
 */

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

export type TaxCodeErrorCode = 'EMPTY' | 'FORMAT' | 'SEQUENCE' | 'CHECK_DIGIT' | 'BRANCH';

export type TaxCodeInfo = {
  ok: true;
  /** Canonical form: 10 digits, or `XXXXXXXXXX-YYY` for a dependent unit. */
  taxCode: string;
  kind: 'main' | 'branch';
  /** The 10-digit number of the taxpayer itself (the parent for a branch). */
  parentTaxCode: string;
  /** N11–N13 of a dependent unit, else null. */
  branchNumber: string | null;
};
export type TaxCodeResult = TaxCodeInfo | { ok: false; code: TaxCodeErrorCode; reasonVi: string };

/** The check digit N10 of nine digits N1–N9, or null when the sum gives 10 (no such tax number is issued). */
export function taxCodeCheckDigit(first9: string): number | null {
  if (!/^\d{9}$/.test(first9)) throw new RangeError(`Cần đúng 9 chữ số: ${first9}`);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += WEIGHTS[i]! * Number(first9[i]);
  const check = 10 - (sum % 11);
  return check === 10 ? null : check;
}

function fail(code: TaxCodeErrorCode, reasonVi: string): TaxCodeResult {
  return { ok: false, code, reasonVi };
}

/**
 * Checks an enterprise tax code of 10 digits or a dependent unit's `XXXXXXXXXX-YYY`. Spaces and dots are ignored;
 * the dash before the unit number may be omitted (13 digits) and is restored in `taxCode`.
 */
export function validateTaxCode(input: string): TaxCodeResult {
  const compact = input.replace(/[\s.]+/g, '');
  if (compact === '') return fail('EMPTY', 'Chưa nhập mã số thuế.');
  const m = /^(\d{10})(?:-?(\d{3}))?$/.exec(compact);
  if (!m) return fail('FORMAT', 'Mã số thuế gồm 10 chữ số, hoặc 13 chữ số dạng XXXXXXXXXX-YYY đối với đơn vị phụ thuộc.');
  const parent = m[1]!;
  const branch = m[2] ?? null;
  if (parent.slice(2, 9) === '0000000') return fail('SEQUENCE', 'Mã số thuế không hợp lệ (số thứ tự N3–N9 không thể toàn số 0).');
  if (taxCodeCheckDigit(parent.slice(0, 9)) !== Number(parent[9])) {
    return fail('CHECK_DIGIT', 'Mã số thuế không đúng (chữ số kiểm tra thứ 10 không khớp); vui lòng kiểm tra lại.');
  }
  if (branch === '000') return fail('BRANCH', 'Số thứ tự đơn vị phụ thuộc (3 chữ số cuối) phải từ 001 đến 999.');
  return branch === null
    ? { ok: true, taxCode: parent, kind: 'main', parentTaxCode: parent, branchNumber: null }
    : { ok: true, taxCode: `${parent}-${branch}`, kind: 'branch', parentTaxCode: parent, branchNumber: branch };
}
