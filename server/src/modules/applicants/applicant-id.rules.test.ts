import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkApplicantId } from './applicant-id.rules.js';
import { CCCD_PROVINCES } from './cccd.rules.js';

describe('an applicant’s number in its one canonical form (checkApplicantId)', () => {
  it.each([
    ['a CCCD as printed', 'citizen', '079190005555', '079190005555'],
    ['a CCCD read aloud in groups', 'citizen', '079 190 005 555', '079190005555'],
    ['a tax code', 'organisation', '0100109106', '0100109106'],
    ['a dependent unit without its dash', 'organisation', '0100109106001', '0100109106-001'],
    ['a dependent unit with dots and spaces', 'organisation', '0100.109.106 - 001', '0100109106-001'],
  ] as const)('%s', (_what, kind, typed, stored) => {
    expect(checkApplicantId(kind, typed, { today: '2026-12-06' })).toEqual({ ok: true, idNumber: stored });
  });

  it.each([
    ['an unknown province', 'citizen', '999190001234', 'Ba chữ số đầu (999) không phải mã tỉnh, thành phố nơi đăng ký khai sinh.'],
    ['an old 9-digit card', 'citizen', '123456789', 'Số chứng minh nhân dân 9 số không còn giá trị sử dụng; vui lòng nhập số định danh cá nhân 12 số (số CCCD).'],
    ['a tax code for a citizen', 'citizen', '0100109106', 'Số định danh cá nhân (số CCCD) phải gồm đúng 12 chữ số.'],
    ['a wrong check digit', 'organisation', '0100109107', 'Mã số thuế không đúng (chữ số kiểm tra thứ 10 không khớp); vui lòng kiểm tra lại.'],
  ] as const)('refuses %s with the rule’s reason', (_what, kind, typed, reason) => {
    expect(checkApplicantId(kind, typed, { today: '2026-12-06' })).toMatchObject({ ok: false, reasonVi: reason });
  });

  it('a CCCD gives its birth year to check against the form', () => {
    expect(checkApplicantId('citizen', '079185009999', { birthDate: '1990-03-12' })).toMatchObject({ ok: false, code: 'BIRTH_YEAR_MISMATCH' });
  });

  it('whatever spaces are typed into a valid CCCD, the stored number is its 12 digits', () => {
    const provinces = Object.keys(CCCD_PROVINCES);
    fc.assert(
      fc.property(
        fc.constantFrom(...provinces),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.array(fc.constantFrom(' ', '  ', '\t'), { minLength: 12, maxLength: 12 }),
        (province, century, yy, rest, gaps) => {
          const digits = `${province}${century}${String(yy).padStart(2, '0')}${String(rest).padStart(6, '0')}`;
          const typed = [...digits].map((d, i) => (i % 3 === 2 ? d + gaps[i]! : d)).join('');
          expect(checkApplicantId('citizen', typed)).toEqual({ ok: true, idNumber: digits });
        },
      ),
    );
  });
});
