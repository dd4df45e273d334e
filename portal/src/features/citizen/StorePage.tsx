import { useEffect, useState, type FormEvent } from 'react';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { deleteFromStore, listKho, storeFileUrl, takeFromNationalStore, uploadToStore, type KhoItem, type KhoView } from './api.js';
import { ct } from './citizen-text.js';
import { kt } from './store-text.js';
import { Field } from '../../components/Field.js';
import { checkForm } from '../../lib/validation.js';

/**
 * Kho dữ liệu: one list of the citizen's digitised papers and results kept here and the documents of their data store
 * on the national portal (ND 45/2020 Điều 16) — results pushed there among them. A document only in the national store
 * is taken into this store before a dossier uses it ("Lấy về để dùng khi nộp hồ sơ").
 */
export function StorePage() {
  const [kho, setKho] = useState<KhoView | null>(null);
  const docs = kho?.items ?? null;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  /** The document whose deletion waits for the citizen's confirmation. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    document.title = ct('store');
    listKho().then(setKho, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  const refresh = async () => setKho(await listKho());

  const handleUpload = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    if (!checkForm(form, setProblems)) return;
    const f = new FormData(form);
    const file = f.get('file');
    if (!(file instanceof File) || file.size === 0) return;
    setBusy(true);
    setError(null);
    try {
      await uploadToStore(file, String(f.get('docName') ?? '').trim() || file.name);
      await refresh();
      form.reset();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const handleTake = async (d: KhoItem) => {
    if (!d.storeId) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await takeFromNationalStore(d.storeId);
      await refresh();
      setNotice(kt('taken', { name: d.name }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const handleDelete = async (d: KhoItem & { documentId: string }) => {
    setBusy(true);
    setError(null);
    try {
      await deleteFromStore(d.documentId);
      await refresh();
      setConfirming(null);
      setNotice(ct('deleted', { name: d.name }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="detail" aria-labelledby="store-title">
      <h1 id="store-title">{ct('store')}</h1>
      <p className="muted">{ct('storeIntro')}</p>
      {docs && docs.length === 0 ? <p>{ct('storeEmpty')}</p> : null}
      {kho?.nationalStore === 'unverified' ? <p className="muted">{kt('unverified')}</p> : null}
      {kho?.nationalStore === 'unavailable' ? <p className="notice" role="status">{kt('unavailable')}</p> : null}
      {docs && docs.length > 0 ? (
        <ul className="doc-list">
          {docs.map((d) => (
            <li key={d.key} data-source={d.source}>
              {d.documentId ? <a href={storeFileUrl(d.documentId)} target="_blank" rel="noreferrer">{d.name}</a> : <strong>{d.name}</strong>}{' '}
              <span className="badge">{d.kind === 'result' ? ct('kindResult') : ct('kindUpload')}</span>{' '}
              {d.storeId ? <><span className="badge badge-national">{kt('sourceNational')}</span>{' '}</> : null}
              <span className="muted">
                {d.issuer
                  ? kt('issued', { issuer: d.issuer ?? '', at: formatDate(d.date) })
                  : `${d.fileName} · ${Math.ceil(d.sizeBytes / 1024)} KB · ${formatDateTime(d.date)}`}
                {d.dossierCode ? ` · ${d.dossierCode}` : ''}
              </span>{' '}
              {d.documentId === null ? (
                <button type="button" className="button-primary" disabled={busy} aria-label={kt('takeLabel', { name: d.name })} onClick={() => void handleTake(d)}>
                  {kt('take')}
                </button>
              ) : confirming === d.documentId ? (
                <div role="group" aria-label={ct('deleteDocumentLabel', { name: d.name })}>
                  <p>{ct('deleteConfirm', { name: d.name })}</p>
                  <button type="button" className="button-primary" disabled={busy} onClick={() => void handleDelete({ ...d, documentId: d.documentId! })}>{ct('deleteYes')}</button>{' '}
                  <button type="button" className="button-secondary" disabled={busy} onClick={() => setConfirming(null)}>{ct('deleteNo')}</button>
                </div>
              ) : (
                <button type="button" className="button-secondary" aria-label={ct('deleteDocumentLabel', { name: d.name })} onClick={() => { setNotice(null); setConfirming(d.documentId); }}>
                  {ct('deleteDocument')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="detail-section">
        <h2>{ct('addDocument')}</h2>
        <form className="stack" onSubmit={(e) => void handleUpload(e)} noValidate>
          <Field id="docName" label={ct('documentName')} required problem={problems.docName} />
          <Field id="file" label={ct('file')} type="file" accept="application/pdf,image/jpeg,image/png" required problem={problems.file} />
          <button type="submit" className="button-primary" disabled={busy}>{ct('upload')}</button>
        </form>
      </div>
      <div aria-live="polite">
        {notice ? <p role="status">{notice}</p> : null}
        {error ? <p className="error" role="alert">{error}</p> : null}
      </div>
    </section>
  );
}
