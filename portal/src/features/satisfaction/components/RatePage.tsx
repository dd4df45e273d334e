import { useEffect, useState } from 'react';
import { useTrackingCredentials } from '../../../lib/credentials.js';
import { CredentialsForm } from '../../../components/CredentialsForm.js';
import { t } from '../../../lib/i18n.js';
import { Link } from '../../../lib/router.js';
import { getRateable, ratePortal, type RateableDossier } from '../api/satisfaction.js';
import { rt } from '../text.js';
import { RatingForm } from './RatingForm.js';

/** Đánh giá on the portal: the citizen with the tracking credentials rates a dossier whose result is available. */
export function RatePage({ search }: { search: string }) {
  const code = (new URLSearchParams(search).get('ma') ?? '').toUpperCase();
  const [dossier, setDossier] = useState<RateableDossier | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { creds, enter: handleCredentials } = useTrackingCredentials(code, () => setError(null));

  useEffect(() => {
    document.title = `${rt('pageTitle')} — ${t('site')}`;
  }, []);
  useEffect(() => {
    if (!creds) return;
    getRateable(creds.code, creds.secret)
      .then(setDossier)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [creds]);

  return (
    <section className="detail" aria-labelledby="rate-title">
      <p className="breadcrumb">
        <Link to={`/thu-tuc/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`}>← {t('trackNav')}</Link>
      </p>
      <h1 id="rate-title">{rt('pageTitle')}</h1>
      <p className="muted">{rt('intro')}</p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {!creds ? (
        <CredentialsForm code={code} onSubmit={handleCredentials} submitLabel={t('trackButton')} />
      ) : null}
      <div aria-live="polite">
        {done ? <p className="notice success">{rt('thanks')}</p> : null}
        {dossier && !done ? (
          <>
            <p>
              <strong>{dossier.code}</strong> — {dossier.procedureName}
            </p>
            {dossier.rated ? <p className="notice">{rt('alreadyRated')}</p> : !dossier.rateable ? <p className="notice">{rt('notYet')}</p> : null}
            {dossier.rateable && !dossier.rated && creds ? (
              <RatingForm
                officerName={dossier.officerName}
                onSubmit={async (scores, officerScore, comment) => {
                  await ratePortal(creds.code, creds.secret, { scores, ...(officerScore !== undefined ? { officerScore } : {}), ...(comment ? { comment } : {}) });
                  setDone(true);
                }}
              />
            ) : null}
          </>
        ) : null}
      </div>
    </section>
  );
}
