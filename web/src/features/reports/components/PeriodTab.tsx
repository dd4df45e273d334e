import { useState } from 'react';
import { Flex, Segmented, Table } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatNumber } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import type { MessageKey } from '../../../lib/messages.vi.js';
import { useAsync } from '../../../lib/use-async.js';
import { getPeriodReport, periodFileUrl, type PeriodReport } from '../api/reports.js';
import { Group5Card } from './Group5Card.js';
import { RangeBar } from './RangeBar.js';
import { presetRange, type Range } from './report-range.js';

type Row = PeriodReport['rows'][number] & { key: string };
type Key = keyof PeriodReport['total'];

/** The column groups and names of Biểu số 06/VPCP/KSTT as printed (Thông tư 01/2020/TT-VPCP), with the printed numbers. */
const groups: { title: MessageKey; cols: [Key, MessageKey, number][] }[] = [
  { title: 'reports.f06.received', cols: [['total', 'reports.f06.total', 3], ['online', 'reports.f06.online', 4], ['deskPostal', 'reports.f06.deskPostal', 5], ['carriedOver', 'reports.f06.carriedOver', 6]] },
  { title: 'reports.f06.resolved', cols: [['resolved', 'reports.f06.total', 7], ['early', 'reports.f06.early', 8], ['onTime', 'reports.f06.onTime', 9], ['late', 'reports.f06.late', 10]] },
  { title: 'reports.f06.open', cols: [['open', 'reports.f06.total', 11], ['openOnTime', 'reports.f06.openOnTime', 12], ['openOverdue', 'reports.f06.openOverdue', 13]] },
];

function head(name: string, n: number) {
  return (
    <>
      {name} <span className="muted">({n})</span>
    </>
  );
}

/** Biểu số 06/VPCP/KSTT for a month, quarter, year or any range, by sub-unit or by procedure, with Excel and PDF. */
export function PeriodTab({ unitId }: { unitId: string }) {
  const [range, setRange] = useState<Range>(presetRange('quarter'));
  const [by, setBy] = useState<'unit' | 'procedure'>('unit');
  const query = { unitId, ...range, by };
  const report = useAsync(() => getPeriodReport(query), [unitId, range.from, range.to, by]);
  const rows: Row[] = (report.data?.rows ?? []).map((r, i) => ({ ...r, key: String(i) }));
  if (report.data) rows.push({ key: 'total', label: t('reports.f06.grandTotal'), group: null, values: report.data.total });
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
          { title: head(t(by === 'unit' ? 'reports.f06.label' : 'reports.f06.labelProcedure'), 2), key: 'label', render: (_, r) => (r.group ? `${r.label} — ${r.group}` : r.label) },
          ...groups.map((g) => ({
            title: t(g.title),
            key: g.title,
            children: g.cols.map(([k, name, n]) => ({
              title: head(t(name), n),
              key: k,
              align: 'right' as const,
              render: (_: unknown, r: Row) => {
                const v = r.values[k];
                return v === null || v === undefined ? '–' : formatNumber(v);
              },
            })),
          })),
        ]}
      />
      <span className="muted">{t('reports.f06.legend')}</span>
      {report.data ? <Group5Card figures={report.data.group5.total} /> : null}
    </Flex>
  );
}
