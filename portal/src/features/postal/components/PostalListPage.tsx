import { useEffect, useState } from 'react';
import { t } from '../../../lib/i18n.js';
import { Link } from '../../../lib/router.js';
import { usePlace } from '../../../lib/place.js';
import { PlacePicker } from '../../../components/PlacePicker.js';
import { Skeleton } from '../../../components/Skeleton.js';
import { listPostalProcedures, type PostalProcedure } from '../api/list-postal-procedures.js';

function ProcedureTable({ items, withRequest }: { items: PostalProcedure[]; withRequest: boolean }) {
  return (
    <table className="postal-table">
      <thead>
        <tr>
          <th scope="col">{t('code')}</th>
          <th scope="col">{t('name')}</th>
          <th scope="col">{t('agency')}</th>
          <th scope="col">{t('postalReturnShort')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((p) => (
          <tr key={p.id}>
            <td data-label={t('code')}>{p.code}</td>
            <td data-label={t('name')}>
              <Link to={`/thu-tuc/${p.id}`}>{p.name}</Link>
              {withRequest ? (
                <>
                  {' — '}
                  <Link to={`/thu-tuc/buu-chinh/yeu-cau?thu-tuc=${p.id}`}>{t('postalRequestLink')}</Link>
                </>
              ) : null}
            </td>
            <td data-label={t('agency')}>{p.agency}</td>
            <td data-label={t('postalReturnShort')}>{p.postalReturn ? t('yes') : t('no')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The published lists of procedures accepted and not accepted by the public postal service (QĐ 45/2016 Điều 13). */
export function PostalListPage() {
  const [lists, setLists] = useState<{ yes: PostalProcedure[]; no: PostalProcedure[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const provinceId = usePlace()?.provinceId ?? null;
  useEffect(() => {
    document.title = `${t('postalListTitle')} — ${t('site')}`;
  }, []);
  useEffect(() => {
    let live = true;
    setLists(null);
    Promise.all([listPostalProcedures(true, provinceId), listPostalProcedures(false, provinceId)]).then(
      ([yes, no]) => live && setLists({ yes, no }),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [provinceId]);
  return (
    <>
      <section className="hero" aria-labelledby="postal-title">
        <h1 id="postal-title">{t('postalListTitle')}</h1>
        <p>{t('postalListIntro')}</p>
        <Link to="/thu-tuc/buu-chinh/yeu-cau" className="cta">
          {t('postalRequestLink')}
        </Link>
        <p>
          <Link to="/thu-tuc/buu-chinh/tra-cuu">{t('postalTrackLink')}</Link>
        </p>
      </section>
      <PlacePicker idPrefix="postal-place" />
      {error ? <p className="error" role="alert">{error}</p> : null}
      {lists ? (
        <>
          <section className="detail" aria-labelledby="postal-yes">
            <h2 id="postal-yes">{t('postalAccepted')} ({lists.yes.length})</h2>
            <ProcedureTable items={lists.yes} withRequest />
          </section>
          <section className="detail" aria-labelledby="postal-no">
            <h2 id="postal-no">{t('postalNotAccepted')} ({lists.no.length})</h2>
            <ProcedureTable items={lists.no} withRequest={false} />
          </section>
        </>
      ) : error ? null : <Skeleton cards={2} />}
    </>
  );
}
