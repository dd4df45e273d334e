import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicantOffer, conditionalPrefill, earlierAnswers, feeToPay, missingDocuments, onlineSubmissionProblem, parseIdentifier, prefillEform, profileFromClaims, type KnownFacts } from './citizen.rules.js';

const facts: KnownFacts = { fullName: 'Nguyễn Văn An', birthDate: '1990-05-01', gender: 'male', idNumber: '087090001234', address: 'Số 1 Lê Lợi', phone: '0912345678', email: 'an@example.vn' };

describe('prefilled e-forms (Công dân không viết)', () => {
  // The birth registration's form: the requester's fields are declared, the child's are not.
  const birth = {
    properties: {
      hoTenNguoiYeuCau: { type: 'string', title: 'Họ, chữ đệm, tên người đi khai sinh', 'x-prefill': 'applicant.fullName' },
      soDinhDanhNguoiYeuCau: { type: 'string', title: 'Số định danh cá nhân', 'x-prefill': 'applicant.idNumber' },
      noiCuTru: { type: 'string', title: 'Nơi cư trú', 'x-prefill': 'applicant.address' },
      hoTen: { type: 'string', title: 'Họ, chữ đệm, tên' },
      ngaySinh: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh' },
      gioiTinh: { type: 'string', enum: ['Nam', 'Nữ'], title: 'Giới tính' },
    },
  };

  it('fills only the fields that declare x-prefill, each from its fact; a field named like the applicant\'s stays empty', () => {
    expect(prefillEform(birth, facts)).toEqual({ hoTenNguoiYeuCau: 'Nguyễn Văn An', soDinhDanhNguoiYeuCau: '087090001234', noiCuTru: 'Số 1 Lê Lợi' });
  });

  it('maps the gender to the field\'s own option and fills a date only into a date field', () => {
    const schema = {
      properties: {
        gt: { type: 'string', enum: ['nam', 'nữ'], 'x-prefill': 'applicant.gender' },
        ns: { type: 'string', format: 'date', 'x-prefill': 'applicant.birthDate' },
        sdt: { type: 'integer', 'x-prefill': 'applicant.phone' },
        bad: { type: 'string', 'x-prefill': 'applicant.shoeSize' },
      },
    };
    expect(prefillEform(schema, { ...facts, gender: 'female' })).toEqual({ gt: 'nữ', ns: '1990-05-01' });
    expect(prefillEform(schema, { ...facts, birthDate: null, gender: null })).toEqual({});
  });

  it('offers the answers of an earlier dossier that still fit the schema, never more', () => {
    expect(earlierAnswers(birth, { hoTen: 'Nguyễn Văn Bé', gioiTinh: 'Khác', cu: 'x', ngaySinh: '2020-01-02' })).toEqual({ hoTen: 'Nguyễn Văn Bé', ngaySinh: '2020-01-02' });
    expect(earlierAnswers(birth, { cu: 'x' })).toBeNull();
    expect(earlierAnswers(birth, null)).toBeNull();
  });

  it('does not offer again what belongs to this case only (x-reuse: false: the child of the earlier registration)', () => {
    const marked = { properties: { ...birth.properties, hoTen: { ...birth.properties.hoTen, 'x-reuse': false }, ngaySinh: { ...birth.properties.ngaySinh, 'x-reuse': false } } };
    expect(earlierAnswers(marked, { hoTen: 'Nguyễn Văn Bé', ngaySinh: '2020-01-02', noiCuTru: 'Số 9 Hàm Nghi' })).toEqual({ noiCuTru: 'Số 9 Hàm Nghi' });
    expect(earlierAnswers(marked, { hoTen: 'Nguyễn Văn Bé' })).toBeNull();
  });

  it('keeps a field prefilled under a condition out of the form, offering its value apart', () => {
    const copy = {
      properties: {
        hoTenNguoiYeuCau: { type: 'string', 'x-prefill': 'applicant.fullName' },
        quanHe: { type: 'string', enum: ['Bản thân', 'Con'] },
        hoTenNguoiDuocCap: { type: 'string', 'x-prefill': 'applicant.fullName', 'x-prefill-when': { field: 'quanHe', equals: 'Bản thân' } },
        ngaySinhNguoiDuocCap: { type: 'string', format: 'date', 'x-prefill': 'applicant.birthDate', 'x-prefill-when': { field: 'quanHe', equals: 'Bản thân' } },
      },
    };
    expect(prefillEform(copy, facts)).toEqual({ hoTenNguoiYeuCau: 'Nguyễn Văn An' });
    expect(conditionalPrefill(copy, facts)).toEqual({ hoTenNguoiDuocCap: 'Nguyễn Văn An', ngaySinhNguoiDuocCap: '1990-05-01' });
    expect(conditionalPrefill(birth, facts)).toEqual({});
    // The desk's whole offer: both, each conditional one applied only while its condition holds (followPrefill).
    expect(applicantOffer(copy, facts)).toEqual({ hoTenNguoiYeuCau: 'Nguyễn Văn An', hoTenNguoiDuocCap: 'Nguyễn Văn An', ngaySinhNguoiDuocCap: '1990-05-01' });
    expect(applicantOffer(birth, facts)).toEqual(prefillEform(birth, facts));
  });

  it('never adds a field outside the schema and only values that fit it', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ minLength: 1, maxLength: 12 }),
          fc.record({ type: fc.constantFrom('string', 'number', 'integer', 'boolean', 'object'), title: fc.option(fc.string(), { nil: undefined }), 'x-prefill': fc.constantFrom(undefined, 'applicant.fullName', 'applicant.phone', 'applicant.email', 'x') }),
        ),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null))),
        (props, earlier) => {
          for (const out of [prefillEform({ properties: props }, facts), earlierAnswers({ properties: props }, earlier) ?? {}]) {
            for (const [k, v] of Object.entries(out)) {
              expect(Object.keys(props)).toContain(k);
              const type = props[k]!.type;
              if (type === 'integer') expect(Number.isInteger(v)).toBe(true);
              else if (type === 'object') throw new Error('object fields are never filled');
              else expect(typeof v).toBe(type);
            }
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
    expect(feeToPay([{ name: 'a', amountVnd: 8000 }, { name: 'b', amountVnd: 2000 }], false)).toBe(10000);
    expect(feeToPay([{ name: 'a', amountVnd: 8000 }], true)).toBe(0);
    const docs = [
      { name: 'Tờ khai', kind: 'original', required: true },
      { name: 'Căn cước', kind: 'present', required: true },
      { name: 'Giấy ủy quyền', kind: 'copy', required: false },
    ];
    expect(missingDocuments(docs, [])).toEqual(['Tờ khai']);
    expect(missingDocuments(docs, [{ name: 'Tờ khai' }])).toEqual([]);
  });

  it('the declaration the e-form stands for is satisfied by the online answers, not by a scan', () => {
    const docs = [
      { name: 'Tờ khai', kind: 'original', required: true, filledByEform: true },
      { name: 'Giấy chứng sinh', kind: 'original', required: true },
    ];
    expect(missingDocuments(docs, [])).toEqual(['Giấy chứng sinh']);
    expect(missingDocuments(docs, [], false)).toEqual(['Tờ khai', 'Giấy chứng sinh']);
  });
});
