import { Button, Table, Tag } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import { Link, navigate } from '../../../lib/router.js';
import { useAsync } from '../../../lib/use-async.js';
import { listArticles, type ArticleListItem } from '../api/portal.js';
import { formatDueTime } from '../../../lib/format.js';

export const statusColor = { draft: 'default', review: 'gold', scheduled: 'blue', published: 'green', unpublished: 'red' } as const;

export function ArticlesPanel({ unitId, articlePath, newPath }: { unitId: string; articlePath: (id: string) => string; newPath: string }) {
  const state = useAsync(() => listArticles(unitId), [unitId]);
  return (
    <>
      <Button type="primary" onClick={() => navigate(newPath)} style={{ marginBottom: 12 }}>
        {t('portal.newArticle')}
      </Button>
      <ErrorAlert error={state.error} />
      <Table<ArticleListItem>
        rowKey="id"
        loading={state.loading}
        dataSource={state.data ?? []}
        pagination={{ pageSize: 20 }}
        scroll={{ x: true }}
        columns={[
          { title: t('portal.col.title'), dataIndex: 'title', render: (v: string, a) => <Link to={articlePath(a.id)}>{v}</Link> },
          { title: t('portal.f.kind'), dataIndex: 'kind', render: (k: 'article' | 'page') => t(`portal.kind.${k}`) },
          { title: t('portal.col.status'), dataIndex: 'status', render: (s: ArticleListItem['status']) => <Tag color={statusColor[s]}>{t(`portal.status.${s}`)}</Tag> },
          { title: t('portal.col.updated'), dataIndex: 'updatedAt', render: (d: string, a) => `${formatDueTime(d)} · ${a.updatedByName}` },
          { title: t('portal.col.reads'), dataIndex: 'reads', align: 'right' },
          { title: t('portal.col.rating'), dataIndex: 'ratingAverage', render: (v: number | null, a) => (v === null ? '–' : `${v} (${a.ratingCount})`) },
        ]}
      />
    </>
  );
}
