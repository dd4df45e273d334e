import { useEffect, useState } from 'react';
import { t } from '../lib/i18n.js';
import { loadPlaceUnits, setPlace, usePlace, type PlaceUnit } from '../lib/place.js';

/**
 * "Tỉnh, thành phố" and "Xã, phường" of the citizen: the catalogue, the postal pages and the contacts follow it.
 * Two native selects (keyboard, screen reader and phone pickers work alike).
 */
export function PlacePicker({ idPrefix = 'place' }: { idPrefix?: string }) {
  const place = usePlace();
  const [units, setUnits] = useState<{ provinces: PlaceUnit[]; communes: PlaceUnit[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadPlaceUnits().then(setUnits, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  const communes = units && place ? units.communes.filter((c) => c.parentId === place.provinceId) : [];

  const handleProvince = (id: string) => {
    const p = units?.provinces.find((x) => x.id === id);
    setPlace(p ? { provinceId: p.id, provinceName: p.name, communeId: null, communeName: null } : null);
  };
  const handleCommune = (id: string) => {
    if (!place) return;
    const c = communes.find((x) => x.id === id);
    setPlace({ ...place, communeId: c?.id ?? null, communeName: c?.name ?? null });
  };

  return (
    <fieldset className="place-picker" aria-busy={!units && !error}>
      <legend>{t('placeLegend')}</legend>
      <div className="filter">
        <label htmlFor={`${idPrefix}-province`}>{t('placeProvince')}</label>
        <select id={`${idPrefix}-province`} value={place?.provinceId ?? ''} onChange={(e) => handleProvince(e.target.value)} disabled={!units}>
          <option value="">{units ? t('placeAllProvinces') : t('loading')}</option>
          {units?.provinces.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor={`${idPrefix}-commune`}>{t('placeCommune')}</label>
        <select id={`${idPrefix}-commune`} value={place?.communeId ?? ''} onChange={(e) => handleCommune(e.target.value)} disabled={!place}>
          <option value="">{place ? t('placeAnyCommune') : t('placePickProvinceFirst')}</option>
          {communes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
