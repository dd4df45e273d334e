import { useState, type FormEvent } from 'react';
import { askContactCode, confirmContact, type Profile } from './api.js';
import { ct } from './citizen-text.js';
import { Field } from '../../components/Field.js';
import { checkForm } from '../../lib/validation.js';

/**
 * The phone or e-mail the citizen signs in with and receives notices at. A new value is proved like at registration:
 * a code is sent to it and typed back here; only then does it replace the old one.
 */
export function ContactChange({ kind, current, onChanged }: { kind: 'phone' | 'email'; current: string | null; onChanged: (p: Profile) => void }) {
  const [step, setStep] = useState<'show' | 'enter' | 'code'>('show');
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const label = kind === 'phone' ? ct('phone') : ct('email');
  const id = `contact-${kind}`;
  const fail = (err: unknown) => setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });

  const ask = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!checkForm(e.currentTarget, setProblems)) return;
    try {
      const sent = await askContactCode(kind, value);
      setMessage({ ok: true, text: ct('contactCodeSent', { channel: kind === 'phone' ? ct('channelSms') : ct('channelEmail'), minutes: sent.expiresInMinutes }) });
      setStep('code');
    } catch (err) {
      fail(err);
    }
  };
  const confirm = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!checkForm(e.currentTarget, setProblems)) return;
    const code = String(new FormData(e.currentTarget).get('code') ?? '').trim();
    try {
      onChanged(await confirmContact(kind, value, code));
      setMessage({ ok: true, text: ct('contactChanged', { what: label.toLowerCase() }) });
      setStep('show');
      setValue('');
    } catch (err) {
      fail(err);
    }
  };

  return (
    <div className="field contact" aria-labelledby={`${id}-label`} role="group">
      <span id={`${id}-label`} className="label">{label}</span>
      <p className="contact-current">
        <span data-testid={`${id}-current`}>{current ?? ct('notSet')}</span>{' '}
        {step === 'show' ? (
          <button type="button" className="link-button" onClick={() => { setStep('enter'); setMessage(null); }} aria-label={`${ct('changeContact')} ${label.toLowerCase()}`}>
            {ct('changeContact')}
          </button>
        ) : null}
      </p>
      {step === 'show' ? <span className="muted hint">{ct('contactHint')}</span> : null}
      {step === 'enter' ? (
        <form className="stack" onSubmit={(e) => void ask(e)} noValidate>
          <Field id={`${id}-new`} name="value" label={kind === 'phone' ? ct('newPhone') : ct('newEmail')} type={kind === 'phone' ? 'tel' : 'email'} autoComplete={kind === 'phone' ? 'tel' : 'email'} inputMode={kind === 'phone' ? 'tel' : 'email'} value={value} onChange={(e) => setValue(e.target.value)} data-check={kind === 'phone' ? 'mobile' : 'email'} required problem={problems[`${id}-new`]} />
          <div className="actions">
            <button type="submit" className="button-primary">{ct('sendCode')}</button>
            <button type="button" className="button-secondary" onClick={() => setStep('show')}>{ct('cancel')}</button>
          </div>
        </form>
      ) : null}
      {step === 'code' ? (
        <form className="stack" onSubmit={(e) => void confirm(e)} noValidate>
          <Field id={`${id}-code`} name="code" label={ct('otpCode')} inputMode="numeric" autoComplete="one-time-code" data-check="otp" maxLength={6} required problem={problems[`${id}-code`]} />
          <div className="actions">
            <button type="submit" className="button-primary">{ct('confirmContact')}</button>
            <button type="button" className="button-secondary" onClick={() => setStep('show')}>{ct('cancel')}</button>
          </div>
        </form>
      ) : null}
      <div aria-live="polite">{message ? <p className={message.ok ? 'notice' : 'error'}>{message.text}</p> : null}</div>
    </div>
  );
}
