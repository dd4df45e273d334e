import { useEffect, useState, type FormEvent } from 'react';
import { formatDateTime } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { listDesks, type Desk } from '../api/list-desks.js';
import { usePlace } from '../../../lib/place.js';
import { Link } from '../../../lib/router.js';
import { PlacePicker } from '../../../components/PlacePicker.js';
import { listPostalProcedures, type PostalProcedure } from '../api/list-postal-procedures.js';
import { requestPickup, type PickupConfirmation } from '../api/request-pickup.js';
import { getMe } from '../../citizen/api.js';
import { Field } from '../../../components/Field.js';
import { checkForm } from '../../../lib/validation.js';
import { capitalizeName } from '../../../../../server/src/modules/procedures/eform.rules.js';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * "Yêu cầu bưu điện đến lấy hồ sơ" (QĐ 45/2016 Điều 5–6): a procedure accepted by post, the desk it goes to, who and
 * where; the answer is a confirmation code (and, for a same-day procedure, the time the post comes by).
 */
export function PickupRequestPage({ search }: { search: string }) {
  const [procedures, setProcedures] = useState<PostalProcedure[]>([]);
  const [desks, setDesks] = useState<Desk[]>([]);
  const place = usePlace();
  const provinceId = place?.provinceId ?? null;
  const communeId = place?.communeId ?? null;
  const [form, setForm] = useState({ procedureId: new URLSearchParams(search).get('thu-tuc') ?? '', receivingUnitId: '', fullName: '', idNumber: '', phone: '', address: '', preferredTime: '', resultByPost: true });
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PickupConfirmation | null>(null);

  useEffect(() => {
    document.title = `${t('postalRequestTitle')} — ${t('site')}`;
    // Signed in: who and where come from the profile (Công dân không viết); what the citizen already typed stays.
    let live = true;
    getMe().then((me) => {
      if (!live || !me) return;
      setForm((f) => ({
        ...f,
        fullName: f.fullName || me.fullName,
        idNumber: f.idNumber || (me.idNumber ?? ''),
        phone: f.phone || (me.phone ?? ''),
        address: f.address || [me.address, me.addressUnitName].filter(Boolean).join(', '),
      }));
    }, () => undefined);
    return () => {
      live = false;
    };
  }, []);
  // The province's procedures and desks; the desk of the chosen commune is proposed.
  useEffect(() => {
    let live = true;
    Promise.all([listPostalProcedures(true, provinceId), listDesks(provinceId)]).then(([p, d]) => {
      if (!live) return;
      setProcedures(p);
      setDesks(d);
      const own = communeId ? d.find((x) => x.parentId === communeId) : undefined;
      setForm((f) => ({
        ...f,
        procedureId: p.some((x) => x.id === f.procedureId) ? f.procedureId : '',
        receivingUnitId: own?.id ?? (d.some((x) => x.id === f.receivingUnitId) ? f.receivingUnitId : ''),
      }));
    }, (err: unknown) => live && setError(message(err)));
    return () => {
      live = false;
    };
  }, [provinceId, communeId]);

  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  const handleSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // What is wrong, field by field, in Vietnamese (lib/validation.ts); the first wrong field gets the focus.
    if (!checkForm(e.currentTarget, setProblems)) return;
    setBusy(true);
    setError(null);
    try {
      setDone(
        await requestPickup({
          procedureId: form.procedureId,
          receivingUnitId: form.receivingUnitId,
          applicant: { kind: 'citizen', idNumber: form.idNumber.trim(), fullName: form.fullName.trim(), email: null },
          address: form.address.trim(),
          phone: form.phone.trim(),
          preferredTime: form.preferredTime.trim() || null,
          resultDelivery: form.resultByPost ? 'post' : 'desk',
        }),
      );
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <section className="hero" aria-live="polite">
        <h1>{t('postalRequestTitle')}</h1>
        <p>{t('postalDone')}</p>
        <p className="confirmation-code" data-testid="confirmation-code">{done.confirmationCode}</p>
        {done.dueAt ? <p>{t('postalDoneDue', { time: formatDateTime(done.dueAt) })}</p> : null}
        <p>{t('postalDoneKeep')}</p>
        <p>
          <Link to={`/thu-tuc/buu-chinh/tra-cuu?ma=${encodeURIComponent(done.confirmationCode)}`}>{t('postalTrackLink')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="hero" aria-labelledby="pickup-title">
      <h1 id="pickup-title">{t('postalRequestTitle')}</h1>
      <p>{t('postalRequestIntro')}</p>
      <PlacePicker idPrefix="pickup-place" />
      <form className="pickup-form" onSubmit={(e) => void handleSubmit(e)} noValidate>
        <label htmlFor="pk-procedure">{t('postalProcedure')}</label>
        <select id="pk-procedure" value={form.procedureId} onChange={set('procedureId')} required aria-describedby={problems['pk-procedure'] ? 'pk-procedure-problem' : undefined}>
          <option value="">—</option>
          {procedures.map((p) => (
            <option key={p.id} value={p.id}>{`${p.code} — ${p.name}`}</option>
          ))}
        </select>
        {problems['pk-procedure'] ? <p className="field-problem" id="pk-procedure-problem">{problems['pk-procedure']}</p> : null}
        <label htmlFor="pk-desk">{t('postalDesk')}</label>
        <select id="pk-desk" value={form.receivingUnitId} onChange={set('receivingUnitId')} required aria-describedby={problems['pk-desk'] ? 'pk-desk-problem' : undefined}>
          <option value="">—</option>
          {desks.map((d) => (
            <option key={d.id} value={d.id}>{d.name}</option>
          ))}
        </select>
        {problems['pk-desk'] ? <p className="field-problem" id="pk-desk-problem">{problems['pk-desk']}</p> : null}
        <Field id="pk-name" label={t('postalFullName')} value={form.fullName} onChange={set('fullName')} onBlur={() => setForm((f) => ({ ...f, fullName: capitalizeName(f.fullName) }))} autoComplete="name" autoCapitalize="words" required minLength={2} problem={problems['pk-name']} />
        <Field id="pk-id" label={t('postalIdNumber')} value={form.idNumber} onChange={set('idNumber')} inputMode="numeric" autoComplete="off" data-check="id-number" required problem={problems['pk-id']} />
        <Field id="pk-phone" label={t('postalPhone')} value={form.phone} onChange={set('phone')} inputMode="tel" autoComplete="tel" data-check="phone" required problem={problems['pk-phone']} />
        <Field id="pk-address" label={t('postalAddress')} value={form.address} onChange={set('address')} autoComplete="street-address" required minLength={5} problem={problems['pk-address']} />
        <Field id="pk-time" label={t('postalTime')} value={form.preferredTime} onChange={set('preferredTime')} problem={problems['pk-time']} />
        <label className="checkbox">
          <input type="checkbox" checked={form.resultByPost} onChange={(e) => setForm({ ...form, resultByPost: e.target.checked })} /> {t('postalResultByPost')}
        </label>
        {error ? <p className="error" role="alert">{error}</p> : null}
        <button type="submit" disabled={busy}>{busy ? t('loading') : t('postalSubmit')}</button>
      </form>
    </section>
  );
}
