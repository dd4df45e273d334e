import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { addresseeOf, declarationModel } from './declaration.rules.js';

const applicant = { fullName: 'Nguyễn Văn An', idNumber: '087090001234', birthDate: null, gender: null, address: null, phone: null, email: null };

describe('the declaration is addressed to the unit the citizen chose (issue 14)', () => {
  it('names the commune\'s People\'s Committee, not the generic agency', () => {
    const m = declarationModel({ procedure: { code: '1.001193', name: 'Đăng ký khai sinh', agency: 'Ủy ban nhân dân cấp xã', eform: null }, applicant, eform: {}, placeName: 'An Bình', resolvingUnitName: 'Phường An Bình', now: new Date('2026-12-04T03:00:00Z') });
    expect(m.addressee).toBe('Kính gửi: Ủy ban nhân dân phường An Bình');
  });
  it('a department by its own name; without a chosen unit, the procedure\'s agency', () => {
    expect(addresseeOf('Sở Tư pháp', 'Sở Tư pháp tỉnh Đồng Tháp')).toBe('Kính gửi: Sở Tư pháp tỉnh Đồng Tháp');
    expect(addresseeOf('Ủy ban nhân dân cấp xã', null)).toBe('Kính gửi: Ủy ban nhân dân cấp xã');
    expect(addresseeOf('Ủy ban nhân dân cấp tỉnh', 'Tỉnh Đồng Tháp')).toBe('Kính gửi: Ủy ban nhân dân tỉnh Đồng Tháp');
  });
});

