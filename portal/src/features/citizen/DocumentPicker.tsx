import { useState } from 'react';
import { formatDate } from '../../lib/format.js';
import { listNationalStore, listStore, takeFromNationalStore, uploadToStore, type NationalStoreItem, type StoreDocument } from './api.js';
import { ct } from './citizen-text.js';

/**
 * One required document: a file picked from the store, uploaded now (it then joins the store), or taken from the
 * citizen's data store on the national portal ("Lấy từ kho dữ liệu", ND 45/2020 Điều 16): the component is then
 * recorded as taken from the store (DuocLayTuKhoDMQG) and nothing is uploaded again.
 */
export function DocumentPicker({ index, name, required, store, value, onStore, onPick }: {
  index: number;
  name: string;
  required: boolean;
  store: StoreDocument[];
  value: string | undefined;
  onStore: (docs: StoreDocument[]) => void;
  onPick: (sha256: string | undefined) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [national, setNational] = useState<NationalStoreItem[] | null>(null);
  const [taken, setTaken] = useState<string | null>(null);
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
  const handleFile = (file: File | undefined) =>
    file &&
    void run(async () => {
      const docs = await uploadToStore(file, name);
      onStore(docs);
      setTaken(null);
      onPick(docs.find((d) => d.name === name && d.fileName === file.name)?.sha256 ?? docs[0]?.sha256);
    });
  const openNational = () => void run(async () => setNational((await listNationalStore()).items));
  const useNational = (item: NationalStoreItem) =>
    void run(async () => {
      const doc = await takeFromNationalStore(item.storeId);
      onStore(await listStore());
      onPick(doc.sha256);
      setTaken(item.name);
      setNational(null);
    });
  return (
    <fieldset className="doc-pick">
      <legend>
        {name} {required ? <span className="muted">{ct('required')}</span> : null}
      </legend>
      <div className="field">
        <label htmlFor={`pick-${index}`}>{ct('pickFromStore')}</label>
        <select id={`pick-${index}`} value={value ?? ''} onChange={(e) => (setTaken(null), onPick(e.target.value || undefined))}>
          <option value="">{ct('choose')}</option>
          {store.map((d) => (
            <option key={d.id} value={d.sha256}>{d.name} ({d.fileName})</option>
          ))}
        </select>
      </div>
      <div>
        <button type="button" className="button-secondary" disabled={busy} onClick={openNational} data-testid={`national-store-${index}`}>{ct('fromNationalStore')}</button>
      </div>
      {national ? (
        <div className="notice national-store" role="group" aria-label={ct('nationalStoreTitle')}>
          <p><strong>{ct('nationalStoreTitle')}</strong></p>
          {national.length === 0 ? <p>{ct('nationalStoreEmpty')}</p> : null}
          <ul className="plain">
            {national.map((item) => (
              <li key={item.storeId}>
                <p>
                  <strong>{item.name}</strong>
                  <br />
                  <span className="muted">{ct('nationalStoreIssued', { issuer: item.issuer, at: formatDate(item.issuedAt) })}{item.dossierCode ? ` — ${item.dossierCode}` : ''}</span>
                </p>
                <button type="button" className="button-primary" disabled={busy} onClick={() => useNational(item)}>{ct('nationalStoreUse')}</button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {taken ? <p className="notice success from-store" role="status">{ct('nationalStoreTaken', { name: taken })}</p> : null}
      <div className="field">
        <label htmlFor={`upload-${index}`}>{ct('orUpload')}</label>
        <input id={`upload-${index}`} type="file" accept="application/pdf,image/jpeg,image/png" disabled={busy} onChange={(e) => handleFile(e.target.files?.[0])} />
      </div>
      {error ? <p className="error" role="alert">{error}</p> : null}
    </fieldset>
  );
}
