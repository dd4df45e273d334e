import { foldVietnamese } from '../../../server/src/modules/info-portal/portal.rules.js';

/**
 * Whether every word typed is in the text, without accents or case: "Van hoa" finds "Phòng Văn hóa - Xã hội" (officers
 * type without accents on keyboards with no Telex; the register and the portal search the same way).
 */
export function foldedIncludes(text: string, typed: string): boolean {
  const hay = foldVietnamese(text);
  return foldVietnamese(typed)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

const textOf = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/**
 * The console's one search for antd Select / AutoComplete (`showSearch={foldSearch()}`): matches the option's `prop`
 * (a plain-text field; give options with a rich label a `search` text) accent- and case-insensitively.
 */
export function foldSearch(prop = 'label') {
  return { optionFilterProp: prop, filterOption: (input: string, option?: object) => foldedIncludes(textOf((option as Record<string, unknown> | undefined)?.[prop]), input) };
}

/** The same for antd TreeSelect (`showSearch={foldTreeSearch()}`), on the node's `prop`. */
export function foldTreeSearch(prop = 'title') {
  return { treeNodeFilterProp: prop, filterTreeNode: (input: string, node: object) => foldedIncludes(textOf((node as Record<string, unknown>)[prop]), input) };
}
