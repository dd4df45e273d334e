import { useEffect, useState } from 'react';
import { formatVnd } from '../../../lib/format.js';
import { rememberCredentials } from '../../../lib/credentials.js';
import { Link, navigate } from '../../../lib/router.js';
import { getDossierFee, type DossierFee } from '../api/payments.js';
import { pt } from '../text.js';

/** Under a tracking result: the dossier's fee, paid or not, with the way to pay it online. */
export function FeePanel({ code, secret }: { code: string; secret: string }) {
  const [fee, setFee] = useState<DossierFee | null>(null);
  useEffect(() => {
    let live = true;
    getDossierFee(code, secret)
      .then((f) => live && setFee(f))
      .catch(() => live && setFee(null));
    return () => {
      live = false;
    };
  }, [code, secret]);
  if (!fee || fee.feeVnd <= 0) return null;
  const handlePay = () => {
    rememberCredentials({ code, secret });
    navigate(`/thanh-toan?ma=${encodeURIComponent(code)}`);
  };
  return (
    <div className="detail-section fee-panel">
      <h3>{pt('feeTitle')}</h3>
      <p>
        {pt('feeDue')}: <strong>{formatVnd(fee.feeVnd)}</strong> — <span className={fee.paid ? 'status status-returned' : 'status'}>{fee.paid ? pt('feePaid') : pt('feeUnpaid')}</span>
      </p>
      {fee.payable ? (
        <button type="button" className="primary-button" onClick={handlePay}>
          {pt('payButton')}
        </button>
      ) : null}
      {fee.resultPath ? <Link to={fee.resultPath}>{pt('seeReceipt')}</Link> : null}
    </div>
  );
}
