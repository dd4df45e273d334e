import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CCCD_PROVINCES, centuryGenderDigit, validateCccd, type Gender } from './cccd.rules.js';

const provinceCodes = Object.keys(CCCD_PROVINCES);

describe('CCCD province table (Thông tư 07/2016/TT-BCA, Phụ lục 1)', () => {
  it('has the 63 pre-2025 provinces, codes 001…096, each name once', () => {
    expect(provinceCodes).toHaveLength(63);
    expect(new Set(Object.values(CCCD_PROVINCES)).size).toBe(63);
    for (const code of provinceCodes) expect(code).toMatch(/^0\d{2}$/);
    expect(provinceCodes[0]).toBe('001');
    expect(provinceCodes.at(-1)).toBe('096');
    expect(CCCD_PROVINCES['079']).toBe('Hồ Chí Minh');
    expect(CCCD_PROVINCES['038']).toBe('Thanh Hóa');
    // Codes with no province: gaps in the table.
    for (const gap of ['000', '003', '005', '016', '018', '021', '050', '097', '099', '100']) expect(CCCD_PROVINCES[gap], gap).toBeUndefined();
  });
});

describe('validateCccd', () => {
  it.each([
    ['001099012345', '001', 'Hà Nội', 'male', 1999],
    ['079301000123', '079', 'Hồ Chí Minh', 'female', 2001],
    ['038185000001', '038', 'Thanh Hóa', 'female', 1985],
    ['096200999999', '096', 'Cà Mau', 'male', 2000],
    ['046400000000', '046', 'Thừa Thiên Huế', 'male', 2100],
    ['048512345678', '048', 'Đà Nẵng', 'female', 2112],
    ['001699000000', '001', 'Hà Nội', 'male', 2299],
    ['001800000000', '001', 'Hà Nội', 'male', 2300],
    ['001925000000', '001', 'Hà Nội', 'female', 2325],
  ] as const)('%s → %s %s, %s, %i', (input, provinceCode, provinceName, gender, birthYear) => {
    expect(validateCccd(input)).toEqual({ ok: true, number: input, provinceCode, provinceName, gender, birthYear });
  });

  it.each([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['123456789', 'CMND_9'],
    ['00109901234', 'FORMAT'],
    ['0010990123456', 'FORMAT'],
    ['00109901234a', 'FORMAT'],
    ['001-099-012345', 'FORMAT'],
    ['００１０９９０１２３４５', 'FORMAT'], // full-width digits
    ['003099012345', 'PROVINCE'],
    ['000099012345', 'PROVINCE'],
    ['097099012345', 'PROVINCE'],
    ['100099012345', 'PROVINCE'],
  ])('%j is refused (%s) with a Vietnamese reason', (input, code) => {
    const r = validateCccd(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.reasonVi.length).toBeGreaterThan(10);
    }
  });

  it('ignores spaces', () => {
    expect(validateCccd(' 001 099 012345 ')).toMatchObject({ ok: true, number: '001099012345' });
  });

  it('checks the number against the birth date, gender and today', () => {
    expect(validateCccd('001099012345', { birthDate: '1999-12-31', gender: 'male', today: '2026-11-25' }).ok).toBe(true);
    expect(validateCccd('001099012345', { birthDate: '2099-01-01' })).toMatchObject({ ok: false, code: 'BIRTH_YEAR_MISMATCH' });
    expect(validateCccd('001099012345', { birthDate: '1998-12-31' })).toMatchObject({ ok: false, code: 'BIRTH_YEAR_MISMATCH' });
    expect(validateCccd('001099012345', { birthDate: '1999-02-30' })).toMatchObject({ ok: false, code: 'BIRTH_DATE_INVALID' });
    expect(validateCccd('001099012345', { birthDate: '31/12/1999' })).toMatchObject({ ok: false, code: 'BIRTH_DATE_INVALID' });
    expect(validateCccd('001099012345', { gender: 'female' })).toMatchObject({ ok: false, code: 'GENDER_MISMATCH' });
    // Born in 2027 is not possible on 25/11/2026; the 2300s (digits 8/9) never are today.
    expect(validateCccd('001227000001', { today: '2026-11-25' })).toMatchObject({ ok: false, code: 'BIRTH_YEAR_FUTURE' });
    expect(validateCccd('001226000001', { today: '2026-11-25' }).ok).toBe(true);
    expect(validateCccd('001800000000', { today: '2026-11-25' })).toMatchObject({ ok: false, code: 'BIRTH_YEAR_FUTURE' });
    expect(() => validateCccd('001099012345', { today: '2026-13-01' })).toThrow(RangeError);
    // The year is this one, the day is not yet: a child registered on 25/11/2026 was born by then.
    expect(validateCccd('001226000001', { birthDate: '2026-12-31', today: '2026-11-25' })).toEqual({
      ok: false,
      code: 'BIRTH_DATE_FUTURE',
      reasonVi: 'Ngày sinh 31/12/2026 chưa đến; vui lòng kiểm tra lại.',
    });
    expect(validateCccd('001226000001', { birthDate: '2026-11-26', today: '2026-11-25' })).toMatchObject({ ok: false, code: 'BIRTH_DATE_FUTURE' });
    expect(validateCccd('001226000001', { birthDate: '2026-11-25', today: '2026-11-25' }).ok).toBe(true);
  });

  it('centuryGenderDigit inverts the century table', () => {
    expect(centuryGenderDigit('male', 1900)).toBe(0);
    expect(centuryGenderDigit('female', 1999)).toBe(1);
    expect(centuryGenderDigit('male', 2000)).toBe(2);
    expect(centuryGenderDigit('female', 2399)).toBe(9);
    expect(() => centuryGenderDigit('male', 1899)).toThrow(RangeError);
    expect(() => centuryGenderDigit('male', 2400)).toThrow(RangeError);
  });
});

const arbGender = fc.constantFrom<Gender>('male', 'female');
const arbDigits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

describe('validateCccd properties', () => {
  it('decodes exactly what a number was built from (province, gender, year of birth)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...provinceCodes), arbGender, fc.integer({ min: 1900, max: 2399 }), arbDigits(6), (prov, gender, year, rest) => {
        const number = `${prov}${centuryGenderDigit(gender, year)}${String(year % 100).padStart(2, '0')}${rest}`;
        expect(validateCccd(number)).toEqual({ ok: true, number, provinceCode: prov, provinceName: CCCD_PROVINCES[prov], gender, birthYear: year });
        expect(validateCccd(number, { birthDate: `${year}-06-15`, gender }).ok).toBe(true);
      }),
    );
  });

  it('any 12 digits are valid exactly when the first three are a province code', () => {
    fc.assert(
      fc.property(arbDigits(12), (number) => {
        expect(validateCccd(number).ok).toBe(number.slice(0, 3) in CCCD_PROVINCES);
      }),
    );
  });

  it('a string that is not 12 digits after removing spaces is never valid', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!/^\d{12}$/.test(s.replace(/\s+/g, '')));
        expect(validateCccd(s).ok).toBe(false);
      }),
    );
  });

  it('a birth date in another year is always reported as a mismatch', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2099 }), fc.integer({ min: 1900, max: 2099 }), (encoded, declared) => {
        fc.pre(encoded !== declared);
        const number = `001${centuryGenderDigit('male', encoded)}${String(encoded % 100).padStart(2, '0')}000001`;
        expect(validateCccd(number, { birthDate: `${declared}-01-01` })).toMatchObject({ ok: false, code: 'BIRTH_YEAR_MISMATCH' });
      }),
    );
  });
});
