import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { formatDateTime } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { navigate } from '../../../lib/router.js';
import { trackDossier, type Tracking } from '../api/track-dossier.js';

/**
 * Tra cứu hồ sơ: a citizen looks up a dossier by its code and a secret only they know. The code may come in the URL
 * (?ma=…, the link printed on the receipt and sent in notices); the secret never goes into the URL.
 */
export function TrackingPage({ search, renderExtras }: { search: string; renderExtras?: (r: { code: string; secret: string; status: string }) => ReactNode }) {
  const fromUrl = new URLSearchParams(search).get('ma') ?? '';
  const [code, setCode] = useState(fromUrl);
  const [secret, setSecret] = useState('');
  const [result, setResult] = useState<Tracking | null>(null);
  const [shownSecret, setShownSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const secretInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t('trackTitle')} — ${t('site')}`;
    if (fromUrl) secretInput.current?.focus();
  }, []);

  const handleSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim().toUpperCase();
    const s = secret.trim();
    if (c.length < 10 || s.length < 4) return setError(t('trackMissing'));
    setLoading(true);
    setError(null);
    setResult(null);
    navigate(`/thu-tuc/tra-cuu-ho-so?ma=${encodeURIComponent(c)}`, { replace: true, keepScroll: true });
    try {
      setResult(await trackDossier(c, s));
      setShownSecret(s);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <section className="hero" aria-labelledby="track-title">
        <h1 id="track-title" tabIndex={-1}>
          {t('trackTitle')}
        </h1>
        <p>{t('trackIntro')}</p>
        <form className="track-form" onSubmit={(e) => void handleSubmit(e)} noValidate>
          <div className="track-field">
            <label htmlFor="ma">{t('trackCode')}</label>
            <input id="ma" name="ma" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" spellCheck={false} aria-describedby="ma-hint" required />
            <span id="ma-hint" className="muted hint">
              {t('trackCodeHint')}
            </span>
          </div>
          <div className="track-field">
            <label htmlFor="secret">{t('trackSecret')}</label>
            <input id="secret" ref={secretInput} name="secret" value={secret} onChange={(e) => setSecret(e.target.value)} inputMode="numeric" autoComplete="off" aria-describedby="secret-hint" required />
            <span id="secret-hint" className="muted hint">
              {t('trackSecretHint')}
            </span>
          </div>
          <button type="submit" disabled={loading}>
            {loading ? t('loading') : t('trackButton')}
          </button>
        </form>
      </section>
      <div aria-live="polite">
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {result ? (
          <section className="detail track-result" aria-labelledby="track-code">
            <h2 id="track-code" className="track-code">
              {result.code}
            </h2>
            <dl className="facts">
              <dt>{t('trackStatus')}</dt>
              <dd>
                <strong className={`status status-${result.status}`}>{result.statusLabel}</strong>
              </dd>
              <dt>{t('trackProcedure')}</dt>
              <dd>{result.procedureName}</dd>
              <dt>{t('trackReceived')}</dt>
              <dd>{formatDateTime(result.receivedAt)}</dd>
              <dt>{t('trackDue')}</dt>
              <dd>{formatDateTime(result.dueAt)}</dd>
              {result.shipment ? (
                <>
                  <dt>{t('postalShipment')}</dt>
                  <dd>
                    {t(`shipment.${result.shipment.status as 'created'}`)}
                    {result.shipment.trackingCode ? ` — ${t('postalTrackingCode')}: ${result.shipment.trackingCode}` : ''}
                  </dd>
                </>
              ) : null}
              {result.returnedAt ? (
                <>
                  <dt>{t('trackReturned')}</dt>
                  <dd>{formatDateTime(result.returnedAt)}</dd>
                </>
              ) : null}
            </dl>
            <div className="detail-section">
              <h3>{t('trackTimeline')}</h3>
              <ol className="timeline">
                {result.timeline.map((e, i) => (
                  <li key={`${e.at}-${i}`}>
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time> <span>{e.label}</span>
                  </li>
                ))}
              </ol>
            </div>
            {renderExtras?.({ code: result.code, secret: shownSecret, status: result.status })}
          </section>
        ) : null}
      </div>
    </>
  );
}
