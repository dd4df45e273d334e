import { useEffect, useRef } from 'react';
import { Button, Flex, Form, Input, InputNumber, Modal } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { t } from '../../../lib/i18n.js';

export type NotAccepted = { missing: { name: string; count: number }[]; reason: string | null };
type Values = { missing: { name: string; count: number }[]; reason?: string };

type Props = {
  outcome: 'incomplete' | 'refuse' | null;
  initialMissing: { name: string; count: number }[];
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (value: NotAccepted) => void;
};

/**
 * The two outcomes without a code (ND 61/2018 Điều 17 k1): incomplete — the missing documents and the guidance,
 * given once (Mẫu 02); refused — the reason (Mẫu 03).
 */
export function OutcomeModal({ outcome, initialMissing, busy, error, onCancel, onSubmit }: Props) {
  const [form] = Form.useForm<Values>();
  const incomplete = outcome === 'incomplete';
  const missingRef = useRef(initialMissing);
  missingRef.current = initialMissing;

  // Prefilled once per opening: the required documents left unticked on the checklist.
  useEffect(() => {
    if (!outcome) return;
    form.resetFields();
    form.setFieldsValue({ missing: outcome === 'incomplete' ? missingRef.current : [], reason: '' });
  }, [outcome, form]);

  const handleFinish = (v: Values) => {
    const missing = (v.missing ?? []).filter((m) => m?.name?.trim()).map((m) => ({ name: m.name.trim(), count: m.count ?? 1 }));
    onSubmit({ missing, reason: v.reason?.trim() || null });
  };

  return (
    <Modal
      open={outcome !== null}
      title={incomplete ? t('intake.incompleteTitle') : t('intake.refuseTitle')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okText={incomplete ? t('intake.incomplete') : t('intake.refuse')}
      okButtonProps={{ danger: !incomplete }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      width={640}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<Values> noValidate form={form} layout="vertical" onFinish={handleFinish}>
        {incomplete ? (
          <Form.List name="missing">
            {(fields, { add, remove }) => (
              <fieldset className="form-fieldset">
                <legend>{t('intake.missingItems')}</legend>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="start">
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: t('dossier.documentName') }]} style={{ flex: 1, marginBottom: 8 }}>
                      <Input.TextArea aria-label={t('dossier.documentName')} autoSize={{ minRows: 1, maxRows: 3 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'count']} style={{ width: 80, marginBottom: 8 }}>
                      <InputNumber aria-label={t('proc.docCount')} min={1} max={50} style={{ width: '100%' }} />
                    </Form.Item>
                    <Button type="text" aria-label={t('common.remove')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', count: 1 })}>
                  {t('intake.addMissing')}
                </Button>
              </fieldset>
            )}
          </Form.List>
        ) : null}
        <Form.Item
          name="reason"
          label={incomplete ? t('intake.reason') : t('intake.refuseReason')}
          extra={incomplete ? t('intake.incompleteHint') : undefined}
          rules={[
            { required: !incomplete, message: t('dossier.noteRequired') },
            {
              validator: async (_r, value: string | undefined) => {
                const missing = (form.getFieldValue('missing') as { name?: string }[] | undefined)?.filter((m) => m?.name?.trim()) ?? [];
                if (incomplete && !value?.trim() && missing.length === 0) throw new Error(t('intake.reasonRequired'));
              },
            },
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
