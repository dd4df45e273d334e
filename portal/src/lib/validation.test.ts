import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDateOf, parseVnDate, problemText, valueProblem } from './validation.js';

describe('Vietnamese validation messages of the portal forms', () => {
  it.each([
    ['an empty required field', 'Họ và tên', '  ', { required: true }, 'Chưa nhập "Họ và tên".'],
    ['an empty choice', 'Giới tính', undefined, { required: true, choice: true }, 'Chưa chọn "Giới tính".'],
    ['an unanswered numbered question', 'Thời hạn giải quyết', '', { required: true, choice: true, question: '3' }, 'Chưa chọn câu trả lời cho câu 3 "Thời hạn giải quyết".'],
    ['an empty optional field', 'Thư điện tử', '', { check: 'email' as const }, null],
    ['a date that does not exist', 'Ngày sinh', '31/02/2026', { check: 'date' as const }, '"Ngày sinh": tháng 2 năm 2026 chỉ có 28 ngày, không có ngày 31.'],
    ['29 February of a common year', 'Từ ngày', '29/02/2025', { check: 'date' as const }, '"Từ ngày": tháng 2 năm 2025 chỉ có 28 ngày, không có ngày 29.'],
    ['29 February of a leap year', 'Từ ngày', '29/02/2024', { check: 'date' as const }, null],
    ['a day 31 of a 30-day month', 'Đến ngày', '31.04.2026', { check: 'date' as const }, '"Đến ngày": tháng 4 năm 2026 chỉ có 30 ngày, không có ngày 31.'],
    ['a day 0', 'Đến ngày', '00/05/2026', { check: 'date' as const }, '"Đến ngày": tháng 5 năm 2026 chỉ có 31 ngày, không có ngày 0.'],
    ['not a date at all', 'Ngày sinh', '3 tháng 5', { check: 'date' as const }, '"Ngày sinh" không phải ngày hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2026.'],
    ['a date as dd/MM/yyyy', 'Ngày sinh', '5/3/2026', { check: 'date' as const }, null],
    ['a date as the browser fills it', 'Ngày sinh', '1990-05-01', { check: 'date' as const }, null],
    ['a month 13', 'Ngày sinh', '1990-13-01', { check: 'date' as const }, '"Ngày sinh": không có tháng 13; tháng từ 1 đến 12.'],
    ['an e-mail without a domain', 'Thư điện tử', 'an@', { check: 'email' as const }, '"Thư điện tử" chưa đúng dạng thư điện tử, ví dụ ten@example.vn.'],
    ['a landline where a mobile is needed', 'Số điện thoại mới', '028 3829 1234', { check: 'mobile' as const }, '"Số điện thoại mới" cần là số di động Việt Nam 10 chữ số, ví dụ 0912 345 678.'],
    ['an old 11-digit mobile', 'Số điện thoại mới', '01689123456', { check: 'mobile' as const }, '"Số điện thoại mới": số di động 11 số đã chuyển sang 10 số từ năm 2018; số mới là 0389123456.'],
    ['a mobile written with spaces', 'Số điện thoại', '0912 345 678', { check: 'phone' as const }, null],
    ['a number of the wrong length', 'Số điện thoại', '091234', { check: 'phone' as const }, '"Số điện thoại": số điện thoại không đúng độ dài: di động 10 chữ số, cố định 11 chữ số (kể cả số 0 đầu).'],
    ['a sign-in name that is neither', 'E-mail hoặc số điện thoại di động', 'an', { check: 'identifier' as const }, problemText.identifier('E-mail hoặc số điện thoại di động')],
    ['a sign-in phone', 'E-mail hoặc số điện thoại di động', '+84 912 345 678', { check: 'identifier' as const }, null],
    ['an old 9-digit identity card', 'Số căn cước', '123456789', { check: 'id-number' as const }, '"Số căn cước": số chứng minh nhân dân 9 số không còn giá trị sử dụng; vui lòng nhập số định danh cá nhân 12 số (số CCCD).'],
    ['an unknown province code', 'Số căn cước', '999190001234', { check: 'id-number' as const }, '"Số căn cước": ba chữ số đầu (999) không phải mã tỉnh, thành phố nơi đăng ký khai sinh.'],
    ['a 5-digit code', 'Mã xác thực', '12345', { check: 'otp' as const }, '"Mã xác thực" gồm đúng 6 chữ số, trong tin nhắn hoặc thư vừa gửi.'],
    ['a 12-digit pattern of an e-form', 'Số định danh của mẹ', '12345', { pattern: '^[0-9]{12}$' }, '"Số định danh của mẹ" gồm đúng 12 chữ số.'],
    ['another pattern', 'Giờ', '25h', { pattern: '^[0-2][0-9]:[0-5][0-9]$' }, '"Giờ" chưa đúng định dạng.'],
    ['too short', 'Tiêu đề', 'abc', { minLength: 5 }, '"Tiêu đề" cần ít nhất 5 ký tự.'],
    ['too long', 'Tiêu đề', 'abcdef', { maxLength: 5 }, '"Tiêu đề" dài quá 5 ký tự.'],
    ['not an integer', 'Số bản sao', 1.5, { number: 'integer' as const }, '"Số bản sao" phải là một số nguyên.'],
    ['below the minimum', 'Số bản sao', 0, { number: 'integer' as const, minimum: 1 }, '"Số bản sao" không được nhỏ hơn 1.'],
    ['above the maximum', 'Số bản sao', '21', { number: 'integer' as const, maximum: 20 }, '"Số bản sao" không được lớn hơn 20.'],
  ])('%s', (_what, label, value, constraints, expected) => {
    expect(valueProblem(label, value, constraints)).toBe(expected);
  });

  it('reads every real date typed dd/MM/yyyy back to the same day, and no other', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split('-');
        expect(parseVnDate(`${day}/${m}/${y}`)).toBe(iso);
        expect(isoDateOf(iso)).toBe(iso);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1900, max: 2099 }), (d, m, y) => {
        const out = parseVnDate(`${d}/${m}/${y}`);
        const real = new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
        expect(out !== null).toBe(real);
      }),
    );
  });

  it('says something for every required empty value, whatever else is asked', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '   ', undefined, null), fc.boolean(), (v, choice) => {
        expect(valueProblem('Trường', v, { required: true, choice, check: 'email', minLength: 3 })).toMatch(/^Chưa (nhập|chọn) "Trường"\.$/);
      }),
    );
  });
});
