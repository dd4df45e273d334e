import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capitalizeName, capitalizeNames, eformDefaults, eformFieldOrder, eformSchemaProblems, fieldOrigins, followPrefill, isReusable, prefillConditions, prefillMap } from './eform.rules.js';
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
    expect(capitalizeName('NGUYỄN văn a')).toBe('Nguyễn Văn A');
    expect(capitalizeName('ÔNG ích KHIÊM')).toBe('Ông Ích Khiêm');
    expect(capitalizeName('')).toBe('');
  });

  it('starts a form with the defaults that fit their field', () => {
    const schema = { properties: { danToc: { type: 'string', default: 'Kinh' }, so: { type: 'integer', default: 0 }, sai: { type: 'integer', default: '1' }, chon: { type: 'string', enum: ['A'], default: 'B' }, khong: { type: 'string' } } };
    expect(eformDefaults(schema)).toEqual({ danToc: 'Kinh', so: 0 });
    expect(eformDefaults(null)).toEqual({});
  });

  it('writes the capitals of every name field of the answers, and only those', () => {
    const schema = { properties: { hoTen: { type: 'string', 'x-kind': 'person-name' }, noiSinh: { type: 'string' }, so: { type: 'integer' } } };
    expect(capitalizeNames(schema, { hoTen: 'lê  văn a', noiSinh: 'bệnh viện', so: 2 })).toEqual({ hoTen: 'Lê Văn A', noiSinh: 'bệnh viện', so: 2 });
  });

  it('a name keeps its letters, takes one capital per word, and a second pass changes nothing', () => {
    const word = fc.stringMatching(/^[a-zA-ZđĐăĂâÂêÊôÔơƠưƯàáảãạầấẩẫậằắẳẵặèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]{1,7}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), fc.constantFrom(' ', '  ', '\t'), (words, gap) => {
        const out = capitalizeName(` ${words.join(gap)} `);
        expect(out.toLocaleLowerCase('vi')).toBe(words.join(' ').toLocaleLowerCase('vi'));
        for (const w of out.split(' ')) expect(w).toBe(w.charAt(0).toLocaleUpperCase('vi') + w.slice(1).toLocaleLowerCase('vi'));
        expect(capitalizeName(out)).toBe(out);
      }),
    );
  });

  const copySchema = {
    properties: {
      hoTenNguoiYeuCau: { type: 'string', title: 'Người yêu cầu', 'x-prefill': 'applicant.fullName' },
      quanHe: { type: 'string', title: 'Quan hệ', enum: ['Bản thân', 'Con'] },
      hoTenNguoiDuocCap: { type: 'string', title: 'Người được cấp', 'x-prefill': 'applicant.fullName', 'x-prefill-when': { field: 'quanHe', equals: 'Bản thân' }, 'x-reuse': false },
    },
  };

  it('reads x-prefill-when and x-reuse; a conditional field may repeat the applicant\'s fact', () => {
    expect(prefillConditions(copySchema)).toEqual({ hoTenNguoiDuocCap: { field: 'quanHe', equals: 'Bản thân' } });
    expect(eformSchemaProblems(copySchema)).toEqual([]);
    expect(isReusable(copySchema.properties.hoTenNguoiDuocCap)).toBe(false);
    expect(isReusable(copySchema.properties.quanHe)).toBe(true);
  });

  it('says what is wrong with a condition or x-reuse', () => {
    const problems = eformSchemaProblems({
      properties: {
        q: { type: 'string', title: 'Quan hệ', enum: ['Bản thân', 'Con'] },
        a: { type: 'string', title: 'A', 'x-prefill': 'applicant.fullName', 'x-prefill-when': { field: 'q', equals: 'Cháu' } },
        b: { type: 'string', title: 'B', 'x-prefill': 'applicant.phone', 'x-prefill-when': { field: 'khong', equals: 'x' } },
        c: { type: 'string', title: 'C', 'x-prefill-when': { field: 'q', equals: 'Con' } },
        d: { type: 'string', title: 'D', 'x-prefill': 'applicant.email', 'x-prefill-when': 'q' },
        e: { type: 'string', title: 'E', 'x-reuse': 'no' },
      },
    });
    expect(problems.map((p) => p.path.split('/').pop())).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(problems[0]!.messageVi).toContain('"Cháu" không phải một lựa chọn của trường "Quan hệ"');
    expect(problems[1]!.messageVi).toContain('không có trong biểu mẫu');
    expect(problems[2]!.messageVi).toContain('chưa chọn nguồn điền sẵn');
  });

  it('a conditional field follows its condition, keeping what the citizen typed', () => {
    const offered = { hoTenNguoiDuocCap: 'Lê Thị Cúc' };
    const chosen = followPrefill(copySchema, {}, { quanHe: 'Bản thân' }, offered);
    expect(chosen).toEqual({ quanHe: 'Bản thân', hoTenNguoiDuocCap: 'Lê Thị Cúc' });
    expect(followPrefill(copySchema, chosen, { ...chosen, quanHe: 'Con' }, offered)).toEqual({ quanHe: 'Con' });
    const typed = { quanHe: 'Bản thân', hoTenNguoiDuocCap: 'Lê Văn Con' };
    expect(followPrefill(copySchema, typed, { ...typed, quanHe: 'Con' }, offered)).toEqual({ quanHe: 'Con', hoTenNguoiDuocCap: 'Lê Văn Con' });
    expect(followPrefill(copySchema, { quanHe: 'Con' }, { quanHe: 'Bản thân', hoTenNguoiDuocCap: 'Khác' }, offered)).toEqual({ quanHe: 'Bản thân', hoTenNguoiDuocCap: 'Khác' });
  });

  it('follows the applicant as the desk types it: fills untouched fields, keeps typed ones, never forces an emptied one back', () => {
    const none = {};
    const an = { hoTenNguoiYeuCau: 'Lê Thị Cúc', hoTenNguoiDuocCap: 'Lê Thị Cúc' };
    const an2 = { hoTenNguoiYeuCau: 'Lê Thị Cúc Hoa', hoTenNguoiDuocCap: 'Lê Thị Cúc Hoa' };
    // The applicant is found after the relation was chosen: both the applicant's field and the subject (Bản thân) fill.
    const self = { quanHe: 'Bản thân' };
    expect(followPrefill(copySchema, self, self, none, an)).toEqual({ quanHe: 'Bản thân', hoTenNguoiYeuCau: 'Lê Thị Cúc', hoTenNguoiDuocCap: 'Lê Thị Cúc' });
    // Another subject: the subject's field is not the applicant's and stays empty.
    expect(followPrefill(copySchema, { quanHe: 'Con' }, { quanHe: 'Con' }, none, an)).toEqual({ quanHe: 'Con', hoTenNguoiYeuCau: 'Lê Thị Cúc' });
    // The officer corrects the applicant's name: untouched copies follow, a typed answer stays.
    const filled = { quanHe: 'Bản thân', hoTenNguoiYeuCau: 'Lê Thị Cúc', hoTenNguoiDuocCap: 'Lê Thị Cúc' };
    expect(followPrefill(copySchema, filled, filled, an, an2)).toEqual({ quanHe: 'Bản thân', hoTenNguoiYeuCau: 'Lê Thị Cúc Hoa', hoTenNguoiDuocCap: 'Lê Thị Cúc Hoa' });
    const typed = { ...filled, hoTenNguoiYeuCau: 'Người Khác' };
    expect(followPrefill(copySchema, typed, typed, an, an2).hoTenNguoiYeuCau).toBe('Người Khác');
    // The applicant's name is erased: the copies made from it go too.
    expect(followPrefill(copySchema, filled, filled, an, none)).toEqual({ quanHe: 'Bản thân' });
    // Nothing changed in the offer: a field the person emptied is not filled again.
    expect(followPrefill(copySchema, filled, { ...filled, hoTenNguoiYeuCau: '' }, an)).toEqual({ ...filled, hoTenNguoiYeuCau: '' });
  });

  it('says which fields still hold a prefilled or default value, and forgets one the person changed', () => {
    const schema = {
      properties: {
        ...copySchema.properties,
        danToc: { type: 'string', title: 'Dân tộc', default: 'Kinh' },
        soBanSao: { type: 'integer', title: 'Số bản sao', default: 1 },
      },
    };
    const offered = { hoTenNguoiYeuCau: 'Lê Thị Cúc', hoTenNguoiDuocCap: 'Lê Thị Cúc' };
    const answers = { hoTenNguoiYeuCau: 'Lê Thị Cúc', quanHe: 'Bản thân', hoTenNguoiDuocCap: 'Lê Thị Cúc', danToc: 'Kinh', soBanSao: 1 };
    expect(fieldOrigins(schema, answers, offered)).toEqual({ hoTenNguoiYeuCau: 'prefilled', hoTenNguoiDuocCap: 'prefilled', danToc: 'default', soBanSao: 'default' });
    expect(fieldOrigins(schema, { ...answers, hoTenNguoiYeuCau: 'Lê Thị Cú', danToc: 'Tày', soBanSao: 2 }, offered)).toEqual({ hoTenNguoiDuocCap: 'prefilled' });
    // The subject's field typed equal to the applicant's name while the subject is another person is not "prefilled".
    expect(fieldOrigins(schema, { ...answers, quanHe: 'Con' }, offered)).toEqual({ hoTenNguoiYeuCau: 'prefilled', danToc: 'default', soBanSao: 'default' });
    expect(fieldOrigins(schema, {}, offered)).toEqual({});
  });

  it('never loses an answer that is not the applicant\'s own fact', () => {
    const answer = fc.option(fc.constantFrom('Bản thân', 'Con'), { nil: undefined });
    const name = fc.option(fc.constantFrom('Lê Thị Cúc', 'Lê Văn Con', ''), { nil: undefined });
    fc.assert(
      fc.property(answer, answer, name, (q1, q2, n) => {
        const before = { quanHe: q1, hoTenNguoiDuocCap: n };
        const out = followPrefill(copySchema, before, { ...before, quanHe: q2 }, { hoTenNguoiDuocCap: 'Lê Thị Cúc' });
        if (n && n !== 'Lê Thị Cúc') expect(out.hoTenNguoiDuocCap).toBe(n);
        if (q2 === 'Bản thân' && q1 !== 'Bản thân' && !n) expect(out.hoTenNguoiDuocCap).toBe('Lê Thị Cúc');
        expect(out.quanHe).toBe(q2);
      }),
    );
  });
});
