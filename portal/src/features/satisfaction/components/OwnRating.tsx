import { useEffect, useState } from 'react';
import { getOwnRateable, rateOwn, type RateableDossier } from '../api/satisfaction.js';
import { rt } from '../text.js';
import { RatingForm } from './RatingForm.js';

/**
 * Under the signed-in citizen's own dossier ("Hồ sơ của tôi"): once the result is out, the rating form itself — no code
 * or secret to type again, the session proves the dossier is theirs. Nothing while the dossier cannot be rated yet.
 */
export function OwnRating({ dossierId, headers }: { dossierId: string; headers: () => Record<string, string> }) {
  const [d, setD] = useState<RateableDossier | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    getOwnRateable(dossierId).then(setD, () => setD(null));
  }, [dossierId]);
  if (!d || (!d.rateable && !d.rated)) return null;
  return (
    <section className="detail-section" aria-labelledby="own-rate-title">
      <h2 id="own-rate-title">{rt('ownRateTitle')}</h2>
      <div aria-live="polite">
        {done ? <p className="notice success">{rt('thanks')}</p> : d.rated ? <p className="notice">{rt('ownRated')}</p> : null}
      </div>
      {!done && !d.rated ? (
        <>
          <p className="muted">{rt('intro')}</p>
          <RatingForm
            officerName={d.officerName}
            onSubmit={async (scores, officerScore, comment) => {
              await rateOwn(dossierId, { scores, ...(officerScore !== undefined ? { officerScore } : {}), ...(comment ? { comment } : {}) }, headers());
              setDone(true);
            }}
          />
        </>
      ) : null}
    </section>
  );
}
