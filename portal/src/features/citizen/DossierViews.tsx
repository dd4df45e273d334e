import { useEffect, useState } from 'react';
import { formatDateTime } from '../../lib/format.js';
import { getDossierViews, type DossierView } from './api.js';
import { ct } from './citizen-text.js';

const purposeKey = { open: 'viewOpen', search: 'viewSearch', file: 'viewFile', form: 'viewForm' } as const;

/**
 * "Ai đã xem hồ sơ của bạn": every officer who looked at the personal data in the dossier, from which unit, when and
 * how (Nghị định 13/2023/NĐ-CP Điều 9 — the data subject's right to know; the Estonian "data tracker" practice).
 */
export function DossierViews({ dossierId }: { dossierId: string }) {
  const [views, setViews] = useState<DossierView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getDossierViews(dossierId).then(setViews, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [dossierId]);
  return (
    <section className="detail-section" aria-labelledby="views-title">
      <h2 id="views-title">{ct('viewsTitle')}</h2>
      <p className="muted">{ct('viewsHint')}</p>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {views && views.length === 0 ? <p className="muted">{ct('viewsNone')}</p> : null}
      <ul className="plain dossier-views">
        {(views ?? []).map((v, i) => (
          <li key={`${v.at}-${i}`}>
            <time dateTime={v.at}>{formatDateTime(v.at)}</time> — <strong>{v.actorName}</strong>
            {v.unitName ? <span> ({v.unitName})</span> : null} {ct(purposeKey[v.purpose])}
            {v.detail ? <span className="muted">: {v.detail}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
