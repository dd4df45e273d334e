/**
 * Vietnamese telephone numbers: validation and normalisation to the international form `+84…` (E.164, ITU-T).
 *
 * - Mobile: 10 digits nationally, `0` + a 2-digit network code + 7 digits, since the change from 11 to 10 digits
 *   completed in 2018 (Quyết định 798/QĐ-BTTTT of 25/5/2018 [S]). Network codes in use [S, operator lists,
 *   2024]: 032–039, 052, 055, 056, 058, 059, 070, 076–079, 081–089, 090–094, 096–099, and 095 (the former S-Fone
 *   range, in use again [S: issue 15 of this project]). Kept as data so that a new code is one line.
 * - Fixed line: 11 digits nationally, `0` + the area code (mã vùng) + the subscriber number, after the area code
 *   change of 2017 (Quyết định 2036/QĐ-BTTTT of 18/11/2015 [S]): Hà Nội 024 and TP. Hồ Chí Minh 028 with 8 digits,
 *   every other province a 4-digit 02xx code with 7 digits. [U] The area codes were not changed by the 2025
 *   provincial merger (merged provinces kept their codes).
 * - Old 11-digit mobile numbers (01xx) are refused with the 10-digit number they became, so the officer can fix it.
 * - 1800/1900 service numbers are not personal numbers and are refused.
 */

export type PhoneKind = 'mobile' | 'landline';
export type PhoneErrorCode = 'EMPTY' | 'FORMAT' | 'OLD_MOBILE' | 'SERVICE_NUMBER' | 'UNKNOWN_PREFIX' | 'NOT_MOBILE';
export type PhoneInfo = {
  ok: true;
  /** International form, e.g. `+84912345678`. */
  e164: string;
  /** National form, e.g. `0912345678`. */
  national: string;
  kind: PhoneKind;
};
export type PhoneResult = PhoneInfo | { ok: false; code: PhoneErrorCode; reasonVi: string };

/** Mobile network codes (the two digits after the leading 0). */
export const MOBILE_PREFIXES: readonly string[] = Object.freeze([
  ...['32', '33', '34', '35', '36', '37', '38', '39'],
  ...['52', '55', '56', '58', '59'],
  ...['70', '76', '77', '78', '79'],
  ...['81', '82', '83', '84', '85', '86', '87', '88', '89'],
  ...['90', '91', '92', '93', '94', '95', '96', '97', '98', '99'],
]);

/** Fixed-line area codes (without the leading 0) of the 63 provinces since 2017. */
export const AREA_CODES: readonly string[] = Object.freeze([
  '24',
  '28',
  ...['203', '204', '205', '206', '207', '208', '209', '210', '211', '212', '213', '214', '215', '216', '218', '219'],
  ...['220', '221', '222', '225', '226', '227', '228', '229'],
  ...['232', '233', '234', '235', '236', '237', '238', '239'],
  ...['251', '252', '254', '255', '256', '257', '258', '259'],
  ...['260', '261', '262', '263', '269'],
  ...['270', '271', '272', '273', '274', '275', '276', '277'],
  ...['290', '291', '292', '293', '294', '296', '297', '299'],
]);

/** Old 11-digit mobile codes → their 10-digit replacements (Quyết định 798/QĐ-BTTTT [S]). */
const OLD_MOBILE_CODES: Readonly<Record<string, string>> = Object.freeze({
  '120': '70',
  '121': '79',
  '122': '77',
  '126': '76',
  '128': '78',
  '123': '83',
  '124': '84',
  '125': '85',
  '127': '81',
  '129': '82',
  '162': '32',
  '163': '33',
  '164': '34',
  '165': '35',
  '166': '36',
  '167': '37',
  '168': '38',
  '169': '39',
  '186': '56',
  '188': '58',
  '199': '59',
});

const mobileSet = new Set(MOBILE_PREFIXES);
const areaSet = new Set(AREA_CODES);

function fail(code: PhoneErrorCode, reasonVi: string): PhoneResult {
  return { ok: false, code, reasonVi };
}

/**
 * The significant number (without 0 or +84) of what the user typed, or null when it is not a Vietnamese number. The
 * SQL function phone_significant_vn is the same rule for numbers stored as typed (phone.sql.test.ts compares them).
 */
export function phoneSignificantPart(input: string): string | null {
  let s = input.trim().replace(/[\s.\-()/]+/g, '');
  if (s.startsWith('+84')) s = s.slice(3);
  else if (s.startsWith('0084')) s = s.slice(4);
  else if (/^84\d{9,10}$/.test(s)) s = s.slice(2);
  else if (s.startsWith('0')) return /^0\d+$/.test(s) ? s.slice(1) : null;
  else return null;
  // "+84 0912…" is a common way of writing it: the national 0 after the country code is dropped.
  if (s.startsWith('0')) s = s.slice(1);
  return /^\d+$/.test(s) ? s : null;
}

/**
 * Validates a Vietnamese mobile or fixed-line number written in any usual way (`0912 345 678`, `+84 912.345.678`,
 * `(028) 3829 1234`, `0084…`) and gives it in `+84` and national form.
 */
export function normalizePhoneVn(input: string): PhoneResult {
  if (input.trim() === '') return fail('EMPTY', 'Chưa nhập số điện thoại.');
  if (/^(1800|1900)\d{4,6}$/.test(input.replace(/[\s.\-()]+/g, ''))) {
    return fail('SERVICE_NUMBER', 'Số 1800/1900 là số dịch vụ, không dùng làm số liên lạc.');
  }
  const sig = phoneSignificantPart(input);
  if (sig === null) return fail('FORMAT', 'Số điện thoại không hợp lệ: cần số Việt Nam bắt đầu bằng 0 hoặc +84.');
  const old = sig.length === 10 ? OLD_MOBILE_CODES[sig.slice(0, 3)] : undefined;
  if (old !== undefined) {
    return fail('OLD_MOBILE', `Số di động 11 số đã chuyển sang 10 số từ năm 2018; số mới là 0${old}${sig.slice(3)}.`);
  }
  const landline = sig.startsWith('2');
  if (sig.length !== (landline ? 10 : 9)) {
    return fail('FORMAT', 'Số điện thoại không đúng độ dài: di động 10 chữ số, cố định 11 chữ số (kể cả số 0 đầu).');
  }
  if (landline ? areaSet.has(sig.slice(0, 2)) || areaSet.has(sig.slice(0, 3)) : mobileSet.has(sig.slice(0, 2))) {
    return ok(sig, landline ? 'landline' : 'mobile');
  }
  return fail('UNKNOWN_PREFIX', 'Đầu số điện thoại không thuộc mã mạng di động hoặc mã vùng cố định nào của Việt Nam.');
}

function ok(sig: string, kind: PhoneKind): PhoneInfo {
  return { ok: true, e164: `+84${sig}`, national: `0${sig}`, kind };
}

/** `normalizePhoneVn` for a number that must receive SMS (one-time codes, notices): a fixed line is refused too. */
export function normalizeMobileVn(input: string): PhoneResult {
  const r = normalizePhoneVn(input);
  return r.ok && r.kind !== 'mobile' ? fail('NOT_MOBILE', 'Cần số di động (10 chữ số, ví dụ 0912 345 678) để nhận tin nhắn; số cố định không nhận được.') : r;
}

/** True for a number that can receive SMS (a mobile number). */
export function isMobileVn(input: string): boolean {
  const r = normalizePhoneVn(input);
  return r.ok && r.kind === 'mobile';
}
