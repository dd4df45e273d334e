import { App, Button, List, Space, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { errorText } from '../../../lib/api-client.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { listComments, moderateComment } from '../api/portal.js';
import { formatDueTime } from '../../../lib/format.js';

/** Comments wait here until a reviewer of the site approves or rejects them. */
export function CommentsPanel({ unitId }: { unitId: string }) {
  const state = useAsync(() => listComments(unitId), [unitId]);
  const { message } = App.useApp();
  const decide = async (id: string, decision: 'approved' | 'rejected') => {
    try {
      await moderateComment(id, decision);
      state.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      <ErrorAlert error={state.error} />
      <List
        loading={state.loading}
        dataSource={state.data ?? []}
        locale={{ emptyText: t('portal.noComments') }}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Button key="a" type="primary" onClick={() => void decide(c.id, 'approved')}>
                {t('portal.approveComment')}
              </Button>,
              <Button key="r" danger onClick={() => void decide(c.id, 'rejected')}>
                {t('portal.rejectComment')}
              </Button>,
            ]}
          >
            <Space direction="vertical" size={0}>
              <Typography.Text strong>
                {c.authorName} — {c.articleTitle}
              </Typography.Text>
              <Typography.Text type="secondary">{formatDueTime(c.createdAt)}</Typography.Text>
              <Typography.Paragraph style={{ margin: 0 }}>{c.body}</Typography.Paragraph>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
