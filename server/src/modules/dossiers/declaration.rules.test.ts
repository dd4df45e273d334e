import { describe, expect, it } from 'vitest';
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
