import { useEffect, useState } from 'react';
import { formatDateTime } from '../../lib/format.js';
import { Link } from '../../lib/router.js';
import { listMyDossiers, type MyDossierItem } from './api.js';
import { ct } from './citizen-text.js';
import { submissionReference } from '../../../../server/src/modules/dossiers/tracking-code.rules.js';

/** The citizen's dossiers, newest first, with what needs their attention. */
export function MyDossiersPage() {
  const [items, setItems] = useState<MyDossierItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    document.title = ct('myDossiers');
    listMyDossiers().then(setItems, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <section className="detail" aria-labelledby="mine-title">
      <h1 id="mine-title">{ct('myDossiers')}</h1>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {items && items.length === 0 ? <p>{ct('noDossiers')}</p> : null}
      <ul className="result-list">
        {(items ?? []).map((d) => (
          <li key={d.id} className="card">
            <h2 className="card-title">
              <Link to={`/cong-dan/ho-so/${d.id}`}>{d.procedureName}</Link>
            </h2>
            <p className="card-meta">
              {d.nationalCode ? <span data-testid="national-code">{ct('nationalCode')}: {d.nationalCode}</span> : null}
              {d.code ? <span>{ct('code')}: {d.code}</span> : d.nationalCode ? null : <span>{ct('reference')}: {submissionReference(d.id)}</span>}
              <span>{ct('submittedAt')}: {formatDateTime(d.submittedAt)}</span>
              {d.dueAt ? <span>{ct('dueAt')}: {formatDateTime(d.dueAt)}</span> : null}
            </p>
            <p className="badges">
              <strong className={`status status-${d.status}`}>{d.statusLabel}</strong>
              {d.actionNeeded ? <strong className="status status-supplement_requested">{ct('actionNeeded')}</strong> : null}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
