import { describe, expect, it } from 'vitest';
import { capitalizeName, eformFieldOrder, eformSchemaProblems, prefillMap } from './eform.rules.js';
import { ZProcedureContent } from './procedure.contract.js';

describe('e-form keywords', () => {
  it('reads x-prefill on top-level fields only, ignoring unknown facts', () => {
    const schema = {
      properties: {
        a: { type: 'string', 'x-prefill': 'applicant.fullName' },
        b: { type: 'string', 'x-prefill': 'applicant.shoeSize' },
        c: { type: 'object', properties: { d: { type: 'string', 'x-prefill': 'applicant.phone' } } },
        e: { type: 'string' },
      },
    };
    expect(prefillMap(schema)).toEqual({ a: 'applicant.fullName' });
  });

  it('says what is wrong with a declared prefill, in Vietnamese', () => {
    const problems = eformSchemaProblems({
      properties: {
        a: { type: 'string', title: 'Họ tên', 'x-prefill': 'applicant.fullName' },
        a2: { type: 'string', title: 'Họ tên (lặp)', 'x-prefill': 'applicant.fullName' },
        b: { type: 'string', title: 'Cỡ giày', 'x-prefill': 'applicant.shoeSize' },
        n: { type: 'string', title: 'Ngày sinh', 'x-prefill': 'applicant.birthDate' },
        c: { type: 'object', properties: { d: { type: 'string', title: 'Điện thoại', 'x-prefill': 'applicant.phone' } } },
      },
    });
    expect(problems.map((p) => p.path)).toEqual(['/eform/properties/a2', '/eform/properties/b', '/eform/properties/n', '/eform/properties/c/d']);
    expect(problems[1]!.messageVi).toContain('nguồn điền sẵn không hợp lệ');
    expect(eformSchemaProblems({ properties: { a: { type: 'string', 'x-prefill': 'applicant.fullName' } } })).toEqual([]);
  });

  it('the procedure contract refuses an e-form with an unknown prefill source', () => {
    const base = { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', level: 'commune', agency: 'UBND xã', processingTime: { amount: 1, unit: 'working_day' }, result: 'Giấy khai sinh', onlineLevel: 'full', postalIntake: false, postalReturn: false };
    const bad = ZProcedureContent.safeParse({ ...base, eform: { type: 'object', properties: { x: { type: 'string', 'x-prefill': 'applicant.shoeSize' } } } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['eform', 'properties', 'x']);
    const good = ZProcedureContent.safeParse({ ...base, eform: { type: 'object', properties: { x: { type: 'string', 'x-prefill': 'applicant.fullName' } } } });
    expect(good.success).toBe(true);
  });

  it('keeps the legal form order from x-order, then any field not listed', () => {
    expect(eformFieldOrder({ 'x-order': ['c', 'a', 'zz'], properties: { a: {}, b: {}, c: {} } })).toEqual(['c', 'a', 'b']);
    expect(eformFieldOrder({ properties: { b: {}, a: {} } })).toEqual(['b', 'a']);
    expect(eformFieldOrder(null)).toEqual([]);
  });

  it('writes names with a capital at each word', () => {
    expect(capitalizeName('  nguyễn   văn an ')).toBe('Nguyễn Văn An');
    expect(capitalizeName('TRẦN THỊ ĐÀO')).toBe('Trần Thị Đào');
    expect(capitalizeName('đặng ánh')).toBe('Đặng Ánh');
  });
});
