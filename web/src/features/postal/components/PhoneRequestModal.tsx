import { useEffect, useState } from 'react';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import { listPostalProcedures, type PostalProcedure } from '../api/list-postal-procedures.js';
import { requestPickupByPhone, type PickupRequestInput } from '../api/request-pickup-by-phone.js';
import { cccdRule, phoneRule } from '../../../lib/applicant-checks.js';
import { foldSearch } from '../../../lib/fold-search.js';

type Values = { procedureId: string; receivingUnitId: string; fullName: string; idNumber: string; phone: string; address: string; preferredTime?: string; resultDelivery: 'desk' | 'post' };

/** A citizen phones the desk to ask for a pickup at home (QĐ 45/2016 Điều 5–6); only procedures accepted by post. */
export function PhoneRequestModal({ open, desks, onClose, onDone }: { open: boolean; desks: { unitId: string; unitName: string }[]; onClose: () => void; onDone: (code: string) => void }) {
  const [form] = Form.useForm<Values>();
  const [procedures, setProcedures] = useState<PostalProcedure[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ receivingUnitId: desks[0]?.unitId, resultDelivery: 'post' });
    listPostalProcedures().then(setProcedures, setError);
  }, [open, desks, form]);

  const handleFinish = async (v: Values) => {
    const input: PickupRequestInput = {
      procedureId: v.procedureId,
      receivingUnitId: v.receivingUnitId,
      applicant: { kind: 'citizen', idNumber: v.idNumber, fullName: v.fullName, email: null },
      address: v.address,
      phone: v.phone,
      preferredTime: v.preferredTime?.trim() || null,
      resultDelivery: v.resultDelivery,
    };
    setBusy(true);
    try {
      onDone((await requestPickupByPhone(input)).confirmationCode);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('postal.phoneRequest')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} confirmLoading={busy} width={600} destroyOnHidden>
      {error ? <ErrorAlert error={error} /> : null}
      <Form noValidate form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item name="procedureId" label={t('postal.procedure')} rules={[{ required: true }]}>
          <Select showSearch={foldSearch()} options={procedures.map((p) => ({ value: p.id, label: `${p.code} — ${p.name}` }))} />
        </Form.Item>
        <Form.Item name="receivingUnitId" label={t('postal.desk')} rules={[{ required: true }]}>
          <Select options={desks.map((d) => ({ value: d.unitId, label: d.unitName }))} />
        </Form.Item>
        <Form.Item name="fullName" label={t('postal.fullName')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="idNumber" label={t('postal.idNumber')} rules={[{ required: true }, cccdRule()]}>
          <Input inputMode="numeric" />
        </Form.Item>
        <Form.Item name="phone" label={t('postal.phone')} rules={[{ required: true }, phoneRule()]}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="address" label={t('postal.address')} rules={[{ required: true, min: 5 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="preferredTime" label={t('postal.preferredTime')}>
          <Input />
        </Form.Item>
        <Form.Item name="resultDelivery" label={t('postal.resultByPost')}>
          <Radio.Group options={[{ value: 'post', label: t('common.yes') }, { value: 'desk', label: t('common.no') }]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
