import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Field } from '../../../components/Field.js';
import { t } from '../../../lib/i18n.js';
import { checkForm } from '../../../lib/validation.js';
import { kioskDossier, kioskMe, pairKiosk, rateKiosk, type RateableDossier } from '../api/satisfaction.js';
import { rt } from '../text.js';
import { RatingForm } from './RatingForm.js';

const TOKEN_KEY = 'motcua.kiosk';
const RESET_MS = 8000;

/**
 * The kiosk token: from the pairing link a desk officer opened here from the console (`#ma-thiet-bi=…`, a fragment the
 * browser never sends to a server; taken off the address at once), else the one this browser kept.
 */
function storedToken(): string | null {
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('ma-thiet-bi');
  if (fromLink) history.replaceState(null, '', location.pathname);
  try {
    if (fromLink) localStorage.setItem(TOKEN_KEY, fromLink);
    return fromLink ?? localStorage.getItem(TOKEN_KEY);
  } catch {
    return fromLink;
  }
}

/**
 * The rating tablet at the desk (no sign-in): the citizen types the dossier code from their appointment slip, answers the
 * nine indicators and rates the officer, sees a thank-you and the screen resets for the next person. First use: a desk
 * officer pairs the tablet with the unit (the kiosk token is kept in this browser only).
 */
export function KioskPage() {
  const [token, setToken] = useState<string | null>(storedToken);
  const [device, setDevice] = useState<{ name: string; unitName: string } | null>(null);
  const [dossier, setDossier] = useState<RateableDossier | null>(null);
  const [thanks, setThanks] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // What is wrong with what was typed, under each field (lib/validation.ts), never the browser's own bubbles.
  const [problems, setProblems] = useState<Record<string, string>>({});
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${rt('kioskTitle')} — ${t('site')}`;
  }, []);
  useEffect(() => {
    if (!token) return;
    kioskMe(token)
      .then(setDevice)
      .catch(() => {
        // Revoked or unknown: back to pairing.
        localStorage.removeItem(TOKEN_KEY);
        setToken(null);
      });
  }, [token]);
  useEffect(() => {
    if (!thanks) return;
    const timer = setTimeout(() => {
      setThanks(false);
      setDossier(null);
      codeInput.current?.focus();
    }, RESET_MS);
    return () => clearTimeout(timer);
  }, [thanks]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const handlePair = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!checkForm(e.currentTarget, setProblems)) return;
    const data = new FormData(e.currentTarget);
    void run(async () => {
      const tk = await pairKiosk(String(data.get('username') ?? ''), String(data.get('password') ?? ''), String(data.get('device') ?? '').trim() || 'Máy đánh giá');
      localStorage.setItem(TOKEN_KEY, tk);
      setToken(tk);
    });
  };

  const handleCode = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!checkForm(e.currentTarget, setProblems)) return;
    const code = String(new FormData(e.currentTarget).get('code') ?? '').trim();
    if (!token) return;
    void run(async () => setDossier(await kioskDossier(token, code)));
  };

  const reset = () => {
    setThanks(false);
    setDossier(null);
    setError(null);
  };

  return (
    <section className="detail kiosk" aria-labelledby="kiosk-title">
      <h1 id="kiosk-title">{rt('kioskTitle')}</h1>
      {device ? <p className="muted">{rt('kioskOf', { name: device.name, unit: device.unitName })}</p> : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {!token ? (
        <form className="kiosk-form" onSubmit={handlePair} noValidate>
          <h2>{rt('kioskPairTitle')}</h2>
          <p className="muted">{rt('kioskPairIntro')}</p>
          <Field id="username" label={rt('username')} autoComplete="username" required problem={problems.username} />
          <Field id="password" label={rt('password')} type="password" autoComplete="current-password" required problem={problems.password} />
          <Field id="device" label={rt('deviceName')} autoComplete="off" maxLength={100} problem={problems.device} />
          <button type="submit" className="primary-button" disabled={busy}>
            {rt('pair')}
          </button>
        </form>
      ) : thanks ? (
        <div className="kiosk-thanks" role="status">
          <p className="notice success">{rt('thanks')}</p>
          <p className="muted">{rt('thanksNext')}</p>
          <button type="button" className="primary-button" onClick={reset}>
            {rt('kioskAgain')}
          </button>
        </div>
      ) : !dossier ? (
        <form className="kiosk-form" onSubmit={handleCode} noValidate>
          <Field id="code" label={rt('kioskCode')} ref={codeInput} autoComplete="off" spellCheck={false} autoCapitalize="characters" required minLength={10} problem={problems.code} />
          <button type="submit" className="primary-button" disabled={busy}>
            {rt('kioskStart')}
          </button>
        </form>
      ) : (
        <>
          <p>
            <strong>{dossier.code}</strong> — {dossier.procedureName}
          </p>
          {dossier.rated ? (
            <>
              <p className="notice">{rt('alreadyRated')}</p>
              <button type="button" className="primary-button" onClick={reset}>
                {rt('kioskAgain')}
              </button>
            </>
          ) : (
            <RatingForm
              large
              officerName={dossier.officerName}
              onSubmit={async (scores, officerScore, comment) => {
                await rateKiosk(token, { code: dossier.code, scores, ...(officerScore !== undefined ? { officerScore } : {}), ...(comment ? { comment } : {}) });
                setThanks(true);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
