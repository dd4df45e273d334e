import { useEffect, useState } from 'react';
import { App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { todayVn } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { publishProcedure } from '../api/publish-procedure.js';

type Values = { decisionNo: string; decisionDate: Dayjs; effectiveFrom: Dayjs };

/** Công bố: the publishing decision's number and date, and the day the version takes effect. */
export function PublishModal({ procedureId, open, onClose, onDone }: { procedureId: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    const today = dayjs(todayVn());
    form.setFieldsValue({ decisionDate: today, effectiveFrom: today });
  }, [open, form]);

  const handleFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await publishProcedure(procedureId, { decisionNo: v.decisionNo.trim(), decisionDate: v.decisionDate.format('YYYY-MM-DD'), effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD') });
      message.success(t('proc.published'));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('proc.publishTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('proc.publish')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form<Values> noValidate form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item label={t('proc.decisionNo')} name="decisionNo" rules={[{ required: true, min: 3 }]}>
          <Input placeholder="123/QĐ-UBND" />
        </Form.Item>
        <Form.Item label={t('proc.decisionDate')} name="decisionDate" rules={[{ required: true }]}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item label={t('proc.effectiveFrom')} name="effectiveFrom" rules={[{ required: true }]}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
