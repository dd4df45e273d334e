import { useEffect, useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import { getProcedureDocuments } from '../api/get-procedure-documents.js';
import type { Pickup } from '../api/list-pickups.js';
import { pickUp, type PickUpInput } from '../api/pick-up.js';

type Values = { documents: { name: string; kind: string; count: number }[]; citizenSignedName: string; feeVnd: number; feeReceiptNo?: string; postageVnd: number };

/**
 * At the citizen's home (QĐ 45/2016 Điều 6): the documents are counted against the procedure's published list (prefilled),
 * both sign the Phiếu gửi hồ sơ, fees are collected with a receipt and the postage recorded apart.
 */
export function PickUpModal({ pickup, onClose, onDone }: { pickup: Pickup | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!pickup) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ citizenSignedName: pickup.applicant.fullName, feeVnd: 0, postageVnd: 0, documents: [] });
    getProcedureDocuments(pickup.procedureId).then((documents) => form.setFieldsValue({ documents }), setError);
  }, [pickup, form]);

  const handleFinish = async (v: Values) => {
    if (!pickup) return;
    setBusy(true);
    try {
      const input: PickUpInput = {
        documents: v.documents.map((d) => ({ name: d.name, kind: d.kind as PickUpInput['documents'][number]['kind'], count: d.count })),
        citizenSignedName: v.citizenSignedName,
        feeVnd: v.feeVnd,
        feeReceiptNo: v.feeReceiptNo?.trim() || null,
        postageVnd: v.postageVnd,
      };
      await pickUp(pickup.id, input);
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={pickup !== null} title={t('postal.pickUpTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('postal.confirm')} confirmLoading={busy} width={640} destroyOnHidden>
      {error ? <ErrorAlert error={error} /> : null}
      <Form noValidate form={form} layout="vertical" onFinish={handleFinish}>
        <Form.List name="documents">
          {(fields, { add, remove }) => (
            <>
              <div style={{ marginBottom: 8 }}>{t('postal.documents')}</div>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true }]} style={{ width: 380 }}>
                    <Input aria-label={t('postal.documentName')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'count']} rules={[{ required: true }]}>
                    <InputNumber min={1} max={50} aria-label={t('postal.count')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} hidden initialValue="original">
                    <Input />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ name: '', kind: 'original', count: 1 })} icon={<PlusOutlined />}>
                {t('postal.addDocument')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="citizenSignedName" label={t('postal.citizenSigned')} rules={[{ required: true, min: 2 }]} style={{ marginTop: 12 }}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="feeVnd" label={t('postal.fee')}>
            <InputNumber min={0} step={1000} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="feeReceiptNo" label={t('postal.receiptNo')}>
            <Input style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="postageVnd" label={t('postal.postage')}>
            <InputNumber min={0} step={1000} style={{ width: 180 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
