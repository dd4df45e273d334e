import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import { handOver } from '../api/hand-over.js';
import type { Pickup } from '../api/list-pickups.js';

/** The desk receives the parcel and signs the Biên bản giao nhận with the postal worker (QĐ 45/2016 Điều 7). */
export function HandOverModal({ pickup, onClose, onDone }: { pickup: Pickup | null; onClose: () => void; onDone: (updated: Pickup) => void }) {
  const [form] = Form.useForm<{ postalSignerName: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!pickup) return;
    setError(null);
    form.setFieldsValue({ postalSignerName: pickup.pickedUpByName ?? '' });
  }, [pickup, form]);

  const handleFinish = async (v: { postalSignerName: string }) => {
    if (!pickup) return;
    setBusy(true);
    try {
      onDone(await handOver(pickup.id, { postalSignerName: v.postalSignerName }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={pickup !== null} title={t('postal.handOverTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('postal.handOver')} confirmLoading={busy} destroyOnHidden>
      {error ? <ErrorAlert error={error} /> : null}
      <Alert type="info" showIcon message={t('postal.handOverHint')} style={{ marginBottom: 12 }} />
      {pickup ? (
        <p>
          {pickup.procedureName} — {pickup.applicant.fullName} — {t('postal.trackingCode')}: <strong>{pickup.trackingCode}</strong>
        </p>
      ) : null}
      <Form noValidate form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item name="postalSignerName" label={t('postal.postalSigner')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
