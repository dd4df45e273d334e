import type { Locale } from 'antd/es/locale/index.js';
import enGBModule from 'antd/locale/en_GB.js';
import viVNModule from 'antd/locale/vi_VN.js';
import 'dayjs/locale/vi.js';
import 'dayjs/locale/en-gb.js';

/** antd's locale files are CommonJS: the bundler hands over the default export, TypeScript sees the module. */
function pick(mod: unknown): Locale {
  const m = mod as { default?: Locale } & Locale;
  return m.default && typeof m.default === 'object' && 'locale' in m.default ? m.default : m;
}

export const viVN = pick(viVNModule);
export const enGB = pick(enGBModule);
