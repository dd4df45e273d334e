import { useEffect, useState } from 'react';
import { Button, Flex, Input, Select, Table, Tag } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { t } from '../../../lib/i18n.js';
import { onlineLevelLabel, procedureLevelLabel, procedureStatuses, statusColor, statusLabel, type ProcedureStatus } from '../../../lib/labels.js';
import { Link, navigate } from '../../../lib/router.js';
import { useUnits } from '../../../lib/units.js';
import { listProcedures, type CatalogItem } from '../api/list-procedures.js';
import { ExportModal } from './ExportModal.js';
import { ImportModal } from './ImportModal.js';

const PAGE = 20;

type Props = { canManage: boolean; defaultUnitId?: string; detailPath: (id: string) => string; createPath: string };

/** The staff catalogue: every status within the officer's units, with search and a status filter. */
export function ProceduresPage({ canManage, defaultUnitId, detailPath, createPath }: Props) {
  const [status, setStatus] = useState<ProcedureStatus | 'all'>('all');
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<CatalogItem[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [modal, setModal] = useState<'import' | 'export' | null>(null);
  const units = useUnits();

  const load = async (offset = 0) => {
    setLoading(true);
    setError(null);
    try {
      const page = await listProcedures({ q: q.trim() || undefined, status: status === 'all' ? undefined : status, limit: PAGE, offset });
      setRows((prev) => (offset ? [...prev, ...page.items] : page.items));
      setHasMore(page.hasMore);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  // The status filter reloads at once; the text search runs on Enter.
  useEffect(() => {
    void load();
  }, [status]);

  return (
    <>
      <PageTitle
        title={t('proc.title')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => setModal('export')}>
              {t('proc.export')}
            </Button>
            {canManage ? (
              <>
                <Button icon={<UploadOutlined />} onClick={() => setModal('import')}>
                  {t('proc.import')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(createPath)}>
                  {t('proc.create')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search aria-label={t('proc.search')} placeholder={t('proc.search')} allowClear value={q} onChange={(e) => setQ(e.target.value)} onSearch={() => void load()} style={{ maxWidth: 420 }} />
        <Select
          aria-label={t('proc.statusFilter')}
          value={status}
          onChange={setStatus}
          style={{ width: 200 }}
          options={[{ value: 'all', label: t('proc.allStatuses') }, ...procedureStatuses.map((s) => ({ value: s, label: statusLabel(s) }))]}
        />
      </Flex>
      <ErrorAlert error={error} />
      <Table<CatalogItem>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1000 }}
        tableLayout="fixed"
        columns={[
          { title: t('proc.code'), dataIndex: 'code', width: 100 },
          { title: t('proc.name'), render: (_v, p) => <Link to={detailPath(p.id)}>{p.name}</Link> },
          { title: t('proc.field'), dataIndex: 'field', width: 140 },
          { title: t('proc.level'), width: 100, render: (_v, p) => procedureLevelLabel(p.level) },
          { title: t('proc.onlineLevel'), width: 170, render: (_v, p) => onlineLevelLabel(p.onlineLevel) },
          { title: t('proc.ownerUnit'), dataIndex: 'ownerUnitName', width: 170 },
          { title: t('proc.status'), width: 120, render: (_v, p) => <Tag color={statusColor[p.status]}>{statusLabel(p.status)}</Tag> },
        ]}
      />
      {hasMore ? (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void load(rows.length)} loading={loading}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      ) : null}
      <ImportModal open={modal === 'import'} units={units.data ?? []} defaultUnitId={defaultUnitId} onClose={() => setModal(null)} onDone={() => void load()} />
      <ExportModal open={modal === 'export'} units={units.data ?? []} defaultUnitId={defaultUnitId} onClose={() => setModal(null)} />
    </>
  );
}
