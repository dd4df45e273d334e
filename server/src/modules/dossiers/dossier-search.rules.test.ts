import { describe, expect, it } from 'vitest';
import { classifySearch } from './dossier-search.rules.js';

describe('classifySearch', () => {
  it.each([
    ['087090001234', { kind: 'number', value: '087090001234' }],
    ['0912 345 678', { kind: 'number', value: '0912345678' }],
    ['+84 912.345.678', { kind: 'number', value: '84912345678' }],
    ['0101234567-001', { kind: 'number', value: '0101234567-001' }],
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
