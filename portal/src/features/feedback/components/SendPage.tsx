import { useEffect, useState, type FormEvent } from 'react';
import { formatDate } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { Link } from '../../../lib/router.js';
import { findSimilar, getOptions, getUnits, sendFeedback, uploadAttachment, type Receipt, type SendInput } from '../api/feedback.js';
import { ft } from '../text.js';
import { getMe, sendMyFeedback, type CitizenMe } from '../../citizen/api.js';
import { TileMap } from './TileMap.js';
import { checkForm } from '../../../lib/validation.js';
import { Field, TextAreaField } from '../../../components/Field.js';

type Similar = Awaited<ReturnType<typeof findSimilar>>['items'];

/** Suggestions are asked for once the subject and content hold this many characters, after this pause in typing. */
const SUGGEST_AFTER_CHARS = 20;
const SUGGEST_DELAY_MS = 600;

/**
 * /phan-anh: anyone sends feedback (name, address, phone — ND 20/2008 Điều 7) or a question (?loai=hoi-dap); about a
 * dossier with ?ho-so=<code> (proved by its tracking secret). Similar items are shown before a new one is opened.
 */
export function SendPage({ search }: { search: string }) {
  const params = new URLSearchParams(search);
  const dossierCode = (params.get('ho-so') ?? '').toUpperCase();
  const question = params.get('loai') === 'hoi-dap';
  const [units, setUnits] = useState<{ id: string; name: string; depth: number }[]>([]);
  const [options, setOptions] = useState<{ categories: { code: string; name: string }[]; tileUrl: string | null } | null>(null);
  const [similar, setSimilar] = useState<Similar | null>(null);
  const [place, setPlace] = useState<{ latitude: number; longitude: number } | null>(null);
  const [files, setFiles] = useState<{ sha256: string; fileName: string }[]>([]);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // Signed in on the portal: the account is the sender and follows the item; address and phone are asked, prefilled from the profile.
  const [me, setMe] = useState<CitizenMe | null>(null);

  useEffect(() => {
    document.title = `${question ? ft('askTitle') : ft('sendTitle')} — ${t('site')}`;
    getUnits().then((u) => setUnits(u.items)).catch(() => setUnits([]));
    getOptions().then(setOptions).catch(() => setOptions(null));
    getMe().then(setMe).catch(() => setMe(null));
  }, [question]);

  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  // Suggestions while typing (walk 17 finding 5): once subject and content hold 20 characters, and the sender paused.
  const [draft, setDraft] = useState<{ unitId: string; text: string }>({ unitId: '', text: '' });
  useEffect(() => {
    const unitId = draft.unitId || units[0]?.id || '';
    if (dossierCode || !unitId || draft.text.trim().length < SUGGEST_AFTER_CHARS) return;
    let current = true;
    const timer = setTimeout(() => {
      findSimilar(unitId, draft.text)
        .then((found) => current && setSimilar(found.items))
        .catch(() => {
          /* suggestions are a help, never a blocker */
        });
    }, SUGGEST_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [draft, units, dossierCode]);
  const noteDraft = (form: HTMLFormElement) => {
    const f = new FormData(form);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    setDraft((prev) => {
      const next = { unitId: v('unitId'), text: `${v('subject')} ${v('content')}`.trim() };
      return prev.unitId === next.unitId && prev.text === next.text ? prev : next;
    });
  };

  async function handleFiles(list: FileList | null) {
    if (!list) return;
    setError(null);
    try {
      for (const f of [...list].slice(0, 5 - files.length)) {
        const up = await uploadAttachment(f);
        setFiles((prev) => [...prev, up]);
      }
    } catch (e) {
      fail(e);
    }
  }

  async function handleSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // What is wrong, field by field, in Vietnamese (lib/validation.ts); the first wrong field gets the focus.
    if (!checkForm(e.currentTarget, setProblems)) return;
    const f = new FormData(e.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const unitId = v('unitId') || units[0]?.id || '';
    setError(null);
    // Before opening a new item, show the similar ones once.
    if (similar === null && !dossierCode) {
      try {
        const found = await findSimilar(unitId, `${v('subject')} ${v('content')}`);
        if (found.items.length > 0) {
          setSimilar(found.items);
          return;
        }
      } catch {
        /* suggestions are a help, never a blocker */
      }
    }
    const body: SendInput = {
      unitId,
      kind: question ? 'question' : 'feedback',
      category: (v('category') || (question ? 'tthc' : 'tthc')) as SendInput['category'],
      subject: v('subject'),
      content: v('content'),
      // Signed in: the account names the sender; the address and phone are those on the form (prefilled from the
      // profile), which the server keeps for this item — Điều 7 asks them of every sender.
      sender: me ? { name: me.fullName, address: v('address') || null, phone: v('phone') || null, email: null } : { name: v('name'), address: v('address') || null, phone: v('phone') || null, email: v('email') || null },
      consentPublishIdentity: f.get('consent') === 'on',
      place: place || v('placeAddress') ? { latitude: place?.latitude ?? null, longitude: place?.longitude ?? null, address: v('placeAddress') || null } : null,
      files: files.map((x) => x.sha256),
      dossier: dossierCode ? { code: dossierCode, secret: v('secret') } : null,
    };
    setBusy(true);
    try {
      setReceipt(await (me ? sendMyFeedback(body) : sendFeedback(body)));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  if (receipt)
    return (
      <section className="detail" aria-labelledby="fb-sent">
        <h1 id="fb-sent">{ft('sentTitle')}</h1>
        <p className="notice success" role="status">
          {ft('sentBody', { code: receipt.code, due: formatDate(receipt.answerDueAt) })}
        </p>
        <p className="confirmation-code">{receipt.code}</p>
        {me ? (
          <Link to={`/cong-dan/phan-anh/${receipt.id}`}>{ft('followMine')}</Link>
        ) : (
          <Link to={`/phan-anh/theo-doi?ma=${encodeURIComponent(receipt.code)}`}>{ft('navTrack')}</Link>
        )}
      </section>
    );

  return (
    <section className="detail" aria-labelledby="fb-title">
      <h1 id="fb-title">{question ? ft('askTitle') : dossierCode ? ft('aboutDossier', { code: dossierCode }) : ft('sendTitle')}</h1>
      <p className="muted">{ft('sendIntro')}</p>
      <form className="pickup-form stack" onSubmit={(e) => void handleSubmit(e)} onInput={(e) => noteDraft(e.currentTarget)} onChange={(e) => noteDraft(e.currentTarget)} noValidate>
        {dossierCode ? (
          <Field id="secret" label={ft('dossierSecret')} inputMode="numeric" autoComplete="off" required problem={problems.secret} />
        ) : (
          <div className="field">
            <label htmlFor="unitId">{ft('unit')} *</label>
            <select id="unitId" name="unitId" required defaultValue="" aria-describedby={problems.unitId ? 'unitId-problem' : undefined}>
              <option value="" disabled>
                {ft('chooseUnit')}
              </option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {'\u00a0'.repeat(Math.max(0, u.depth - 1) * 2)}
                  {u.name}
                </option>
              ))}
            </select>
            {problems.unitId ? <p className="field-problem" id="unitId-problem">{problems.unitId}</p> : null}
          </div>
        )}
        {!question && options ? (
          <div className="field">
            <label htmlFor="category">{ft('category')}</label>
            <select id="category" name="category" defaultValue="tthc">
              {options.categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <Field id="subject" label={ft('subject')} required minLength={5} maxLength={200} problem={problems.subject} />
        <TextAreaField id="content" label={question ? ft('question') : ft('content')} required minLength={10} maxLength={5000} rows={6} problem={problems.content} />
        {me ? (
          <>
            <p className="notice" data-testid="fb-as-citizen">{ft('asCitizen', { name: me.fullName })}</p>
            <Field id="address" label={ft('address')} required autoComplete="street-address" minLength={5} defaultValue={me.address ?? ''} problem={problems.address} />
            <Field id="phone" label={ft('phone')} required inputMode="tel" autoComplete="tel" data-check="phone" defaultValue={me.phone ?? ''} problem={problems.phone} />
          </>
        ) : (
          <>
            <Field id="name" label={ft('name')} required autoComplete="name" minLength={2} problem={problems.name} />
            <Field id="address" label={ft('address')} required autoComplete="street-address" minLength={5} problem={problems.address} />
            <Field id="phone" label={ft('phone')} required inputMode="tel" autoComplete="tel" data-check="phone" problem={problems.phone} />
            <Field id="email" label={ft('email')} type="email" autoComplete="email" problem={problems.email} />
          </>
        )}
        {!question ? (
          <fieldset className="field">
            <legend>{ft('place')}</legend>
            <label htmlFor="placeAddress">{ft('placeAddress')}</label>
            <input id="placeAddress" name="placeAddress" />
            <button
              type="button"
              className="secondary-button"
              onClick={() => navigator.geolocation?.getCurrentPosition((p) => setPlace({ latitude: Math.round(p.coords.latitude * 1e6) / 1e6, longitude: Math.round(p.coords.longitude * 1e6) / 1e6 }))}
            >
              {ft('useLocation')}
            </button>
            {place ? <p className="muted">{ft('located', { lat: place.latitude, lng: place.longitude })}</p> : null}
            {place && options?.tileUrl ? <TileMap tileUrl={options.tileUrl} latitude={place.latitude} longitude={place.longitude} /> : null}
          </fieldset>
        ) : null}
        <div className="field">
          <label htmlFor="files">{ft('attach')}</label>
          <input id="files" type="file" multiple accept=".pdf,.jpg,.jpeg,.png,.doc,.docx" onChange={(e) => void handleFiles(e.currentTarget.files)} />
          {files.length ? <ul className="plain">{files.map((x) => <li key={x.sha256}>{x.fileName}</li>)}</ul> : null}
        </div>
        <label className="choice">
          <input type="checkbox" name="consent" /> {ft('consent')}
        </label>
        {similar && similar.length > 0 ? (
          <div className="notice" role="status">
            <p>
              <strong>{ft('similarTitle')}</strong> — {ft('similarIntro')}
            </p>
            <ul>
              {similar.map((s) => (
                <li key={s.code}>
                  {s.published && s.subject !== null ? (
                    <>
                      {s.subject} ({s.statusLabel}) <Link to={`/phan-anh/cong-khai?ma=${encodeURIComponent(s.code)}`}>{ft('navRegister')}</Link>
                    </>
                  ) : (
                    ft('similarPending', { code: s.code, date: formatDate(s.receivedAt), status: s.statusLabel })
                  )}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary-button" disabled={busy}>
          {busy ? ft('sending') : ft('send')}
        </button>
      </form>
    </section>
  );
}
