import { TreeSelect } from 'antd';
import { t } from '../lib/i18n.js';
import { isClosed, type Unit } from '../lib/units.js';
import { foldTreeSearch } from '../lib/fold-search.js';

type Node = { value: string; title: string; search: string; children: Node[] };

/** Open units as a tree (province → commune → its offices), each node valued by the unit's id or its code. */
function treeOf(units: readonly Unit[], valueOf: (u: Unit) => string): Node[] {
  const open = units.filter((u) => !isClosed(u));
  const ids = new Set(open.map((u) => u.id));
  const nodes = new Map(open.map((u) => [u.id, { value: valueOf(u), title: `${u.name} (${u.code})`, search: `${u.name} ${u.code}`, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const u of [...open].sort((a, b) => a.name.localeCompare(b.name, 'vi'))) {
    const node = nodes.get(u.id)!;
    if (u.parentId && ids.has(u.parentId)) nodes.get(u.parentId)!.children.push(node);
    else roots.push(node);
  }
  return roots;
}

type Props = {
  units: readonly Unit[];
  value?: string | null;
  onChange?: (value: string | null) => void;
  valueKey?: 'id' | 'code';
  id?: string;
  placeholder?: string;
  /** The units are still being fetched: say so ("Đang tải…") rather than show an empty tree. */
  loading?: boolean;
  'aria-label'?: string;
};

/** A unit picked from the unit tree (antd TreeSelect), searchable by name or code. */
export function UnitTreeSelect({ units, value, onChange, valueKey = 'id', id, placeholder, loading = false, ...rest }: Props) {
  return (
    <TreeSelect<string>
      id={id}
      aria-label={rest['aria-label']}
      style={{ width: '100%' }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      showSearch={foldTreeSearch('search')}
      treeDefaultExpandAll={units.length < 60}
      placeholder={loading ? t('common.loading') : (placeholder ?? t('common.pickUnit'))}
      loading={loading}
      notFoundContent={loading ? t('common.loading') : undefined}
      treeData={treeOf(units, (u) => (valueKey === 'code' ? u.code : u.id))}
      popupMatchSelectWidth={false}
    />
  );
}