describe('the declaration is addressed to the agency that receives it, per procedure (every seeded procedure)', () => {
  const seed = JSON.parse(readFileSync(new URL('../../../seed/procedures.json', import.meta.url), 'utf8')) as { content?: { code: string; level: string; agency: string }; code?: string; level?: string; agency?: string }[];
  const procedures = seed.map((p) => (p.content ?? p) as { code: string; level: string; agency: string });
  const unitOf = (level: string) => (level === 'province' ? 'Tỉnh Đồng Tháp' : 'Phường An Bình');
  const expected: Record<string, string> = {
    '1.001193': 'Kính gửi: Ủy ban nhân dân phường An Bình',
    '1.001731': 'Kính gửi: Chủ tịch Ủy ban nhân dân phường An Bình',
    '1.004222': 'Kính gửi: Công an phường An Bình',
    '1.001612': 'Kính gửi: Phòng Kinh tế thuộc Ủy ban nhân dân phường An Bình',
    '2.000635': 'Kính gửi: Ủy ban nhân dân phường An Bình',
    '1.012789': 'Kính gửi: Văn phòng đăng ký đất đai tỉnh Đồng Tháp',
    '3.000333': 'Kính gửi: Công an tỉnh Đồng Tháp',
    '3.000347': 'Kính gửi: Phòng Cảnh sát giao thông – Công an tỉnh Đồng Tháp',
  };
  it.each(procedures.map((p) => [p.code, p] as const))('%s', (code, p) => {
    const a = addresseeOf(p.agency, unitOf(p.level));
    if (expected[code]) expect(a).toBe(expected[code]);
    // Never a level word, an alternative, a bracketed note; a specialised agency is never turned into the People's Committee.
    expect(a).not.toMatch(/cấp (xã|tỉnh|huyện)|hoặc|\(|;/u);
    if (!/^(Chủ tịch )?Ủy ban nhân dân/u.test(p.agency)) expect(a).not.toMatch(/^Kính gửi: (Chủ tịch )?Ủy ban nhân dân/u);
  });
});

describe('the printed facts come from the answers when the account lacks them (1.012789)', () => {
  it('prints the residence and phone typed in the e-form, never another person’s', () => {
    const eform = {
      type: 'object',
      properties: {
        hoTenNguoiYeuCau: { type: 'string', title: 'Tên tổ chức, cá nhân yêu cầu', 'x-prefill': 'applicant.fullName' },
        diaChi: { type: 'string', title: 'Địa chỉ', 'x-prefill': 'applicant.address' },
        soDienThoai: { type: 'string', title: 'Số điện thoại liên hệ', 'x-prefill': 'applicant.phone' },
        noiCuTruNguoiKhac: { type: 'string', title: 'Nơi cư trú của người được giám hộ' },
      },
    };
    const m = declarationModel({
      procedure: { code: '1.012789', name: 'Cung cấp thông tin, dữ liệu đất đai', agency: 'Văn phòng đăng ký đất đai hoặc Chi nhánh Văn phòng đăng ký đất đai (Sở Nông nghiệp và Môi trường)', eform },
      applicant,
      eform: { hoTenNguoiYeuCau: 'Nguyễn Văn An', diaChi: 'Số 5 đường Lê Lợi, phường An Bình', soDienThoai: '0912345678', noiCuTruNguoiKhac: 'Xã Khác' },
      placeName: 'Đồng Tháp',
      resolvingUnitName: 'Tỉnh Đồng Tháp',
      now: new Date('2026-12-04T03:00:00Z'),
    });
    const field = (label: string) => m.body.find((b) => b.kind === 'field' && b.label === label) as { value: string } | undefined;
    expect(field('Nơi cư trú')?.value).toBe('Số 5 đường Lê Lợi, phường An Bình');
    expect(field('Số điện thoại')?.value).toBe('0912345678');
    expect(m.addressee).toBe('Kính gửi: Văn phòng đăng ký đất đai tỉnh Đồng Tháp');
  });
});

describe('every seeded declaration prints the applicant facts its e-form asks for', () => {
  const seed = JSON.parse(readFileSync(new URL('../../../seed/procedures.json', import.meta.url), 'utf8')) as ({ content?: unknown } & Record<string, unknown>)[];
  const procedures = seed.map((p) => (p.content ?? p) as { code: string; name: string; agency: string; level: string; eform: { properties?: Record<string, Record<string, unknown>> } | null });
  const facts: Record<string, [string, string]> = { 'applicant.address': ['Nơi cư trú', 'Số 9 đường Lý Thường Kiệt'], 'applicant.phone': ['Số điện thoại', '0987000111'], 'applicant.email': ['Thư điện tử', 'an@example.vn'] };
  it.each(procedures.filter((p) => p.eform).map((p) => [p.code, p] as const))('%s', (_code, p) => {
    const props = p.eform!.properties ?? {};
    // The citizen answered each field prefilled from a fact (unconditionally) and the account has none of them.
    const answers: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries(props)) if (typeof prop['x-prefill'] === 'string' && facts[prop['x-prefill']] && !prop['x-prefill-when']) answers[key] = facts[prop['x-prefill']]![1];
    const m = declarationModel({ procedure: { code: p.code, name: p.name, agency: p.agency, eform: p.eform as Record<string, unknown> }, applicant, eform: answers, placeName: 'An Bình', resolvingUnitName: p.level === 'province' ? 'Tỉnh Đồng Tháp' : 'Phường An Bình', now: new Date('2026-12-04T03:00:00Z') });
    const printed = (label: string) => (m.body.find((b) => b.kind === 'field' && b.label === label) as { value: string }).value;
    for (const [fact, [label, value]] of Object.entries(facts)) {
      const asked = Object.values(props).some((prop) => prop['x-prefill'] === fact && !prop['x-prefill-when']);
      expect(printed(label), `${p.code} ${label}`).toBe(asked ? value : '');
    }
  });
  it('the land-data request (1.012789) prefills the requester’s name, CCCD, address and phone', () => {
    const land = procedures.find((p) => p.code === '1.012789')!;
    const prefill = Object.fromEntries(Object.entries(land.eform!.properties!).map(([k, v]) => [k, v['x-prefill']]));
    expect(prefill).toMatchObject({ hoTenNguoiYeuCau: 'applicant.fullName', soDinhDanh: 'applicant.idNumber', diaChi: 'applicant.address', soDienThoai: 'applicant.phone' });
  });
});

