import type { ReactNode } from 'react';
import type { MyDossier } from './api.js';
import { csrfHeaders } from './api.js';
import { PayNow } from './PayNow.js';

/** What other capabilities add under the citizen's dossier, given by the app (features do not import each other). */
/** `own`: the signed-in citizen's dossier — its id and the session's CSRF header, so blocks act without the secret. */
export type DossierExtras = (d: { code: string; secret: string; status: string; own?: { dossierId: string; headers: () => Record<string, string> } }) => ReactNode;

/**
 * The place of the dossier page where other capabilities add their part for the citizen: "Thanh toán" (pay the fee
 * online) and "Đánh giá" (rate the service once the result is ready). A dossier not yet accepted (no code) can
 * be paid from the citizen's own page only.
 */
export function DossierExtensions({ dossier, extras }: { dossier: MyDossier; extras?: DossierExtras }) {
  // Submitted online and waiting for the desk: the fee may already be paid, from here.
  if (!dossier.code) return dossier.status === 'awaiting_acceptance' ? <PayNow dossierId={dossier.id} /> : null;
  if (!extras) return null;
  return <div className="dossier-extensions">{extras({ code: dossier.code, secret: dossier.trackingSecret, status: dossier.status, own: { dossierId: dossier.id, headers: csrfHeaders } })}</div>;
}
