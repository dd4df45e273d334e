import type { DossierForm } from '../api/dossier-form-url.js';
import type { Dossier } from '../api/get-dossier.js';

/**
 * The official forms a dossier can print now, from what happened to it: the receipt once received with a code, the
 * supplementation request or refusal after those decisions, the apology letter once re-appointed, the stop notice
 * after a stop or withdrawal, and the control slip while it has a due time.
 */
export function availableForms(d: Pick<Dossier, 'code' | 'receivedAt' | 'dueAt' | 'history'>): DossierForm[] {
  const did = (...actions: string[]) => d.history.some((h) => actions.includes(h.action));
  const noted = (...actions: string[]) => d.history.some((h) => actions.includes(h.action) && h.note);
  const forms: DossierForm[] = [];
  if (d.code && d.receivedAt && d.dueAt && did('accept')) forms.push('receipt');
  if (did('request_supplement', 'reject_intake')) forms.push('supplementation');
  if (noted('refuse', 'reject_intake')) forms.push('refusal');
  if (d.receivedAt && d.dueAt && did('apologise')) forms.push('apology');
  if (d.receivedAt && did('stop', 'withdraw')) forms.push('stop-notice');
  if (d.receivedAt && d.dueAt) forms.push('control-slip');
  return forms;
}
