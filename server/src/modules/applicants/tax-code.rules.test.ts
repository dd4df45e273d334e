import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taxCodeCheckDigit, validateTaxCode } from './tax-code.rules.js';

describe('taxCodeCheckDigit (weights 31, 29, 23, 19, 17, 13, 7, 5, 3; 10 − Σ mod 11)', () => {
  it.each([
    ['010010910', 6], // Viettel 0100109106
    ['030058856', 9], // Vinamilk 0300588569
    ['010023348', 8],
    ['031440905', 8],
  ])('%s → %i', (first9, check) => {
    expect(taxCodeCheckDigit(first9)).toBe(check);
  });

  it('gives null when Σ mod 11 = 0 (such numbers are not issued)', () => {
    let found = '';
    for (let n = 100_000_000; n < 100_001_000 && !found; n++) if (taxCodeCheckDigit(String(n)) === null) found = String(n);
    expect(found).not.toBe('');
    expect(validateTaxCode(`${found}0`)).toMatchObject({ ok: false, code: 'CHECK_DIGIT' });
  });

  it('refuses anything but nine digits', () => {
    expect(() => taxCodeCheckDigit('12345678')).toThrow(RangeError);
    expect(() => taxCodeCheckDigit('12345678a')).toThrow(RangeError);
  });
});

describe('validateTaxCode', () => {
  it.each([
    ['0100109106', '0100109106', 'main', null],
    ['0300588569', '0300588569', 'main', null],
    ['  0100 109 106 ', '0100109106', 'main', null],
    ['01.00.109.106', '0100109106', 'main', null],
    ['0314409058-002', '0314409058-002', 'branch', '002'],
    ['0314409058002', '0314409058-002', 'branch', '002'],
    ['0314409058 - 999', '0314409058-999', 'branch', '999'],
  ] as const)('%j → %s', (input, taxCode, kind, branchNumber) => {
    expect(validateTaxCode(input)).toEqual({ ok: true, taxCode, kind, parentTaxCode: taxCode.slice(0, 10), branchNumber });
  });

  it.each([
    ['', 'EMPTY'],
    ['010010910', 'FORMAT'],
    ['01001091061', 'FORMAT'],
    ['0100109106-01', 'FORMAT'],
    ['0100109106-0001', 'FORMAT'],
    ['010010910A', 'FORMAT'],
    ['0100109106_001', 'FORMAT'],
    ['0100109107', 'CHECK_DIGIT'],
    ['0100233480', 'CHECK_DIGIT'],
    ['0314409059-002', 'CHECK_DIGIT'],
    ['0100000000', 'SEQUENCE'],
    ['0314409058-000', 'BRANCH'],
  ])('%j is refused (%s)', (input, code) => {
    const r = validateTaxCode(input);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.reasonVi).toMatch(/thuế|đơn vị phụ thuộc/);
  });
});

const arbFirst9 = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((d) => d.join(''));

describe('validateTaxCode properties', () => {
  it('nine digits plus their check digit form a valid tax code, and so does each of its branches', () => {
    fc.assert(
      fc.property(arbFirst9, fc.integer({ min: 1, max: 999 }), (first9, branch) => {
        const check = taxCodeCheckDigit(first9);
        fc.pre(check !== null && first9.slice(2) !== '0000000');
        const code = `${first9}${check}`;
        expect(validateTaxCode(code)).toMatchObject({ ok: true, taxCode: code, kind: 'main' });
        const b = String(branch).padStart(3, '0');
        expect(validateTaxCode(`${code}-${b}`)).toMatchObject({ ok: true, taxCode: `${code}-${b}`, parentTaxCode: code, branchNumber: b });
      }),
    );
  });

  it('every single-digit error in a valid tax code is detected', () => {
    fc.assert(
      fc.property(arbFirst9, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (first9, pos, delta) => {
        const check = taxCodeCheckDigit(first9);
        fc.pre(check !== null && first9.slice(2) !== '0000000');
        const digits = `${first9}${check}`.split('');
        digits[pos] = String((Number(digits[pos]) + delta) % 10);
        expect(validateTaxCode(digits.join('')).ok).toBe(false);
      }),
    );
  });

  it('a ten-digit string is valid exactly when its last digit is the check digit of the first nine', () => {
    fc.assert(
      fc.property(arbFirst9, fc.integer({ min: 0, max: 9 }), (first9, last) => {
        const expected = first9.slice(2) !== '0000000' && taxCodeCheckDigit(first9) === last;
        expect(validateTaxCode(`${first9}${last}`).ok).toBe(expected);
      }),
    );
  });
});
