import { useEffect, useState } from 'react';
import { formatDateTime, formatVnd } from '../../lib/format.js';
import { chooseResultByPost, dossierDeclarationUrl, dossierFileUrl, getMyDossier, listStore, answerSupplement, type MyDossier, type StoreDocument } from './api.js';
import { ct } from './citizen-text.js';
import { DocumentPicker } from './DocumentPicker.js';
import { DossierExtensions, type DossierExtras } from './DossierExtensions.js';
import { DossierViews } from './DossierViews.js';
import { usePageUnit } from '../../lib/page-unit.js';

/**
 * One of the citizen's dossiers: status, dates, what the desk asks (and the answer form), the result to download when
 * it is delivered online, the history and the notifications. The payment and rating blocks have their places here
 * (modules payments and satisfaction).
 */
export function MyDossierPage({ id, extras, fresh = false }: { id: string; extras?: DossierExtras; fresh?: boolean }) {
  const [d, setD] = useState<MyDossier | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getMyDossier(id).then(
      (x) => {
        setD(x);
        document.title = `${x.code ?? x.nationalCode ?? ct('myDossiers')} — ${x.procedureName}`;
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [id]);
  // The footer's contacts: the unit handling this dossier.
  usePageUnit(d?.resolvingUnitId);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!d) return <p className="loading">…</p>;
  const results = d.files.filter((f) => f.kind === 'result');
  return (
    <article className="detail" aria-labelledby="dossier-title">
      {fresh && d.status === 'awaiting_acceptance' ? <Confirmation d={d} /> : null}
      <p className="muted">{d.procedureName}</p>
      <h1 id="dossier-title" className="track-code">
        <span className="muted code-label">{d.code ? ct('code') : d.nationalCode ? ct('nationalCode') : ct('reference')}: </span>
        {d.code ?? d.nationalCode ?? d.reference}
      </h1>
      {d.code && d.nationalCode ? (
        <p data-testid="national-code">
          <span className="muted">{ct('nationalCode')}: </span>
          {d.nationalCode}
        </p>
      ) : null}
      <p><strong className={`status status-${d.status}`}>{d.statusLabel}</strong></p>
      <dl className="facts">
        <dt>{ct('agency')}</dt>
        <dd>{d.resolvingUnitName}</dd>
        <dt>{ct('submittedAt')}</dt>
        <dd>{formatDateTime(d.submittedAt)}</dd>
        {d.receivedAt ? (<><dt>{ct('receivedAt')}</dt><dd>{formatDateTime(d.receivedAt)}</dd></>) : null}
        {d.dueAt ? (<><dt>{ct('dueAt')}</dt><dd>{formatDateTime(d.dueAt)}{d.overdue ? <strong className="status status-overdue"> {ct('overdue')}</strong> : null}</dd></>) : null}
        {!d.dueAt && d.expectedDueAt ? (<><dt>{ct('expectedDueAt')}</dt><dd>{formatDateTime(d.expectedDueAt)}</dd></>) : null}
        <dt>{ct('fee')}</dt>
        <dd>{d.feeVnd > 0 ? formatVnd(d.feeVnd) : ct('exempt')}{d.assisted ? ` — ${ct('assisted')}` : ''}</dd>
        <dt>{ct('resultDelivery')}</dt>
        <dd>{ct(`delivery.${d.resultDelivery as 'online' | 'desk' | 'post'}`)}</dd>
      </dl>
      {d.resultDelivery === 'desk' && ['received', 'processing', 'interagency', 'supplement_requested', 'result_ready'].includes(d.status) ? (
        <PostDeliveryForm dossier={d} onDone={() => void getMyDossier(d.id).then(setD)} />
      ) : null}

      {d.request ? (
        <section className="detail-section" aria-labelledby="request-title">
          <h2 id="request-title">{d.request.kind === 'supplement' ? ct('requestSupplement') : ct('requestRefusal')}</h2>
          <p className="notice warn">{d.request.note}</p>
          {d.request.kind === 'supplement' ? d.actionNeeded ? <SupplementForm dossier={d} onDone={setD} /> : d.supplementedAt ? <p className="notice">{ct('answered', { at: formatDateTime(d.supplementedAt) })}</p> : null : null}
        </section>
      ) : null}

      {results.length > 0 ? (
        <section className="detail-section" aria-labelledby="result-title">
          <h2 id="result-title">{ct('result')}</h2>
          <ul className="downloads">
            {results.map((f) => (
              <li key={f.sha256}>
                <a href={dossierFileUrl(d.id, f.sha256)} download={f.fileName}>{ct('resultDownload')}: {f.documentName}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {/* Thanh toán (module payments) and Đánh giá (module satisfaction) go here. */}
      <DossierExtensions dossier={d} extras={extras} />

      <section className="detail-section" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{ct('timeline')}</h2>
        <ol className="timeline">
          {d.timeline.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time> <span>{e.label}</span>
              {e.note ? <span className="muted"> — {e.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>
      <section className="detail-section" aria-labelledby="files-title">
        <h2 id="files-title">{ct('files')}</h2>
        <ul className="downloads">
          {d.eform ? (
            <li>
              <a href={dossierDeclarationUrl(d.id, 'pdf')} target="_blank" rel="noopener">{ct('declarationPdf')}</a>
              {' · '}
              <a href={dossierDeclarationUrl(d.id, 'docx')}>{ct('declarationDocx')}</a>
            </li>
          ) : null}
          {d.files.filter((f) => f.kind !== 'result').map((f) => (
            <li key={f.sha256}><a href={dossierFileUrl(d.id, f.sha256)}>{f.documentName}</a> <span className="muted">({f.fileName})</span></li>
          ))}
          {d.links.map((l) => (
            <li key={`${l.name} ${l.url}`}><a href={l.url} target="_blank" rel="noopener noreferrer">{l.name}</a> <span className="muted">({ct('onNationalPortal')})</span></li>
          ))}
        </ul>
      </section>
      <DossierViews dossierId={d.id} />
      <section className="detail-section" aria-labelledby="notif-title">
        <h2 id="notif-title">{ct('notifications')}</h2>
        {d.notifications.length === 0 ? <p className="muted">{ct('noNotifications')}</p> : null}
        <ul className="plain">
          {d.notifications.map((n, i) => (
            <li key={i}><time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time> — {n.text}</li>
          ))}
        </ul>
      </section>
    </article>
  );
}

/**
 * Right after submitting: what the citizen has (a reference that tracks at once), what happens next, when the result is
 * expected, and how they will be told.
 */
function Confirmation({ d }: { d: MyDossier }) {
  const trackUrl = `/thu-tuc/tra-cuu-ho-so?ma=${encodeURIComponent(d.reference)}`;
  return (
    <section className="confirmation" aria-labelledby="confirm-title" data-testid="confirmation">
      <h2 id="confirm-title">{ct('confirmTitle')}</h2>
      <p>{ct('confirmReference')}</p>
      <p className="confirmation-code" data-testid="submission-reference">{d.reference}</p>
      <p>
        {ct('confirmTrack')} <a href={trackUrl}>{ct('confirmTrackLink')}</a>
      </p>
      <h3>{ct('confirmNextTitle')}</h3>
      <ol>
        <li>{ct('confirmNext1', { unit: d.receivingUnitName })}</li>
        <li>{ct('confirmNext2')}</li>
        <li>{d.expectedDueAt ? ct('confirmNext3', { at: formatDateTime(d.expectedDueAt) }) : ct('confirmNext3NoDate')}</li>
      </ol>
      <p>{d.notifyTo.length > 0 ? ct('confirmNotify', { to: d.notifyTo.join(', ') }) : ct('confirmNotifyPortal')}</p>
    </section>
  );
}

/** The result by public post instead of at the desk (Quyết định 45/2016/QĐ-TTg), chosen until it is handed out. */
function PostDeliveryForm({ dossier, onDone }: { dossier: MyDossier; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!open) {
    return (
      <p>
        <button type="button" className="button-secondary" onClick={() => setOpen(true)}>{ct('postChoose')}</button>
      </p>
    );
  }
  const handleSend = async () => {
    try {
      await chooseResultByPost(dossier.id, address.trim(), null);
      onDone();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="stack">
      <div className="field">
        <label htmlFor="post-address">{ct('postAddress')}</label>
        <input id="post-address" value={address} onChange={(e) => setAddress(e.target.value)} autoComplete="street-address" />
      </div>
      <button type="button" className="button-primary" disabled={address.trim().length < 5} onClick={() => void handleSend()}>{ct('postConfirm')}</button>
      {error ? <p className="error" role="alert">{error}</p> : null}
    </div>
  );
}

function SupplementForm({ dossier, onDone }: { dossier: MyDossier; onDone: (d: MyDossier) => void }) {
  const [store, setStore] = useState<StoreDocument[]>([]);
  const [sha, setSha] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void listStore().then(setStore), []);
  const handleSend = async () => {
    if (!sha) return;
    try {
      onDone(await answerSupplement(dossier.id, [{ name: store.find((s) => s.sha256 === sha)?.name ?? 'Bổ sung', sha256: sha }], note.trim() || null));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <div className="stack">
      <h3>{ct('answerTitle')}</h3>
      <DocumentPicker index={0} name={ct('answerTitle')} required store={store} value={sha} onStore={setStore} onPick={setSha} />
      <div className="field">
        <label htmlFor="answer-note">{ct('answerNote')}</label>
        <textarea id="answer-note" value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
      </div>
      <button type="button" className="button-primary" disabled={!sha} onClick={() => void handleSend()}>{ct('answer')}</button>
      {error ? <p className="error" role="alert">{error}</p> : null}
    </div>
  );
}
