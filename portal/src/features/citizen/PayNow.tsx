import { useEffect, useState } from 'react';
import { formatVnd } from '../../lib/format.js';
import { getMyFee, payMyDossier, type StartedPayment } from './api.js';
import { ct } from './citizen-text.js';

/**
 * Paying the fee of one's own online dossier while it waits for the desk (it has no code yet, so the public payment
 * page, which asks for the code, cannot serve it): VNPay sends the browser to the gateway; VietQR shows the transfer.
 */
export function PayNow({ dossierId }: { dossierId: string }) {
  const [fee, setFee] = useState<{ feeVnd: number; paid: boolean; payable: boolean } | null>(null);
  const [transfer, setTransfer] = useState<StartedPayment | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void getMyFee(dossierId).then(setFee, () => setFee(null)), [dossierId]);
  if (!fee || fee.feeVnd <= 0) return null;
  const start = async (method: 'vnpay' | 'vietqr' | 'paygov') => {
    try {
      const p = await payMyDossier(dossierId, method);
      if (p.redirectUrl) window.location.assign(p.redirectUrl);
      else setTransfer(p);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const tr = transfer?.transfer;
  return (
    <section className="detail-section" aria-labelledby="pay-title">
      <h2 id="pay-title">{ct('payTitle')}</h2>
      <p>
        {ct('fee')}: <strong>{formatVnd(fee.feeVnd)}</strong> — {fee.paid ? ct('payPaid') : ct('payUnpaid')}
      </p>
      {fee.payable ? (
        <p className="stack-inline">
          <button type="button" className="button-primary" onClick={() => void start('paygov')}>{ct('payPaygov')}</button>{' '}
          <button type="button" className="button-secondary" onClick={() => void start('vnpay')}>{ct('payVnpay')}</button>{' '}
          <button type="button" className="button-secondary" onClick={() => void start('vietqr')}>{ct('payVietqr')}</button>
        </p>
      ) : null}
      {tr && transfer ? (
        <div className="transfer">
          <img className="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(tr.qrSvg)}`} width={240} height={240} alt={ct('payQrAlt', { amount: formatVnd(transfer.amountVnd) })} />
          <p>{tr.accountName} — {tr.accountNo} (BIN {tr.bankBin})</p>
          <p>{ct('payNote')}: <strong className="transfer-note">{tr.note}</strong></p>
        </div>
      ) : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
    </section>
  );
}
