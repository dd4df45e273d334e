import { useState } from 'react';
import { Alert, Flex, Table, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatNumber } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { getStepTimes, type StepTimes } from '../api/reports.js';
import { RangeBar } from './RangeBar.js';
import { presetRange, type Range } from './report-range.js';

type Row = StepTimes['rows'][number];
const hours = (minutes: number) => t('steps.hours', { n: formatNumber(minutes / 60, 1) });

/** Time spent in each step, by unit and officer, in working hours (from the ledger's events). */
export function StepTimesTab({ unitId }: { unitId: string }) {
  const [range, setRange] = useState<Range>(presetRange('month'));
  const report = useAsync(() => getStepTimes({ unitId, ...range }), [unitId, range.from, range.to]);
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ fontSize: 18, margin: 0 }}>
        {t('steps.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>{t('steps.intro')}</Typography.Paragraph>
      <RangeBar value={range} onChange={setRange} />
      {report.error ? <ErrorAlert error={report.error} /> : null}
      {report.data?.truncated ? <Alert type="warning" showIcon message={t('steps.truncated')} /> : null}
      <Table<Row>
        size="small"
        bordered
        loading={report.loading}
        rowKey={(r) => `${r.unitId}:${r.stepName}:${r.officerId ?? ''}`}
        dataSource={report.data?.rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        // The step's name wraps, so the hours (what the table is for) stay on screen at 1366 px; narrower, it scrolls.
        scroll={{ x: 960 }}
        locale={{ emptyText: t('steps.none') }}
        columns={[
          { title: t('steps.unit'), dataIndex: 'unitName', width: 160 },
          { title: t('steps.step'), dataIndex: 'stepName' },
          { title: t('steps.officer'), width: 150, render: (_v, r) => r.officerName ?? <span className="muted">{t('steps.unassigned')}</span> },
          { title: t('steps.dossiers'), dataIndex: 'dossiers', align: 'right', width: 90 },
          { title: t('steps.stints'), dataIndex: 'stints', align: 'right', width: 80 },
          { title: t('steps.total'), align: 'right', width: 110, render: (_v, r) => hours(r.workingMinutes) },
          { title: t('steps.average'), align: 'right', width: 110, render: (_v, r) => hours(r.averageWorkingMinutes) },
          { title: t('steps.max'), align: 'right', width: 110, render: (_v, r) => hours(r.maxWorkingMinutes) },
        ]}
      />
    </Flex>
  );
}
