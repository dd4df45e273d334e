import { useMemo, useState } from 'react';
import { Button, DatePicker, Flex, Switch, Table, Tag, Typography } from 'antd';
import { BranchesOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { formatDate } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { unitKindLabel } from '../../../lib/labels.js';
import { Link } from '../../../lib/router.js';
import { isClosed, useUnits, type Unit } from '../../../lib/units.js';
import { ReorganiseModal } from './ReorganiseModal.js';
import { UnitFormModal, type UnitModalState } from './UnitFormModal.js';

type UnitNode = Unit & { children?: UnitNode[] };

function buildTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((u) => [u.id, { ...u }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const sort = (list: UnitNode[]) => {
    // Open units first, then by name; closed ones keep their place in history below.
    list.sort((a, b) => Number(isClosed(a)) - Number(isClosed(b)) || a.name.localeCompare(b.name, 'vi'));
    for (const n of list) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The unit tree with its history: closed units are greyed and point to their successors. */
export function UnitsPage({ canManage, signersPath }: { canManage: boolean; signersPath: (unitId: string) => string }) {
  const [on, setOn] = useState<Dayjs | null>(null);
  const [showClosed, setShowClosed] = useState(true);
  const units = useUnits({ on: on ? on.format('YYYY-MM-DD') : undefined });
  const [modal, setModal] = useState<UnitModalState>(null);
  const [reorgOpen, setReorgOpen] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  // Top-level units start expanded; the officer opens the rest.
  const [expanded, setExpanded] = useState<Set<string> | null>(null);

  const all = units.data ?? [];
  const tree = useMemo(() => buildTree(showClosed ? all : all.filter((u) => !isClosed(u))), [all, showClosed]);
  const openUnits = all.filter((u) => !isClosed(u));

  const handleSaved = () => {
    setModal(null);
    setReorgOpen(false);
    setSelected([]);
    units.reload();
  };

  return (
    <>
      <PageTitle
        title={t('units.title')}
        extra={
          canManage ? (
            <>
              <Button icon={<BranchesOutlined />} onClick={() => setReorgOpen(true)}>
                {selected.length ? t('units.reorganiseN', { n: selected.length }) : t('units.reorganise')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ mode: 'create', parentId: null })}>
                {t('units.create')}
              </Button>
            </>
          ) : null
        }
      />
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <label className="inline-field">
          <span>{t('units.viewOn')}</span>
          <DatePicker value={on} onChange={setOn} format="DD/MM/YYYY" allowClear placeholder={t('units.allTime')} />
        </label>
        <label className="inline-field">
          <Switch checked={showClosed} onChange={setShowClosed} size="small" />
          <span>{t('units.showClosed')}</span>
        </label>
      </Flex>
      <ErrorAlert error={units.error} />
      <Table<UnitNode>
        rowKey="id"
        loading={units.loading}
        dataSource={tree}
        pagination={false}
        size="small"
        scroll={{ x: 1000 }}
        tableLayout="fixed"
        expandable={{
          expandedRowKeys: [...(expanded ?? new Set(tree.map((u) => u.id)))],
          onExpand: (open, u) =>
            setExpanded((prev) => {
              const next = new Set(prev ?? tree.map((x) => x.id));
              if (open) next.add(u.id);
              else next.delete(u.id);
              return next;
            }),
        }}
        rowClassName={(u) => (isClosed(u) ? 'unit-closed' : '')}
        rowSelection={
          canManage
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (u) => ({ disabled: isClosed(u), 'aria-label': u.name }),
                checkStrictly: true,
              }
            : undefined
        }
        columns={[
          {
            title: t('units.name'),
            render: (_v, u) => (
              <span className="unit-cell">
                <Typography.Text strong={!isClosed(u)} className={isClosed(u) ? 'unit-closed-name' : undefined}>
                  {u.name}
                </Typography.Text>
                {isClosed(u) ? <Tag style={{ marginLeft: 8 }}>{t('units.closed')}</Tag> : null}
                <br />
                <Typography.Text type="secondary" className="unit-meta">
                  {unitKindLabel(u.kind)} · {u.code}
                </Typography.Text>
              </span>
            ),
          },
          {
            title: t('units.validity'),
            width: 180,
            render: (_v, u) =>
              u.validFrom || u.validTo ? `${u.validFrom ? formatDate(u.validFrom) : '…'} – ${u.validTo ? formatDate(u.validTo) : t('units.now')}` : t('units.always'),
          },
          {
            title: t('units.history'),
            width: 280,
            render: (_v, u) => (
              <>
                {u.successors.map((s) => (
                  <div key={s.id}>{t('units.succeededBy', { name: s.name, date: formatDate(s.effectiveOn) })}</div>
                ))}
                {u.predecessors.length ? <div>{t('units.formedFrom', { names: u.predecessors.map((p) => p.name).join(', '), date: formatDate(u.predecessors[0]!.effectiveOn) })}</div> : null}
              </>
            ),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  width: 150,
                  render: (_v: unknown, u: UnitNode) =>
                    isClosed(u) ? null : (
                      <Flex gap={0} vertical align="start">
                        <Button size="small" type="link" onClick={() => setModal({ mode: 'rename', unit: u })}>
                          {t('units.rename')}
                        </Button>
                        <Button size="small" type="link" onClick={() => setModal({ mode: 'create', parentId: u.id })}>
                          {t('units.addChild')}
                        </Button>
                        <Link to={signersPath(u.id)} style={{ padding: '0 7px' }} aria-label={`${t('units.signers')} — ${u.name}`}>
                          {t('units.signers')}
                        </Link>
                      </Flex>
                    ),
                },
              ]
            : []),
        ]}
      />
      <UnitFormModal state={modal} units={openUnits} onClose={() => setModal(null)} onSaved={handleSaved} />
      <ReorganiseModal open={reorgOpen} units={openUnits} initialIds={selected} onClose={() => setReorgOpen(false)} onSaved={handleSaved} />
    </>
  );
}
