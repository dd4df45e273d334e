import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { errorText } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { createOpen311Client, listOpen311Clients, revokeOpen311Client, type Open311Client } from '../api/feedback.js';

type Props = { managedUnits: { unitId: string; unitName: string }[] };

/**
 * Open311 GeoReport v2 clients (third-party apps posting feedback) of the units the administrator manages: issue a key
 * (shown once), and revoke one — a leaked key or an app no longer trusted; its posts are refused from then on.
 */
export function Open311ClientsCard({ managedUnits }: Props) {
  const { message } = App.useApp();
  const list = useAsync(listOpen311Clients, []);
  const [creating, setCreating] = useState(false);
  const [apiKey, setApiKey] = useState<string | null>(null);
  const [form] = Form.useForm<{ unitId: string; name: string }>();

  const submit = async (v: { unitId: string; name: string }) => {
    try {
      const r = await createOpen311Client(v);
      setCreating(false);
      form.resetFields();
      setApiKey(r.apiKey);
      list.reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const revoke = async (c: Open311Client) => {
    try {
      await revokeOpen311Client(c.id);
      message.success(t('o311.revoked', { name: c.name }));
      list.reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Card
      size="small"
      className="detail-card"
      style={{ marginTop: 16 }}
      title={<h3 className="section-title">{t('o311.title')}</h3>}
      extra={
        <Button onClick={() => setCreating(true)} disabled={managedUnits.length === 0}>
          {t('o311.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('o311.intro')}</Typography.Paragraph>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<Open311Client>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('o311.none') }}
        columns={[
          { title: t('o311.name'), dataIndex: 'name' },
          { title: t('o311.unit'), dataIndex: 'unitName' },
          { title: t('o311.createdAt'), render: (_v, c) => formatDateTime(String(c.createdAt)) },
          {
            title: t('o311.status'),
            render: (_v, c) => (c.revokedAt ? <Tag>{t('o311.revokedAt', { at: formatDateTime(String(c.revokedAt)) })}</Tag> : <Tag color="green">{t('o311.active')}</Tag>),
          },
          {
            title: t('common.actions'),
            render: (_v, c) =>
              c.revokedAt ? null : (
                <Popconfirm title={t('o311.revokeConfirm', { name: c.name })} okText={t('o311.revoke')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => void revoke(c)}>
                  <Button size="small" danger>
                    {t('o311.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal open={creating} title={t('o311.create')} okText={t('o311.create')} cancelText={t('common.cancel')} onCancel={() => setCreating(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form noValidate form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ unitId: managedUnits[0]?.unitId }}>
          <Form.Item name="unitId" label={t('o311.unit')} rules={[{ required: true, message: t('wh.required') }]}>
            <Select options={managedUnits.map((u) => ({ value: u.unitId, label: u.unitName }))} />
          </Form.Item>
          <Form.Item name="name" label={t('o311.name')} rules={[{ required: true, min: 2, message: t('wh.required') }]}>
            <Input maxLength={120} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={apiKey !== null} title={t('o311.keyTitle')} onCancel={() => setApiKey(null)} footer={<Button type="primary" onClick={() => setApiKey(null)}>{t('common.close')}</Button>}>
        <Typography.Paragraph>{t('o311.keyHint')}</Typography.Paragraph>
        <Typography.Paragraph code copyable data-testid="open311-key">
          {apiKey}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
