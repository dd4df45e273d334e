import { t } from '../../../lib/i18n.js';
import { useHallDisplay } from './use-hall-display.js';

const time = (d: Date) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(d);

/**
 * The hall's TV screen (public, no sign-in): the number just called and its counter in very large type, each counter's
 * current number, how many wait. Refreshes every 3 seconds; says so when the connection is lost.
 */
export function HallScreen({ deskUnitId }: { deskUnitId: string }) {
  const { data, stale, at } = useHallDisplay(deskUnitId, 3000);
  const last = data?.lastCall ?? null;
  return (
    <main className="hall-screen" aria-live="polite">
      <header className="hall-header">
        <h1>{data?.deskName ?? ''}</h1>
        <span>{stale ? t('desk.screenStale') : at ? t('desk.screenUpdated', { time: time(at) }) : ''}</span>
      </header>
      {last ? (
        <section className="hall-last" aria-label={t('desk.screenTitle')}>
          <p className="hall-caption">{t('desk.screenTitle')}</p>
          <p className="hall-number" data-testid="hall-last-number">
            {last.number}
          </p>
          <p className="hall-caption">{t('desk.screenToCounter', { counter: last.counterNo })}</p>
        </section>
      ) : (
        <section className="hall-last">
          <p className="hall-caption">{data ? t('desk.screenNone') : ''}</p>
        </section>
      )}
      <ul className="hall-counters">
        {(data?.counters ?? []).map((c) => (
          <li key={c.counterNo} className={last && c.counterNo === last.counterNo ? 'hall-current' : undefined}>
            <span className="hall-counter-name">{t('desk.screenCounter', { counter: c.counterNo })}</span>
            <span className="hall-counter-number">{c.number}</span>
          </li>
        ))}
      </ul>
      <footer className="hall-footer">{data ? t('desk.screenWaiting', { n: data.waiting }) : ''}</footer>
    </main>
  );
}
