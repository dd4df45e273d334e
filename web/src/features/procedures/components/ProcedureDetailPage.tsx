import { useState } from 'react';
import { Alert, App, Button, Popconfirm, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { formatDate } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { statusColor, statusLabel, versionStatusText } from '../../../lib/labels.js';
import { navigate } from '../../../lib/router.js';
import { useAsync } from '../../../lib/use-async.js';
import { getProcedure } from '../api/get-procedure.js';
import { getProcedureVersion } from '../api/get-procedure-version.js';
import { discardRevision } from '../api/discard-revision.js';
import { startRevision } from '../api/start-revision.js';
import { AbolishModal } from './AbolishModal.js';
import { ProcedureContentView } from './ProcedureContentView.js';
import { PublishModal } from './PublishModal.js';

type Props = { id: string; editPath: (id: string) => string; listPath: string };

/** One procedure for staff: the version in force, the draft, every version, and the actions its status allows. */
export function ProcedureDetailPage({ id, editPath, listPath }: Props) {
  const detail = useAsync(() => getProcedure(id), [id]);
  const d = detail.data;
  const draftId = d?.draftVersionId && d.draftVersionId !== d.current.id ? d.draftVersionId : null;
  const draft = useAsync(() => (draftId ? getProcedureVersion(id, draftId) : Promise.resolve(null)), [id, draftId]);
  const [modal, setModal] = useState<'publish' | 'abolish' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { message } = App.useApp();

  if (!d) {
    return (
      <>
        <ErrorAlert error={detail.error} />
        {detail.error ? <Button onClick={() => navigate(listPath)}>{t('common.back')}</Button> : <Skeleton active paragraph={{ rows: 10 }} />}
      </>
    );
  }

  const can = (action: string) => d.allowedActions.includes(action);
  const handleRevision = async () => {
    setError(null);
    try {
      await startRevision(id);
      message.success(t('proc.revisionStarted'));
      navigate(editPath(id));
    } catch (err) {
      setError(err);
    }
  };
  const handleDiscard = async () => {
    setError(null);
    try {
      await discardRevision(id);
      message.success(t('proc.revisionDiscarded'));
      detail.reload();
    } catch (err) {
      setError(err);
    }
  };
  const handleDone = () => {
    setModal(null);
    detail.reload();
  };

  const content = d.current.content;
  // A version published for a later date: said so in the heading, not "in force" (issue 15). A first publication whose
  // date has not come is itself the version shown (the server's `upcoming` is then null). The server's clock decides.
  const currentNotYet = d.current.status === 'upcoming';
  const upcoming = d.upcoming ?? (currentNotYet ? d.current : null);
  const tabs = [
    {
      key: 'current',
      label:
        d.status === 'draft'
          ? t('proc.tabDraft')
          : currentNotYet
            ? t('proc.tabUpcoming', { no: d.current.versionNo, date: formatDate(d.current.effectiveFrom) })
            : t('proc.tabCurrent', { no: d.current.versionNo }),
      children: <ProcedureContentView content={content} ownerUnitId={d.ownerUnitId} />,
    },
    // The server gives the version in force as `current` and a later one apart (issue 15): each in its own tab.
    ...(d.upcoming
      ? [
          {
            key: 'upcoming',
            label: t('proc.tabUpcoming', { no: d.upcoming.versionNo, date: formatDate(d.upcoming.effectiveFrom) }),
            children: <ProcedureContentView content={d.upcoming.content} ownerUnitId={d.ownerUnitId} />,
          },
        ]
      : []),
    ...(draftId
      ? [
          {
            key: 'draft',
            label: t('proc.tabDraft'),
            children: draft.data ? <ProcedureContentView content={draft.data.content} ownerUnitId={d.ownerUnitId} /> : <Skeleton active />,
          },
        ]
      : []),
    {
      key: 'versions',
      label: t('proc.tabVersions', { n: d.versions.length }),
      children: (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={d.versions}
          scroll={{ x: 700 }}
          columns={[
            { title: t('proc.versionNo'), dataIndex: 'versionNo', width: 90 },
            { title: t('proc.versionState'), render: (_v, v) => versionStatusText(v) },
            { title: t('proc.decisionNo'), render: (_v, v) => v.decisionNo ?? '' },
            { title: t('proc.decisionDate'), render: (_v, v) => formatDate(v.decisionDate) },
            { title: t('proc.effectiveFrom'), render: (_v, v) => formatDate(v.effectiveFrom) },
            { title: t('proc.effectiveTo'), render: (_v, v) => formatDate(v.effectiveTo) },
          ]}
        />
      ),
    },
  ];


  return (
    <>
      <Typography.Text type="secondary">
        <a
          href={listPath}
          onClick={(e) => {
            e.preventDefault();
            navigate(listPath);
          }}
        >
          ← {t('proc.title')}
        </a>
      </Typography.Text>
      <PageTitle
        title={
          <>
            {content.name} <Tag color={statusColor[d.status]}>{statusLabel(d.status)}</Tag>
          </>
        }
        extra={
          <>
            {can('edit_draft') ? <Button onClick={() => navigate(editPath(id))}>{t('proc.editDraft')}</Button> : null}
            {/* One click: a revision is a draft nobody else sees, undone with "Bỏ bản sửa đổi" (Nghị định 224/2026/NĐ-CP Điều 23). */}
            {can('start_revision') ? <Button onClick={() => void handleRevision()}>{t('proc.startRevision')}</Button> : null}
            {can('discard_draft') ? (
              // Dropping the draft loses its edits, which cannot be undone: this one is confirmed.
              <Popconfirm title={t('proc.discardConfirm')} okText={t('proc.discardRevision')} cancelText={t('common.cancel')} onConfirm={handleDiscard}>
                <Button>{t('proc.discardRevision')}</Button>
              </Popconfirm>
            ) : null}
            {can('publish') ? (
              <Button type="primary" onClick={() => setModal('publish')}>
                {t('proc.publish')}
              </Button>
            ) : null}
            {can('abolish') ? (
              <Button danger onClick={() => setModal('abolish')}>
                {t('proc.abolish')}
              </Button>
            ) : null}
          </>
        }
      />
      <p className="muted">
        {t('proc.code')}: <strong>{d.code}</strong> · {t('proc.ownerUnit')}: {d.ownerUnitName}
        {d.status === 'published' ? ` · ${d.acceptsDossiersToday ? t('proc.acceptsToday') : t('proc.notAcceptingToday')}` : ''}
        {upcoming ? ` · ${versionStatusText(upcoming)}` : ''}
      </p>
      {d.status === 'abolished' ? <Alert type="warning" showIcon title={t('proc.abolishedInfo', { date: formatDate(d.abolishedOn), decision: d.abolishDecision ?? '' })} style={{ marginBottom: 16 }} /> : null}
      {draftId ? <Alert type="info" showIcon title={t('proc.hasDraft')} style={{ marginBottom: 16 }} /> : null}
      <ErrorAlert error={error ?? draft.error} />
      <Tabs items={tabs} />
      <PublishModal procedureId={id} open={modal === 'publish'} onClose={() => setModal(null)} onDone={handleDone} />
      <AbolishModal procedureId={id} open={modal === 'abolish'} onClose={() => setModal(null)} onDone={handleDone} />
    </>
  );
}
