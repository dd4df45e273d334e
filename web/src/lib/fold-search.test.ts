import { describe, expect, it } from 'vitest';
import { foldedIncludes, foldSearch, foldTreeSearch } from './fold-search.js';

describe('the console’s searchable pickers match without accents and case', () => {
  it.each([
    ['Phòng Văn hóa - Xã hội', 'Van hoa', true],
    ['Phòng Văn hóa - Xã hội', 'VĂN HÓA', true],
    ['Phòng Văn hóa - Xã hội', 'van xa hoi', true],
    ['Phòng Văn hóa - Xã hội', 'van hoa dat', false],
    ['Bộ phận một cửa phường Đông Thử', 'dong thu', true],
    ['Bộ phận một cửa phường Đông Thử', 'tu phap', false],
    ['Phòng Tư pháp', '', true],
  ])('%s ← "%s": %s', (text, typed, hit) => {
    expect(foldedIncludes(text, typed)).toBe(hit);
  });

  it('Select filters on the named plain-text field, never on a rich label', () => {
    const { optionFilterProp, filterOption } = foldSearch('search');
    expect(optionFilterProp).toBe('search');
    expect(filterOption('van hoa', { value: '1', search: 'Phòng Văn hóa - Xã hội VHXH', label: {} })).toBe(true);
    expect(filterOption('tu phap', { value: '1', search: 'Phòng Văn hóa - Xã hội VHXH' })).toBe(false);
    expect(filterOption('van hoa', { value: '1', label: 'Phòng Văn hóa - Xã hội' })).toBe(false);
    expect(foldSearch().filterOption('Van hoa', { value: '1', label: 'Phòng Văn hóa - Xã hội' })).toBe(true);
  });

  it('TreeSelect filters the same way', () => {
    const { treeNodeFilterProp, filterTreeNode } = foldTreeSearch('search');
    expect(treeNodeFilterProp).toBe('search');
    expect(filterTreeNode('xa hoi', { search: 'Phòng Văn hóa - Xã hội' })).toBe(true);
    expect(filterTreeNode('xa hoi', { search: 'Phòng Tư pháp' })).toBe(false);
  });
});
