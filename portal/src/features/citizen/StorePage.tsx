import { useEffect, useState, type FormEvent } from 'react';
import { formatDateTime } from '../../lib/format.js';
import { deleteFromStore, listStore, storeFileUrl, uploadToStore, type StoreDocument } from './api.js';
import { ct } from './citizen-text.js';
import { Field } from '../../components/Field.js';
import { checkForm } from '../../lib/validation.js';

/** Kho dữ liệu: the citizen's digitised papers and the results received, each downloadable by them only. */
export function StorePage() {
  const [docs, setDocs] = useState<StoreDocument[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  /** The document whose deletion waits for the citizen's confirmation. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    document.title = ct('store');
    listStore().then(setDocs, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

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
      setDocs(await uploadToStore(file, String(f.get('docName') ?? '').trim() || file.name));
      form.reset();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const handleDelete = async (d: StoreDocument) => {
    setBusy(true);
    setError(null);
    try {
      setDocs(await deleteFromStore(d.id));
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
      {docs && docs.length > 0 ? (
        <ul className="doc-list">
          {docs.map((d) => (
            <li key={d.id}>
              <a href={storeFileUrl(d.id)} target="_blank" rel="noreferrer">{d.name}</a>{' '}
              <span className="badge">{d.kind === 'result' ? ct('kindResult') : ct('kindUpload')}</span>{' '}
              <span className="muted">{d.fileName} · {Math.ceil(d.sizeBytes / 1024)} KB · {formatDateTime(d.addedAt)}{d.dossierCode ? ` · ${d.dossierCode}` : ''}</span>{' '}
              {confirming === d.id ? (
                <div role="group" aria-label={ct('deleteDocumentLabel', { name: d.name })}>
                  <p>{ct('deleteConfirm', { name: d.name })}</p>
                  <button type="button" className="button-primary" disabled={busy} onClick={() => void handleDelete(d)}>{ct('deleteYes')}</button>{' '}
                  <button type="button" className="button-secondary" disabled={busy} onClick={() => setConfirming(null)}>{ct('deleteNo')}</button>
                </div>
              ) : (
                <button type="button" className="button-secondary" aria-label={ct('deleteDocumentLabel', { name: d.name })} onClick={() => { setNotice(null); setConfirming(d.id); }}>
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
