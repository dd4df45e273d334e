import { useState, type FormEvent, type ReactNode } from 'react';
import { checkForm } from '../lib/validation.js';
import { t } from '../lib/i18n.js';

/**
 * The dossier code and the phone or last 4 CCCD digits, asked by the pages reached from a tracking result (payment,
 * rating) when the visitor arrives without them. Field names `ma` and `secret` are read by useTrackingCredentials.
 */
export function CredentialsForm({ code, onSubmit, submitLabel, notice }: { code: string; onSubmit: (e: FormEvent<HTMLFormElement>) => void; submitLabel: string; notice?: ReactNode }) {
  const [problem, setProblem] = useState<string | null>(null);
  // What is missing is said in Vietnamese before anything is asked of the server (lib/validation.ts).
  const handle = (e: FormEvent<HTMLFormElement>) => {
    if (checkForm(e.currentTarget, (p) => setProblem(Object.values(p).join(' ') || null))) return onSubmit(e);
    e.preventDefault();
  };
  return (
    <form className="track-form" onSubmit={handle} noValidate>
      {notice ? <p className="notice">{notice}</p> : null}
      <div className="track-field">
        <label htmlFor="ma">{t('trackCode')}</label>
        <input id="ma" name="ma" defaultValue={code} autoComplete="off" required />
      </div>
      <div className="track-field">
        <label htmlFor="secret">{t('trackSecret')}</label>
        <input id="secret" name="secret" inputMode="numeric" autoComplete="off" required />
      </div>
      {problem ? <p className="error" role="alert">{problem}</p> : null}
      <button type="submit">{submitLabel}</button>
    </form>
  );
}
