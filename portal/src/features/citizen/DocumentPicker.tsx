import { useState } from 'react';
import { uploadToStore, type StoreDocument } from './api.js';
import { ct } from './citizen-text.js';

/** One required document: a file picked from the store, or uploaded now (it then joins the store). */
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
  const handleFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const docs = await uploadToStore(file, name);
      onStore(docs);
      onPick(docs.find((d) => d.name === name && d.fileName === file.name)?.sha256 ?? docs[0]?.sha256);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset className="doc-pick">
      <legend>
        {name} {required ? <span className="muted">{ct('required')}</span> : null}
      </legend>
      <div className="field">
        <label htmlFor={`pick-${index}`}>{ct('pickFromStore')}</label>
        <select id={`pick-${index}`} value={value ?? ''} onChange={(e) => onPick(e.target.value || undefined)}>
          <option value="">{ct('choose')}</option>
          {store.map((d) => (
            <option key={d.id} value={d.sha256}>{d.name} ({d.fileName})</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`upload-${index}`}>{ct('orUpload')}</label>
        <input id={`upload-${index}`} type="file" accept="application/pdf,image/jpeg,image/png" disabled={busy} onChange={(e) => void handleFile(e.target.files?.[0])} />
      </div>
      {error ? <p className="error" role="alert">{error}</p> : null}
    </fieldset>
  );
}
