import { describe, expect, it } from 'vitest';
import { declarationModel } from '../dossiers/declaration.rules.js';
import { answerText, eformAnswerLines } from './eform-answers.rules.js';

/** A birth registration form as stored (jsonb sorts the keys; x-order keeps the legal order of TT 04/2020 Mẫu tờ khai). */
const birth = {
  type: 'object',
  'x-order': ['childName', 'childBirthDate', 'childGender', 'birthPlace', 'motherName', 'twins'],
  properties: {
    birthPlace: { type: 'string', title: 'Nơi sinh' },
    childBirthDate: { type: 'string', format: 'date', title: 'Ngày sinh của trẻ' },
    childGender: { type: 'string', title: 'Giới tính', oneOf: [{ const: 'F', title: 'Nữ' }, { const: 'M', title: 'Nam' }] },
    childName: { type: 'string', title: 'Họ, chữ đệm, tên của trẻ' },
    motherName: { type: 'string', title: 'Họ tên người mẹ' },
    twins: { type: 'boolean', title: 'Sinh đôi' },
  },
};

describe('e-form answers as a person reads them', () => {
  it('follows the legal order with labels, dd/MM/yyyy dates, option labels and Có / Không; answers outside the form last', () => {
    const lines = eformAnswerLines(birth, { motherName: 'Trần Thị Mai', childGender: 'F', childBirthDate: '2026-11-20', childName: 'Lê Bảo An', twins: false, oldField: 'x' });
    expect(lines.map((l) => [l.label, l.text])).toEqual([
      ['Họ, chữ đệm, tên của trẻ', 'Lê Bảo An'],
      ['Ngày sinh của trẻ', '20/11/2026'],
      ['Giới tính', 'Nữ'],
      ['Nơi sinh', ''],
      ['Họ tên người mẹ', 'Trần Thị Mai'],
      ['Sinh đôi', 'Không'],
      ['oldField', 'x'],
    ]);
    expect(lines.at(-1)?.inForm).toBe(false);
  });

  it('reads enum names, propertyOrder, numbers, lists and nested objects with their own labels', () => {
    const schema = {
      properties: {
        b: { title: 'Số con', type: 'integer', propertyOrder: 2 },
        a: { title: 'Loại', enum: ['k1', 'k2'], enumNames: ['Khai sinh', 'Khai tử'], propertyOrder: 1 },
        c: { title: 'Người làm chứng', type: 'array', items: { type: 'object', properties: { name: { title: 'Họ tên' }, born: { title: 'Ngày sinh', format: 'date' } } } },
      },
    };
    const lines = eformAnswerLines(schema, { a: 'k2', b: 12500, c: [{ name: 'An', born: '1990-01-02' }, { name: 'Bình' }] });
    expect(lines.map((l) => l.text)).toEqual(['Khai tử', '12.500', 'Họ tên: An; Ngày sinh: 02/01/1990; Họ tên: Bình']);
    expect(answerText({ format: 'date' }, '2026-12-03T23:03:00Z')).toBe('04/12/2026');
    expect(answerText(null, true, { yes: 'Yes', no: 'No' })).toBe('Yes');
  });

  it('the printed declaration carries exactly the lines of the dossier page', () => {
    const eform = { childName: 'Lê Bảo An', childGender: 'F', childBirthDate: '2026-11-20' };
    const model = declarationModel({
      procedure: { code: '1.001193', name: 'Đăng ký khai sinh', agency: 'UBND phường An Bình', eform: birth },
      applicant: { fullName: 'Lê Văn Cường', idNumber: '001090000001', birthDate: '1990-05-06', gender: 'male', address: null, phone: null, email: null },
      eform,
      placeName: 'An Bình',
      now: new Date('2026-12-01T02:00:00Z'),
    });
    const printed = model.body.flatMap((b) => (b.kind === 'field' ? [[b.label, b.value]] : []));
    for (const l of eformAnswerLines(birth, eform)) expect(printed).toContainEqual([l.label, l.text]);
    expect(printed).toContainEqual(['Giới tính', 'Nữ']);
    expect(printed.flat()).not.toContain('F');
  });
});
