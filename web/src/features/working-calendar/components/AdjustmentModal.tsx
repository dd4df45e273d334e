import { useEffect, useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Radio } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { t } from '../../../lib/i18n.js';
import type { Unit } from '../../../lib/units.js';
import { createAdjustment, type CreateAdjustmentInput } from '../api/create-adjustment.js';

const kinds = ['day_off', 'working_day', 'extra_session'] as const;
type Kind = (typeof kinds)[number];
type Values = { day: Dayjs; kind: Kind; name: string; unitId?: string | null; sessions?: { start: string; end: string }[] };
const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Adds a calendar adjustment; out-of-hours intake sessions belong to a unit and need their hours. */
export function AdjustmentModal({ open, units, year, onClose, onSaved }: { open: boolean; units: readonly Unit[]; year: number; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ kind: 'day_off', sessions: [] });
  }, [open, form]);

  useEffect(() => {
    if (kind === 'extra_session' && !(form.getFieldValue('sessions') as unknown[] | undefined)?.length) {
      form.setFieldValue('sessions', [{ start: '07:30', end: '11:30' }]);
    }
  }, [kind, form]);

  const handleFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    const sessions = (v.sessions ?? []).filter((s) => s?.start && s?.end);
    const input: CreateAdjustmentInput = {
      day: v.day.format('YYYY-MM-DD'),
      kind: v.kind,
      name: v.name.trim(),
      unitId: v.unitId ?? null,
      ...(sessions.length && v.kind !== 'day_off' ? { sessions } : {}),
    };
    try {
      await createAdjustment(input);
      message.success(t('cal.added'));
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('cal.addTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} width={560} destroyOnHidden>
      <ErrorAlert error={error} />
      <Form<Values> noValidate form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item label={t('cal.kind')} name="kind" rules={[{ required: true }]}>
          <Radio.Group options={kinds.map((k) => ({ value: k, label: t(`adj.${k}`) }))} />
        </Form.Item>
        <Form.Item label={t('cal.day')} name="day" rules={[{ required: true }]}>
          <DatePicker format="DD/MM/YYYY" placeholder={`dd/mm/${year}`} />
        </Form.Item>
        <Form.Item label={t('cal.name')} name="name" rules={[{ required: true, min: 3 }]}>
          <Input placeholder={t('cal.namePlaceholder')} />
        </Form.Item>
        <Form.Item label={t('cal.unit')} name="unitId" rules={[{ required: kind === 'extra_session', message: t('cal.unitRequired') }]} extra={t('cal.unitHint')}>
          <UnitSelect units={units} allowClear placeholder={t('cal.allUnits')} />
        </Form.Item>
        {kind && kind !== 'day_off' ? (
          <Form.List name="sessions">
            {(fields, { add, remove }) => (
              <fieldset className="form-fieldset">
                <legend>{kind === 'extra_session' ? t('cal.sessionsRequired') : t('cal.sessionsOptional')}</legend>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="start">
                    <Form.Item name={[field.name, 'start']} rules={[{ required: true }, { pattern: TIME, message: 'HH:MM' }]}>
                      <Input aria-label={t('cal.start')} placeholder="07:30" style={{ width: 100 }} />
                    </Form.Item>
                    <span style={{ lineHeight: '32px' }}>–</span>
                    <Form.Item name={[field.name, 'end']} rules={[{ required: true }, { pattern: TIME, message: 'HH:MM' }]}>
                      <Input aria-label={t('cal.end')} placeholder="11:30" style={{ width: 100 }} />
                    </Form.Item>
                    <Button type="text" aria-label={t('common.remove')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ start: '13:30', end: '17:30' })} disabled={fields.length >= 4}>
                  {t('cal.addSession')}
                </Button>
              </fieldset>
            )}
          </Form.List>
        ) : null}
      </Form>
    </Modal>
  );
}
