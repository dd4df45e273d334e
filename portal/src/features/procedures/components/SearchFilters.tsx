import { useEffect, useId, useState } from 'react';
import { t, type TextKey } from '../../../lib/i18n.js';
import { getFacets, type Facets } from '../api/get-facets.js';

export type Filters = { owner: string; field: string; level: string; agency: string; onlineLevel: string };
export const emptyFilters: Filters = { owner: '', field: '', level: '', agency: '', onlineLevel: '' };

// No district level: abolished from 1 July 2025 (Nghị quyết 202/2025/QH15, Luật Tổ chức chính quyền địa phương 2025);
// a procedure still recorded at that level is listed, only not offered as a filter.
const levels = ['ministry', 'province', 'commune'] as const;
const onlineLevels = ['full', 'partial', 'none'] as const;

type SelectProps = { id: string; label: string; value: string; options: { value: string; label: string }[]; onChange: (value: string) => void };

function FilterSelect({ id, label, value, options, onChange }: SelectProps) {
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Lĩnh vực, cấp thực hiện, cơ quan, mức độ DVC trực tuyến — each applies at once. */
export function SearchFilters({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  const [facets, setFacets] = useState<Facets>({ fields: [], agencies: [], owners: [] });
  useEffect(() => {
    getFacets().then(setFacets, () => setFacets({ fields: [], agencies: [], owners: [] }));
  }, []);
  const set = (key: keyof Filters) => (v: string) => onChange({ ...value, [key]: v });
  const activeCount = Object.entries(value).filter(([k, v]) => k !== 'owner' && v).length;
  const active = activeCount > 0;
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <>
      <button type="button" className="filters-toggle" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t('filters')}
        {active ? ` (${activeCount})` : ''}
      </button>
      <fieldset className={open ? 'filters' : 'filters collapsed'} id={panelId}>
        <legend>{t('filters')}</legend>
        {/* The province is the citizen's place (PlacePicker); a shared link may still name one with ?owner=. */}
        <FilterSelect id="f-field" label={t('field')} value={value.field} onChange={set('field')} options={facets.fields.map((f) => ({ value: f, label: f }))} />
        <FilterSelect id="f-level" label={t('level')} value={value.level} onChange={set('level')} options={levels.map((l) => ({ value: l, label: t(`level.${l}` as TextKey) }))} />
        <FilterSelect id="f-agency" label={t('agency')} value={value.agency} onChange={set('agency')} options={facets.agencies.map((a) => ({ value: a, label: a }))} />
        <FilterSelect id="f-online" label={t('onlineLevel')} value={value.onlineLevel} onChange={set('onlineLevel')} options={onlineLevels.map((l) => ({ value: l, label: t(`online.${l}` as TextKey) }))} />
        {active ? (
          <button type="button" className="link-button" onClick={() => onChange(emptyFilters)}>
            {t('clearFilters')}
          </button>
        ) : null}
      </fieldset>
    </>
  );
}
