import { useEffect, useRef, useState } from 'react';
import { formatDateTime, formatVnd } from '../../lib/format.js';
import { navigate } from '../../lib/router.js';
import { listStore, saveDraft, startSubmission, submitDossier, type Draft, type StoreDocument, type SubmissionStart } from './api.js';
import { ct } from './citizen-text.js';
import { DocumentPicker } from './DocumentPicker.js';
import { EformFields, missingEformFields } from './EformFields.js';

const steps = ['stepForm', 'stepDocs', 'stepReview'] as const;

/**
 * Online submission in three steps: the e-form (prefilled from the profile and earlier dossiers — Công dân không viết),
 * the documents (picked from the store or uploaded), then the review with the fee before submitting. Drafts are saved
 * on the server; the idempotency key makes a repeated click one dossier.
 */
export function SubmitWizard({ procedureId }: { procedureId: string }) {
  const [start, setStart] = useState<SubmissionStart | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [store, setStore] = useState<StoreDocument[]>([]);
  const [step, setStep] = useState(0);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(crypto.randomUUID());
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    Promise.all([startSubmission(procedureId), listStore()]).then(
      ([s, docs]) => {
        setStart(s);
        setDraft(s.draft);
        setStore(docs);
        document.title = `${ct('submitTitle')} — ${s.procedureName}`;
      },
      (e: unknown) => setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) }),
    );
  }, [procedureId]);
  useEffect(() => heading.current?.focus(), [step]);

  if (!start || !draft) return message ? <p className="error" role="alert">{message.text}</p> : <p className="loading">…</p>;
  const needsFile = start.documents.filter((d) => d.kind !== 'present');
  const picked = (name: string) => draft.documents.find((d) => d.name === name)?.sha256;
  const pick = (name: string, sha256: string | undefined) =>
    setDraft({ ...draft, documents: [...draft.documents.filter((d) => d.name !== name), ...(sha256 ? [{ name, sha256 }] : [])] });
  const missing =
    step === 0
      ? [...(draft.resolvingUnitId ? [] : [ct('resolvingUnit')]), ...missingEformFields(start.eformSchema, draft.eform)]
      : step === 1
        ? needsFile.filter((d) => d.required && !picked(d.name)).map((d) => d.name)
        : [];

  const handleSave = async () => {
    try {
      const { savedAt } = await saveDraft(procedureId, draft);
      setMessage({ ok: true, text: ct('draftSaved', { at: formatDateTime(savedAt) }) });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  };
  const handleNext = () => {
    if (missing.length > 0) return setMessage({ ok: false, text: ct('missingFields', { list: missing.join('; ') }) });
    setMessage(null);
    setStep(step + 1);
  };
  const handleSubmit = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const d = await submitDossier({ idempotencyKey: key.current, procedureId, resolvingUnitId: draft.resolvingUnitId!, eform: draft.eform, documents: draft.documents, resultDelivery: draft.resultDelivery });
      navigate(`/cong-dan/ho-so/${d.id}?moi=1`);
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };
  const deliveries = (start.onlineLevel === 'full' ? ['online', 'desk', 'post'] : ['desk', 'post']) as Draft['resultDelivery'][];

  return (
    <section className="detail" aria-labelledby="wizard-title">
      <p className="muted">{ct('submitTitle')}</p>
      <h1 id="wizard-title">{start.procedureName}</h1>
      <ol className="wizard-steps">
        {steps.map((s, i) => (
          <li key={s} aria-current={i === step ? 'step' : undefined} className={i === step ? 'current' : ''}>{ct(s)}</li>
        ))}
      </ol>
      <h2 ref={heading} tabIndex={-1}>{ct(steps[step]!)}</h2>
      {step === 0 ? (
        <div className="stack">
          {start.prefilledFields.length > 0 ? <p className="notice">{ct('prefilled')}</p> : null}
          <div className="field">
            <label htmlFor="unit">{ct('resolvingUnit')} <span className="muted">{ct('required')}</span></label>
            <select id="unit" value={draft.resolvingUnitId ?? ''} onChange={(e) => setDraft({ ...draft, resolvingUnitId: e.target.value || null })}>
              <option value="">{ct('choose')}</option>
              {start.units.map((u) => (
                <option key={u.id} value={u.id}>{u.name}</option>
              ))}
            </select>
          </div>
          <EformFields schema={start.eformSchema} values={draft.eform} prefilled={start.prefilledFields} onChange={(eform) => setDraft({ ...draft, eform })} />
        </div>
      ) : step === 1 ? (
        <div className="stack">
          {start.documents.map((d, i) =>
            d.kind === 'present' ? (
              <p key={d.name} className="notice">{d.name}: {ct('presentAtDesk')}</p>
            ) : (
              <DocumentPicker key={d.name} index={i} name={d.name} required={d.required} store={store} value={picked(d.name)} onStore={setStore} onPick={(sha) => pick(d.name, sha)} />
            ),
          )}
        </div>
      ) : (
        <div className="stack">
          <dl className="facts">
            <dt>{ct('resolvingUnit')}</dt>
            <dd>{start.units.find((u) => u.id === draft.resolvingUnitId)?.name}</dd>
            {Object.entries(draft.eform).map(([k, v]) => (
              <FactRow key={k} label={String(((start.eformSchema?.properties ?? {}) as Record<string, { title?: string }>)[k]?.title ?? k)} value={String(v)} />
            ))}
            {draft.documents.map((d) => (
              <FactRow key={d.name} label={d.name} value={store.find((s) => s.sha256 === d.sha256)?.fileName ?? ''} />
            ))}
            <dt>{ct('fee')}</dt>
            <dd><strong>{start.feeTotalVnd > 0 ? formatVnd(start.feeTotalVnd) : ct('free')}</strong></dd>
          </dl>
          <fieldset className="radios">
            <legend>{ct('resultDelivery')}</legend>
            {deliveries.map((m) => (
              <label key={m}>
                <input type="radio" name="delivery" value={m} checked={draft.resultDelivery === m} onChange={() => setDraft({ ...draft, resultDelivery: m })} /> {ct(`delivery.${m}`)}
              </label>
            ))}
          </fieldset>
        </div>
      )}
      <div className="wizard-buttons">
        {step > 0 ? <button type="button" className="button-secondary" onClick={() => setStep(step - 1)}>{ct('back')}</button> : null}
        <button type="button" className="button-secondary" onClick={() => void handleSave()}>{ct('saveDraft')}</button>
        {step < 2 ? (
          <button type="button" className="button-primary" onClick={handleNext}>{ct('next')}</button>
        ) : (
          <button type="button" className="button-primary" disabled={busy} onClick={() => void handleSubmit()}>{busy ? ct('submitting') : ct('submit')}</button>
        )}
      </div>
      <div aria-live="polite">{message ? <p className={message.ok ? 'notice' : 'error'} role={message.ok ? undefined : 'alert'}>{message.text}</p> : null}</div>
    </section>
  );
}

function FactRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
