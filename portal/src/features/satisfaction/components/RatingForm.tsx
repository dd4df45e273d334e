import { useState, type FormEvent } from 'react';
import { checkForm } from '../../../lib/validation.js';
import { indicators, officerChoices } from '../../../../../server/src/modules/satisfaction/satisfaction.rules.js';
import type { Score, Scores } from '../api/satisfaction.js';
import { rt } from '../text.js';

type Answers = Partial<Record<keyof Scores | 'officer', Score>>;

/**
 * The nine indicators of Thông tư 01/2018/TT-VPCP Điều 13, each with its three answers (2 / 1 / 0 points), and the
 * rating of the desk officer, then the citizen's own words (optional). Native radio groups: keyboard, screen reader and touch work alike; `large` for the kiosk.
 */
export function RatingForm({ officerName, large = false, onSubmit }: { officerName: string | null; large?: boolean; onSubmit: (scores: Scores, officerScore: Score | undefined, comment: string | undefined) => Promise<void> }) {
  const [answers, setAnswers] = useState<Answers>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const handleSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // Each indicator left unanswered says so under its question, the first one gets the focus (lib/validation.ts).
    if (!checkForm(e.currentTarget, setProblems)) return setError(rt('incomplete'));
    const scores = Object.fromEntries(indicators.map((i) => [i.key, answers[i.key]!])) as Scores;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(scores, answers.officer, comment.trim() || undefined);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const handleAnswer = (key: keyof Answers, score: Score) => {
    setAnswers((a) => ({ ...a, [key]: score }));
    setProblems(({ [key]: _answered, ...rest }) => rest);
    setError(null);
  };

  // The nine indicators must be answered (`required` on the group's radios); rating the officer is optional.
  const group = (key: keyof Answers, legend: string, choices: Record<Score, string>, number?: number) => (
    <fieldset key={key} className="choice-group" aria-describedby={problems[key] ? `${key}-problem` : undefined}>
      <legend data-question={number}>
        {number ? <span className="indicator-no">{number}. </span> : null}
        <span data-label>{legend}</span>
      </legend>
      <div className="choices">
        {([2, 1, 0] as const).map((score) => (
          <label key={score} className="choice">
            <input
              type="radio"
              name={key}
              value={score}
              required={key !== 'officer'}
              checked={answers[key] === score}
              aria-invalid={problems[key] ? true : undefined}
              onChange={() => handleAnswer(key, score)}
            />
            <span>{choices[score]}</span>
          </label>
        ))}
      </div>
      {problems[key] ? <p className="field-problem" id={`${key}-problem`}>{problems[key]}</p> : null}
    </fieldset>
  );

  return (
    <form className={large ? 'rating-form large' : 'rating-form'} onSubmit={(e) => void handleSubmit(e)} noValidate>
      {indicators.map((i) => group(i.key, i.label, i.choices, i.number))}
      {officerName !== null ? group('officer', rt('officerNamed', { name: officerName }), officerChoices) : null}
      <div className="rating-comment">
        <label htmlFor="rating-comment">{rt('comment')}</label>
        <textarea id="rating-comment" name="comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} aria-describedby="rating-comment-hint" />
        <span id="rating-comment-hint" className="muted">
          {rt('commentHint')}
        </span>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary-button" disabled={busy}>
        {busy ? rt('sending') : rt('submit')}
      </button>
    </form>
  );
}
