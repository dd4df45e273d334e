import { vi, type MessageKey } from './messages.vi.js';

/** Console language: Vietnamese first; English is a second dictionary with the same keys. */
export type Lang = 'vi' | 'en';
const STORAGE_KEY = 'motcua.lang';

function readLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

let current: Lang = readLang();

export function getLang(): Lang {
  return current;
}

/** Switches the language and reloads, so every screen (and antd's locale) re-renders in it. */
export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage may be disabled; the choice then lasts for this page only.
  }
  location.reload();
}

const dictionaries: Partial<Record<Lang, Record<MessageKey, string>>> = { vi };

/**
 * The English dictionary is its own chunk (about 12 KB gzip kept out of the console's first load), fetched before
 * the first render only when English is chosen (main.tsx); until then, and if it cannot be fetched, Vietnamese.
 */
export async function loadLanguage(): Promise<void> {
  if (current === 'en' && !dictionaries.en) dictionaries.en = (await import('./messages.en.js')).en;
}

/** Looks a message up; `{name}` placeholders are replaced from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[current]?.[key] ?? vi[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (_m, name: string) => paramText(params[name]) ?? `{${name}}`);
}

/**
 * A message parameter as text. A fraction is written the console's way ("18,4", not "18.4" — the same format as
 * format.ts formatNumber); whole numbers stay as given, since they are also years and codes ("2026", not "2.026").
 */
function paramText(v: string | number | undefined): string | undefined {
  if (typeof v !== 'number' || Number.isInteger(v)) return v === undefined ? undefined : String(v);
  return new Intl.NumberFormat(current === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 2 }).format(v);
}
