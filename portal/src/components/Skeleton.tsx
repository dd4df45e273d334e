import { t } from '../lib/i18n.js';

/**
 * What a page shows while its data comes: grey lines the size of the cards to come, announced once to screen readers
 * ("Đang tải…"), so a slow connection never shows a blank page.
 */
export function Skeleton({ cards = 3 }: { cards?: number }) {
  return (
    <div className="skeleton" role="status" aria-live="polite" data-testid="skeleton">
      <span className="visually-hidden">{t('loading')}</span>
      {Array.from({ length: cards }, (_, i) => (
        <div key={i} className="skeleton-card" aria-hidden="true">
          <span className="skeleton-line wide" />
          <span className="skeleton-line mid" />
          <span className="skeleton-line short" />
        </div>
      ))}
    </div>
  );
}
