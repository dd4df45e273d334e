import { describe, expect, it } from 'vitest';
import type { FormRule, FormInstance } from 'antd';
import { cccdRule, phoneRule, taxCodeRule } from './applicant-checks.js';

/** Runs an antd rule's validator as the form does: resolves when the value passes, rejects with what the field shows. */
async function problemOf(rule: FormRule, value: unknown): Promise<string | null> {
  const r = typeof rule === 'function' ? rule({} as FormInstance) : rule;
  try {
    await r.validator!({}, value, () => {});
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('the console checks identity numbers and phones by the server’s rules', () => {
  it('a CCCD: the province, and the birth year against the date on the form', async () => {
    expect(await problemOf(cccdRule(), '079190005555')).toBeNull();
    expect(await problemOf(cccdRule(), '')).toBeNull(); // left to `required`
    expect(await problemOf(cccdRule(), '999190001234')).toBe('Ba chữ số đầu (999) không phải mã tỉnh, thành phố nơi đăng ký khai sinh.');
    expect(await problemOf(cccdRule(() => '1990-03-12'), '079185009999')).toBe('Số định danh cá nhân ứng với năm sinh 1985, không khớp với ngày sinh đã khai (năm 1990).');
    expect(await problemOf(cccdRule(() => '1985-03-12'), '079185009999')).toBeNull();
    // The 4th digit 8 means the 2300s: a birth year not yet possible.
    expect(await problemOf(cccdRule(), '079890001234')).toContain('năm sinh 2390');
  });

  it('a tax code: its check digit and its dependent-unit suffix', async () => {
    expect(await problemOf(taxCodeRule, '0100109106-001')).toBeNull();
    expect(await problemOf(taxCodeRule, '0100109107')).toBe('Mã số thuế không đúng (chữ số kiểm tra thứ 10 không khớp); vui lòng kiểm tra lại.');
    expect(await problemOf(taxCodeRule, '0100109106-000')).toBe('Số thứ tự đơn vị phụ thuộc (3 chữ số cuối) phải từ 001 đến 999.');
  });

  it('a phone: any Vietnamese number for an applicant, a mobile for an officer’s codes', async () => {
    expect(await problemOf(phoneRule(), '0252 3822 000')).toBeNull();
    expect(await problemOf(phoneRule(), '0123 456 789')).toBe('Đầu số điện thoại không thuộc mã mạng di động hoặc mã vùng cố định nào của Việt Nam.');
    expect(await problemOf(phoneRule('mobile'), '0912 345 678')).toBeNull();
    expect(await problemOf(phoneRule('mobile'), '0252 3822 000')).toContain('số cố định không nhận được');
  });
});
