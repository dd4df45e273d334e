import { App, Button, Form, Input, Select, Table } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { errorText } from '../../../lib/api-client.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { addMember, listMembers, removeMember, type Member } from '../api/portal.js';

/** Editors and reviewers of a site, named by whoever manages the unit. */
export function MembersPanel({ unitId }: { unitId: string }) {
  const state = useAsync(() => listMembers(unitId), [unitId]);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ username: string; role: 'editor' | 'reviewer' }>();
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      state.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <>
      <ErrorAlert error={state.error} />
      <Form noValidate form={form} layout="inline" initialValues={{ role: 'editor' }} onFinish={(v) => void run(() => addMember(unitId, v.username, v.role).then(() => form.resetFields(['username'])))} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="username" label={t('portal.m.username')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('portal.m.role')}>
          <Select style={{ width: 180 }} options={[{ value: 'editor', label: t('portal.m.editor') }, { value: 'reviewer', label: t('portal.m.reviewer') }]} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('portal.m.add')}
        </Button>
      </Form>
      <Table<Member>
        rowKey={(m) => `${m.userId}-${m.role}`}
        dataSource={state.data ?? []}
        loading={state.loading}
        pagination={false}
        columns={[
          { title: t('portal.s.leaderName'), dataIndex: 'fullName' },
          { title: t('portal.m.username'), dataIndex: 'username' },
          { title: t('portal.m.role'), dataIndex: 'role', render: (r: 'editor' | 'reviewer') => t(`portal.m.${r}`) },
          { title: t('common.actions'), render: (_v, m) => <Button onClick={() => void run(() => removeMember(unitId, m.userId, m.role))}>{t('portal.m.remove')}</Button> },
        ]}
      />
    </>
  );
}
