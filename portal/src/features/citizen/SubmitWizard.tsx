import { useEffect, useRef, useState } from 'react';
import { formatDateTime, formatVnd } from '../../lib/format.js';
import { navigate } from '../../lib/router.js';
import { getPlace } from '../../lib/place.js';
import { t } from '../../lib/i18n.js';
import { ProvinceChoice, useProvinceVersion } from '../procedures/components/ProvinceVersion.js';
import { declarationUrl, listStore, saveDraft, startSubmission, submitDossier, type Draft, type StoreDocument, type SubmissionStart } from './api.js';
import { ct } from './citizen-text.js';
import { DocumentPicker } from './DocumentPicker.js';
import { PopulationPrefill } from './PopulationPrefill.js';
import { EformFields, eformProblems } from './EformFields.js';
import { eformAnswerLines } from '../../../../server/src/modules/procedures/eform-answers.rules.js';
import { capitalizeNames, eformDefaults, fieldOrigins, followPrefill } from '../../../../server/src/modules/procedures/eform.rules.js';
import { feeLines, feeTotal } from '../../../../server/src/modules/procedures/fee.rules.js';

const steps = ['stepForm', 'stepDocs', 'stepReview'] as const;

/**
 * Online submission in three steps: the e-form (prefilled from the profile and earlier dossiers — Công dân không viết),
 * the documents (picked from the store or uploaded), then the review with the fee before submitting. Drafts are saved
 * on the server; the idempotency key makes a repeated click one dossier.
 */
export function SubmitWizard({ procedureId, profileUnitId }: { procedureId: string; profileUnitId: string | null }) {
  // A procedure several provinces publish: the citizen's province's version, or the citizen is asked first.
  const version = useProvinceVersion(procedureId, '/cong-dan/nop/', profileUnitId);
  if (version.state === 'checking') return <p className="loading">…</p>;
  if (version.state === 'choose') {
    return (
      <section className="detail" aria-labelledby="wizard-title">
        <p className="muted">{ct('submitTitle')}</p>
        <h1 id="wizard-title">{t('placeLegend')}</h1>
        <ProvinceChoice versions={version.versions} />
      </section>
    );
  }
  return <SubmitForm key={procedureId} procedureId={procedureId} />;
}

