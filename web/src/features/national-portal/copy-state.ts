import { t } from '../../lib/i18n.js';
import { vi, type MessageKey } from '../../lib/messages.vi.js';

/**
 * One side of a reconciliation difference as people read it: the national portal's status name (TrangThaiHoSo 1–10)
 * with its number, and how many steps of the history it holds; "Không có" when that side holds no copy.
 */
export function copyStateText(v: unknown): string {
  if (v === null || typeof v !== 'object') return t('dvcqg.absent');
  const s = v as { status?: unknown; history?: unknown };
  const status = typeof s.status === 'number' && Number.isInteger(s.status) && s.status >= 1 && s.status <= 10 ? s.status : null;
  const steps = Array.isArray(s.history) ? s.history.length : 0;
  if (status === null) return t('dvcqg.stateText', { label: '—', status: '—', steps });
  const key = `dvcqg.status.${status}`;
  return t('dvcqg.stateText', { label: key in vi ? t(key as MessageKey) : '—', status, steps });
}
