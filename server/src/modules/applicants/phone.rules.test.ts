import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AREA_CODES, MOBILE_PREFIXES, isMobileVn, normalizeMobileVn, normalizePhoneVn } from './phone.rules.js';

describe('normalizePhoneVn', () => {
  it.each([
    ['0912345678', '+84912345678', 'mobile'],
    ['0912 345 678', '+84912345678', 'mobile'],
    ['091.234.5678', '+84912345678', 'mobile'],
    ['+84 912 345 678', '+84912345678', 'mobile'],
    ['+84912345678', '+84912345678', 'mobile'],
    ['84912345678', '+84912345678', 'mobile'],
    ['0084912345678', '+84912345678', 'mobile'],
    ['+84 (0) 912-345-678', '+84912345678', 'mobile'],
    ['+840912345678', '+84912345678', 'mobile'],
    ['0326 123 456', '+84326123456', 'mobile'],
    ['0559 000 111', '+84559000111', 'mobile'],
    ['0868 123 456', '+84868123456', 'mobile'],
    ['(024) 3825 1234', '+842438251234', 'landline'],
    ['028 3829 1234', '+842838291234', 'landline'],
    ['0237 385 2345', '+842373852345', 'landline'],
    ['+84 236 3821 234', '+842363821234', 'landline'],
    ['0299 3822 123', '+842993822123', 'landline'],
    ['095 123 4567', '+84951234567', 'mobile'],
    ['0203 3825 123', '+842033825123', 'landline'],
  ] as const)('%j → %s (%s)', (input, e164, kind) => {
    expect(normalizePhoneVn(input)).toEqual({ ok: true, e164, national: `0${e164.slice(3)}`, kind });
  });

  it.each([
    ['', 'EMPTY'],
    ['  ', 'EMPTY'],
    ['912345678', 'FORMAT'],
    ['+1 212 555 0100', 'FORMAT'],
    ['09123456789x', 'FORMAT'],
    ['091234567', 'FORMAT'],
    ['09123456789', 'FORMAT'],
    ['1900 1234', 'SERVICE_NUMBER'],
    ['1800.5588', 'SERVICE_NUMBER'],
    ['0801234567', 'UNKNOWN_PREFIX'],
    ['0112345678', 'UNKNOWN_PREFIX'],
    ['0217 123 4567', 'UNKNOWN_PREFIX'],
    ['0301234567', 'UNKNOWN_PREFIX'],
  ])('%j is refused (%s)', (input, code) => {
    const r = normalizePhoneVn(input);
    expect(r).toMatchObject({ ok: false, code });
  });

  it('tells which 10-digit number an old 11-digit mobile number became', () => {
    expect(normalizePhoneVn('01668 123 456')).toEqual({
      ok: false,
      code: 'OLD_MOBILE',
      reasonVi: 'Số di động 11 số đã chuyển sang 10 số từ năm 2018; số mới là 0368123456.',
    });
    expect(normalizePhoneVn('+84 1234 567 890')).toMatchObject({ code: 'OLD_MOBILE', reasonVi: expect.stringContaining('0834567890') });
  });

  it('tables: 37 mobile network codes, the 63 provinces’ area codes', () => {
    expect(new Set(MOBILE_PREFIXES).size).toBe(MOBILE_PREFIXES.length);
    expect(MOBILE_PREFIXES).toHaveLength(37);
    expect(new Set(AREA_CODES).size).toBe(63);
    expect(AREA_CODES).toHaveLength(63);
  });

  it('only mobile numbers can receive SMS', () => {
    expect(isMobileVn('0912345678')).toBe(true);
    expect(isMobileVn('024 3825 1234')).toBe(false);
    expect(isMobileVn('abc')).toBe(false);
  });

  it('a number that must receive SMS (an officer’s one-time codes) refuses a fixed line, saying why', () => {
    expect(normalizeMobileVn('+84 912.345.678')).toEqual({ ok: true, e164: '+84912345678', national: '0912345678', kind: 'mobile' });
    expect(normalizeMobileVn('024 3825 1234')).toMatchObject({ ok: false, code: 'NOT_MOBILE', reasonVi: expect.stringContaining('số cố định không nhận được') });
    expect(normalizeMobileVn('0123456789')).toMatchObject({ ok: false, code: 'UNKNOWN_PREFIX' });
    expect(normalizeMobileVn('01234567890')).toMatchObject({ ok: false, code: 'OLD_MOBILE' });
  });
});

const arbDigits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const arbMobile = fc.tuple(fc.constantFrom(...MOBILE_PREFIXES), arbDigits(7)).map(([p, rest]) => `0${p}${rest}`);
/** Spaces, dots or dashes between digits, as people write them. */
const arbSeparated = (national: string) =>
  fc.array(fc.constantFrom('', '', ' ', '.', '-'), { minLength: national.length, maxLength: national.length }).map((seps) =>
    national
      .split('')
      .map((d, i) => d + seps[i])
      .join('')
      .trim()
      .replace(/[.-]$/, ''),
  );

describe('normalizePhoneVn properties', () => {
  it('every way of writing a mobile number gives the same +84 form, which is a fixed point', () => {
    fc.assert(
      fc.property(
        arbMobile.chain((n) => fc.tuple(fc.constant(n), arbSeparated(n), fc.constantFrom('0', '+84', '84', '0084', '+84 ', '+84 (0)'))),
        ([national, written, prefix]) => {
          const input = prefix === '0' ? written : `${prefix}${written.slice(1)}`;
          const r = normalizePhoneVn(input);
          expect(r).toEqual({ ok: true, e164: `+84${national.slice(1)}`, national, kind: 'mobile' });
          if (r.ok) expect(normalizePhoneVn(r.e164)).toEqual(r);
        },
      ),
    );
  });

  it('a valid result is always +84 followed by 9 (mobile) or 10 (fixed line) digits', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', ' ', '.') }), (s) => {
        const r = normalizePhoneVn(s);
        if (r.ok) expect(r.e164).toMatch(r.kind === 'mobile' ? /^\+84[35789]\d{8}$/ : /^\+842\d{9}$/);
      }),
    );
  });
});

describe('the same number at intake and at tracking', () => {
  it('every way of writing a number gives the same stored form', async () => {
    const { ZPhoneVn } = await import('./phone.contract.js');
    for (const typed of ['0951234567', '+84 95 123 4567', '0084951234567', '095.123.4567']) expect(ZPhoneVn.parse(typed)).toBe('0951234567');
    for (const typed of ['(028) 3829 1234', '+84 28 3829 1234', '028.3829.1234']) expect(ZPhoneVn.parse(typed)).toBe('02838291234');
    expect(ZPhoneVn.parse('  ')).toBeNull();
    const bad = ZPhoneVn.safeParse('0123 456');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/Số điện thoại/);
  });
});
