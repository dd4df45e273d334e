import { useEffect, useRef, useState, type FormEvent } from 'react';
import { firstData, firstDataKey, forgetFirstData } from '../../../lib/first-data.js';
import { t } from '../../../lib/i18n.js';
import { loadPlaceUnits, placeFromCommune, setPlace, usePlace, type Place, type PlaceUnit } from '../../../lib/place.js';
import { navigate } from '../../../lib/router.js';
import { getCatalogProcedure, type PublicProcedure } from '../api/get-catalog-procedure.js';
import { searchCatalog, type CatalogPage } from '../api/search-catalog.js';
import { getMe } from '../../citizen/api.js';

type Version = { id: string; ownerUnitId: string; ownerUnitName: string };
/**
 * `checking` with `versions`: several provinces publish the procedure and the citizen's place is not known yet (the
 * profile is being asked); the page shows the choice meanwhile, as the server rendered it for a visitor it cannot place.
 */
export type VersionChoice = { state: 'checking'; versions?: Version[] } | { state: 'ready' } | { state: 'choose'; versions: Version[] };

/** The catalogue query listing every province's version of one national code (also asked by server/src/web/first-screen.ts). */
export const versionsQuery = (code: string) => ({ code, limit: 100 });

function versionsOf(page: CatalogPage): Version[] {
  return page.items
    .map((i) => ({ id: i.id, ownerUnitId: i.ownerUnitId, ownerUnitName: i.ownerUnitName }))
    .sort((a, b) => a.ownerUnitName.localeCompare(b.ownerUnitName, 'vi'));
}

/** The versions sent with the page (lib/first-data.ts) for the procedure sent with it, with the key to forget them by. */
function firstVersions(procedureId: string): { key: string; versions: Version[] } | null {
  const p = firstData<PublicProcedure>(firstDataKey(`/api/catalog/procedures/${procedureId}`));
  if (!p) return null;
  const key = firstDataKey('/api/catalog/procedures', versionsQuery(p.current.content.code));
  const page = firstData<CatalogPage>(key);
  return page ? { key, versions: versionsOf(page) } : null;
}

/**
 * Which province's version of a procedure applies. A procedure several provinces publish (one national code) has a
 * version per province, each with its own resolving units and fees: the citizen's place decides (the one picked in this
 * browser, else the commune of the signed-in citizen's profile), and without a place the citizen is asked. Never the
 * first province's version by default — a dossier sent there goes to a desk that cannot resolve it.
 * `base` is where a version's page is (the same page for another id: base + id). `profileUnitId` undefined: the
 * profile is read here (a page outside the citizen's area).
 */
export function useProvinceVersion(procedureId: string, base: string, profileUnitId?: string | null): VersionChoice {
  const place = usePlace();
  // The versions may have come with the HTML (the procedure page's first screen): used at once, not fetched again.
  const [first] = useState(() => firstVersions(procedureId));
  const [versions, setVersions] = useState<Version[] | null>(first?.versions ?? null);
  const [profilePlace, setProfilePlace] = useState<Place | null | undefined>(profileUnitId === null ? null : undefined);
  const shownFirst = useRef(first ? procedureId : null);

  useEffect(() => {
    const fromPage = shownFirst.current === procedureId;
    shownFirst.current = null;
    if (fromPage && first) return forgetFirstData(first.key);
    let alive = true;
    setVersions(null);
    getCatalogProcedure(procedureId)
      .then((p) => searchCatalog(versionsQuery(p.current.content.code)))
      .then(
        (page) => alive && setVersions(versionsOf(page)),
        // Not in the public catalogue (closed, unknown): the page itself says so.
        () => alive && setVersions([]),
      );
    return () => {
      alive = false;
    };
  }, [procedureId]);
  useEffect(() => {
    if (profileUnitId === null) return setProfilePlace(null);
    const unit = profileUnitId === undefined ? getMe().then((me) => me?.addressUnitId ?? null) : Promise.resolve(profileUnitId);
    unit.then((u) => (u ? placeFromCommune(u) : null)).then(setProfilePlace, () => setProfilePlace(null));
  }, [profileUnitId]);

  const where = place ?? profilePlace;
  const several = versions !== null && versions.length > 1;
  const target = several && where ? versions.find((v) => v.ownerUnitId === where.provinceId) : undefined;
  useEffect(() => {
    if (target && target.id !== procedureId) navigate(`${base}${target.id}`, { replace: true });
  }, [target, procedureId, base]);

  if (versions === null) return { state: 'checking' };
  if (!several) return { state: 'ready' };
  if (where === undefined) return { state: 'checking', versions };
  if (target) return target.id === procedureId ? { state: 'ready' } : { state: 'checking' };
  return { state: 'choose', versions };
}

/** The citizen picks the province (among those publishing the procedure) and their commune before the form. */
export function ProvinceChoice({ versions }: { versions: Version[] }) {
  const place = usePlace();
  const [units, setUnits] = useState<{ provinces: PlaceUnit[]; communes: PlaceUnit[] } | null>(null);
  const [provinceId, setProvinceId] = useState(() => versions.find((v) => v.ownerUnitId === place?.provinceId)?.ownerUnitId ?? '');
  const [communeId, setCommuneId] = useState('');
  const [problem, setProblem] = useState(false);
  useEffect(() => {
    loadPlaceUnits().then(setUnits, () => setUnits({ provinces: [], communes: [] }));
  }, []);
  const communes = units?.communes.filter((c) => c.parentId === provinceId) ?? [];

  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    const v = versions.find((x) => x.ownerUnitId === provinceId);
    if (!v) return setProblem(true);
    const c = communes.find((x) => x.id === communeId);
    // The place of the whole portal: the catalogue and the postal pages follow it, and the form preselects the commune.
    setPlace({ provinceId: v.ownerUnitId, provinceName: v.ownerUnitName, communeId: c?.id ?? null, communeName: c?.name ?? null });
  };

  return (
    <form className="stack narrow" onSubmit={handleSubmit} noValidate data-testid="province-choice">
      <p className="notice">{t('versionChoose', { n: versions.length })}</p>
      <div className="field">
        <label htmlFor="vc-province">{t('placeProvince')}</label>
        <select id="vc-province" value={provinceId} aria-invalid={problem && !provinceId ? true : undefined} aria-describedby={problem && !provinceId ? 'vc-problem' : undefined}
          onChange={(e) => { setProvinceId(e.target.value); setCommuneId(''); }}>
          <option value="">{t('placeAllProvinces')}</option>
          {versions.map((v) => (
            <option key={v.id} value={v.ownerUnitId}>{v.ownerUnitName}</option>
          ))}
        </select>
        {problem && !provinceId ? <p id="vc-problem" className="error" role="alert">{t('versionPickProvince')}</p> : null}
      </div>
      <div className="field">
        <label htmlFor="vc-commune">{t('placeCommune')}</label>
        <select id="vc-commune" value={communeId} onChange={(e) => setCommuneId(e.target.value)} disabled={!provinceId}>
          <option value="">{provinceId ? t('placeAnyCommune') : t('placePickProvinceFirst')}</option>
          {communes.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </select>
      </div>
      <div className="wizard-buttons">
        <button type="submit" className="button-primary">{t('versionContinue')}</button>
      </div>
    </form>
  );
}
