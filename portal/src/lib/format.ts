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