function SubmitForm({ procedureId }: { procedureId: string }) {
  const [start, setStart] = useState<SubmissionStart | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [store, setStore] = useState<StoreDocument[]>([]);
  const [step, setStep] = useState(0);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [showProblems, setShowProblems] = useState(false);
  const [reuse, setReuse] = useState<'offered' | 'used' | 'declined'>('offered');
  const key = useRef(crypto.randomUUID());
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    Promise.all([startSubmission(procedureId), listStore()]).then(
      ([s, docs]) => {
        setStart(s);
        // The commune the citizen picked (or the profile's) is the resolving unit when it is one of them; a saved draft keeps its own.
        const commune = s.units.find((u) => u.id === getPlace()?.communeId)?.id;
        setDraft(s.draftSavedAt || !commune ? s.draft : { ...s.draft, resolvingUnitId: commune });
        setStore(docs);
        document.title = `${ct('submitTitle')} — ${s.procedureName}`;
      },
      (e: unknown) => setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) }),
    );
  }, [procedureId]);
  useEffect(() => heading.current?.focus(), [step]);

  if (!start || !draft) return message ? <p className="error" role="alert">{message.text}</p> : <p className="loading">…</p>;
  // The declaration the e-form stands for is satisfied by the answers: no scan of it is asked for.
  const needsFile = start.documents.filter((d) => d.kind !== 'present' && !d.filledByEform);
  const picked = (name: string) => draft.documents.find((d) => d.name === name)?.sha256;
  const pick = (name: string, sha256: string | undefined) =>
    setDraft({ ...draft, documents: [...draft.documents.filter((d) => d.name !== name), ...(sha256 ? [{ name, sha256 }] : [])] });
  const problems = eformProblems(start.eformSchema, draft.eform);
  // What the profile offers the form; a field about the subject is the applicant's own only while the answer says so
  // ("Bản thân"): x-prefill-when. The same rule fills the desk's intake form (eform.rules.ts followPrefill).
  const offered = { ...start.prefilled, ...start.prefillWhen };
  const setAnswers = (eform: Record<string, unknown>) => setDraft({ ...draft, eform: followPrefill(start.eformSchema, draft.eform, eform, offered) });
  const origins = fieldOrigins(start.eformSchema, draft.eform, offered);
  const missing =
    step === 0
      ? [...(draft.resolvingUnitId ? [] : [ct('resolvingUnit')]), ...Object.values(problems)]
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
    if (missing.length > 0) {
      setShowProblems(true);
      return setMessage({ ok: false, text: step === 0 ? ct('fixFields', { count: missing.length }) : ct('missingFields', { list: missing.join('; ') }) });
    }
    setMessage(null);
    if (step === 0) {
      // Names with their capitals even when typed and never left (blur); the declaration PDF is written from the saved answers.
      const named = { ...draft, eform: capitalizeNames(start.eformSchema, draft.eform) };
      setDraft(named);
      void saveDraft(procedureId, named).catch(() => undefined);
    } else {
      // The documents picked at step 2 are kept too: a citizen who comes back later finds them in the draft.
      void saveDraft(procedureId, draft).catch(() => undefined);
    }
    setStep(step + 1);
  };
  const handleReuse = () => {
    const answers = start.earlier?.answers ?? {};
    // The earlier answers fill only what is still empty or the form's default: what the citizen typed or the profile gave stays.
    const defaults = eformDefaults(start.eformSchema);
    const kept = Object.fromEntries(Object.entries(draft.eform).filter(([k, v]) => v !== undefined && v !== null && v !== '' && !(k in answers && defaults[k] === v)));
    setDraft({ ...draft, eform: { ...answers, ...kept } });
    setReuse('used');
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
          {start.earlier && reuse === 'offered' ? (
            <div className="notice reuse" role="group" aria-labelledby="reuse-q">
              <p id="reuse-q">
                <strong>{ct('reuseQuestion')}</strong>{' '}
                {ct('reuseFrom', { code: start.earlier.dossierCode ?? '', at: formatDateTime(start.earlier.submittedAt) })}
              </p>
              <div className="wizard-buttons">
                <button type="button" className="button-secondary" onClick={handleReuse}>{ct('reuseYes')}</button>
                <button type="button" className="link-button" onClick={() => setReuse('declined')}>{ct('reuseNo')}</button>
              </div>
            </div>
          ) : reuse === 'used' ? <p className="notice" role="status">{ct('reuseDone')}</p> : null}
          <div className="field">
            <label htmlFor="unit">{ct('resolvingUnit')} <span className="muted">{ct('required')}</span></label>
            <select id="unit" value={draft.resolvingUnitId ?? ''} onChange={(e) => setDraft({ ...draft, resolvingUnitId: e.target.value || null })}>
              <option value="">{ct('choose')}</option>
              {start.units.map((u) => (
                <option key={u.id} value={u.id}>{u.name}</option>
              ))}
            </select>
          </div>
          <PopulationPrefill schema={start.eformSchema} procedureId={procedureId} procedureName={start.procedureName} unitId={draft.resolvingUnitId} values={draft.eform} onChange={setAnswers} />
          <EformFields schema={start.eformSchema} values={draft.eform} origins={origins} problems={showProblems ? problems : undefined} onChange={setAnswers} />
        </div>
      ) : step === 1 ? (
        <div className="stack">
          {start.documents.map((d, i) =>
            d.filledByEform ? (
              <div key={d.name} className="notice declaration-done" data-testid="declaration-done">
                <p><strong>{d.name}</strong>: {ct('declarationOnline')}</p>
                <p>
                  <a href={declarationUrl(procedureId, 'pdf')} target="_blank" rel="noopener">{ct('declarationPdf')}</a>
                  {' · '}
                  <a href={declarationUrl(procedureId, 'docx')}>{ct('declarationDocx')}</a>
                </p>
              </div>
            ) : d.kind === 'present' ? (
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
            {/* The one renderer of e-form answers: the citizen reviews what the officer's page and the printed declaration show. */}
            {eformAnswerLines(start.eformSchema, draft.eform).filter((l) => l.inForm && l.text !== '').map((l) => (
              <FactRow key={l.name} label={l.label} value={l.text} />
            ))}
            {draft.documents.map((d) => (
              <FactRow key={d.name} label={d.name} value={store.find((s) => s.sha256 === d.sha256)?.fileName ?? ''} />
            ))}
            <dt>{ct('fee')}</dt>
            <dd data-testid="fee-review">
              <FeeBreakdown fees={start.fees} eform={draft.eform} />
            </dd>
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

/** The fees this case is charged, line by line (per copy × copies asked; exemptions as "Miễn"), and the total. */
function FeeBreakdown({ fees, eform }: { fees: SubmissionStart['fees']; eform: Record<string, unknown> }) {
  const lines = feeLines(fees, { eform, channel: 'online' });
  const total = feeTotal(lines);
  if (lines.length === 0) return <strong>{ct('exempt')}</strong>;
  return (
    <>
      <ul className="plain fee-lines">
        {lines.map((l) => (
          <li key={l.name}>
            {l.name}: {l.amountVnd === 0 ? ct('exempt') : l.quantity > 1 ? `${l.quantity} × ${formatVnd(l.unitVnd)} = ${formatVnd(l.amountVnd)}` : formatVnd(l.amountVnd)}
          </li>
        ))}
      </ul>
      <strong data-testid="fee-total">{ct('feeTotal')}: {total > 0 ? formatVnd(total) : ct('exempt')}</strong>
    </>
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
