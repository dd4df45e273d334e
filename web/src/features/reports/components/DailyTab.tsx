import { App, Button, Flex, Table } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { dailyFileUrl, listDaily, runDaily, type DailyItem } from '../api/reports.js';

/** The daily quick reports produced at 16:00 (or on demand), each downloadable as Excel and PDF. */
export function DailyTab({ canManage }: { canManage: boolean }) {
  const { message } = App.useApp();
  const list = useAsync(listDaily, []);
  return (
    <Flex vertical gap={12}>
      {canManage ? (
        <Flex>
          <Button
            type="primary"
            onClick={async () => {
              try {
                const r = await runDaily();
                message.success(t('reports.daily.ran', { produced: r.produced, emailed: r.emailed }));
                list.reload();
              } catch (err) {
                message.error(err instanceof Error ? err.message : String(err));
              }
            }}
          >
            {t('reports.daily.run')}
          </Button>
        </Flex>
      ) : null}
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
