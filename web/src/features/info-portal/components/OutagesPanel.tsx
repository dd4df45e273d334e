import { Alert, App, Button, DatePicker, Form, Input, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { errorText } from '../../../lib/api-client.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { announceOutage, cancelOutage, listOutages, type Outage } from '../api/portal.js';
import { formatDueTime } from '../../../lib/format.js';

/** Planned suspensions, announced at least 7 working days ahead (NĐ 224/2026 Điều 13), shown as a banner on the site. */
export function OutagesPanel({ unitId }: { unitId: string }) {
  const state = useAsync(() => listOutages(unitId), [unitId]);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ startsAt: Dayjs; endsAt: Dayjs; reason: string }>();
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
      <Alert type="info" showIcon title={t('portal.o.hint')} style={{ marginBottom: 12 }} />
      <ErrorAlert error={state.error} />
      <Form
        noValidate
        form={form}
        layout="inline"
        style={{ marginBottom: 12, rowGap: 8 }}
        onFinish={(v) => void run(() => announceOutage(unitId, { startsAt: v.startsAt.toISOString(), endsAt: v.endsAt.toISOString(), reason: v.reason }).then(() => form.resetFields()))}
      >
        <Form.Item name="startsAt" label={t('portal.o.start')} rules={[{ required: true }]}>
          <DatePicker showTime format="DD/MM/YYYY HH:mm" />
        </Form.Item>
        <Form.Item name="endsAt" label={t('portal.o.end')} rules={[{ required: true }]}>
          <DatePicker showTime format="DD/MM/YYYY HH:mm" />
        </Form.Item>
        <Form.Item name="reason" label={t('portal.o.reason')} rules={[{ required: true, min: 5 }]}>
          <Input style={{ width: 260 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('portal.o.add')}
        </Button>
      </Form>
      <Table<Outage>
        rowKey="id"
        dataSource={state.data ?? []}
        loading={state.loading}
        pagination={false}
        columns={[
          { title: t('portal.o.start'), dataIndex: 'startsAt', render: (d: string) => formatDueTime(d) },
          { title: t('portal.o.end'), dataIndex: 'endsAt', render: (d: string) => formatDueTime(d) },
          { title: t('portal.o.reason'), dataIndex: 'reason' },
          {
            title: t('common.actions'),
            render: (_v, o) => (o.cancelled ? <Tag>{t('portal.o.cancelled')}</Tag> : <Button onClick={() => void run(() => cancelOutage(o.id))}>{t('portal.o.cancel')}</Button>),
          },
        ]}
      />
    </>
  );
}
