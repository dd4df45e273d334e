import { indicatorKeys, type IndicatorKey } from '../../../../../server/src/modules/satisfaction/satisfaction.rules.js';
import { t } from '../../../lib/i18n.js';

/** The short name of one of the nine indicators (Thông tư 01/2018/TT-VPCP Điều 13); an unknown key is shown as is. */
export function indicatorName(key: string): string {
  return (indicatorKeys as readonly string[]).includes(key) ? t(`sat.ind.${key as IndicatorKey}`) : key;
}

export type OfficerBand = 'full' | 'most' | 'low';

/**
 * Thông tư 01/2018/TT-VPCP Điều 15: an officer whose indicators 1, 2, 3, 4 and 7 total 5 or more completed the task in
 * full; from 3.5 to under 5, 70% to under 100%; under 3.5, under 70%.
 */
export function officerBand(total: number | null): OfficerBand | null {
  if (total === null) return null;
  if (total >= 5) return 'full';
  return total >= 3.5 ? 'most' : 'low';
}

export const officerBandColor: Record<OfficerBand, string> = { full: 'green', most: 'gold', low: 'red' };

/** The portal page a paired tablet opens; the token rides in the fragment, which the browser never sends to a server. */
export function kioskPairingLink(origin: string, token: string): string {
  return `${origin}/danh-gia/kiosk#ma-thiet-bi=${encodeURIComponent(token)}`;
}
