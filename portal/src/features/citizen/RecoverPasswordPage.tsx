import { useEffect, useState, type FormEvent } from 'react';
import { Link, navigate } from '../../lib/router.js';
import { askRecoveryCode, recoverPassword, type CitizenMe, type CodeSent } from './api.js';
import { ct } from './citizen-text.js';
import { Field } from '../../components/Field.js';
import { checkForm } from '../../lib/validation.js';

/**
 * "Quên mật khẩu": the citizen asks for a one-time code to the phone or e-mail they sign in with, then sets a new
 * password with it and is signed in. It is also the owner's way in while strangers' wrong guesses hold the account.
 */
export function RecoverPasswordPage({ returnTo, onSignedIn }: { returnTo: string; onSignedIn: (me: CitizenMe) => void }) {
  const [identifier, setIdentifier] = useState('');
  const [sent, setSent] = useState<CodeSent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  useEffect(() => {
    document.title = ct('recoverTitle');
  }, []);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const handleAsk = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!checkForm(e.currentTarget, setProblems)) return;
    const value = String(new FormData(e.currentTarget).get('identifier') ?? '').trim();
    void run(async () => {
      setSent(await askRecoveryCode(value));
      setIdentifier(value);
    });
  };
  const handleReset = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!checkForm(e.currentTarget, setProblems)) return;
    const f = new FormData(e.currentTarget);
    void run(async () => {
      const me = await recoverPassword(identifier, String(f.get('code') ?? '').trim(), String(f.get('password') ?? ''));
      onSignedIn(me);
      navigate(returnTo.startsWith('/cong-dan/dang-nhap') || returnTo.startsWith('/cong-dan/quen-mat-khau') ? '/cong-dan/ho-so' : returnTo, { replace: true });
    });
  };

  return (
    <section className="detail narrow" aria-labelledby="recover-title">
      <h1 id="recover-title">{ct('recoverTitle')}</h1>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {sent ? (
        <>
          <p role="status">{ct('codeSent', { minutes: sent.expiresInMinutes })}</p>
          <form className="stack" onSubmit={handleReset} noValidate>
            <Field id="code" label={ct('otpCode')} inputMode="numeric" autoComplete="one-time-code" data-check="otp" maxLength={6} required problem={problems.code} />
            <Field id="password" label={ct('newPassword')} type="password" autoComplete="new-password" minLength={8} required problem={problems.password} />
            <button type="submit" className="button-primary" disabled={busy}>{ct('setPassword')}</button>
          </form>
          <p>
            <button type="button" className="link-button" disabled={busy} onClick={() => void run(async () => setSent(await askRecoveryCode(identifier)))}>{ct('resendCode')}</button>
          </p>
        </>
      ) : (
        <form className="stack" onSubmit={handleAsk} noValidate>
          <p className="muted">{ct('recoverIntro')}</p>
          <Field id="identifier" label={ct('identifier')} autoComplete="username" data-check="identifier" required defaultValue={identifier} problem={problems.identifier} />
          <button type="submit" className="button-primary" disabled={busy}>{ct('sendCode')}</button>
        </form>
      )}
      <p>
        <Link to={`/cong-dan/dang-nhap?tiep=${encodeURIComponent(returnTo)}`}>{ct('backToSignIn')}</Link>
      </p>
    </section>
  );
}
