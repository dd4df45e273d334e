import { useState } from 'react';
import { DatePicker, Flex, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { formatDateTime, formatNumber, todayVn } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { useUnits, type Unit } from '../../../lib/units.js';
import { useAsync } from '../../../lib/use-async.js';
import { getSummary, type IndicatorRow, type OfficerRow, type Summary } from '../api/get-summary.js';
import { indicatorName, officerBand, officerBandColor } from './satisfaction-labels.js';

type Props = {
  /** Units where the officer may read dossiers: the summary may be asked for them and any unit below. */
  scopeUnitIds: string[];
};

/** The units in the officer's reading scope: the granted units and everything below them. */
function unitsInScope(units: readonly Unit[], roots: readonly string[]): Unit[] {
  const children = new Map<string, Unit[]>();
  for (const u of units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const c of children.get(id) ?? []) stack.push(c.id);
  }
  return units.filter((u) => seen.has(u.id));
}

const oneDecimal = (n: number | null) => (n === null ? '—' : formatNumber(n, 1, 1));

function Results({ s }: { s: Summary }) {
  return (
    <>
      <Flex gap={32} wrap style={{ marginBottom: 16 }}>
        <Statistic title={t('sat.ratings')} value={s.ratings} />
        <Statistic title={t('sat.portal')} value={s.byChannel.portal} />
        <Statistic title={t('sat.kiosk')} value={s.byChannel.kiosk} />
      </Flex>
      <h3 className="section-title view-heading">{t('sat.indicators')}</h3>
      <Table<IndicatorRow>
        size="small"
        rowKey="key"
        dataSource={s.indicators}
        pagination={false}
        scroll={{ x: 720 }}
        tableLayout="fixed"
        columns={[
          { title: t('sat.indicatorNo'), dataIndex: 'number', width: 80, align: 'center' },
          { title: t('sat.indicatorName'), render: (_v, r) => <span title={r.label}>{indicatorName(r.key)}</span> },
          { title: t('sat.count'), dataIndex: 'count', width: 100, align: 'right' },
          { title: t('sat.sum'), dataIndex: 'sum', width: 100, align: 'right' },
          { title: t('sat.average'), width: 170, align: 'right', render: (_v, r) => <strong>{oneDecimal(r.average)}</strong> },
        ]}
      />
      <h3 className="section-title view-heading">{t('sat.officers')}</h3>
      <Table<OfficerRow>
        size="small"
        rowKey="officerId"
        dataSource={s.officers}
        pagination={false}
        locale={{ emptyText: t('sat.noData') }}
        scroll={{ x: 820 }}
        tableLayout="fixed"
        columns={[
          { title: t('sat.officerName'), dataIndex: 'officerName' },
          { title: t('sat.officerRatings'), dataIndex: 'ratings', width: 120, align: 'right' },
          { title: t('sat.officerScore'), width: 190, align: 'right', render: (_v, r) => oneDecimal(r.ratings > 0 ? Math.round((r.officerScoreSum / r.ratings) * 10) / 10 : null) },
          { title: t('sat.officerTotal'), width: 170, align: 'right', render: (_v, r) => <strong>{oneDecimal(r.indicatorTotal)}</strong> },
          {
            title: t('sat.officerBand'),
            width: 180,
            render: (_v, r) => {
              const band = officerBand(r.indicatorTotal);
              return band ? <Tag color={officerBandColor[band]}>{t(`sat.band.${band}`)}</Tag> : '';
            },
          },
        ]}
      />
      <h3 className="section-title view-heading">{t('sat.comments')}</h3>
      <Table<Summary['comments'][number]>
        size="small"
        rowKey={(r) => `${r.ratedAt}-${r.dossierCode}-${r.channel}`}
        dataSource={s.comments}
        pagination={false}
        locale={{ emptyText: t('sat.noComments') }}
        scroll={{ x: 720 }}
        tableLayout="fixed"
        columns={[
          { title: t('sat.commentAt'), width: 150, render: (_v, r) => formatDateTime(r.ratedAt) },
          { title: t('sat.commentDossier'), width: 220, render: (_v, r) => <span title={r.procedureName}>{r.dossierCode}</span> },
          { title: t('sat.commentText'), dataIndex: 'comment', render: (v: string) => <Typography.Text style={{ whiteSpace: 'pre-line' }}>{v}</Typography.Text> },
        ]}
      />
    </>
  );
}

/**
 * Tổng hợp đánh giá of a unit (its subtree) over a period of Vietnam dates: ratings by channel, the average of each of
 * the nine indicators, and per desk officer the total of indicators 1, 2, 3, 4 and 7 with the completion band
 * (Thông tư 01/2018/TT-VPCP Điều 15).
 */
export function SummaryPanel({ scopeUnitIds }: Props) {
  const units = useUnits();
  const [unitId, setUnitId] = useState<string | null>(scopeUnitIds[0] ?? null);
  const [from, setFrom] = useState<Dayjs>(() => dayjs(todayVn()).startOf('month'));
  const [to, setTo] = useState<Dayjs>(() => dayjs(todayVn()));
  const summary = useAsync(
    () => (unitId ? getSummary({ unitId, from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') }) : Promise.resolve(null)),
    [unitId, from.valueOf(), to.valueOf()],
  );
  const choices = unitsInScope(units.data ?? [], scopeUnitIds);

  return (
    <>
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <label className="inline-field">
          <span>{t('sat.unit')}</span>
          <span style={{ minWidth: 300, display: 'inline-block' }}>
            <UnitSelect units={choices} loading={units.loading} value={unitId} onChange={(v) => setUnitId(typeof v === 'string' ? v : null)} aria-label={t('sat.unit')} />
          </span>
        </label>
        <Flex gap={8} align="center" role="group" aria-label={t('sat.period')}>
          <span>{t('sat.period')}</span>
          <DatePicker aria-label={t('sat.from')} placeholder={t('sat.from')} format="DD/MM/YYYY" allowClear={false} value={from} disabledDate={(d) => d.isAfter(to, 'day')} onChange={(d) => d && setFrom(d)} />
          <span aria-hidden>–</span>
          <DatePicker aria-label={t('sat.to')} placeholder={t('sat.to')} format="DD/MM/YYYY" allowClear={false} value={to} disabledDate={(d) => d.isBefore(from, 'day')} onChange={(d) => d && setTo(d)} />
        </Flex>
      </Flex>
      <ErrorAlert error={units.error ?? summary.error} />
      {!unitId ? <Typography.Paragraph className="muted">{t('sat.pickUnit')}</Typography.Paragraph> : null}
      {summary.data ? <Results s={summary.data} /> : null}
    </>
  );
}
