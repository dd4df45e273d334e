import { useState, type FormEvent, type ReactNode } from 'react';
import { checkForm } from '../lib/validation.js';
import { Field } from './Field.js';
import { t } from '../lib/i18n.js';

/**
 * The dossier code and the phone or last 4 CCCD digits, asked by the pages reached from a tracking result (payment,
 * rating) when the visitor arrives without them. Field names `ma` and `secret` are read by useTrackingCredentials.
 */
export function CredentialsForm({ code, onSubmit, submitLabel, notice }: { code: string; onSubmit: (e: FormEvent<HTMLFormElement>) => void; submitLabel: string; notice?: ReactNode }) {
  const [problems, setProblems] = useState<Record<string, string>>({});
  // What is missing is said in Vietnamese under its field before anything is asked of the server (lib/validation.ts).
  const handle = (e: FormEvent<HTMLFormElement>) => {
    if (checkForm(e.currentTarget, setProblems)) return onSubmit(e);
    e.preventDefault();
  };
  return (
    <form className="track-form" onSubmit={handle} noValidate>
      {notice ? <p className="notice">{notice}</p> : null}
      <Field box="track-field" id="ma" label={t('trackCode')} defaultValue={code} autoComplete="off" required problem={problems.ma} />
      <Field box="track-field" id="secret" label={t('trackSecret')} inputMode="numeric" autoComplete="off" required problem={problems.secret} />
      <button type="submit">{submitLabel}</button>
    </form>
  );
}
