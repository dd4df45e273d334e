import { useEffect, useState } from 'react';
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import type { Shipment } from '../api/list-shipments.js';
import { recordShipmentEvent, type ShipmentEventInput } from '../api/record-shipment-event.js';

export type ShipmentEvent = ShipmentEventInput['event'];
type Values = { originals?: string; receivedBy?: string; reason?: string; chargeVnd?: number; chargedTo?: 'citizen' | 'agency' | 'postal'; chargeReason?: string };

const titles: Record<ShipmentEvent, 'postal.takeResultTitle' | 'postal.deliver' | 'postal.fail' | 'postal.returnToDesk'> = {
  hand_over: 'postal.takeResultTitle',
  deliver: 'postal.deliver',
  fail: 'postal.fail',
  return_to_desk: 'postal.returnToDesk',
};

/**
 * One step of a result shipment (QĐ 45/2016 Điều 9–10): take the result (and originals), deliver against the citizen's
 * signature, record a failure, return to the desk. A new attempt after a failure may carry the extra postage and who pays
 * it (the party at fault, Điều 11–12).
 */
export function ShipmentEventModal({ shipment, event, onClose, onDone }: { shipment: Shipment | null; event: ShipmentEvent | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const retry = event === 'hand_over' && shipment?.status === 'failed';

  useEffect(() => {
    if (!shipment || !event) return;
    setError(null);
    form.resetFields();
    if (event === 'deliver') form.setFieldsValue({ receivedBy: shipment.recipientName });
  }, [shipment, event, form]);

  const handleFinish = async (v: Values) => {
    if (!shipment || !event) return;
    let input: ShipmentEventInput;
    switch (event) {
      case 'hand_over':
        input = { event, originals: v.originals?.trim() || null, charge: retry && v.chargeVnd && v.chargedTo && v.chargeReason ? { amountVnd: v.chargeVnd, chargedTo: v.chargedTo, reason: v.chargeReason } : undefined };
        break;
      case 'deliver':
        input = { event, receivedBy: v.receivedBy ?? '' };
        break;
      case 'fail':
        input = { event, reason: v.reason ?? '' };
        break;
      case 'return_to_desk':
        input = { event, reason: v.reason?.trim() || null };
        break;
    }
    setBusy(true);
    try {
      await recordShipmentEvent(shipment.id, input);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={shipment !== null && event !== null} title={event ? t(titles[event]) : ''} onCancel={onClose} onOk={() => form.submit()} okText={t('postal.confirm')} confirmLoading={busy} destroyOnHidden>
      {error ? <ErrorAlert error={error} /> : null}
      {shipment ? (
        <p>
          {shipment.dossierCode} — {shipment.recipientName}, {shipment.address}
        </p>
      ) : null}
      <Form noValidate form={form} layout="vertical" onFinish={handleFinish}>
        {event === 'hand_over' ? (
          <Form.Item name="originals" label={t('postal.originals')}>
            <Input />
          </Form.Item>
        ) : null}
        {retry ? (
          <>
            <Form.Item name="chargeVnd" label={t('postal.charge')}>
              <InputNumber min={0} step={1000} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="chargedTo" label={t('postal.chargedTo')}>
              <Select options={(['citizen', 'agency', 'postal'] as const).map((v) => ({ value: v, label: t(`postal.chargedTo.${v}`) }))} />
            </Form.Item>
            <Form.Item name="chargeReason" label={t('postal.reason')}>
              <Input />
            </Form.Item>
          </>
        ) : null}
        {event === 'deliver' ? (
          <Form.Item name="receivedBy" label={t('postal.receivedBy')} rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
        ) : null}
        {event === 'fail' || event === 'return_to_desk' ? (
          <Form.Item name="reason" label={t('postal.reason')} rules={event === 'fail' ? [{ required: true, min: 3 }] : []}>
            <Input.TextArea rows={2} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
