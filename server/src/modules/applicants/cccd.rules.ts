/**
 * Số định danh cá nhân / số thẻ Căn cước công dân (CCCD): 12 digits.
 *
 * Structure — Thông tư 07/2016/TT-BCA, Điều 7 (and its Phụ lục with the province table), whose structure
 * Thông tư 59/2021/TT-BCA, Điều 7 carries on unchanged:
 * - digits 1–3: code of the province (tỉnh, thành phố trực thuộc trung ương) where the birth was registered;
 * - digit 4: century of birth and gender — 20th century (1900–1999) male 0 / female 1; 21st (2000–2099) 2 / 3;
 *   22nd (2100–2199) 4 / 5; 23rd (2200–2299) 6 / 7; 24th (2300–2399) 8 / 9;
 * - digits 5–6: last two digits of the year of birth;
 * - digits 7–12: a random number.
 * There is no check digit.
 *
 * What is verified and what is not:
 * - [S] The 63 province codes below, and the century/gender table, match a reproduction of Phụ lục 1 and Điều 7 of
 *   Thông tư 07/2016/TT-BCA and several public implementations; the official gazette text was not read.
 * - [S] Digits 8/9 mean the 24th century (2300–2399) in that table, not the 1800s: nobody alive holds them, so
 *   with `today` given they are refused as a birth year in the future.
 * - [U] Whether Thông tư 59/2021/TT-BCA amended or replaced Thông tư 07/2016 (we believe it replaced it, keeping
 *   Điều 7), and that Luật Căn cước 2023 and its implementing texts keep the same 12-digit structure.
 * - [U] Numbers issued after the provincial merger of 01/07/2025 are assumed to use codes from the same table
 *   (a new province reusing a predecessor's code); `provinceName` is the pre-2025 name of that code.
 * - [S] The 9-digit identity card (CMND) stopped being valid after 31/12/2024 (Luật Căn cước 2023, Điều 46).
 */

/** Province codes of birth registration (Thông tư 07/2016/TT-BCA, Phụ lục 1): the 63 provinces before 2025. */
export const CCCD_PROVINCES: Readonly<Record<string, string>> = Object.freeze({
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
});

export type Gender = 'male' | 'female';

export type CccdErrorCode =
  | 'EMPTY'
  | 'CMND_9'
  | 'FORMAT'
  | 'PROVINCE'
  | 'BIRTH_YEAR_FUTURE'
  | 'BIRTH_DATE_INVALID'
  | 'BIRTH_YEAR_MISMATCH'
  | 'BIRTH_DATE_FUTURE'
  | 'GENDER_MISMATCH';

export type CccdInfo = { ok: true; number: string; provinceCode: string; provinceName: string; gender: Gender; birthYear: number };
export type CccdResult = CccdInfo | { ok: false; code: CccdErrorCode; reasonVi: string };

export type CccdCheckOptions = {
  /** Date of birth declared on the form (YYYY-MM-DD): its year must be the one the number encodes. */
  birthDate?: string;
  /** Gender declared on the form: must be the one the number encodes. */
  gender?: Gender;
  /** Today (YYYY-MM-DD, Vietnam time): a number encoding a later birth year, a birth date after it, are refused. */
  today?: string;
};

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function fail(code: CccdErrorCode, reasonVi: string): CccdResult {
  return { ok: false, code, reasonVi };
}

/** Year of a real calendar date `YYYY-MM-DD`, or null. */
function yearOfDate(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const back = new Date(Date.UTC(y, mo - 1, d));
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return y;
}

/**
 * Checks a CCCD / personal identification number and decodes it: province of birth registration, gender and year
 * of birth. Spaces are ignored. With `options`, also checks it against the birth date and gender on the form.
 */
export function validateCccd(input: string, options: CccdCheckOptions = {}): CccdResult {
  const number = input.replace(/\s+/g, '');
  if (number === '') return fail('EMPTY', 'Chưa nhập số định danh cá nhân (số CCCD).');
  if (/^\d{9}$/.test(number)) {
    return fail('CMND_9', 'Số chứng minh nhân dân 9 số không còn giá trị sử dụng; vui lòng nhập số định danh cá nhân 12 số (số CCCD).');
  }
  if (!/^\d{12}$/.test(number)) return fail('FORMAT', 'Số định danh cá nhân (số CCCD) phải gồm đúng 12 chữ số.');

  const provinceCode = number.slice(0, 3);
  const provinceName = CCCD_PROVINCES[provinceCode];
  if (provinceName === undefined) {
    return fail('PROVINCE', `Ba chữ số đầu (${provinceCode}) không phải mã tỉnh, thành phố nơi đăng ký khai sinh.`);
  }
  // Digit 4 (Thông tư 07/2016/TT-BCA, Điều 7): 0–1 → 1900s, 2–3 → 2000s, … 8–9 → 2300s; even = male, odd = female.
  const centuryDigit = Number(number[3]);
  const gender: Gender = centuryDigit % 2 === 0 ? 'male' : 'female';
  const birthYear = 1900 + Math.floor(centuryDigit / 2) * 100 + Number(number.slice(4, 6));

  if (options.today !== undefined) {
    const thisYear = yearOfDate(options.today);
    if (thisYear === null) throw new RangeError(`Ngày hiện tại không hợp lệ: ${options.today}`);
    if (birthYear > thisYear) {
      return fail('BIRTH_YEAR_FUTURE', `Chữ số thứ 4 và năm sinh của số định danh cho năm sinh ${birthYear}, chưa thể có.`);
    }
  }
  if (options.birthDate !== undefined) {
    const year = yearOfDate(options.birthDate);
    if (year === null) return fail('BIRTH_DATE_INVALID', 'Ngày sinh không hợp lệ (cần dạng năm-tháng-ngày có thật).');
    if (year !== birthYear) {
      return fail('BIRTH_YEAR_MISMATCH', `Số định danh cá nhân ứng với năm sinh ${birthYear}, không khớp với ngày sinh đã khai (năm ${year}).`);
    }
    // The right year is not enough: a day of this year still to come is no date of birth.
    if (options.today !== undefined && options.birthDate > options.today) {
      const [y, mo, d] = options.birthDate.split('-');
      return fail('BIRTH_DATE_FUTURE', `Ngày sinh ${d}/${mo}/${y} chưa đến; vui lòng kiểm tra lại.`);
    }
  }
  if (options.gender !== undefined && options.gender !== gender) {
    return fail('GENDER_MISMATCH', `Số định danh cá nhân ứng với giới tính ${gender === 'male' ? 'nam' : 'nữ'}, không khớp với giới tính đã khai.`);
  }
  return { ok: true, number, provinceCode, provinceName, gender, birthYear };
}

/** The 4th digit for a gender and year of birth (the inverse of the century table); throws outside 1900–2399. */
export function centuryGenderDigit(gender: Gender, birthYear: number): number {
  if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > 2399) throw new RangeError(`Năm sinh ngoài bảng mã thế kỷ: ${birthYear}`);
  return (Math.floor(birthYear / 100) - 19) * 2 + (gender === 'female' ? 1 : 0);
}
