import { useEffect, useState, type FormEvent } from 'react';
import { formatVnd } from '../../../lib/format.js';
import { useTrackingCredentials } from '../../../lib/credentials.js';
import { CredentialsForm } from '../../../components/CredentialsForm.js';
import { Link } from '../../../lib/router.js';
import { t } from '../../../lib/i18n.js';
import { getDossierFee, startPayment, type DossierFee, type OnlineMethod, type StartedPayment } from '../api/payments.js';
import { pt } from '../text.js';
import { usePageUnit } from '../../../lib/page-unit.js';

/**
 * Thanh toán: the citizen pays a dossier's fee online — the national payment platform or VNPay (sent to the gateway, back
 * to the result page) or a VietQR
 * transfer (QR code on screen; the officer's bank statement reconciliation confirms it). The amount comes from the server.
 */
export function PaymentPage({ search }: { search: string }) {
  const code = (new URLSearchParams(search).get('ma') ?? '').toUpperCase();
  const [fee, setFee] = useState<DossierFee | null>(null);
  const [method, setMethod] = useState<OnlineMethod>('vnpay');
  const [started, setStarted] = useState<StartedPayment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { creds, enter: handleCredentials } = useTrackingCredentials(code, () => setError(null));
  const [busy, setBusy] = useState(false);
  // The footer gives the contacts of the unit handling this dossier once it is known (not the citizen's own commune's).
  usePageUnit(fee?.handlingUnitId);

  useEffect(() => {
    document.title = `${pt('pageTitle')} — ${t('site')}`;
  }, []);
  useEffect(() => {
    if (!creds) return;
    getDossierFee(creds.code, creds.secret)
      .then(setFee)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [creds]);

  const handleStart = async (e: FormEvent) => {
    e.preventDefault();
    if (!creds) return;
    setBusy(true);
    setError(null);
    try {
      const p = await startPayment(creds.code, creds.secret, method);
      if (p.redirectUrl) {
        window.location.assign(p.redirectUrl);
        return;
      }
      setStarted(p);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="detail" aria-labelledby="pay-title">
      <p className="breadcrumb">
        <Link to={`/thu-tuc/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`}>{pt('backToTracking')}</Link>
      </p>
      <h1 id="pay-title">{pt('pageTitle')}</h1>
      <p className="muted">{pt('intro')}</p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {!creds ? (
        <CredentialsForm code={code} onSubmit={handleCredentials} submitLabel={pt('continue')} notice={pt('needCredentials')} />
      ) : null}
      {fee ? (
        <dl className="facts">
          <dt>{pt('dossier')}</dt>
          <dd>{fee.dossierCode}</dd>
          <dt>{pt('amount')}</dt>
          <dd>
            <strong>{formatVnd(fee.feeVnd)}</strong>
          </dd>
        </dl>
      ) : null}
      {fee && fee.paid ? (
        <p className="notice">
          {pt('alreadyPaid')} {fee.resultPath ? <Link to={fee.resultPath}>{pt('seeReceipt')}</Link> : null}
        </p>
      ) : null}
      {fee && fee.payable && !started ? (
        <form onSubmit={(e) => void handleStart(e)} className="pay-form" noValidate>
          <fieldset className="choice-group">
            <legend>{pt('method')}</legend>
            {(['paygov', 'vnpay', 'vietqr'] as const).map((m) => (
              <label key={m} className="choice">
                <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} />
                <span>{pt(m)}</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className="primary-button" disabled={busy}>
            {busy ? pt('working') : pt('continue')}
          </button>
        </form>
      ) : null}
      {started?.transfer ? <TransferBox p={started} /> : null}
    </section>
  );
}

function TransferBox({ p }: { p: StartedPayment }) {
  const tr = p.transfer!;
  return (
    <div className="detail-section transfer">
      <h2>{pt('qrTitle')}</h2>
      <img className="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(tr.qrSvg)}`} width={240} height={240} alt={pt('qrAlt', { amount: formatVnd(p.amountVnd), account: tr.accountNo })} />
      <dl className="facts">
        <dt>{pt('bank')}</dt>
        <dd>
          {tr.accountName} — {tr.accountNo} (BIN {tr.bankBin})
        </dd>
        <dt>{pt('amount')}</dt>
        <dd>{formatVnd(p.amountVnd)}</dd>
        <dt>{pt('note')}</dt>
        <dd>
          <code className="transfer-note">{tr.note}</code>
        </dd>
      </dl>
      <p className="muted">{pt('qrAfter')}</p>
      <Link to={p.resultPath}>{pt('toResult')}</Link>
    </div>
  );
}
