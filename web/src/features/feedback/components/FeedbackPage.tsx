import { useState } from 'react';
import { Button, Empty, Input, Select, Space, Table, Tag } from 'antd';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { useUnits } from '../../../lib/units.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { formatDateTime, formatDueTime } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { Link } from '../../../lib/router.js';
import { useAsync } from '../../../lib/use-async.js';
import { listQueue, type QueueQuery, type QueueRow } from '../api/feedback.js';
import { RecordModal, type Desk } from './RecordModal.js';
import { classificationOptions, dueColor, statusOptions } from './feedback-labels.js';

type Props = { itemPath: (id: string) => string; desks: Desk[] };

/** The officers' queue of feedback items in their units, soonest deadline first, with due soon / overdue visible. */
export function FeedbackPage({ itemPath, desks }: Props) {
  const [status, setStatus] = useState<QueueQuery['status']>();
  const [due, setDue] = useState<QueueQuery['due']>();
  const [unitId, setUnitId] = useState<string>();
  const [classification, setClassification] = useState<QueueQuery['classification']>();
  const [text, setText] = useState('');
  const [recording, setRecording] = useState(false);
  const units = useUnits();
  const q = useAsync(
    () =>
      listQueue({
        limit: 100,
        ...(status ? { status } : {}),
        ...(due ? { due } : {}),
        ...(unitId ? { unitId } : {}),
        ...(classification ? { classification } : {}),
        ...(text ? { q: text } : {}),
      }),
    [status, due, unitId, classification, text],
  );
  return (
    <>
      <PageTitle
        title={t('fb.title')}
        extra={
          desks.length > 0 ? (
            <Button type="primary" onClick={() => setRecording(true)}>
              {t('fb.record')}
            </Button>
          ) : null
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select aria-label={t('fb.filterStatus')} style={{ minWidth: 240 }} value={status ?? ''} onChange={(v) => setStatus((v || undefined) as QueueQuery['status'])} options={[{ value: '', label: t('fb.allOpen') }, ...statusOptions()]} />
        <Select
          aria-label={t('fb.filterDue')}
          style={{ minWidth: 160 }}
          value={due ?? ''}
          onChange={(v) => setDue((v || undefined) as QueueQuery['due'])}
          options={[
            { value: '', label: t('fb.filterDue') },
            { value: 'due_soon', label: t('fb.dueSoon') },
            { value: 'overdue', label: t('fb.overdue') },
          ]}
        />
        <div style={{ minWidth: 240 }}>
          <UnitSelect units={units.data ?? []} value={unitId ?? null} onChange={(v) => setUnitId(typeof v === 'string' ? v : undefined)} allowClear placeholder={t('fb.filterUnit')} aria-label={t('fb.filterUnit')} />
        </div>
        <Select
          aria-label={t('fb.filterClass')}
          style={{ minWidth: 220 }}
          value={classification ?? ''}
          onChange={(v) => setClassification((v || undefined) as QueueQuery['classification'])}
          options={[{ value: '', label: t('fb.allClasses') }, ...classificationOptions()]}
        />
        <Input.Search aria-label={t('fb.search')} placeholder={t('fb.search')} allowClear style={{ width: 320 }} onSearch={(v) => setText(v.trim())} />
      </Space>
      <ErrorAlert error={q.error} />
      <Table<QueueRow>
        rowKey="id"
        loading={q.loading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('fb.empty')} /> }}
        columns={[
          { title: t('fb.code'), dataIndex: 'code', render: (code: string, r) => <Link to={itemPath(r.id)}>{code}</Link> },
          { title: t('fb.subject'), dataIndex: 'subject' },
          { title: t('fb.unit'), dataIndex: 'unitName' },
          { title: t('fb.status'), dataIndex: 'statusLabel' },
          { title: t('fb.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('fb.due'),
            dataIndex: 'dueAt',
            render: (v: string | null, r) => (v ? <Tag color={dueColor(r.dueState)}>{formatDueTime(v)}</Tag> : '—'),
          },
        ]}
      />
      {recording ? <RecordModal desks={desks} onClose={() => setRecording(false)} onRecorded={() => q.reload()} /> : null}
    </>
  );
}
