import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { todayVn } from '../../../lib/format.js';
import { t } from '../../../lib/i18n.js';
import { abolishProcedure } from '../api/abolish-procedure.js';

type Values = { decisionNo: string; abolishedOn: Dayjs };

/** Bãi bỏ: the decision and the first day no dossier is accepted. */
export function AbolishModal({ procedureId, open, onClose, onDone }: { procedureId: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ abolishedOn: dayjs(todayVn()) });
  }, [open, form]);

  const handleFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await abolishProcedure(procedureId, { decisionNo: v.decisionNo.trim(), abolishedOn: v.abolishedOn.format('YYYY-MM-DD') });
      message.success(t('proc.abolished'));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('proc.abolishTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('proc.abolish')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('proc.abolishHint')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={error} />
      <Form<Values> noValidate form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item label={t('proc.decisionNo')} name="decisionNo" rules={[{ required: true, min: 3 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('proc.abolishedOn')} name="abolishedOn" rules={[{ required: true }]}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
