import { useState } from 'react';
import { App, Button, Card, Flex, Table } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatDate, formatDateTime, formatDueTime, formatNumber } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { dailyFileUrl, getDaily, listDaily, runDaily, type DailyData, type DailyFigures, type DailyItem } from '../api/reports.js';

const figureKeys = ['receivedDesk', 'receivedOnline', 'receivedPostal', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'openOnTime', 'openOverdue', 'returnedByPost', 'paidOnline', 'apologies', 'apologiesLate'] as const satisfies readonly (keyof DailyFigures)[];
type FigureRow = { key: string; name: string; depth: number; figures: DailyFigures };

/** A stored daily report on screen: the unit's figures, then each unit below it (rolled up). */
function DailyView({ data }: { data: DailyData }) {
  const rows: FigureRow[] = [{ key: 'total', name: data.unitName, depth: -1, figures: data.total }, ...data.rows.map((r, i) => ({ key: String(i), ...r }))];
  return (
    <Card size="small" title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('reports.daily.title', { day: formatDate(data.day), unit: data.unitName })}</h3>} extra={<span className="muted">{t('reports.daily.at', { at: formatDueTime(data.at) })}</span>} data-testid="daily-view">
      <Table<FigureRow>
        size="small"
        bordered
        pagination={false}
        scroll={{ x: true }}
        dataSource={rows}
        columns={[
          { title: t('reports.unit'), key: 'name', render: (_, r) => <span style={{ paddingLeft: Math.max(0, r.depth + 1) * 16, fontWeight: r.depth < 0 ? 600 : undefined }}>{r.name}</span> },
          ...figureKeys.map((k) => ({ title: t(`reports.daily.col.${k}`), key: k, align: 'right' as const, render: (_: unknown, r: FigureRow) => formatNumber(r.figures[k]) })),
        ]}
      />
    </Card>
  );
}

/** The daily quick reports produced at 16:00 (or now, "Lập ngay"), each shown on screen and downloadable as Excel and PDF. */
export function DailyTab({ unitId, unitName, canManage }: { unitId: string; unitName: string; canManage: boolean }) {
  const { message } = App.useApp();
  const list = useAsync(listDaily, []);
  const [shownId, setShownId] = useState<string | null>(null);
  const shown = useAsync(() => (shownId ? getDaily(shownId) : Promise.resolve(null)), [shownId]);
  const [running, setRunning] = useState(false);
  return (
    <Flex vertical gap={12}>
      {canManage ? (
        <Flex gap={12} align="center">
          <Button
            type="primary"
            loading={running}
            onClick={async () => {
              setRunning(true);
              try {
                const r = await runDaily(unitId);
                message.success(t('reports.daily.ran', { produced: r.produced, emailed: r.emailed }));
                list.reload();
                setShownId(r.reports[0]?.id ?? null);
              } catch (err) {
                message.error(err instanceof Error ? err.message : String(err));
              } finally {
                setRunning(false);
              }
            }}
          >
            {t('reports.daily.run')}
          </Button>
          <span className="muted">{t('reports.daily.runHint', { unit: unitName })}</span>
        </Flex>
      ) : null}
      {shown.error ? <ErrorAlert error={shown.error} /> : null}
      {shown.data ? <DailyView data={shown.data} /> : null}
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<DailyItem>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('reports.daily.day'), dataIndex: 'day', render: (d: string) => formatDate(d) },
          { title: t('reports.unit'), dataIndex: 'unitName' },
          { title: t('reports.daily.producedAt'), dataIndex: 'producedAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('common.actions'),
            key: 'files',
            render: (_, r) => (
              <Flex gap={8}>
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setShownId(r.id)}>
                  {t('reports.daily.view')}
                </Button>
                <a href={dailyFileUrl(r.id, 'xlsx')} download>
                  {t('reports.download.xlsx')}
                </a>
                <a href={dailyFileUrl(r.id, 'pdf')} download>
                  {t('reports.download.pdf')}
                </a>
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
