import { Select } from 'antd';
import { t } from '../lib/i18n.js';
import { isClosed, orderAsTree, type Unit } from '../lib/units.js';
import { foldSearch } from '../lib/fold-search.js';

type Props = {
  units: readonly Unit[];
  value?: string | string[] | null;
  onChange?: (value: string | string[] | null) => void;
  multiple?: boolean;
  allowClear?: boolean;
  /** Hide closed units (dissolved or merged). */
  openOnly?: boolean;
  placeholder?: string;
  /** The units are still being fetched: say so ("Đang tải…") rather than show an empty list. */
  loading?: boolean;
  id?: string;
  'aria-label'?: string;
};

/** A searchable unit picker, indented by depth. */
export function UnitSelect({ units, value, onChange, multiple, allowClear, openOnly = true, placeholder, loading = false, id, ...rest }: Props) {
  const list = orderAsTree(openOnly ? units.filter((u) => !isClosed(u)) : units);
  const depthOf = new Map<string, number>();
  for (const u of list) depthOf.set(u.id, u.parentId && depthOf.has(u.parentId) ? depthOf.get(u.parentId)! + 1 : 0);
  return (
    <Select
      id={id}
      // At least 220 px for a legible name, never wider than its box (a drawer's row, a modal): a fixed minimum pushed
      // the staff user drawer's unit picker past the drawer's edge at 1366 × 768.
      style={{ width: '100%', minWidth: 'min(220px, 100%)' }}
      aria-label={rest['aria-label']}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? undefined}
      onChange={(v: string | string[] | undefined) => onChange?.(v ?? null)}
      allowClear={allowClear}
      showSearch={foldSearch('search')}
      placeholder={loading ? t('common.loading') : (placeholder ?? t('common.pickUnit'))}
      loading={loading}
      notFoundContent={loading ? t('common.loading') : undefined}
      options={list.map((u) => ({
        value: u.id,
        search: `${u.name} ${u.code}`,
        depth: depthOf.get(u.id) ?? 0,
        label: (
          <>
            {u.name} <span style={{ color: '#888' }}>({u.code})</span>
          </>
        ),
      }))}
      // The list is indented by depth; the chosen value (field or tag) is not, so it starts at the field's edge.
      optionRender={(option) => <span style={{ paddingLeft: option.data.depth * 14 }}>{option.label}</span>}
    />
  );
}
