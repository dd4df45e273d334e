import { App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { Open311ClientsCard } from '../../feedback/components/Open311ClientsCard.js';
import { errorText } from '../../../lib/api-client.js';
import { DATE_TIME_PICKER_FORMAT, formatDueTime, instantOfPicker, nowVnWallClock, pickerValueOf } from '../../../lib/format.js';
import { getLang, t } from '../../../lib/i18n.js';
import { useAsync } from '../../../lib/use-async.js';
import { createSubscription, disableSubscription, listDeliveries, listEventTypes, listSubscriptions, replayDelivery, replaySince, type Delivery, type EventType, type NewSubscription, type Subscription } from '../api/webhooks.js';

type Props = { managedUnits: { unitId: string; unitName: string }[] };
type FormValues = NewSubscription;

const statusColor = { pending: 'gold', delivered: 'green', failed: 'red' } as const;

/** Webhooks of the units the administrator manages: subscriptions, a new one (secret shown once), the delivery log, "Gửi lại". */
export function WebhooksPage({ managedUnits }: Props) {
  const { message } = App.useApp();
  const subs = useAsync(listSubscriptions, []);
  const types = useAsync(listEventTypes, []);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [selected, setSelected] = useState<Subscription | null>(null);
  const [form] = Form.useForm<FormValues>();
  const label = (type: string) => {
    const e = types.data?.find((x) => x.type === type);
    return e ? (getLang() === 'en' ? e.en : e.vi) : type;
  };

  const submit = async (v: FormValues) => {
    try {
      const r = await createSubscription(v);
      message.success(t('wh.created'));
      setCreating(false);
      form.resetFields();
      setSecret(r.secret);
      subs.reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const disable = async (s: Subscription) => {
    try {
      await disableSubscription(s.id);
      message.success(t('wh.disabled'));
      subs.reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 22 }}>
        {t('wh.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('wh.intro')}</Typography.Paragraph>
      <Card
        size="small"
        className="detail-card"
        title={<h3 className="section-title">{t('wh.subscriptions')}</h3>}
        extra={
          <Button type="primary" onClick={() => setCreating(true)} disabled={managedUnits.length === 0}>
            {t('wh.create')}
          </Button>
        }
      >
        {subs.error ? <ErrorAlert error={subs.error} /> : null}
        <Table<Subscription>
          rowKey="id"
          size="small"
          loading={subs.loading}
          dataSource={subs.data ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('wh.none') }}
          columns={[
            { title: t('wh.name'), dataIndex: 'name' },
            { title: t('wh.unit'), dataIndex: 'unitName' },
            { title: t('wh.url'), render: (_v, s) => <Typography.Text style={{ maxWidth: 220 }} ellipsis={{ tooltip: s.url }}>{s.url}</Typography.Text> },
            {
              title: t('wh.events'),
              render: (_v, s) => {
                const text = s.eventTypes.map(label).join(', ');
                return <Typography.Text style={{ maxWidth: 240 }} ellipsis={{ tooltip: text }}>{text}</Typography.Text>;
              },
            },
            { title: t('wh.status'), render: (_v, s) => <Tag color={s.active ? 'green' : 'default'}>{s.active ? t('wh.active') : t('wh.inactive')}</Tag> },
            { title: t('wh.log'), render: (_v, s) => t('wh.counts', { delivered: s.delivered, pending: s.pending, failed: s.failed }) },
            {
              title: t('common.actions'),
              // Kept in view at the table's right edge: on a 1366 px screen the wide columns would push "Tắt" out of sight.
              fixed: 'right',
              render: (_v, s) => (
                <Space>
                  <Button size="small" onClick={() => setSelected(s)} aria-label={`${t('wh.log')} ${s.name}`}>
                    {t('wh.log')}
                  </Button>
                  {s.active ? (
                    <Button size="small" danger onClick={() => void disable(s)}>
                      {t('wh.disable')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {selected ? <DeliveryLog key={selected.id} subscription={selected} label={label} onChanged={subs.reload} /> : null}
      <Open311ClientsCard managedUnits={managedUnits} />

      <Modal open={creating} title={t('wh.createTitle')} okText={t('wh.create')} cancelText={t('common.cancel')} onCancel={() => setCreating(false)} onOk={() => form.submit()} width={720} destroyOnHidden>
        <Form<FormValues> noValidate form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ unitId: managedUnits[0]?.unitId, eventTypes: ['accept', 'forward', 'approve', 'return_result'] }}>
          <Form.Item name="unitId" label={t('wh.unit')} rules={[{ required: true, message: t('wh.required') }]}>
            <Select options={managedUnits.map((u) => ({ value: u.unitId, label: u.unitName }))} />
          </Form.Item>
          <Form.Item name="name" label={t('wh.name')} rules={[{ required: true, message: t('wh.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="url" label={t('wh.url')} extra={t('wh.urlHint')} rules={[{ required: true, message: t('wh.required') }]}>
            <Input maxLength={2000} placeholder="https://" />
          </Form.Item>
          <Form.Item name="eventTypes" label={t('wh.events')} rules={[{ required: true, message: t('wh.required') }]}>
            <Checkbox.Group style={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 4 }} options={(types.data ?? []).map((e: EventType) => ({ value: e.type, label: getLang() === 'en' ? e.en : e.vi }))} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={secret !== null} title={t('wh.secretTitle')} onCancel={() => setSecret(null)} footer={<Button type="primary" onClick={() => setSecret(null)}>{t('common.close')}</Button>}>
        <Typography.Paragraph>{t('wh.secretHint')}</Typography.Paragraph>
        <Typography.Paragraph code copyable data-testid="webhook-secret">
          {secret}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}

/** Today's 00:00 in Vietnam, as an instant: where "resend all from" starts. */
function vnWallClockToStartOfDay(): string {
  return `${nowVnWallClock().slice(0, 10)}T00:00:00+07:00`;
}

/** The last attempt's answer: what went wrong in plain Vietnamese first, the raw HTTP status or error text below it. */
function LastAnswer({ delivery: d }: { delivery: Delivery }) {
  if (!d.lastErrorKind) return d.lastStatus !== null ? `HTTP ${d.lastStatus}` : null;
  const detail = d.lastStatus !== null ? `HTTP ${d.lastStatus}` : (d.lastError ?? '');
  return (
    <Flex vertical style={{ maxWidth: 320, whiteSpace: 'normal' }}>
      <span>{t(`wh.err.${d.lastErrorKind}`)}</span>
      {detail ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('wh.errDetail', { detail })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** The delivery log of one subscription, newest first, with "Gửi lại" per delivery and "resend all from a time". */
function DeliveryLog({ subscription, label, onChanged }: { subscription: Subscription; label: (type: string) => string; onChanged: () => void }) {
  const { message } = App.useApp();
  const log = useAsync(() => listDeliveries(subscription.id), [subscription.id]);
  const [from, setFrom] = useState<Dayjs | null>(() => pickerValueOf(vnWallClockToStartOfDay()));
  const resend = async (d: Delivery) => {
    try {
      await replayDelivery(d.id);
      message.success(t('wh.resent'));
      log.reload();
      onChanged();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const resendAll = async () => {
    try {
      if (!from) return;
      const r = await replaySince(subscription.id, instantOfPicker(from));
      message.success(t('wh.replayed', { count: r.queued }));
      log.reload();
      onChanged();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Card
      size="small"
      className="detail-card"
      style={{ marginTop: 16 }}
      title={<h3 className="section-title">{t('wh.logOf', { name: subscription.name })}</h3>}
      extra={
        subscription.active ? (
          <Flex gap={8} align="center">
            <label htmlFor="wh-from">{t('wh.replayFrom')}</label>
            <DatePicker id="wh-from" showTime={{ format: 'HH:mm' }} needConfirm={false} format={DATE_TIME_PICKER_FORMAT} value={from} onChange={setFrom} style={{ width: 180 }} />
            <Button onClick={() => void resendAll()} disabled={!from}>
              {t('wh.replayFromButton')}
            </Button>
          </Flex>
        ) : null
      }
    >
      {log.error ? <ErrorAlert error={log.error} /> : null}
      <Table<Delivery>
        rowKey="id"
        size="small"
        loading={log.loading}
        dataSource={log.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('wh.noDelivery') }}
        columns={[
          { title: t('wh.createdAt'), render: (_v, d) => formatDueTime(String(d.createdAt)) },
          { title: t('wh.event'), render: (_v, d) => (d.replayOf ? `${label(d.eventType)} (${t('wh.replayOf')})` : label(d.eventType)) },
          { title: t('wh.dossier'), render: (_v, d) => d.dossierCode ?? '—' },
          { title: t('wh.status'), render: (_v, d) => <Tag color={statusColor[d.status]}>{t(`wh.status.${d.status}`)}</Tag> },
          { title: t('wh.attempts'), dataIndex: 'attempts' },
          { title: t('wh.lastAnswer'), render: (_v, d) => <LastAnswer delivery={d} /> },
          {
            title: '',
            render: (_v, d) =>
              subscription.active ? (
                <Button size="small" onClick={() => void resend(d)}>
                  {t('wh.resend')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
