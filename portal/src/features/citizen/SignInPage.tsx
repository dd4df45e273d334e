import { useEffect, useState, type FormEvent } from 'react';
import { navigate } from '../../lib/router.js';
import { getAuthOptions, oidcStartUrl, register, signIn, type CitizenMe } from './api.js';
import { ct } from './citizen-text.js';
import { Field } from './Field.js';

/** Sign-in with VNeID (shown only when configured) or e-mail/phone and password; registration for those without VNeID. */
export function SignInPage({ returnTo, failed, onSignedIn }: { returnTo: string; failed: boolean; onSignedIn: (me: CitizenMe) => void }) {
  const [oidc, setOidc] = useState(false);
  const [mode, setMode] = useState<'signin' | 'register'>('signin');
  const [error, setError] = useState<string | null>(failed ? ct('vneidFailed') : null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = `${ct('signInTitle')}`;
    getAuthOptions().then((o) => setOidc(o.oidc), () => setOidc(false));
  }, []);

  const handleSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const me =
        mode === 'signin'
          ? await signIn(v('identifier'), String(f.get('password') ?? ''))
          : await register({ identifier: v('identifier'), password: String(f.get('password') ?? ''), fullName: v('fullName'), idNumber: v('idNumber'), birthDate: v('birthDate'), gender: v('gender') === 'male' || v('gender') === 'female' ? v('gender') as 'male' | 'female' : null });
      onSignedIn(me);
      navigate(returnTo.startsWith('/cong-dan/dang-nhap') ? '/cong-dan/ho-so' : returnTo, { replace: true });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="detail narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">{mode === 'signin' ? ct('signInTitle') : ct('registerTitle')}</h1>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {oidc && mode === 'signin' ? (
        <div className="vneid">
          <a className="button-primary" href={oidcStartUrl(returnTo)}>{ct('signInVneid')}</a>
          <p className="muted">{ct('vneidHint')}</p>
          <h2 className="or">{ct('orPassword')}</h2>
        </div>
      ) : null}
      <form className="stack" onSubmit={(e) => void handleSubmit(e)}>
        <Field id="identifier" label={ct('identifier')} autoComplete="username" required />
        <Field id="password" label={ct('password')} type="password" autoComplete={mode === 'signin' ? 'current-password' : 'new-password'} required minLength={mode === 'register' ? 8 : undefined} />
        {mode === 'register' ? (
          <>
            <Field id="fullName" label={ct('fullName')} autoComplete="name" required />
            <Field id="idNumber" label={ct('idNumber')} inputMode="numeric" pattern="\d{12}" required />
            <Field id="birthDate" label={ct('birthDate')} type="date" autoComplete="bday" required />
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
      <p>
        <button type="button" className="link-button" onClick={() => setMode(mode === 'signin' ? 'register' : 'signin')}>
          {mode === 'signin' ? ct('noAccount') : ct('haveAccount')}
        </button>
      </p>
    </section>
  );
}
