import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factOfField, feeToPay, missingDocuments, onlineSubmissionProblem, parseIdentifier, prefillEform, profileFromClaims, type KnownFacts } from './citizen.rules.js';

const facts: KnownFacts = { fullName: 'Nguyễn Văn An', birthDate: '1990-05-01', gender: 'male', idNumber: '087090001234', address: 'Số 1 Lê Lợi', phone: '0912345678', email: 'an@example.vn' };

describe('prefilled e-forms (Công dân không viết)', () => {
  it('recognises fields by key or Vietnamese title, with or without accents', () => {
    expect(factOfField('hoTen', undefined)).toBe('fullName');
    expect(factOfField('f1', 'Họ, chữ đệm, tên người yêu cầu')).toBe('fullName');
    expect(factOfField('f2', 'Số định danh cá nhân')).toBe('idNumber');
    expect(factOfField('ngay_sinh', undefined)).toBe('birthDate');
    expect(factOfField('f3', 'Nơi cư trú')).toBe('address');
    expect(factOfField('f4', 'Quan hệ với người được khai sinh')).toBeNull();
    expect(factOfField('soCCCD', undefined)).toBe('idNumber');
    expect(factOfField('f5', 'Số căn cước công dân')).toBe('idNumber');
    expect(factOfField('f6', 'Số điện thoại')).toBe('phone');
    // Fields about someone else are not the citizen's own facts.
    expect(factOfField('tenTre', 'Họ, chữ đệm, tên người được khai sinh')).toBeNull();
    expect(factOfField('ngaySinhCon', 'Ngày sinh của con')).toBeNull();
    expect(factOfField('hoTenChong', 'Họ, chữ đệm, tên người chồng')).toBeNull();
  });

  it('fills from the profile first, then from the latest earlier answer, respecting type and enum', () => {
    const schema = {
      properties: {
        hoTen: { type: 'string' },
        gioiTinh: { type: 'string', enum: ['Nam', 'Nữ'] },
        ngaySinh: { type: 'string', format: 'date' },
        quanHe: { type: 'string' },
        soCon: { type: 'integer' },
        dienThoai: { type: 'number' },
      },
    };
    const out = prefillEform(schema, facts, [{ quanHe: 'Cha', soCon: 2, hoTen: 'Tên cũ' }, { quanHe: 'Mẹ', soCon: 'hai' }]);
    expect(out).toEqual({ hoTen: 'Nguyễn Văn An', gioiTinh: 'Nam', ngaySinh: '1990-05-01', quanHe: 'Cha', soCon: 2 });
  });

  it('never adds a field outside the schema and only values that fit it', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.record({ type: fc.constantFrom('string', 'number', 'integer', 'boolean', 'object'), title: fc.option(fc.string(), { nil: undefined }) })),
        fc.array(fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)))),
        (props, earlier) => {
          const out = prefillEform({ properties: props }, facts, earlier);
          for (const [k, v] of Object.entries(out)) {
            expect(Object.keys(props)).toContain(k);
            const type = props[k]!.type;
            if (type === 'integer') expect(Number.isInteger(v)).toBe(true);
            else if (type === 'object') throw new Error('object fields are never filled');
            else expect(typeof v).toBe(type);
          }
        },
      ),
    );
  });
});

describe('identity', () => {
  it('reads e-mail or mobile as a sign-in identifier', () => {
    expect(parseIdentifier(' An@Example.VN ')).toEqual({ kind: 'email', value: 'an@example.vn' });
    expect(parseIdentifier('+84 912 345 678')).toEqual({ kind: 'phone', value: '0912345678' });
    expect(parseIdentifier('0243 826 1234')).toBeNull();
    expect(parseIdentifier('not-an-email@')).toBeNull();
  });

  it('maps the identity provider’s claims, the CCCD under a configurable claim', () => {
    expect(profileFromClaims({ sub: 's1', name: 'Lê Thị Cúc', birthdate: '1992-07-08', gender: 'female', identity_number: '001 192 000 456' }, 'identity_number')).toEqual({
      subject: 's1', fullName: 'Lê Thị Cúc', birthDate: '1992-07-08', gender: 'female', idNumber: '001192000456',
    });
    expect(profileFromClaims({ sub: 's1', given_name: 'Cúc', family_name: 'Lê', cccd: '123' }, 'cccd')).toMatchObject({ fullName: 'Lê Cúc', idNumber: null, gender: null });
    expect(profileFromClaims({ name: 'No subject' }, 'cccd')).toBeNull();
  });
});

describe('online submission rules', () => {
  it('needs an online level; the result online needs toàn trình', () => {
    expect(onlineSubmissionProblem('none', 'desk')).toBe('not_online');
    expect(onlineSubmissionProblem('partial', 'online')).toBe('no_online_result');
    expect(onlineSubmissionProblem('partial', 'post')).toBeNull();
    expect(onlineSubmissionProblem('full', 'online')).toBeNull();
  });
  it('assisted submissions are free; documents only shown at the desk need no file', () => {
    expect(feeToPay([{ amountVnd: 8000 }, { amountVnd: 2000 }], false)).toBe(10000);
    expect(feeToPay([{ amountVnd: 8000 }], true)).toBe(0);
    const docs = [
      { name: 'Tờ khai', kind: 'original', required: true },
      { name: 'Căn cước', kind: 'present', required: true },
      { name: 'Giấy ủy quyền', kind: 'copy', required: false },
    ];
    expect(missingDocuments(docs, [])).toEqual(['Tờ khai']);
    expect(missingDocuments(docs, [{ name: 'Tờ khai' }])).toEqual([]);
  });
});
