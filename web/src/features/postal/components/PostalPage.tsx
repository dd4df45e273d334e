import { useState } from 'react';
import { App, Button, Flex, Table, Tabs, Tag } from 'antd';
import { MailOutlined, PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { formatDueTime } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { Link } from '../../../lib/router.js';
import { useAsync } from '../../../lib/use-async.js';
import { cancelPickup } from '../api/cancel-pickup.js';
import { listPickups, type Pickup } from '../api/list-pickups.js';
import { listShipments, type Shipment } from '../api/list-shipments.js';
import { postalFormUrl } from '../api/postal-form-url.js';
import { HandOverModal } from './HandOverModal.js';
import { PhoneRequestModal } from './PhoneRequestModal.js';
import { PickUpModal } from './PickUpModal.js';
import { ResultByPostModal } from './ResultByPostModal.js';
import { ShipmentEventModal, type ShipmentEvent } from './ShipmentEventModal.js';

type Props = { canWork: boolean; desks: { unitId: string; unitName: string }[]; dossierPath: (id: string) => string };

const pickupColor: Record<Pickup['status'], string> = { requested: 'gold', picked_up: 'blue', handed_over: 'green', cancelled: 'default' };
const shipmentColor: Record<Shipment['status'], string> = { created: 'gold', handed_over: 'blue', delivered: 'green', failed: 'red', returned: 'default' };

/**
 * Bưu chính công ích: the postal worker's pickups and deliveries in their area, and the desk's side — phone requests,
 * receiving a parcel with the signed hand-over record (the dossier is created then), results returned by the post.
 */
export function PostalPage({ canWork, desks, dossierPath }: Props) {
  const { message, modal } = App.useApp();
  const isDesk = desks.length > 0;
  const pickups = useAsync(() => listPickups(), []);
  const shipments = useAsync(() => listShipments(), []);
  const [picking, setPicking] = useState<Pickup | null>(null);
  const [handing, setHanding] = useState<Pickup | null>(null);
  const [phone, setPhone] = useState(false);
  const [byPost, setByPost] = useState(false);
  const [shipmentAction, setShipmentAction] = useState<{ shipment: Shipment; event: ShipmentEvent } | null>(null);
  const reload = () => {
    pickups.reload();
    shipments.reload();
  };

  const handleCancel = (p: Pickup) => {
    let reason = '';
    modal.confirm({
      title: t('postal.cancel'),
      content: <input aria-label={t('postal.reason')} className="ant-input" onChange={(e) => (reason = e.target.value)} />,
      onOk: async () => {
        await cancelPickup(p.id, reason || 'Người dân hủy yêu cầu');
        reload();
      },
    });
  };

  const pickupColumns = [
    { title: t('postal.code'), dataIndex: 'confirmationCode', key: 'code' },
    { title: t('postal.procedure'), dataIndex: 'procedureName', key: 'procedure' },
    { title: t('postal.applicant'), key: 'applicant', render: (_: unknown, p: Pickup) => <Flex vertical>{p.applicant.fullName}<span className="muted">{p.phone}</span></Flex> },
    { title: t('postal.address'), key: 'address', render: (_: unknown, p: Pickup) => <Flex vertical>{p.address}<span className="muted">{p.preferredTime}</span></Flex> },
    { title: t('postal.due'), key: 'due', render: (_: unknown, p: Pickup) => (p.dueAt ? <Tag color="volcano">{`${t('postal.sameDay')} ${formatDueTime(p.dueAt)}`}</Tag> : null) },
    { title: t('postal.status'), key: 'status', render: (_: unknown, p: Pickup) => <Tag color={pickupColor[p.status]}>{p.statusLabel}</Tag> },
    { title: t('postal.trackingCode'), dataIndex: 'trackingCode', key: 'tracking' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, p: Pickup) => (
        <Flex gap={4} wrap>
          {canWork && p.status === 'requested' ? <Button size="small" type="primary" onClick={() => setPicking(p)}>{t('postal.pickUp')}</Button> : null}
          {isDesk && p.status === 'picked_up' ? <Button size="small" type="primary" onClick={() => setHanding(p)}>{t('postal.handOver')}</Button> : null}
          {p.status === 'requested' || p.status === 'picked_up' ? <Button size="small" danger onClick={() => handleCancel(p)}>{t('postal.cancel')}</Button> : null}
          {p.pickedUpAt ? <a href={postalFormUrl(p.id, 'dispatch-slip')} target="_blank" rel="noreferrer">{t('postal.dispatchSlip')}</a> : null}
          {p.handedOverAt ? <a href={postalFormUrl(p.id, 'handover-record')} target="_blank" rel="noreferrer">{t('postal.handoverRecord')}</a> : null}
          {p.dossierId && isDesk ? <Link to={dossierPath(p.dossierId)}>{p.dossierCode ?? t('postal.openDossier')}</Link> : null}
        </Flex>
      ),
    },
  ];

  const action = (s: Shipment, event: ShipmentEvent, label: string, primary = false) => (
    <Button key={event} size="small" type={primary ? 'primary' : 'default'} onClick={() => setShipmentAction({ shipment: s, event })}>
      {label}
    </Button>
  );
  const shipmentColumns = [
    { title: t('postal.dossier'), key: 'dossier', render: (_: unknown, s: Shipment) => <Flex vertical>{s.dossierCode}<span className="muted">{s.procedureName}</span></Flex> },
    { title: t('postal.recipient'), key: 'recipient', render: (_: unknown, s: Shipment) => <Flex vertical>{s.recipientName}<span className="muted">{s.address} {s.phone}</span></Flex> },
    { title: t('postal.trackingCode'), dataIndex: 'trackingCode', key: 'tracking' },
    { title: t('postal.due'), key: 'due', render: (_: unknown, s: Shipment) => (s.dueAt ? <Tag color="volcano">{`${t('postal.sameDay')} ${formatDueTime(s.dueAt)}`}</Tag> : null) },
    { title: t('postal.status'), key: 'status', render: (_: unknown, s: Shipment) => <Flex vertical><Tag color={shipmentColor[s.status]}>{s.statusLabel}</Tag>{s.failReason ? <span className="muted">{s.failReason}</span> : null}</Flex> },
    { title: t('postal.attempts'), dataIndex: 'attempts', key: 'attempts' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, s: Shipment) => (
        <Flex gap={4} wrap>
          {canWork && (s.status === 'created' || s.status === 'failed') ? action(s, 'hand_over', t('postal.takeResult'), s.status === 'created') : null}
          {canWork && s.status === 'handed_over' ? action(s, 'deliver', t('postal.deliver'), true) : null}
          {canWork && s.status === 'handed_over' ? action(s, 'fail', t('postal.fail')) : null}
          {s.status === 'failed' ? action(s, 'return_to_desk', t('postal.returnToDesk')) : null}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('postal.title')}
        extra={
          <>
            {isDesk ? <Button icon={<PhoneOutlined />} onClick={() => setPhone(true)}>{t('postal.phoneRequest')}</Button> : null}
            {isDesk ? <Button icon={<MailOutlined />} onClick={() => setByPost(true)}>{t('postal.resultByPostTitle')}</Button> : null}
            <Button icon={<ReloadOutlined />} onClick={reload}>{t('postal.refresh')}</Button>
          </>
        }
      />
      {pickups.error ? <ErrorAlert error={pickups.error} /> : null}
      {shipments.error ? <ErrorAlert error={shipments.error} /> : null}
      <Tabs
        items={[
          { key: 'pickups', label: t('postal.tabPickups'), children: <Table rowKey="id" loading={pickups.loading} dataSource={pickups.data ?? []} columns={pickupColumns} pagination={false} locale={{ emptyText: t('postal.empty') }} scroll={{ x: true }} /> },
          { key: 'shipments', label: t('postal.tabShipments'), children: <Table rowKey="id" loading={shipments.loading} dataSource={shipments.data ?? []} columns={shipmentColumns} pagination={false} locale={{ emptyText: t('postal.empty') }} scroll={{ x: true }} /> },
        ]}
      />
      <PickUpModal pickup={picking} onClose={() => setPicking(null)} onDone={() => { setPicking(null); message.success(t('postal.done')); reload(); }} />
      <HandOverModal pickup={handing} onClose={() => setHanding(null)} onDone={() => { setHanding(null); message.success(t('postal.done')); reload(); }} />
      <PhoneRequestModal open={phone} desks={desks} onClose={() => setPhone(false)} onDone={(code) => { setPhone(false); message.success(t('postal.created', { code })); reload(); }} />
      <ResultByPostModal open={byPost} onClose={() => setByPost(false)} onDone={() => { setByPost(false); message.success(t('postal.done')); reload(); }} />
      <ShipmentEventModal shipment={shipmentAction?.shipment ?? null} event={shipmentAction?.event ?? null} onClose={() => setShipmentAction(null)} onDone={() => { setShipmentAction(null); message.success(t('postal.done')); reload(); }} />
    </>
  );
}
