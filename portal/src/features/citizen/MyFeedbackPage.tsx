import { useEffect, useState } from 'react';
import { formatDate } from '../../lib/format.js';
import { Link } from '../../lib/router.js';
import { FeedbackItem } from '../feedback/components/FeedbackItem.js';
import type { SenderView } from '../feedback/api/feedback.js';
import { ft } from '../feedback/text.js';
import { myFeedback, myFeedbackItem, myFeedbackLetterUrl, rateMyFeedback, reopenMyFeedback, supplyMyFeedback, type MyFeedback } from './api.js';
import { ct } from './citizen-text.js';

/** /cong-dan/phan-anh: what the signed-in citizen sent (phản ánh, kiến nghị, câu hỏi), newest first, with what awaits them. */
export function MyFeedbackPage() {
  const [items, setItems] = useState<MyFeedback[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    document.title = ct('myFeedback');
    myFeedback().then((r) => setItems(r.items), (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <section className="detail" aria-labelledby="my-feedback-title">
      <h1 id="my-feedback-title">{ct('myFeedback')}</h1>
      <p>
        <Link to="/phan-anh">{ct('sendFeedback')}</Link>
      </p>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {items && items.length === 0 ? <p>{ct('noFeedback')}</p> : null}
      <ul className="result-list">
        {(items ?? []).map((f) => (
          <li key={f.id} className="card">
            <h2 className="card-title">
              <Link to={`/cong-dan/phan-anh/${f.id}`}>{f.subject}</Link>
            </h2>
            <p className="card-meta">
              <span>{ct('feedbackNumber')}: {f.code}</span>
              <span>{ct('dueAt')}: {formatDate(String(f.answerDueAt))}</span>
            </p>
            <p className="badges">
              <strong className="status">{f.statusLabel}</strong>
              {f.canSupplyInfo ? <strong className="status status-supplement_requested">{ct('actionNeeded')}</strong> : null}
              {f.canRate ? <strong className="status status-supplement_requested">{ct('pleaseRate')}</strong> : null}
            </p>
            {f.hasLetter ? (
              <p>
                <a href={myFeedbackLetterUrl(f.id)} download>
                  {ft('letter')}
                </a>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** /cong-dan/phan-anh/:id: one item of the citizen's, acted on with their account rather than number and phone. */
export function MyFeedbackItemPage({ id }: { id: string }) {
  const [item, setItem] = useState<SenderView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (p: Promise<SenderView>) => {
    setError(null);
    try {
      setItem(await p);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  useEffect(() => {
    document.title = ct('myFeedback');
    void run(myFeedbackItem(id));
  }, [id]);
  return (
    <section className="detail" aria-labelledby="my-feedback-title">
      <p>
        <Link to="/cong-dan/phan-anh">← {ct('myFeedback')}</Link>
      </p>
      <h1 id="my-feedback-title" className="visually-hidden">{ct('myFeedback')}</h1>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <div aria-live="polite">
        {item ? (
          <FeedbackItem
            item={item}
            onRate={(satisfied, comment) => void run(rateMyFeedback(id, satisfied, comment))}
            onReopen={(reason) => void run(reopenMyFeedback(id, reason))}
            onSupply={(info) => void run(supplyMyFeedback(id, info))}
            letterUrl={myFeedbackLetterUrl(id)}
          />
        ) : null}
      </div>
    </section>
  );
}
