import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { t } from '../lib/i18n.js';
import { navigate } from '../lib/router.js';

type Props<R> = {
  /** The page's path: the code goes back into its URL (?ma=…), the secret never does. */
  path: string;
  search: string;
  /** Prefix of the fields' ids ('' → #ma, #secret; 'pk-' → #pk-ma, #pk-secret). */
  idPrefix: string;
  title: string;
  intro: string;
  codeLabel: string;
  codeHint?: string;
  /** The code as the server wants it, or null when it cannot be one (then `missing` is shown). */
  normalize: (code: string) => string | null;
  missing: string;
  lookup: (code: string, secret: string) => Promise<R>;
  children: (result: R, secret: string) => ReactNode;
};

/**
 * A look-up by a code and the phone or the last 4 CCCD digits, shared by "Tra cứu hồ sơ" and "Theo dõi yêu cầu bưu điện
 * đến lấy hồ sơ": the code may arrive in the URL (receipt QR code, notices, the pickup confirmation), then the cursor waits
 * in the secret field; the result is announced to screen readers.
 */
export function LookupPage<R>({ path, search, idPrefix, title, intro, codeLabel, codeHint, normalize, missing, lookup, children }: Props<R>) {
  const fromUrl = new URLSearchParams(search).get('ma') ?? '';
  const [code, setCode] = useState(fromUrl);
  const [secret, setSecret] = useState('');
  const [result, setResult] = useState<{ value: R; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  // What is wrong with what was typed, under each field, in Vietnamese (lib/validation.ts).
  const [problems, setProblems] = useState<Record<string, string>>({});
  const secretInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const id = (name: string) => `${idPrefix}${name}`;
  const describedBy = (name: string, hint: boolean) => [hint ? id(`${name}-hint`) : null, problems[id(name)] ? id(`${name}-problem`) : null].filter(Boolean).join(' ') || undefined;
  const problemLine = (name: string) => (problems[id(name)] ? <p className="field-problem" id={id(`${name}-problem`)}>{problems[id(name)]}</p> : null);

  useEffect(() => {
    document.title = `${title} — ${t('site')}`;
    if (fromUrl) secretInput.current?.focus();
  }, []);

  const handleSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    // The checks load on the first submit: the home page and tracking stay within their first-load budget (BENCHMARKS.md).
    const { checkForm } = await import('../lib/validation.js');
    if (!checkForm(form, setProblems)) return;
    const c = normalize(code);
    const s = secret.trim();
    if (c === null) {
      // Typed, but not a code this page knows: said under the field, which gets the focus.
      setProblems({ [id('ma')]: missing });
      codeInput.current?.setAttribute('aria-invalid', 'true');
      codeInput.current?.focus();
      return;
    }
    setLoading(true);
    setError(null);
    setResult(null);
    navigate(`${path}?ma=${encodeURIComponent(c)}`, { replace: true, keepScroll: true });
    try {
      setResult({ value: await lookup(c, s), secret: s });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <section className="hero" aria-labelledby={id('lookup-title')}>
        <h1 id={id('lookup-title')} tabIndex={-1}>
          {title}
        </h1>
        <p>{intro}</p>
        <form className="track-form" onSubmit={(e) => void handleSubmit(e)} noValidate>
          <div className="track-field">
            <label htmlFor={id('ma')}>{codeLabel}</label>
            <input
              id={id('ma')}
              ref={codeInput}
              name="ma"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="characters"
              aria-describedby={describedBy('ma', Boolean(codeHint))}
              required
            />
            {codeHint ? (
              <span id={id('ma-hint')} className="muted hint">
                {codeHint}
              </span>
            ) : null}
            {problemLine('ma')}
          </div>
          <div className="track-field">
            <label htmlFor={id('secret')}>{t('trackSecret')}</label>
            <input
              id={id('secret')}
              ref={secretInput}
              name="secret"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              inputMode="numeric"
              autoComplete="off"
              aria-describedby={describedBy('secret', true)}
              required
              minLength={4}
            />
            <span id={id('secret-hint')} className="muted hint">
              {t('trackSecretHint')}
            </span>
            {problemLine('secret')}
          </div>
          <button type="submit" disabled={loading}>
            {loading ? t('loading') : t('trackButton')}
          </button>
        </form>
      </section>
      <div aria-live="polite">
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {result ? children(result.value, result.secret) : null}
      </div>
    </>
  );
}
