import { useState, type FormEvent } from 'react';

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

/**
 * The credentials of a payment or rating page: those carried from the tracking result, or those the visitor types
 * in the page's form (fields `ma` and `secret`), remembered for the next page. `onEntered` runs on each new entry.
 */
export function useTrackingCredentials(code: string, onEntered: () => void): { creds: Credentials | null; enter: (e: FormEvent<HTMLFormElement>) => void } {
  const [creds, setCreds] = useState<Credentials | null>(() => recallCredentials(code));
  const enter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const c = { code: String(data.get('ma') ?? '').trim().toUpperCase(), secret: String(data.get('secret') ?? '').trim() };
    rememberCredentials(c);
    onEntered();
    setCreds(c);
  };
  return { creds, enter };
}
