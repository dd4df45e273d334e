import { formatVnDate, formatVnShortDateTime } from '../../../server/src/modules/forms/vn-format.rules.js';

const vnd = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });

/** 50000 → "50.000 ₫". */
export function formatVnd(amount: number): string {
  return vnd.format(amount);
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
