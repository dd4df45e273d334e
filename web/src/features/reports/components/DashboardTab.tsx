import { lazy, Suspense, useMemo, useState } from 'react';
import { Breadcrumb, Button, Card, Col, Flex, Row, Skeleton, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { getGroup5, getSummary, getTrend, type SummaryLine } from '../api/reports.js';
import { formatBucket, formatNumber, formatPercent } from '../../../lib/format.js';
import type { ChartOption } from './EChart.js';
import { Group5Card } from './Group5Card.js';
import { RangeBar } from './RangeBar.js';
import { pct, presetRange, type Range } from './report-range.js';

// ECharts (about 400 KB) loads after the figures: the headline numbers and the table show first (issue 15).
const EChart = lazy(() => import('./EChart.js').then((m) => ({ default: m.EChart })));

/** A chart, drawn once the chart bundle has arrived; its place is kept meanwhile so nothing jumps. */
function Chart(props: Parameters<typeof EChart>[0]) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 320 }} />}>
      <EChart {...props} />
    </Suspense>
  );
}

/** A rate's name with its definition (the formula and the legal source) as a tooltip. */
function RateName({ k, focusable = true }: { k: (typeof rateKeys)[number]; focusable?: boolean }) {
  // In a table header the title is copied into a hidden measuring row, where nothing may take the focus; the same
  // definitions are reachable by keyboard on the rates above the table.
  return (
    <Tooltip title={t(`reports.rateDef.${k}`)}>
      <span tabIndex={focusable ? 0 : undefined} style={{ textDecoration: 'underline dotted', cursor: 'help' }}>
        {t(`reports.${k}`)}
      </span>
    </Tooltip>
  );
}

const rateKeys = ['onlineRate', 'onlineFullRate', 'onTimeRate', 'onTimeNationalRate', 'postalIntakeRate', 'postalReturnRate', 'digitisationRate', 'onlinePaymentRate', 'satisfactionRate'] as const;

/** Dashboard of a unit: headline figures and rates, the monthly trend, the sub-units compared; drill down province → commune. */
/** Dossiers are counted whole: no "0,2" ticks on a small unit's axis; labels in the console's number format. */
const countAxis = { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v) } } as const;
/** Tooltip values in the console's number format (ECharts would print "18.4"). */
const chartValue = (v: unknown): string => (typeof v === 'number' ? formatNumber(v) : Array.isArray(v) ? v.map(chartValue).join(', ') : String(v ?? '–'));

