import { memo, useEffect, useRef, useState, type FormEvent } from 'react';
import { t } from '../../../lib/i18n.js';
import { navigate } from '../../../lib/router.js';
import { usePlace } from '../../../lib/place.js';
import { PlacePicker } from '../../../components/PlacePicker.js';
import { Skeleton } from '../../../components/Skeleton.js';
import { firstData, firstDataKey, forgetFirstData } from '../../../lib/first-data.js';
import { searchCatalog, type CatalogItem, type CatalogPage, type CatalogQuery } from '../api/search-catalog.js';
import { ProcedureCard } from './ProcedureCard.js';
import { SearchFilters, type Filters } from './SearchFilters.js';

const PAGE = 20;
const levels = ['ministry', 'province', 'district', 'commune'] as const;
const onlineLevels = ['none', 'partial', 'full'] as const;

function pick<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return values.find((x) => x === v);
}

/** The URL holds the search (so it can be shared, and Back returns to it). */
function queryFromUrl(search: string): { q: string; filters: Filters } {
  const p = new URLSearchParams(search);
  return { q: p.get('q') ?? '', filters: { owner: p.get('owner') ?? '', field: p.get('field') ?? '', level: p.get('level') ?? '', agency: p.get('agency') ?? '', onlineLevel: p.get('onlineLevel') ?? '' } };
}

function urlOf(q: string, f: Filters): string {
  const p = new URLSearchParams();
  if (q.trim()) p.set('q', q.trim());
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `/?${s}` : '/';
}

/**
 * The owner is the province in the URL (a shared link), else the citizen's province. Without either, a procedure several
 * provinces publish is listed once (distinct=code), not once per province under the same name.
 */
function apiQuery(q: string, f: Filters, provinceId: string | null, offset: number): CatalogQuery {
  const owner = /^[0-9a-f-]{36}$/.test(f.owner) ? f.owner : (provinceId ?? undefined);
  return {
    q: q.trim() || undefined,
    ownerUnitId: owner,
    distinct: owner ? undefined : 'code',
    field: f.field || undefined,
    agency: f.agency || undefined,
    level: pick(levels, f.level),
    onlineLevel: pick(onlineLevels, f.onlineLevel),
    limit: PAGE,
    offset,
  };
}

/** The cards, rendered again only when the results change (not at each letter typed in the box, nor as the place loads). */
const ResultList = memo(function ResultList({ items }: { items: CatalogItem[] }) {
  return (
    <ol className="result-list">
      {items.map((item) => (
        <li key={item.id}>
          <ProcedureCard item={item} />
        </li>
      ))}
    </ol>
  );
});

/** Home: search box, filters, results with "Xem thêm". */
export function SearchPage({ search }: { search: string }) {
  const { q, filters } = queryFromUrl(search);
  const place = usePlace();
  const provinceId = place?.provinceId ?? null;
  const [draft, setDraft] = useState(q);
  // The first page of results may have come with the HTML (lib/first-data.ts): shown at once, not fetched again.
  const firstKey = firstDataKey('/api/catalog/procedures', apiQuery(q, filters, provinceId, 0));
  const [first] = useState(() => firstData<CatalogPage>(firstKey));
  const [items, setItems] = useState<CatalogItem[]>(first?.items ?? []);
  const [hasMore, setHasMore] = useState(first?.hasMore ?? false);
  const [loading, setLoading] = useState(!first);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);
  const shownFirst = useRef(first ? firstKey : null);

  useEffect(() => {
    document.title = `${t('searchTitle')} — ${t('site')}`;
  }, []);

  useEffect(() => {
    const fromPage = shownFirst.current === firstKey;
    shownFirst.current = null;
    // The first results came with the page and the box already holds their words: nothing to render again (issue 12,
    // TBT: a second render of 20 cards right after the page starts).
    if (fromPage) return forgetFirstData(firstKey);
    setDraft(q);
    const id = ++request.current;
    setLoading(true);
    setError(null);
    searchCatalog(apiQuery(q, filters, provinceId, 0)).then(
      (page) => {
        if (id !== request.current) return;
        setItems(page.items);
        setHasMore(page.hasMore);
        setLoading(false);
      },
      (err: unknown) => {
        if (id !== request.current) return;
        setError(err instanceof Error ? err.message : String(err));
        setLoading(false);
      },
    );
  }, [search, provinceId]);

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    navigate(urlOf(draft, filters), { keepScroll: true });
  };

  const handleMore = async () => {
    const id = ++request.current;
    setLoading(true);
    try {
      const page = await searchCatalog(apiQuery(q, filters, provinceId, items.length));
      if (id !== request.current) return;
      setItems((prev) => [...prev, ...page.items]);
      setHasMore(page.hasMore);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      if (id === request.current) setLoading(false);
    }
  };

  return (
    <>
      <section className="hero" aria-labelledby="search-title">
        <h1 id="search-title" tabIndex={-1}>
          {t('searchTitle')}
        </h1>
        <p>{t('searchIntro')}</p>
        <form role="search" className="search-form" onSubmit={handleSubmit} noValidate>
          <label htmlFor="q">{t('searchLabel')}</label>
          <div className="search-row">
            <input id="q" name="q" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t('searchPlaceholder')} autoComplete="off" enterKeyHint="search" />
            <button type="submit">{t('searchButton')}</button>
          </div>
        </form>
      </section>
      <div className="layout">
        <aside className="sidebar">
          <SearchFilters value={filters} onChange={(f) => navigate(urlOf(q, f), { keepScroll: true })} />
        </aside>
        <section className="results" aria-labelledby="results-title" aria-busy={loading}>
          <h2 id="results-title" className="visually-hidden">
            {t('results')}
          </h2>
          <PlacePicker />
          <p className="place-note muted" data-testid="place-note">
            {place ? t('placeShowing', { province: place.provinceName }) : t('placeNone')}
          </p>
          <p className="results-count" aria-live="polite">
            {loading && items.length === 0 ? '' : error ? '' : items.length ? t('resultsShown', { n: items.length }) + (hasMore ? t('resultsMore') : '') : ''}
          </p>
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
          {!loading && !error && items.length === 0 ? <p className="empty">{t('noResults')}</p> : null}
          {loading && items.length === 0 ? <Skeleton /> : null}
          <ResultList items={items} />
          {hasMore ? (
            <div className="more">
              <button type="button" onClick={() => void handleMore()} disabled={loading}>
                {loading ? t('loading') : t('loadMore')}
              </button>
            </div>
          ) : null}
        </section>
      </div>
    </>
  );
}
