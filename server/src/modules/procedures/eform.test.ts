import { describe, expect, it } from 'vitest';
import { validateEform } from './eform.js';

/** The e-form's problems as the officer (and the citizen) read them: the field's label and what is wrong, in Vietnamese. */
describe('e-form problems in Vietnamese', () => {
  const schema = {
    type: 'object',
    required: ['childName', 'birthDate'],
    properties: {
      childName: { type: 'string', title: 'Họ, chữ đệm, tên của trẻ', maxLength: 10 },
      birthDate: { type: 'string', format: 'date', title: 'Ngày sinh' },
      idNumber: { type: 'string', title: 'Số định danh của mẹ', pattern: '^[0-9]{12}$' },
      children: { type: 'integer', title: 'Số con', minimum: 1 },
      gender: { type: 'string', title: 'Giới tính', enum: ['F', 'M'] },
      witnesses: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string', title: 'Họ tên người làm chứng' } } } },
    },
  };

  it('names each field by its label, never by its key or a regular expression', () => {
    const problems = validateEform('vi-messages', schema, { childName: 'Nguyễn Văn Anh Tuấn', idNumber: '12ab', children: 0, gender: 'X', witnesses: [{}] });
    expect(problems.map((p) => p.message).sort()).toEqual([
      'Giới tính phải là một trong các lựa chọn của tờ khai.',
      'Họ tên người làm chứng là thông tin bắt buộc.',
      'Họ, chữ đệm, tên của trẻ không được dài quá 10 ký tự.',
      'Ngày sinh là thông tin bắt buộc.',
      'Số con không được nhỏ hơn 1.',
      'Số định danh của mẹ không đúng định dạng.',
    ]);
    expect(validateEform('vi-messages', schema, { childName: 'An', birthDate: '20/11/2026' }).map((p) => p.message)).toEqual(['Ngày sinh không đúng định dạng ngày (năm-tháng-ngày).']);
  });

  it('a personal identification number in the form (the mother’s) is held to the CCCD rule, as the applicant’s is', () => {
    const answers = (idNumber: string) => ({ childName: 'An', birthDate: '2026-11-20', idNumber });
    expect(validateEform('vi-messages', schema, answers('087090001234'))).toEqual([]);
    // Twelve digits, but 999 is no province code: the pattern alone let it through (issue found walking the intake).
    expect(validateEform('vi-messages', schema, answers('999190012345'))).toEqual([
      { path: '/idNumber', message: 'Số định danh của mẹ: ba chữ số đầu (999) không phải mã tỉnh, thành phố nơi đăng ký khai sinh.' },
    ]);
    // Not 12 digits: said once, by the pattern.
    expect(validateEform('vi-messages', schema, answers('08709000123')).map((p) => p.message)).toEqual(['Số định danh của mẹ không đúng định dạng.']);
  });
});
