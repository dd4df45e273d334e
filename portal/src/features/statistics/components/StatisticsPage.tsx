import { useEffect, useState } from 'react';
import { PlacePicker } from '../../../components/PlacePicker.js';
import { Skeleton } from '../../../components/Skeleton.js';
import { t } from '../../../lib/i18n.js';
import { usePlace } from '../../../lib/place.js';
import { getFigures, type FigurePeriod, type Figures } from '../api/get-figures.js';
import { st } from '../text.js';

const periods: FigurePeriod[] = ['ytd', 'month', 'prev_month'];
const count = new Intl.NumberFormat('vi-VN');
const percent = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

function Rate({ r }: { r: Figures['onTime'] }) {
  if (r.value === null) return <span className="muted">{st('noData')}</span>;
  return (
    <>
      <strong>{percent.format(r.value)} %</strong> <span className="muted">({st('of', { n: count.format(r.numerator), d: count.format(r.denominator) })})</span>
    </>
  );
}

/**
 * "Thống kê kết quả giải quyết hồ sơ": the figures of the citizen's commune, else their province, else every unit —
 * following the place picked here or on any other page (NĐ 224/2026 Điều 12: figures from the collected data).
 * Online = received online / received (QĐ 766 chỉ số 3.3); on time = resolved early or on time / resolved (NĐ 61/2018
 * Điều 30); by post = results returned by post / results returned.
 */
export function StatisticsPage() {
  const place = usePlace();
  const unitId = place?.communeId ?? place?.provinceId ?? null;
  const [period, setPeriod] = useState<FigurePeriod>('ytd');
  const [figures, setFigures] = useState<{ key: string; value: Figures } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${st('title')} — ${t('site')}`;
  }, []);
  useEffect(() => {
    let live = true;
    setError(null);
    getFigures(unitId, period).then(
      (value) => live && setFigures({ key: `${unitId}|${period}`, value }),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [unitId, period]);

  // The figures shown are those of the place and period asked last; older answers wait behind the placeholder.
  const current = figures?.key === `${unitId}|${period}` ? figures.value : null;
  return (
    <>
      <section className="hero" aria-labelledby="stats-title">
        <h1 id="stats-title">{st('title')}</h1>
        <p>{st('intro')}</p>
        <PlacePicker idPrefix="stats-place" />
        <div className="filter">
          <label htmlFor="stats-period">{st('period')}</label>
          <select id="stats-period" value={period} onChange={(e) => setPeriod(e.target.value as FigurePeriod)}>
            {periods.map((p) => (
              <option key={p} value={p}>
                {st(`period.${p}`)}
              </option>
            ))}
          </select>
        </div>
      </section>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : current ? (
        <section className="detail" aria-labelledby="stats-place-name" data-testid="figures">
          <h2 id="stats-place-name">{current.unitName ?? st('everywhere')}</h2>
          <p className="muted" data-testid="figures-period">{current.labelVi}</p>
          <dl className="facts">
            <dt>{st('received')}</dt>
            <dd data-testid="figure-received">{count.format(current.online.denominator)}</dd>
            <dt>{st('resolved')}</dt>
            <dd data-testid="figure-resolved">{count.format(current.onTime.denominator)}</dd>
            <dt>{st('onTime')}</dt>
            <dd data-testid="figure-on-time">
              <Rate r={current.onTime} />
            </dd>
            <dt>{st('online')}</dt>
            <dd data-testid="figure-online">
              <Rate r={current.online} />
            </dd>
            <dt>{st('byPost')}</dt>
            <dd data-testid="figure-by-post">
              <Rate r={current.byPost} />
            </dd>
          </dl>
        </section>
      ) : (
        <Skeleton cards={1} />
      )}
    </>
  );
}