export function DashboardTab({ rootUnitId }: { rootUnitId: string }) {
  const [unitId, setUnitId] = useState(rootUnitId);
  const [range, setRange] = useState<Range>(presetRange('year'));
  const summary = useAsync(() => getSummary({ unitId, ...range }), [unitId, range.from, range.to]);
  const trend = useAsync(() => getTrend({ unitId, ...range, by: 'month' }), [unitId, range.from, range.to]);
  const group5 = useAsync(() => getGroup5({ unitId, ...range }), [unitId, range.from, range.to]);
  const s = summary.data;
  const children = useMemo(() => (s?.children ?? []).filter((c): c is SummaryLine & { unit: NonNullable<SummaryLine['unit']> } => c.unit !== null), [s]);

  const trendOption: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: chartValue },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: (trend.data?.points ?? []).map((p) => formatBucket(p.bucket)) },
      yAxis: [countAxis, { type: 'value', max: 100, axisLabel: { formatter: (v: number) => formatPercent(v) } }],
      series: [
        { name: t('reports.received'), type: 'bar', data: (trend.data?.points ?? []).map((p) => p.received) },
        { name: t('reports.resolved'), type: 'bar', data: (trend.data?.points ?? []).map((p) => p.resolved) },
        { name: t('reports.onlineRate'), type: 'line', yAxisIndex: 1, data: (trend.data?.points ?? []).map((p) => p.onlineRate) },
        { name: t('reports.onTimeRate'), type: 'line', yAxisIndex: 1, data: (trend.data?.points ?? []).map((p) => p.onTimeRate) },
      ],
    }),
    [trend.data],
  );
  const compareOption: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: chartValue },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 80 },
      xAxis: { type: 'category', data: children.map((c) => c.unit.name), axisLabel: { rotate: 30, interval: 0 } },
      yAxis: countAxis,
      series: [
        { name: t('reports.received'), type: 'bar', data: children.map((c) => c.form06.total - c.form06.carriedOver) },
        { name: t('reports.online'), type: 'bar', data: children.map((c) => c.form06.online) },
        { name: t('reports.late'), type: 'bar', data: children.map((c) => c.form06.late) },
        { name: t('reports.openOverdue'), type: 'bar', data: children.map((c) => c.form06.openOverdue ?? 0) },
      ],
    }),
    [children],
  );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" wrap gap={8}>
        <Breadcrumb items={(s?.path ?? []).map((p) => ({ key: p.id, title: p.id === unitId ? p.name : <a onClick={() => setUnitId(p.id)}>{p.name}</a> }))} />
        <RangeBar value={range} onChange={setRange} />
      </Flex>
      {summary.error ? <ErrorAlert error={summary.error} /> : null}
      {s ? (
        <>
          <Typography.Title level={3} style={{ fontSize: 18, margin: 0 }} data-testid="report-unit">
            {s.unit.name}
          </Typography.Title>
          <Row gutter={[12, 12]}>
            {[
              [t('reports.received'), s.total.form06.total - s.total.form06.carriedOver],
              [t('reports.online'), s.total.form06.online],
              [t('reports.resolved'), s.total.form06.resolved],
              [t('reports.late'), s.total.form06.late],
              [t('reports.open'), s.total.form06.open],
              [t('reports.openOverdue'), s.total.form06.openOverdue ?? '–'],
            ].map(([title, value]) => (
              <Col key={String(title)} xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic title={<span className="report-stat-title">{title}</span>} value={value} formatter={(v) => (typeof v === 'number' ? formatNumber(v) : String(v))} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small">
            <Flex wrap gap={8}>
              {rateKeys.map((k) => (
                <Tag key={k} color="blue">
                  <RateName k={k} />: {pct(s.total.rates[k].value)}
                </Tag>
              ))}
              <Tag color="gold">{t('reports.indicators766', { points: formatNumber(s.indicators766.points), max: formatNumber(s.indicators766.maxAvailable) })}</Tag>
            </Flex>
          </Card>
          {group5.error ? <ErrorAlert error={group5.error} /> : group5.data ? <Group5Card figures={group5.data} /> : null}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('reports.trend')}>
                <Chart option={trendOption} label={t('reports.trend')} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('reports.compare')}>
                <Chart
                  option={compareOption}
                  label={t('reports.compare')}
                  onBarClick={(i) => {
                    const c = children[i];
                    if (c?.unit.hasChildren) setUnitId(c.unit.id);
                  }}
                />
              </Card>
            </Col>
          </Row>
          <Table<SummaryLine>
            size="small"
            rowKey={(r) => r.unit?.id ?? 'self'}
            loading={summary.loading}
            pagination={false}
            scroll={{ x: true }}
            dataSource={s.children}
            columns={[
              {
                title: t('reports.unit'),
                key: 'unit',
                render: (_, r) =>
                  r.unit === null ? (
                    t('reports.atUnit')
                  ) : r.unit.hasChildren ? (
                    <Button type="link" style={{ padding: 0 }} onClick={() => setUnitId(r.unit!.id)} aria-label={`${t('reports.drill')}: ${r.unit.name}`}>
                      {r.unit.name}
                    </Button>
                  ) : (
                    r.unit.name
                  ),
              },
              { title: t('reports.received'), key: 'r', align: 'right', render: (_, r) => formatNumber(r.form06.total - r.form06.carriedOver) },
              { title: t('reports.online'), key: 'o', align: 'right', render: (_, r) => formatNumber(r.form06.online) },
              { title: t('reports.resolved'), key: 'd', align: 'right', render: (_, r) => formatNumber(r.form06.resolved) },
              { title: t('reports.late'), key: 'l', align: 'right', render: (_, r) => formatNumber(r.form06.late) },
              { title: t('reports.openOverdue'), key: 'ov', align: 'right', render: (_, r) => (r.form06.openOverdue === null ? '–' : formatNumber(r.form06.openOverdue)) },
              { title: <RateName k="onlineRate" focusable={false} />, key: 'or', align: 'right', render: (_, r) => pct(r.rates.onlineRate.value) },
              { title: <RateName k="onTimeRate" focusable={false} />, key: 'tr', align: 'right', render: (_, r) => pct(r.rates.onTimeRate.value) },
            ]}
          />
        </>
      ) : null}
    </Flex>
  );
}
