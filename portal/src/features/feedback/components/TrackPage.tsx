import { useEffect, useState, type FormEvent } from 'react';
import { t } from '../../../lib/i18n.js';
import { downloadLetter, rate, reopen, supply, track, type SenderView } from '../api/feedback.js';
import { ft } from '../text.js';
import { FeedbackItem } from './FeedbackItem.js';
import { checkForm } from '../../../lib/validation.js';
import { Field } from '../../../components/Field.js';

/** /phan-anh/theo-doi: the sender follows an item by its number and their phone, rates the answer and may reopen it once. */
export function TrackPage({ search }: { search: string }) {
  const code = (new URLSearchParams(search).get('ma') ?? '').toUpperCase();
  const [creds, setCreds] = useState<{ code: string; phone: string } | null>(null);
  const [item, setItem] = useState<SenderView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});

  useEffect(() => {
    document.title = `${ft('trackTitle')} — ${t('site')}`;
  }, []);
  const run = async (p: Promise<SenderView>) => {
    setError(null);
    try {
      setItem(await p);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  function handleLookup(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // Each problem under its field, the first one focused (lib/validation.ts).
    if (!checkForm(e.currentTarget, setProblems)) return;
    const f = new FormData(e.currentTarget);
    const c = { code: String(f.get('ma') ?? '').trim(), phone: String(f.get('phone') ?? '').trim() };
    setCreds(c);
    void run(track(c.code, c.phone));
  }

  return (
    <section className="detail" aria-labelledby="fb-track">
      <h1 id="fb-track">{ft('trackTitle')}</h1>
      <form className="track-form" onSubmit={handleLookup} noValidate>
        <Field box="track-field" id="ma" label={ft('trackCode')} defaultValue={code} autoComplete="off" required problem={problems.ma} />
        <Field box="track-field" id="phone" label={ft('trackPhone')} inputMode="tel" autoComplete="off" required problem={problems.phone} />
        <button type="submit">{ft('trackButton')}</button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div aria-live="polite">
        {item && creds ? (
          <FeedbackItem
            item={item}
            onRate={(satisfied, comment) => void run(rate(creds.code, creds.phone, satisfied, comment))}
            onReopen={(reason) => void run(reopen(creds.code, creds.phone, reason))}
            onSupply={(info) => void run(supply(creds.code, creds.phone, info))}
            onLetter={() => void downloadLetter(creds.code, creds.phone).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))}
          />
        ) : null}
      </div>
    </section>
  );
}
