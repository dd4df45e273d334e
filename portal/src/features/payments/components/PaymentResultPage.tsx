import { useCallback, useEffect, useState } from 'react';
import { formatDateTime, formatVnd } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { Link } from '../../../lib/router.js';
import { getPublicPayment, type PublicPayment } from '../api/payments.js';
import { pt } from '../text.js';
import { usePageUnit } from '../../../lib/page-unit.js';

/** Where the gateway brings the citizen back (and the receipt's QR points): the payment's result and its receipt. */
export function PaymentResultPage({ search }: { search: string }) {
  const q = new URLSearchParams(search);
  const ref = q.get('ref') ?? '';
  const token = q.get('t') ?? '';
  const failure = q.get('loi');
  const [p, setP] = useState<PublicPayment | null>(null);
  const [error, setError] = useState<string | null>(failure === 'chu-ky' ? pt('badLink') : failure ? pt('notFoundLink') : null);

  const load = useCallback(() => {
    if (!ref || !token) return;
    getPublicPayment(ref, token)
      .then(setP)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [ref, token]);
  useEffect(() => {
    document.title = `${pt('resultTitle')} — ${t('site')}`;
    load();
  }, [load]);

  usePageUnit(p?.handlingUnitId);
  const heading = !p ? pt('resultTitle') : p.status === 'paid' ? pt('success') : p.status === 'pending' ? pt('pending') : p.status === 'failed' ? pt('failed') : pt('expired');
  return (
    <section className="detail" aria-labelledby="result-title">
      <h1 id="result-title" className={p?.status === 'paid' ? 'result-ok' : undefined}>
        {heading}
      </h1>
      <div aria-live="polite">
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {p ? (
          <>
            <dl className="facts">
              <dt>{pt('dossier')}</dt>
              <dd>
                {p.dossierCode} — {p.procedureName}
              </dd>
              <dt>{pt('amount')}</dt>
              <dd>{formatVnd(p.amountVnd)}</dd>
              <dt>{pt('method')}</dt>
              <dd>{p.methodLabel}</dd>
              <dt>{pt('reference')}</dt>
              <dd>{p.reference}</dd>
              {p.paidAt ? (
                <>
                  <dt>{pt('paidAt')}</dt>
                  <dd>{formatDateTime(p.paidAt)}</dd>
                  <dt>{pt('receiptNo')}</dt>
                  <dd>{p.receiptNo}</dd>
                </>
              ) : null}
            </dl>
            {p.receiptUrl ? (
              <p>
                <a className="primary-button" href={p.receiptUrl} download={`bien-lai-${p.reference}.pdf`}>
                  {pt('download')}
                </a>
              </p>
            ) : null}
            {p.status === 'pending' ? (
              <button type="button" className="primary-button" onClick={load}>
                {pt('refresh')}
              </button>
            ) : null}
            {p.status === 'failed' || p.status === 'expired' ? (
              <p>
                <Link to={`/thanh-toan?ma=${encodeURIComponent(p.dossierCode)}`}>{pt('retry')}</Link>
              </p>
            ) : null}
          </>
        ) : null}
      </div>
      <p>
        <Link to={`/thu-tuc/tra-cuu-ho-so${p ? `?ma=${encodeURIComponent(p.dossierCode)}` : ''}`}>{pt('backToTracking')}</Link>
      </p>
    </section>
  );
}
