import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { designerProblems, designerToSchema, fieldKeyOf, moveField, schemaToDesigner, type DesignerField } from './eform-designer.rules.js';
import { validateEform } from './eform.js';
import { eformFieldOrder, eformSchemaProblems } from './eform.rules.js';

type Seed = { content?: { eform?: Record<string, unknown> | null }; eform?: Record<string, unknown> | null };
const seeds = (JSON.parse(fs.readFileSync(new URL('../../../seed/procedures.json', import.meta.url), 'utf8')) as Seed[])
  .map((p) => p.content?.eform ?? p.eform ?? null)
  .filter((e): e is Record<string, unknown> => e !== null);

const field = (over: Partial<DesignerField>): DesignerField => ({ key: 'a', title: 'A', type: 'text', required: false, options: [], prefill: null, prefillWhen: null, reuse: true, original: {}, ...over });

describe('e-form designer ⇄ JSON Schema', () => {
  it('reads and writes back every seed e-form unchanged (same fields, order, required, keywords)', () => {
    expect(seeds.length).toBeGreaterThan(2);
    for (const schema of seeds) {
      const back = designerToSchema(schemaToDesigner(schema));
      expect(back?.properties).toEqual(schema.properties);
      expect(new Set((back?.required as string[] | undefined) ?? [])).toEqual(new Set((schema.required as string[] | undefined) ?? []));
      expect(eformFieldOrder(back)).toEqual(eformFieldOrder(schema));
      expect(back?.title).toEqual(schema.title);
    }
  });

  it('writes the condition of a prefill and a field kept out of reuse, and reads them back', () => {
    const form = {
      title: 'Tờ khai',
      original: {},
      fields: [
        field({ key: 'hoTenNguoiYeuCau', title: 'Người yêu cầu', prefill: 'applicant.fullName' }),
        field({ key: 'quanHe', title: 'Quan hệ', type: 'select', options: ['Bản thân', 'Con'] }),
        field({ key: 'hoTenNguoiDuocCap', title: 'Người được cấp', type: 'person-name', prefill: 'applicant.fullName', prefillWhen: { field: 'quanHe', equals: 'Bản thân' }, reuse: false }),
      ],
    };
    const schema = designerToSchema(form)!;
    expect((schema.properties as Record<string, unknown>).hoTenNguoiDuocCap).toEqual({
      type: 'string', 'x-kind': 'person-name', title: 'Người được cấp', 'x-prefill': 'applicant.fullName', 'x-prefill-when': { field: 'quanHe', equals: 'Bản thân' }, 'x-reuse': false,
    });
    expect(eformSchemaProblems(schema)).toEqual([]);
    expect(designerProblems(form)).toEqual([]);
    const back = schemaToDesigner(schema).fields[2]!;
    expect([back.prefillWhen, back.reuse]).toEqual([{ field: 'quanHe', equals: 'Bản thân' }, false]);
    // Without a prefill the condition means nothing and is not written; reuse back on drops the keyword.
    const plain = designerToSchema({ ...form, fields: [field({ key: 'x', prefillWhen: { field: 'quanHe', equals: 'Con' } })] })!;
    expect(plain.properties).toEqual({ x: { type: 'string', title: 'A' } });
  });

  it('says when a prefill condition names no field or no choice of it', () => {
    const q = field({ key: 'quanHe', title: 'Quan hệ', type: 'select', options: ['Bản thân', 'Con'] });
    const none = designerProblems({ title: '', original: {}, fields: [q, field({ key: 'b', title: 'B', prefill: 'applicant.fullName', prefillWhen: { field: 'khong', equals: 'x' } })] });
    expect(none.map((p) => p.messageVi)).toEqual(['Trường "B": chọn trường làm điều kiện điền sẵn.']);
    const wrong = designerProblems({ title: '', original: {}, fields: [q, field({ key: 'b', title: 'B', prefill: 'applicant.fullName', prefillWhen: { field: 'quanHe', equals: 'Cháu' } })] });
    expect(wrong.map((p) => p.messageVi)).toEqual(['Trường "B": chọn giá trị của trường "Quan hệ" khi nào thì điền sẵn.']);
  });

  it('writes each type as the portal and Ajv read it', () => {
    const schema = designerToSchema({
      title: 'Tờ khai',
      original: {},
      fields: [
        field({ key: 'hoTen', title: 'Họ tên', type: 'person-name', required: true, prefill: 'applicant.fullName' }),
        field({ key: 'ngaySinh', title: 'Ngày sinh', type: 'date', prefill: 'applicant.birthDate' }),
        field({ key: 'cccd', title: 'Số định danh', type: 'id-number' }),
        field({ key: 'soCon', title: 'Số con', type: 'integer' }),
        field({ key: 'quanHe', title: 'Quan hệ', type: 'select', options: ['Cha', 'Mẹ'], required: true }),
        field({ key: 'dongY', title: 'Đồng ý', type: 'boolean' }),
      ],
    })!;
    expect(schema.properties).toEqual({
      hoTen: { type: 'string', 'x-kind': 'person-name', title: 'Họ tên', 'x-prefill': 'applicant.fullName' },
      ngaySinh: { type: 'string', format: 'date', title: 'Ngày sinh', 'x-prefill': 'applicant.birthDate' },
      cccd: { type: 'string', pattern: '^[0-9]{12}$', title: 'Số định danh' },
      soCon: { type: 'integer', title: 'Số con' },
      quanHe: { type: 'string', enum: ['Cha', 'Mẹ'], title: 'Quan hệ' },
      dongY: { type: 'boolean', title: 'Đồng ý' },
    });
    expect(schema.required).toEqual(['hoTen', 'quanHe']);
    expect(schema['x-order']).toEqual(['hoTen', 'ngaySinh', 'cccd', 'soCon', 'quanHe', 'dongY']);
    expect(eformSchemaProblems(schema)).toEqual([]);
    expect(validateEform('designer-test', schema, { hoTen: 'An', quanHe: 'Cha', ngaySinh: '2020-01-02', cccd: '087090001234', soCon: 2 })).toEqual([]);
    expect(validateEform('designer-test', schema, { hoTen: 'An' }).map((p) => p.message)).toContain('Quan hệ là thông tin bắt buộc.');
    expect(validateEform('designer-test', schema, { hoTen: 'An', quanHe: 'Chú' }).length).toBe(1);
  });

  it('changing a type drops the keywords of the old one but keeps the others', () => {
    const f = schemaToDesigner({ type: 'object', properties: { x: { type: 'string', format: 'date', description: 'Ghi theo giấy tờ', minLength: 2 } } }).fields[0]!;
    const back = designerToSchema({ title: '', original: {}, fields: [{ ...f, type: 'integer' }] })!;
    expect(back.properties).toEqual({ x: { type: 'integer', title: 'x', description: 'Ghi theo giấy tờ' } });
  });

  it('keeps a nested field it cannot show, in its place', () => {
    const nested = { type: 'array', title: 'Con', items: { type: 'object', properties: { ten: { type: 'string' } } } };
    const d = schemaToDesigner({ type: 'object', properties: { a: { type: 'string' }, con: nested, b: { type: 'boolean' } } });
    expect(d.fields.map((f) => f.type)).toEqual(['text', 'other', 'boolean']);
    expect((designerToSchema(d)!.properties as Record<string, unknown>).con).toEqual(nested);
  });
});

