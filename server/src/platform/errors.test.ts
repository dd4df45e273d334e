import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { commonErrors, errorBody, hasVietnamese } from './errors.js';
import { fieldLabelVi } from './field-labels.js';

const UNKNOWN_PREFIX = 'Đầu số điện thoại không thuộc mã mạng di động hoặc mã vùng cố định nào của Việt Nam.';

describe('a refusal of input says what is wrong and where', () => {
  it('one issue on a known field: the field\'s Vietnamese label, then the rule\'s sentence; English names the path', () => {
    const body = errorBody(commonErrors.validation([{ path: '/applicant/phone', message: UNKNOWN_PREFIX }]));
    expect(body).toEqual({
      code: 'COMMON.VALIDATION',
      message: `Số điện thoại: ${UNKNOWN_PREFIX}`,
      messageEn: 'The value of "applicant.phone" is invalid.',
      details: { issues: [{ path: '/applicant/phone', message: UNKNOWN_PREFIX, messageEn: 'The value of "applicant.phone" is invalid.' }] },
    });
  });

  it('a rule with its own English keeps it, after the field path', () => {
    const err = commonErrors.validation([{ path: '/to', message: 'Ngày kết thúc (to) trước ngày bắt đầu (from): đổi chỗ hai ngày.', messageEn: 'The end date (to) is before the start date (from): swap them.' }]);
    expect([err.messageVi, err.messageEn]).toEqual([
      'Đến ngày: Ngày kết thúc (to) trước ngày bắt đầu (from): đổi chỗ hai ngày.',
      'to: The end date (to) is before the start date (from): swap them.',
    ]);
  });

  it('several issues: the first one and how many more, in both languages; every issue stays in details', () => {
    const err = commonErrors.validation([
      { path: '/phone', message: UNKNOWN_PREFIX },
      { path: '/email', message: 'Địa chỉ email không hợp lệ', messageEn: 'Invalid email address' },
      { path: '/fullName', message: 'Quá nhỏ: mong đợi string có >=1 ký tự', messageEn: 'Too small: expected string to have >=1 characters' },
    ]);
    expect(err.messageVi).toBe('Số điện thoại: Đầu số điện thoại không thuộc mã mạng di động hoặc mã vùng cố định nào của Việt Nam (và 2 lỗi khác).');
    expect(err.messageEn).toBe('The value of "phone" is invalid (and 2 more problems).');
    expect((err.details!.issues as { path: string }[]).map((i) => i.path)).toEqual(['/phone', '/email', '/fullName']);
    expect(commonErrors.validation([{ path: '/a', message: 'x.', messageEn: 'y.' }, { path: '/b', message: 'z' }]).messageEn).toBe('a: y (and 1 more problem).');
  });

  it('a field without a label: the rule\'s sentence alone in Vietnamese, the field path in English', () => {
    const err = commonErrors.validation([{ path: '/applicant/maDinhDanhLa', message: 'Giá trị không hợp lệ.' }]);
    expect([err.messageVi, err.messageEn]).toEqual(['Giá trị không hợp lệ.', 'The value of "applicant.maDinhDanhLa" is invalid.']);
    // The request as a whole (a refinement over several fields).
    const whole = commonErrors.validation([{ path: '/', message: 'Cần ít nhất số điện thoại hoặc e-mail.' }]);
    expect([whole.messageVi, whole.messageEn]).toEqual(['Cần ít nhất số điện thoại hoặc e-mail.', 'The request is invalid.']);
  });

  it('a sentence that already names the field is not prefixed with it again', () => {
    const reason = 'Số điện thoại không hợp lệ: cần số Việt Nam bắt đầu bằng 0 hoặc +84.';
    expect(commonErrors.validation([{ path: '/phone', message: reason }]).messageVi).toBe(reason);
  });

  it('messageEn is never Vietnamese: an "English" that is the Vietnamese again is replaced, in the message and in each issue', () => {
    const err = commonErrors.validation([{ path: '/code', message: 'Mã hồ sơ bắt buộc', messageEn: 'Mã hồ sơ bắt buộc' }]);
    expect(err.messageEn).toBe('The value of "code" is invalid.');
    expect(err.details!.issues).toEqual([{ path: '/code', message: 'Mã hồ sơ bắt buộc', messageEn: 'The value of "code" is invalid.' }]);
    expect(hasVietnamese(err.messageEn)).toBe(false);
    // Decomposed (NFD) text is Vietnamese too.
    expect(hasVietnamese('Mã hồ sơ'.normalize('NFD'))).toBe(true);
    expect(hasVietnamese('Too small: expected string to have >=3 characters')).toBe(false);
  });

  it('no issue at all still answers in both languages', () => {
    const err = commonErrors.validation([]);
    expect([err.messageVi, err.messageEn]).toEqual(['Dữ liệu gửi lên không hợp lệ.', 'The request is invalid.']);
  });
});

describe('field labels', () => {
  it('by the field\'s name wherever it sits, by its parent and name where one name means different things', () => {
    expect(['/phone', '/applicant/phone', '/sender/phone', '/grants/0/role', '/toString', '/__proto__', '/'].map(fieldLabelVi)).toEqual([
      'Số điện thoại',
      'Số điện thoại',
      'Số điện thoại người gửi',
      'Vai trò',
      null,
      null,
      null,
    ]);
  });
});

describe('every DomainError speaks English in messageEn', () => {
  it('no English argument written in the code has Vietnamese words (a unit or form name put into it is data, not words)', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const found: string[] = [];
    let checked = 0;
    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8');
      if (!text.includes('DomainError') && !text.includes('tooManyRequests')) continue;
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        const callee = ts.isNewExpression(node) || ts.isCallExpression(node) ? node.expression.getText(source) : '';
        // new DomainError(code, kind, vi, en, …) and tooManyRequests(code, vi, en, …).
        const english = callee === 'DomainError' ? (node as ts.NewExpression).arguments?.[3] : callee === 'tooManyRequests' ? (node as ts.CallExpression).arguments[2] : undefined;
        if (english) {
          checked++;
          // The words written in the code: a template's literal parts, without what is put into it.
          const words = ts.isTemplateExpression(english) ? [english.head.text, ...english.templateSpans.map((s) => s.literal.text)].join(' ') : english.getText(source);
          if (hasVietnamese(words)) found.push(`${file}: ${english.getText(source)}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(found).toEqual([]);
    // The scan sees the errors (a scan finding nothing to read would pass on anything): there are well over a hundred.
    expect(checked).toBeGreaterThan(100);
  });
});
