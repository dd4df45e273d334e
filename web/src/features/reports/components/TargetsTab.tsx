import { useState } from 'react';
import { App, Button, Flex, InputNumber, Select, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatNumber } from '../../../lib/format.js';
import { getLang, t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { getRanking, setTarget, type Ranking, type TargetIndicator } from '../api/reports.js';
import { pct } from './report-range.js';

const indicators: TargetIndicator[] = ['online_rate', 'on_time_rate', 'digitised_rate', 'online_payment_rate', 'postal_return_rate', 'satisfaction_rate'];
type UnitRow = Ranking['units'][number];

/** Yearly targets of the sub-units, progress against them and the emulation ranking; laggards in red. */
export function TargetsTab({ unitId, canManage }: { unitId: string; canManage: boolean }) {
  const { message } = App.useApp();
  const [year, setYear] = useState(new Date().getFullYear());
  const [indicator, setIndicator] = useState<TargetIndicator>('online_rate');
  const [drafts, setDrafts] = useState<Record<string, number | null>>({});
  const ranking = useAsync(() => getRanking({ unitId, year, indicator }), [unitId, year, indicator]);
  const save = async (row: UnitRow) => {
    const value = drafts[row.unitId];
    if (value === null || value === undefined) return;
    try {
      await setTarget({ unitId: row.unitId, year, indicator, targetPct: value });
      message.success(t('reports.target.saved'));
      ranking.reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <InputNumber aria-label={t('reports.target.year')} min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        <Select<TargetIndicator> aria-label={t('reports.target.indicator')} style={{ minWidth: 260 }} value={indicator} onChange={setIndicator} options={indicators.map((i) => ({ value: i, label: t(`reports.indicator.${i}`) }))} />
      </Flex>
      {ranking.error ? <ErrorAlert error={ranking.error} /> : null}
      <Table<UnitRow>
        size="small"
        rowKey="unitId"
        loading={ranking.loading}
        pagination={false}
        dataSource={ranking.data?.units ?? []}
        rowClassName={(r) => (r.laggard ? 'report-laggard' : '')}
        columns={[
          { title: t('reports.target.rank'), dataIndex: 'rank', render: (v: number | null) => v ?? '–' },
          { title: t('reports.unit'), dataIndex: 'name', render: (v: string, r) => (r.laggard ? <Flex gap={6}>{v}<Tag color="red">{t('reports.target.laggard')}</Tag></Flex> : v) },
          { title: t('reports.target.rate'), dataIndex: 'ratePct', align: 'right', render: (v: number | null) => pct(v) },
          {
            title: t('reports.target.value'),
            key: 'target',
            align: 'right',
            render: (_, r) =>
              canManage ? (
                <Flex gap={6} justify="end">
                  <InputNumber aria-label={`${t('reports.target.value')}: ${r.name}`} min={0} max={100} decimalSeparator={getLang() === 'en' ? '.' : ','} size="small" defaultValue={r.targetPct ?? undefined} onChange={(v) => setDrafts((d) => ({ ...d, [r.unitId]: v }))} />
                  <Button size="small" onClick={() => void save(r)}>
                    {t('reports.target.set')}
                  </Button>
                </Flex>
              ) : (
                pct(r.targetPct)
              ),
          },
          { title: t('reports.target.gap'), dataIndex: 'gapPct', align: 'right', render: (v: number | null) => (v === null ? '–' : `${v > 0 ? '+' : ''}${formatNumber(v)}`) },
        ]}
      />
    </Flex>
  );
}
