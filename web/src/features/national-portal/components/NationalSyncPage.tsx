import { useState } from 'react';
import { Button, Card, Col, Row, Statistic, Table, Tag, Typography, App } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { errorText } from '../../../lib/api-client.js';
import { formatDueTime } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { Link } from '../../../lib/router.js';
import { useAsync } from '../../../lib/use-async.js';
import { copyStateText } from '../copy-state.js';
import { getSyncCounts, listDifferences, reconcileNow, resendDifference, type SyncDifference } from '../api/national-sync.js';

type Props = { canResend: boolean; dossierPath: (id: string) => string };

const kindColor = { missing: 'red', status: 'orange', progress: 'gold', documents: 'purple' } as const;

/** Counts of the national sync (QĐ 766 indicator 1.4): synced, waiting, failing. */
export function NationalSyncCounts() {
  const counts = useAsync(getSyncCounts, []);
  if (counts.error) return <ErrorAlert error={counts.error} />;
  const c = counts.data;
  return (
    <Card size="small" title={<h3 className="section-title">{t('dvcqg.countsTitle')}</h3>} className="detail-card" loading={counts.loading && !c}>
      <Row gutter={16}>
        <Col xs={8}>
          <Statistic title={t('dvcqg.synced')} value={c?.synced ?? 0} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('dvcqg.pending')} value={c?.pending ?? 0} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('dvcqg.failed')} value={c?.failed ?? 0} valueStyle={c?.failed ? { color: '#cf1322' } : undefined} />
        </Col>
      </Row>
      {c && !c.configured ? <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }}>{t('dvcqg.notConnected')}</Typography.Paragraph> : null}
      {c && c.configured && !c.connected ? (
        <Typography.Paragraph type="danger" style={{ marginTop: 8, marginBottom: 0 }} role="alert">
          {t('dvcqg.outage', { at: c.lastError ? formatDueTime(String(c.lastError.at)) : '—', error: c.lastError?.message ?? '—' })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** The national portal sync: counts, and each difference the reconciliation found with "Gửi lại". */
export function NationalSyncPage({ canResend, dossierPath }: Props) {
  const { message } = App.useApp();
  const list = useAsync(listDifferences, []);
  const resend = async (d: SyncDifference) => {
    try {
      await resendDifference(d.id);
      message.success(t('dvcqg.resent', { code: d.maHoSo }));
      list.reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const [reconciling, setReconciling] = useState(false);
  const reconcile = async () => {
    setReconciling(true);
    try {
      const r = await reconcileNow();
      message.success(t('dvcqg.reconciled', { checked: r.checked, day: r.day, differences: r.differences, resolved: r.resolved }));
      list.reload();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setReconciling(false);
    }
  };
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 22 }}>
        {t('dvcqg.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('dvcqg.intro')}</Typography.Paragraph>
      <NationalSyncCounts />
      <Card size="small" title={<h3 className="section-title">{t('dvcqg.differences')}</h3>}
        extra={
          canResend ? (
            <Button size="small" type="primary" loading={reconciling} onClick={() => void reconcile()}>
              {t('dvcqg.reconcileNow')}
            </Button>
          ) : null
        }
        className="detail-card"
        style={{ marginTop: 16 }}
      >
        {list.error ? <ErrorAlert error={list.error} /> : null}
        <Table<SyncDifference>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('dvcqg.noDifference') }}
          columns={[
            { title: t('dvcqg.code'), render: (_v, d) => <Link to={dossierPath(d.dossierId)}>{d.code ?? d.maHoSo}</Link> },
            { title: t('dvcqg.nationalCode'), dataIndex: 'maHoSo' },
            { title: t('dvcqg.unit'), dataIndex: 'unitName' },
            { title: t('dvcqg.day'), dataIndex: 'day' },
            { title: t('dvcqg.foundAt'), render: (_v, d) => formatDueTime(String(d.foundAt)) },
            { title: t('dvcqg.kind'), render: (_v, d) => <Tag color={kindColor[d.kind]}>{t(`dvcqg.kind.${d.kind}`)}</Tag> },
            { title: t('dvcqg.ours'), render: (_v, d) => copyStateText(d.ours) },
            { title: t('dvcqg.theirs'), render: (_v, d) => copyStateText(d.theirs) },
            {
              title: '',
              render: (_v, d) =>
                canResend ? (
                  <Button size="small" onClick={() => void resend(d)}>
                    {t('dvcqg.resend')}
                  </Button>
                ) : null,
            },
            { title: t('dvcqg.resentAt'), render: (_v, d) => (d.resentAt ? formatDueTime(String(d.resentAt)) : '') },
          ]}
        />
      </Card>
    </>
  );
}
