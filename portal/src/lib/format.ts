import { formatVnDate, formatVnShortDateTime, groupThousands } from '../../../server/src/modules/forms/vn-format.rules.js';

/**
 * 50000 → "50.000 ₫", as `Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' })` writes it (whole đồng,
 * no-break space), without building that formatter: it loads the locale's and the currency's data, ~15 ms of main
 * thread (~50–60 ms on a phone, 4× slower) — at the portal's start, or inside hydration where the catalogue's cards
 * show fees (issue 12: Total Blocking Time). The amount is rounded half away from zero, as Intl does.
 */
export function formatVnd(amount: number): string {
  if (!Number.isFinite(amount)) return `${amount}\u00a0₫`;
  // Intl keeps the sign of an amount that rounds to 0 ("-0 ₫"): written alike, so the two never differ.
  const sign = amount < 0 || Object.is(amount, -0) ? '-' : '';
  return `${sign}${groupThousands(Math.round(Math.abs(amount)))}\u00a0₫`;
}

/**
 * 1234.5 → "1.234,5", as `toLocaleString('vi-VN')` writes a number (dot between thousands, comma before at most three
 * decimals), without the ICU number formatter that call builds: ~80 ms of the phone's main thread inside hydration,
 * where every catalogue card writes its processing time (issue 12: Total Blocking Time).
 */
export function formatVnNumber(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return n.toLocaleString('vi-VN');
  // Intl rounds the shortest decimal that reads back as n (String(n)), half away from zero, to three decimals; a number
  // String writes with an exponent here is below 1e-6, so 0.
  const shortest = String(Math.abs(n));
  let [whole = '0', fraction = ''] = shortest.includes('e') ? ['0', ''] : shortest.split('.');
  if (fraction.length > 3) {
    const rounded = (BigInt(whole + fraction.slice(0, 3)) + (fraction[3]! >= '5' ? 1n : 0n)).toString().padStart(4, '0');
    [whole, fraction] = [rounded.slice(0, -3), rounded.slice(-3)];
  }
  const decimals = fraction.replace(/0+$/, '');
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  return `${sign}${groupThousands(Number(whole))}${decimals ? `,${decimals}` : ''}`;
}

/**
 * "2026-02-17" → "17/02/2026"; an instant ("2026-12-03T23:03:00Z") is first put in Vietnam time (→ "04/12/2026"), so an
 * answer given in the morning of the 4th is never shown as the 3rd.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(iso);
  if (!m) return iso;
  if (!m[4]) return `${m[3]}/${m[2]}/${m[1]}`;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : formatVnDate(at);
}

/** An instant as "dd/MM/yyyy HH:mm" in Vietnam time. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? formatVnShortDateTime(new Date(iso)) : '';
}
