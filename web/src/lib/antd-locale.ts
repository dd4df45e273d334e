import type { Locale } from 'antd/es/locale/index.js';
import enGBModule from 'antd/es/locale/en_GB.js';
import viVNModule from 'antd/es/locale/vi_VN.js';
import 'dayjs/locale/vi.js';
import 'dayjs/locale/en-gb.js';

/** antd's locale files (ES modules, so the bundler shakes them like the components; the CommonJS ones under antd/locale pulled in CommonJS copies of the date-picker locales): whichever shape the bundler hands over, the Locale object. */
function pick(mod: unknown): Locale {
  const m = mod as { default?: Locale } & Locale;
  return m.default && typeof m.default === 'object' && 'locale' in m.default ? m.default : m;
}

export const viVN = pick(viVNModule);
export const enGB = pick(enGBModule);
