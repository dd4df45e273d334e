import { useEffect, useState, type FormEvent } from 'react';
import { Link, navigate } from '../../lib/router.js';
import { confirmRegistration, getAuthOptions, getNationalSsoOptions, nationalSsoStartUrl, oidcStartUrl, register, signIn, type CitizenMe, type CodeSent } from './api.js';
import { ct } from './citizen-text.js';
import { Field } from '../../components/Field.js';
import { checkForm, isoDateOf } from '../../lib/validation.js';
import { capitalizeName } from '../../../../server/src/modules/procedures/eform.rules.js';

/**
 * Sign-in with VNeID or with the national public-service portal's account (each shown only when configured) or e-mail/phone and password; registration for those without VNeID,
 * confirmed by a one-time code sent to the phone or e-mail; a link to password recovery by code.
 */
export function SignInPage({ returnTo, failed, onSignedIn }: { returnTo: string; failed: string | null; onSignedIn: (me: CitizenMe) => void }) {
  const [oidc, setOidc] = useState(false);
  const [nationalSso, setNationalSso] = useState(false);
  const [mode, setMode] = useState<'signin' | 'register'>('signin');
  const [pending, setPending] = useState<(CodeSent & { identifier: string }) | null>(null);
  const [error, setError] = useState<string | null>(failed === 'dvcqg' ? ct('dvcqgFailed') : failed !== null ? ct('vneidFailed') : null);
  const [locked, setLocked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  useEffect(() => {
    document.title = `${ct('signInTitle')}`;
    getAuthOptions().then((o) => setOidc(o.oidc), () => setOidc(false));
    getNationalSsoOptions().then((o) => setNationalSso(o.enabled), () => setNationalSso(false));
  }, []);

  const done = (me: CitizenMe) => {
    onSignedIn(me);
    navigate(returnTo.startsWith('/cong-dan/dang-nhap') ? '/cong-dan/ho-so' : returnTo, { replace: true });
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setLocked(false);
    try {
      await work();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      // A held account (someone's wrong guesses): its owner gets in with a one-time code.
      setLocked(err instanceof Error && 'status' in err && (err as { status: number }).status === 403);
    } finally {
      setBusy(false);
    }
  };

  const handleSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!checkForm(e.currentTarget, setProblems)) return;
    const f = new FormData(e.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    void run(async () => {
      if (mode === 'signin') return done(await signIn(v('identifier'), String(f.get('password') ?? '')));
      const gender = v('gender') === 'male' || v('gender') === 'female' ? (v('gender') as 'male' | 'female') : null;
      const sent = await register({ identifier: v('identifier'), password: String(f.get('password') ?? ''), fullName: capitalizeName(v('fullName')), idNumber: v('idNumber').replace(/\s/g, ''), birthDate: isoDateOf(v('birthDate')) ?? '', gender });
      setPending({ ...sent, identifier: v('identifier') });
    });
  };
  const handleConfirm = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!checkForm(e.currentTarget, setProblems)) return;
    const code = String(new FormData(e.currentTarget).get('code') ?? '').trim();
    void run(async () => done(await confirmRegistration(pending!.identifier, code)));
  };
  const recoverLink = `/cong-dan/quen-mat-khau?tiep=${encodeURIComponent(returnTo)}`;

  if (pending) {
    const channel = pending.channel === 'sms' ? ct('channelSms') : ct('channelEmail');
    return (
      <section className="detail narrow" aria-labelledby="signin-title">
        <h1 id="signin-title">{ct('registerTitle')}</h1>
        {error ? <p className="error" role="alert">{error}</p> : null}
        <p role="status">{ct('codeSentRegister', { channel, minutes: pending.expiresInMinutes })}</p>
        <form className="stack" onSubmit={handleConfirm} noValidate>
          <Field id="code" label={ct('otpCode')} inputMode="numeric" autoComplete="one-time-code" data-check="otp" maxLength={6} required problem={problems.code} />
          <button type="submit" className="button-primary" disabled={busy}>{ct('confirmRegister')}</button>
        </form>
        <p>
          <Link to={recoverLink}>{ct('forgotPassword')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="detail narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">{mode === 'signin' ? ct('signInTitle') : ct('registerTitle')}</h1>
      {error ? (
        <div className="error" role="alert">
          <p>{error}</p>
          {locked ? <p>{ct('lockedHint')}</p> : null}
        </div>
      ) : null}
      {(oidc || nationalSso) && mode === 'signin' ? (
        <div className="vneid">
          {oidc ? (
            <>
              <a className="button-primary" href={oidcStartUrl(returnTo)}>{ct('signInVneid')}</a>
              <p className="muted">{ct('vneidHint')}</p>
            </>
          ) : null}
          {nationalSso ? (
            <>
              <a className="button-primary" href={nationalSsoStartUrl(returnTo)}>{ct('signInDvcqg')}</a>
              <p className="muted">{ct('dvcqgHint')}</p>
            </>
          ) : null}
          <h2 className="or">{ct('orPassword')}</h2>
        </div>
      ) : null}
      <form className="stack" onSubmit={handleSubmit} noValidate>
        <Field id="identifier" label={ct('identifier')} autoComplete="username" data-check="identifier" required problem={problems.identifier} />
        <Field id="password" label={ct('password')} type="password" autoComplete={mode === 'signin' ? 'current-password' : 'new-password'} required minLength={mode === 'register' ? 8 : undefined} problem={problems.password} />
        {mode === 'register' ? (
          <>
            <Field id="fullName" label={ct('fullName')} autoComplete="name" autoCapitalize="words" required minLength={2} problem={problems.fullName} onBlur={(e) => (e.currentTarget.value = capitalizeName(e.currentTarget.value))} />
            <Field id="idNumber" label={ct('idNumber')} inputMode="numeric" data-check="id-number" required problem={problems.idNumber} />
            <Field id="birthDate" label={ct('birthDate')} inputMode="numeric" placeholder="dd/mm/yyyy" data-check="date" autoComplete="bday" required problem={problems.birthDate} />
            <div className="field">
              <label htmlFor="gender">{ct('gender')}</label>
              <select id="gender" name="gender" defaultValue="">
                <option value="">{ct('unknown')}</option>
                <option value="male">{ct('male')}</option>
                <option value="female">{ct('female')}</option>
              </select>
            </div>
          </>
        ) : null}
        <button type="submit" className="button-primary" disabled={busy}>{mode === 'signin' ? ct('signIn') : ct('register')}</button>
      </form>
      {mode === 'signin' ? (
        <p>
          <Link to={recoverLink}>{ct('forgotPassword')}</Link>
        </p>
      ) : null}
      <p>
        <button type="button" className="link-button" onClick={() => { setMode(mode === 'signin' ? 'register' : 'signin'); setProblems({}); }}>
          {mode === 'signin' ? ct('noAccount') : ct('haveAccount')}
        </button>
      </p>
    </section>
  );
}
