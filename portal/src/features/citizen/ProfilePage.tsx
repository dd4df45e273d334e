import { useEffect, useState, type FormEvent } from 'react';
import { getMe, updateProfile, type Profile } from './api.js';
import { ct } from './citizen-text.js';
import { Field } from '../../components/Field.js';
import { checkForm, isoDateOf } from '../../lib/validation.js';
import { formatDate } from '../../lib/format.js';
import { ContactChange } from './ContactChange.js';
import { loadPlaceUnits, placeFromCommune, setPlace, type PlaceUnit } from '../../lib/place.js';

/** The citizen's profile: CCCD, name, birth date, gender (from VNeID when verified), address, phone, e-mail. */
export function ProfilePage({ onSaved }: { onSaved: () => void }) {
  const [p, setP] = useState<Profile | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [places, setPlaces] = useState<{ provinces: PlaceUnit[]; communes: PlaceUnit[] } | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  useEffect(() => {
    document.title = ct('profile');
    void getMe().then((me) => me && setP(me));
    loadPlaceUnits().then(setPlaces, () => setPlaces(null));
  }, []);
  if (!p) return <p className="loading">…</p>;

  const handleSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!checkForm(e.currentTarget, setProblems)) return;
    const f = new FormData(e.currentTarget);
    const v = (k: string) => String(f.get(k) ?? '').trim();
    const identity = p.verified ? {} : { fullName: v('fullName'), idNumber: v('idNumber') || undefined, birthDate: isoDateOf(v('birthDate')) ?? undefined, gender: v('gender') === 'male' || v('gender') === 'female' ? (v('gender') as 'male' | 'female') : null };
    try {
      const addressUnitId = v('addressUnitId') || null;
      setP(await updateProfile({ ...identity, address: v('address') || null, addressUnitId }));
      // The commune of residence becomes the portal's place (catalogue, postal pages, contacts follow it).
      if (addressUnitId) void placeFromCommune(addressUnitId).then((pl) => pl && setPlace(pl), () => undefined);
      setStatus({ ok: true, text: ct('saved') });
      onSaved();
    } catch (err) {
      setStatus({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <section className="detail narrow" aria-labelledby="profile-title">
      <h1 id="profile-title">{ct('profile')}</h1>
      {p.verified ? <p className="notice">{ct('verified')}</p> : p.idVerified ? <p className="notice">{ct('idVerifiedDesk')}</p> : p.idNumber ? <p className="notice">{ct('idUnverified')}</p> : null}
      <form className="stack" onSubmit={(e) => void handleSubmit(e)} noValidate>
        <Field id="fullName" label={ct('fullName')} defaultValue={p.fullName} readOnly={p.verified} required minLength={2} problem={problems.fullName} />
        <Field id="idNumber" label={ct('idNumber')} defaultValue={p.idNumber ?? ''} readOnly={p.verified} inputMode="numeric" data-check="id-number" problem={problems.idNumber} />
        <Field id="birthDate" label={ct('birthDate')} defaultValue={formatDate(p.birthDate)} readOnly={p.verified} inputMode="numeric" placeholder="dd/mm/yyyy" data-check="date" problem={problems.birthDate} />
        <div className="field">
          <label htmlFor="gender">{ct('gender')}</label>
          <select id="gender" name="gender" defaultValue={p.gender ?? ''} disabled={p.verified}>
            <option value="">{ct('unknown')}</option>
            <option value="male">{ct('male')}</option>
            <option value="female">{ct('female')}</option>
          </select>
        </div>
        <Field id="address" label={ct('address')} defaultValue={p.address ?? ''} autoComplete="street-address" />
        <div className="field">
          <label htmlFor="addressUnitId">{ct('addressUnit')}</label>
          <select id="addressUnitId" name="addressUnitId" defaultValue={p.addressUnitId ?? ''} key={places ? 'loaded' : 'loading'}>
            <option value="">{ct('unknown')}</option>
            {places?.provinces.map((pr) => (
              <optgroup key={pr.id} label={pr.name}>
                {places.communes
                  .filter((c) => c.parentId === pr.id)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <button type="submit" className="button-primary">{ct('save')}</button>
      </form>
      <div aria-live="polite">{status ? <p className={status.ok ? 'notice' : 'error'}>{status.text}</p> : null}</div>
      {/* Outside the profile form: each is its own small form, proved by a code. */}
      <ContactChange kind="phone" current={p.phone} onChanged={setP} />
      <ContactChange kind="email" current={p.email} onChanged={setP} />
    </section>
  );
}
