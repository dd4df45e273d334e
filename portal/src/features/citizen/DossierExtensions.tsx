import type { MyDossier } from './api.js';

/**
 * The place of the dossier page where other capabilities add their part for the citizen: "Thanh toán" (module payments:
 * pay the fee online) and "Đánh giá" (module satisfaction: rate the service once the result is returned). Each renders
 * its own section from the dossier it is given; until they arrive, nothing shows.
 */
export function DossierExtensions({ dossier }: { dossier: MyDossier }) {
  return <div className="dossier-extensions" data-dossier-id={dossier.id} data-fee-vnd={dossier.feeVnd} data-status={dossier.status} />;
}
