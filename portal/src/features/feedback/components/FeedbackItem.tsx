import { useState, type FormEvent } from 'react';
import { TextAreaField } from '../../../components/Field.js';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import { checkForm } from '../../../lib/validation.js';
import type { SenderView } from '../api/feedback.js';
import { ft } from '../text.js';

/**
 * The form's text field `name`, once the form passes the portal's checks (lib/validation.ts: Vietnamese, under the
 * field, the first wrong one focused); null while something is wrong.
 */
function checked(e: FormEvent<HTMLFormElement>, name: string, show: (problems: Record<string, string>) => void): string | null {
  e.preventDefault();
  if (!checkForm(e.currentTarget, show)) return null;
  return String(new FormData(e.currentTarget).get(name) ?? '').trim();
}

type Notice = SenderView['notices'][number];
const channelKey = { email: 'channelEmail', sms: 'channelSms', zalo: 'channelZalo' } as const;

/** "Đã gửi tin nhắn SMS đến số …0222 lúc 25/11/2026 09:05 (thay cho thư điện tử không gửi được)". */
function noticeText(n: Notice): string {
  const vars = { channel: ft(channelKey[n.channel]), to: n.channel === 'email' ? n.to : ft('toPhone', { to: n.to }), time: formatDateTime(String(n.at)) };
  const said = ft(n.state === 'sent' ? 'noticeSent' : n.state === 'failed' ? 'noticeFailed' : 'noticeSending', vars);
  return n.instead ? `${said}${ft('noticeInstead')}` : said;
}

/**
 * One item as its sender sees it — status, unit, deadline, the answer — with what the sender may do now: rate the
 * answer, ask once for a review, supply the information asked for. Shared by tracking (number + phone) and the signed-in
 * citizen's own list; the caller says how each action reaches the server.
 */
export function FeedbackItem({
  item,
  onRate,
  onReopen,
  onSupply,
  onLetter,
  letterUrl,
}: {
  item: SenderView;
  /** Where the sender can prove who they are with the number and phone: download the routing letter. */
  onLetter?: () => void;
  /** Signed in: the routing letter is a plain download from the citizen's own route (their session is the proof). */
  letterUrl?: string;
  onRate: (satisfied: boolean, comment: string | null) => void;
  onReopen: (reason: string) => void;
  onSupply: (info: string) => void;
}) {
  const [problems, setProblems] = useState<Record<string, string>>({});
  return (
    <article className="track-result">
      <h2>
        {item.code} — {item.subject}
      </h2>
      <dl className="facts">
        <dt>{ft('status')}</dt>
        <dd data-testid="fb-status">{item.statusLabel}</dd>
        <dt>{ft('unit')}</dt>
        <dd>{item.unitName}</dd>
        {item.answerDueAt ? (
          <>
            <dt>{ft('dueAt')}</dt>
            <dd data-testid="fb-due">{formatDate(item.answerDueAt)}</dd>
          </>
        ) : null}
      </dl>
      <div className="detail-section">
        <h3>{ft('yourContent')}</h3>
        <p className="pre-line" data-testid="fb-content">
          {item.content}
        </p>
      </div>
      {item.note ? (
        <p className="notice pre-line">
          {ft('note')}: {item.note}
        </p>
      ) : null}
      {item.hasLetter && letterUrl ? (
        <p>
          <a className="secondary-button" href={letterUrl} download data-testid="fb-letter">
            {ft('letter')}
          </a>
        </p>
      ) : item.hasLetter && onLetter ? (
        <p>
          <button type="button" className="secondary-button" onClick={onLetter} data-testid="fb-letter">
            {ft('letter')}
          </button>
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
          noValidate
          onSubmit={(e) => {
            const comment = checked(e, 'comment', setProblems);
            if (comment === null) return;
            const satisfied = (e.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'yes';
            onRate(satisfied, comment || null);
          }}
        >
          <h3>{ft('rateTitle')}</h3>
          <TextAreaField id="comment" label={ft('comment')} rows={2} maxLength={2000} problem={problems.comment} />
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
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            const reason = checked(e, 'reason', setProblems);
            if (reason !== null) onReopen(reason);
          }}
        >
          <h3>{ft('reopenTitle')}</h3>
          <TextAreaField id="reason" label={ft('reopenReason')} rows={3} required minLength={5} problem={problems.reason} />
          <button type="submit" className="secondary-button">
            {ft('reopenButton')}
          </button>
        </form>
      ) : null}
      {item.canSupplyInfo ? (
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            const info = checked(e, 'info', setProblems);
            if (info !== null) onSupply(info);
          }}
        >
          <h3>{ft('supplyTitle')}</h3>
          <TextAreaField id="info" label={ft('supplyInfo')} rows={3} required minLength={5} problem={problems.info} />
          <button type="submit" className="primary-button">
            {ft('supplyButton')}
          </button>
        </form>
      ) : null}
      {item.notices.length > 0 ? (
        <div className="detail-section">
          <h3>{ft('noticesTitle')}</h3>
          <ul className="timeline" data-testid="fb-notices">
            {item.notices.map((n, i) => (
              <li key={i}>
                <strong>{n.about}</strong>: {noticeText(n)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ol className="timeline">
        {item.timeline.map((s, i) => (
          <li key={i}>
            <time dateTime={String(s.at)}>{formatDateTime(String(s.at))}</time> {s.label}
          </li>
        ))}
      </ol>
    </article>
  );
}
