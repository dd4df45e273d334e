import { foldVietnamese } from '../../../../../server/src/modules/info-portal/portal.rules.js';

/**
 * The options still shown while the server's answer to a new search is on its way: those whose code or name holds
 * every typed word (accents and case aside). Without it the list of the previous, shorter search stays up, and an
 * officer (or a scanner) pressing Enter picks its first line — "giam ho" picked "Công nhận hộ nghèo…", first for "giam".
 */
export function narrowOptions<T extends { code: string; name: string }>(options: readonly T[], q: string): T[] {
  const words = foldVietnamese(q).split(/[^a-z0-9.]+/).filter(Boolean);
  return options.filter((o) => {
    const text = foldVietnamese(`${o.code} ${o.name}`);
    return words.every((w) => text.includes(w));
  });
}
