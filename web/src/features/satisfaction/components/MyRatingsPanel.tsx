import { useState } from 'react';
import { DatePicker, Flex, Statistic, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatDate, formatNumber, todayVn } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { getMyRatings, type MyRating } from '../api/get-my-ratings.js';

const oneDecimal = (n: number | null) => (n === null ? '—' : formatNumber(n, 1, 1));
const scoreColor: Record<number, string> = { 2: 'green', 1: 'blue', 0: 'red' };

/**
 * "Đánh giá về tôi": the citizens' ratings about the signed-in desk officer (the dossiers they received or returned):
 * each dossier's code, the day, the officer score and the nine indicators' total, the comment; and the averages.
 */
export function MyRatingsPanel({ dossierPath }: { dossierPath: (id: string) => string }) {
  const [from, setFrom] = useState<Dayjs>(() => dayjs(todayVn()).subtract(3, 'month').startOf('month'));
  const [to, setTo] = useState<Dayjs>(() => dayjs(todayVn()));
  const view = useAsync(() => getMyRatings({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') }), [from.valueOf(), to.valueOf()]);
  return (
    <>
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        <span>{t('sat.period')}</span>
        <DatePicker aria-label={t('sat.from')} placeholder={t('sat.from')} format="DD/MM/YYYY" allowClear={false} value={from} disabledDate={(d) => d.isAfter(to, 'day') || d.isBefore(to.subtract(1, 'year'), 'day')} onChange={(d) => d && setFrom(d)} />
        <DatePicker aria-label={t('sat.to')} placeholder={t('sat.to')} format="DD/MM/YYYY" allowClear={false} value={to} disabledDate={(d) => d.isBefore(from, 'day') || d.isAfter(from.add(1, 'year'), 'day')} onChange={(d) => d && setTo(d)} />
      </Flex>
      <ErrorAlert error={view.error} />
      <Flex gap={32} wrap style={{ marginBottom: 16 }}>
        <Statistic title={t('mine.count')} value={view.data?.count ?? '—'} loading={view.loading} />
        <Statistic title={t('mine.officerAverage')} value={view.data ? oneDecimal(view.data.officerScoreAverage) : '—'} loading={view.loading} />
        <Statistic title={t('mine.totalAverage')} value={view.data ? oneDecimal(view.data.totalAverage) : '—'} loading={view.loading} />
      </Flex>
      <Table<MyRating>
        size="small"
        rowKey={(r) => `${r.dossierId}-${r.channel}`}
        loading={view.loading}
        dataSource={view.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('mine.none') }}
        scroll={{ x: 900 }}
        tableLayout="fixed"
        columns={[
          { title: t('mine.day'), width: 110, render: (_v, r) => formatDate(r.day) },
          { title: t('mine.dossier'), width: 230, render: (_v, r) => <a href={dossierPath(r.dossierId)}>{r.dossierCode}</a> },
          { title: t('mine.procedure'), dataIndex: 'procedureName', ellipsis: true },
          {
            title: t('mine.officerScore'),
            width: 160,
            render: (_v, r) => (r.officerScore === null ? t('mine.notRated') : <Tag color={scoreColor[r.officerScore]}>{t(`mine.score.${r.officerScore as 0 | 1 | 2}`)}</Tag>),
          },
          { title: t('mine.total'), width: 110, align: 'right', render: (_v, r) => `${r.total}/18` },
          { title: t('mine.comment'), width: 240, render: (_v, r) => r.comment ?? '' },
          { title: t('mine.channel'), width: 120, render: (_v, r) => (r.channel === 'kiosk' ? t('sat.kiosk') : t('sat.portal')) },
        ]}
      />
    </>
  );
}
