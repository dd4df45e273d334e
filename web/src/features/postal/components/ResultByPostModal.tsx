import { useEffect, useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';
import { chooseResultByPost } from '../api/choose-result-by-post.js';

type Values = { code: string; address: string; phone?: string };

/** The citizen chooses delivery of the result by post after intake, until it is handed out (QĐ 45/2016 Điều 5). */
export function ResultByPostModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);

  const handleFinish = async (v: Values) => {
    setBusy(true);
    try {
      await chooseResultByPost({ code: v.code.trim(), address: v.address.trim(), phone: v.phone?.trim() || null });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('postal.resultByPostTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} confirmLoading={busy} destroyOnHidden>
      {error ? <ErrorAlert error={error} /> : null}
      <Form noValidate form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item name="code" label={t('postal.dossierCode')} rules={[{ required: true, min: 10 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="address" label={t('postal.address')} rules={[{ required: true, min: 5 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t('postal.phone')}>
          <Input inputMode="tel" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
