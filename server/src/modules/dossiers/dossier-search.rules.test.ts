import { describe, expect, it } from 'vitest';
import { classifySearch, readDeskScan } from './dossier-search.rules.js';

describe('classifySearch', () => {
  it.each([
    ['087090001234', { kind: 'number', value: '087090001234', alternative: '087090001234', phone: '087090001234' }],
    ['0912 345 678', { kind: 'number', value: '0912345678', alternative: '0912345678', phone: '0912345678' }],
    ['+84 912.345.678', { kind: 'number', value: '84912345678', alternative: '84912345678', phone: '0912345678' }],
    // A landline in its international form: 028 3812 3456.
    ['+84 28 3812 3456', { kind: 'number', value: '842838123456', alternative: '842838123456', phone: '02838123456' }],
    ['0101234567', { kind: 'number', value: '0101234567', alternative: '0101234567', phone: '0101234567' }],
    // A dependent unit's tax code, typed with or without its dash: both forms are looked for.
    ['0101234567-001', { kind: 'number', value: '0101234567-001', alternative: '0101234567001', phone: '0101234567001' }],
    ['0101234567001', { kind: 'number', value: '0101234567-001', alternative: '0101234567001', phone: '0101234567001' }],
    ['0101 234 567 001', { kind: 'number', value: '0101234567-001', alternative: '0101234567001', phone: '0101234567001' }],
    ['000.00.71.h20-2612', { kind: 'code', prefix: '000.00.71.H20-2612' }],
    ['000.00.71', { kind: 'code', prefix: '000.00.71' }],
    ['H20.71-261203-00', { kind: 'code', prefix: 'H20.71-261203-00' }],
    ['  Nguyễn   Văn An ', { kind: 'name', prefix: 'Nguyễn Văn An' }],
    ['nguyen van a', { kind: 'name', prefix: 'nguyen van a' }],
    ['An', { kind: 'name', prefix: 'An' }],
  ] as const)('%s → %o', (input, expected) => {
    expect(classifySearch(input)).toEqual(expected);
  });
  it('gives nothing for blank text', () => expect(classifySearch('   ')).toBeNull());
});

describe('readDeskScan (a scanner types the receipt QR or a barcode, then Enter)', () => {
  it.each([
    ['https://motcua.gov.vn/thu-tuc/tra-cuu-ho-so?ma=000.00.71.H20-261203-0001', { kind: 'code', code: '000.00.71.H20-261203-0001' }],
    ['http://127.0.0.1:3000/thu-tuc/tra-cuu-ho-so?ma=H20.71-261203-000012', { kind: 'code', code: 'H20.71-261203-000012' }],
    ['https://x.vn/thu-tuc/tra-cuu-ho-so?ma=000.00.71.H20-261203-0001&utm=a', { kind: 'code', code: '000.00.71.H20-261203-0001' }],
    ['https://x.vn/thu-tuc/tra-cuu-ho-so?ma=3F2504E0-4F89-41D3-9A0C-0305E82C3301', { kind: 'id', id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' }],
    ['000.00.71.h20-261203-0001', { kind: 'code', code: '000.00.71.H20-261203-0001' }],
    ['  H20.71-261203-0001 ', { kind: 'code', code: 'H20.71-261203-0001' }],
  ] as const)('%s → %o', (input, expected) => {
    expect(readDeskScan(input)).toEqual(expected);
  });
  it.each(['Nguyễn Văn An', '087090001234', '000.00.71.H20-2612', 'H20.71-261203', 'https://x.vn/?ma=%E0%A4%A', ''])('%s is an ordinary search', (input) => {
    expect(readDeskScan(input)).toBeNull();
  });
});
