/**
 * The tracking credentials (dossier code + phone or last 4 CCCD digits) carried from the tracking result to the payment
 * and rating pages in this tab only (sessionStorage), never in the URL.
 */
const KEY = 'motcua.tracking';

export type Credentials = { code: string; secret: string };

export function rememberCredentials(c: Credentials): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(c));
  } catch {
    // Private mode without storage: the next page asks again.
  }
}

export function recallCredentials(code: string): Credentials | null {
  try {
    const c = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Credentials | null;
    return c && c.code === code.toUpperCase() ? c : null;
  } catch {
    return null;
  }
}
