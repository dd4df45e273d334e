import { describe, expect, it } from 'vitest';
import { ApiError, errorText, issueFields } from './api-client.js';

/** What unwrap makes of the server's answer to refused input (its message names the first issue: server errors.test.ts). */
function refusal(message: string, issues: { path: string; message: string }[]): ApiError {
  return new ApiError(400, 'COMMON.VALIDATION', message, 'The request is invalid.', { issues: issues.map((i) => ({ ...i, messageEn: `The value of "${i.path}" is invalid.` })) });
}

const PREFIX = 'Đầu số điện thoại không thuộc mã mạng di động hoặc mã vùng cố định nào của Việt Nam.';

describe('a refused submission in the console', () => {
  it('shows the server\'s reason once, then the other problems', () => {
    expect(errorText(refusal(`Số điện thoại: ${PREFIX}`, [{ path: '/applicant/phone', message: PREFIX }]))).toBe(`Số điện thoại: ${PREFIX}`);
    const two = refusal('Số điện thoại: Đầu số điện thoại không thuộc mã mạng di động hoặc mã vùng cố định nào của Việt Nam (và 1 lỗi khác).', [
      { path: '/applicant/phone', message: PREFIX },
      { path: '/applicant/email', message: 'Địa chỉ email không hợp lệ' },
    ]);
    expect(errorText(two)).toBe(
      'Số điện thoại: Đầu số điện thoại không thuộc mã mạng di động hoặc mã vùng cố định nào của Việt Nam (và 1 lỗi khác). /applicant/email: Địa chỉ email không hợp lệ',
    );
  });

  it('says each problem under the form field named like the request\'s', () => {
    const err = refusal(`Số điện thoại: ${PREFIX} (và 3 lỗi khác).`, [
      { path: '/applicant/phone', message: PREFIX },
      { path: '/grants/0/role', message: 'Tùy chọn không hợp lệ' },
      { path: '/grants/0/role', message: 'Vai trò không có ở đơn vị này' },
      { path: '/', message: 'Cần ít nhất số điện thoại hoặc e-mail.' },
    ]);
    expect(issueFields(err)).toEqual([
      { name: ['applicant', 'phone'], errors: [PREFIX] },
      { name: ['grants', 0, 'role'], errors: ['Tùy chọn không hợp lệ', 'Vai trò không có ở đơn vị này'] },
    ]);
    expect(issueFields(new Error('x'))).toEqual([]);
  });

  it('says it under the form field of another name where a flat form fills a nested body', () => {
    const err = refusal(`Số điện thoại người gửi: ${PREFIX}`, [
      { path: '/sender/phone', message: PREFIX },
      { path: '/subject', message: 'Quá ngắn' },
    ]);
    expect(issueFields(err, { '/sender/phone': 'phone' })).toEqual([
      { name: ['phone'], errors: [PREFIX] },
      { name: ['subject'], errors: ['Quá ngắn'] },
    ]);
  });
});
