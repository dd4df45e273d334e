import { useState } from 'react';
import { Flex, Segmented, Table } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { getPeriodReport, periodFileUrl, type PeriodReport } from '../api/reports.js';
import { RangeBar } from './RangeBar.js';
import { presetRange, type Range } from './report-range.js';

type Row = PeriodReport['rows'][number] & { key: string };
const cols = [
  ['total', '(3)'], ['online', '(4)'], ['deskPostal', '(5)'], ['carriedOver', '(6)'], ['resolved', '(7)'], ['early', '(8)'], ['onTime', '(9)'],
  ['late', '(10)'], ['open', '(11)'], ['openOnTime', '(12)'], ['openOverdue', '(13)'],
] as const;

/** Biểu số 06/VPCP/KSTT for a month, quarter, year or any range, by sub-unit or by procedure, with Excel and PDF. */
export function PeriodTab({ unitId }: { unitId: string }) {
  const [range, setRange] = useState<Range>(presetRange('quarter'));
  const [by, setBy] = useState<'unit' | 'procedure'>('unit');
  const query = { unitId, ...range, by };
  const report = useAsync(() => getPeriodReport(query), [unitId, range.from, range.to, by]);
  const rows: Row[] = (report.data?.rows ?? []).map((r, i) => ({ ...r, key: String(i) }));
  if (report.data) rows.push({ key: 'total', label: 'Tổng cộng', group: null, values: report.data.total });
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <RangeBar value={range} onChange={setRange} />
        <Segmented<'unit' | 'procedure'>
          value={by}
          onChange={setBy}
          options={[
            { value: 'unit', label: t('reports.period.byUnit') },
            { value: 'procedure', label: t('reports.period.byProcedure') },
          ]}
        />
        <a href={periodFileUrl(query, 'xlsx')} download>
          {t('reports.download.xlsx')}
        </a>
        <a href={periodFileUrl(query, 'pdf')} download>
          {t('reports.download.pdf')}
        </a>
      </Flex>
      {report.error ? <ErrorAlert error={report.error} /> : null}
      <Table<Row>
        size="small"
        bordered
        loading={report.loading}
        pagination={false}
        scroll={{ x: true }}
        dataSource={rows}
        columns={[
          { title: '(2)', key: 'label', render: (_, r) => (r.group ? `${r.label} — ${r.group}` : r.label) },
          ...cols.map(([k, title]) => ({ title, key: k, align: 'right' as const, render: (_: unknown, r: Row) => r.values[k] ?? '–' })),
        ]}
      />
    </Flex>
  );
}
