import type { FormEvent, ReactNode } from 'react';
import { t } from '../lib/i18n.js';

/**
 * The dossier code and the phone or last 4 CCCD digits, asked by the pages reached from a tracking result (payment,
 * rating) when the visitor arrives without them. Field names `ma` and `secret` are read by useTrackingCredentials.
 */
export function CredentialsForm({ code, onSubmit, submitLabel, notice }: { code: string; onSubmit: (e: FormEvent<HTMLFormElement>) => void; submitLabel: string; notice?: ReactNode }) {
  return (
    <form className="track-form" onSubmit={onSubmit}>
      {notice ? <p className="notice">{notice}</p> : null}
      <div className="track-field">
        <label htmlFor="ma">{t('trackCode')}</label>
        <input id="ma" name="ma" defaultValue={code} autoComplete="off" required />
      </div>
      <div className="track-field">
        <label htmlFor="secret">{t('trackSecret')}</label>
        <input id="secret" name="secret" inputMode="numeric" autoComplete="off" required />
      </div>
      <button type="submit">{submitLabel}</button>
    </form>
  );
}
