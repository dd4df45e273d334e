import { useEffect, useState, type FormEvent } from 'react';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { rate, reopen, supply, track, type SenderView } from '../api/feedback.js';
import { ft } from '../text.js';

/** /phan-anh/theo-doi: the sender follows an item by its number and their phone, rates the answer and may reopen it once. */
export function TrackPage({ search }: { search: string }) {
  const code = (new URLSearchParams(search).get('ma') ?? '').toUpperCase();
  const [creds, setCreds] = useState<{ code: string; phone: string } | null>(null);
  const [item, setItem] = useState<SenderView | null>(null);
  const [error, setError] = useState<string | null>(null);

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
    const f = new FormData(e.currentTarget);
    const c = { code: String(f.get('ma') ?? '').trim(), phone: String(f.get('phone') ?? '').trim() };
    setCreds(c);
    void run(track(c.code, c.phone));
  }
  const text = (e: FormEvent<HTMLFormElement>, name: string) => {
    e.preventDefault();
    return String(new FormData(e.currentTarget).get(name) ?? '').trim();
  };

  return (
    <section className="detail" aria-labelledby="fb-track">
      <h1 id="fb-track">{ft('trackTitle')}</h1>
      <form className="track-form" onSubmit={handleLookup}>
        <div className="track-field">
          <label htmlFor="ma">{ft('trackCode')}</label>
          <input id="ma" name="ma" defaultValue={code} autoComplete="off" required />
        </div>
        <div className="track-field">
          <label htmlFor="phone">{ft('trackPhone')}</label>
          <input id="phone" name="phone" inputMode="tel" autoComplete="off" required />
        </div>
        <button type="submit">{ft('trackButton')}</button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div aria-live="polite">
        {item && creds ? (
          <article className="track-result">
            <h2>
              {item.code} — {item.subject}
            </h2>
            <dl className="facts">
              <dt>{ft('status')}</dt>
              <dd data-testid="fb-status">{item.statusLabel}</dd>
              <dt>{ft('unit')}</dt>
              <dd>{item.unitName}</dd>
              <dt>{ft('dueAt')}</dt>
              <dd>{formatDate(item.answerDueAt)}</dd>
            </dl>
            {item.note ? (
              <p className="notice pre-line">
                {ft('note')}: {item.note}
              </p>
            ) : null}
            {item.answer ? (
              <div className="detail-section">
                <h3>{ft('answer')}</h3>
                <p className="pre-line" data-testid="fb-answer">
                  {item.answer}
                </p>
              </div>
            ) : null}
            {item.rating ? <p className="notice">{ft('rated', { rating: item.rating === 'satisfied' ? ft('satisfied') : ft('unsatisfied') })}</p> : null}
            {item.canRate ? (
              <form
                className="rating-form stack"
                onSubmit={(e) => {
                  const comment = text(e, 'comment') || null;
                  const satisfied = (e.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'yes';
                  void run(rate(creds.code, creds.phone, satisfied, comment));
                }}
              >
                <h3>{ft('rateTitle')}</h3>
                <label htmlFor="comment">{ft('comment')}</label>
                <textarea id="comment" name="comment" rows={2} />
                <div className="wizard-buttons">
                  <button type="submit" value="yes" className="primary-button">
                    {ft('satisfied')}
                  </button>
                  <button type="submit" value="no" className="secondary-button">
                    {ft('unsatisfied')}
                  </button>
                </div>
              </form>
            ) : null}
            {item.canReopen ? (
              <form className="stack" onSubmit={(e) => void run(reopen(creds.code, creds.phone, text(e, 'reason')))}>
                <h3>{ft('reopenTitle')}</h3>
                <label htmlFor="reason">{ft('reopenReason')}</label>
                <textarea id="reason" name="reason" rows={3} required minLength={5} />
                <button type="submit" className="secondary-button">
                  {ft('reopenButton')}
                </button>
              </form>
            ) : null}
            {item.canSupplyInfo ? (
              <form className="stack" onSubmit={(e) => void run(supply(creds.code, creds.phone, text(e, 'info')))}>
                <h3>{ft('supplyTitle')}</h3>
                <textarea id="info" name="info" aria-label={ft('supplyTitle')} rows={3} required minLength={5} />
                <button type="submit" className="primary-button">
                  {ft('supplyButton')}
                </button>
              </form>
            ) : null}
            <ol className="timeline">
              {item.timeline.map((s, i) => (
                <li key={i}>
                  <time dateTime={String(s.at)}>{formatDateTime(String(s.at))}</time> {s.label}
                </li>
              ))}
            </ol>
          </article>
        ) : null}
      </div>
    </section>
  );
}