describe('fieldKeyOf', () => {
  it.each([
    ['Nơi cấp giấy tờ', [], 'noiCapGiayTo'],
    ['Họ, chữ đệm, tên người được khai sinh', [], 'hoChuDemTenNguoiDuoc'],
    ['Đăng ký', [], 'dangKy'],
    ['Đăng ký', ['dangKy'], 'dangKy2'],
    ['Đăng ký', ['dangKy', 'dangKy2'], 'dangKy3'],
    ['2 con', [], 'truong2Con'],
    ['!!!', [], 'truong'],
  ] as const)('%s → %s', (title, taken, key) => {
    expect(fieldKeyOf(title, taken)).toBe(key);
  });

  it('always gives a valid key not yet taken', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({ minLength: 1, maxLength: 8 })), (title, taken) => {
        const key = fieldKeyOf(title, taken);
        expect(key).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        expect(taken).not.toContain(key);
      }),
    );
  });
});

describe('designerProblems', () => {
  it('names each problem with its field, in Vietnamese', () => {
    const problems = designerProblems({
      title: '',
      original: {},
      fields: [
        field({ key: 'a', title: '' }),
        field({ key: 'a', title: 'Trùng mã' }),
        field({ key: 'b c', title: 'Mã sai' }),
        field({ key: 'd', title: 'Quan hệ', type: 'select', options: ['Cha'] }),
        field({ key: 'e', title: 'Ngày sinh', type: 'text', prefill: 'applicant.birthDate' }),
        field({ key: 'f', title: 'Họ tên', prefill: 'applicant.fullName' }),
        field({ key: 'g', title: 'Tên khác', prefill: 'applicant.fullName' }),
      ],
    });
    expect(problems).toEqual([
      { index: 0, messageVi: 'Trường số 1: chưa có nhãn.' },
      { index: 1, messageVi: 'Trường "Trùng mã": mã trường "a" trùng với một trường khác.' },
      { index: 2, messageVi: 'Trường "Mã sai": mã trường chỉ gồm chữ không dấu, chữ số và dấu gạch dưới.' },
      { index: 3, messageVi: 'Trường "Quan hệ": cần ít nhất hai lựa chọn.' },
      { index: 4, messageVi: 'Trường "Ngày sinh": ngày sinh chỉ điền sẵn vào trường kiểu Ngày.' },
      { index: 6, messageVi: 'Trường "Tên khác": nguồn điền sẵn này đã dùng cho trường "Họ tên".' },
    ]);
  });
});

describe('moveField', () => {
  it('is a permutation that puts the item where asked', () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 12 }), fc.nat(), fc.nat(), (list, a, b) => {
        const from = a % list.length;
        const to = b % list.length;
        const out = moveField(list, from, to);
        expect([...out].sort()).toEqual([...list].sort());
        expect(out[to]).toBe(list[from]);
      }),
    );
  });
});
