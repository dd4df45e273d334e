import { useEffect, useState } from 'react';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { t } from '../../../lib/i18n.js';
import { optionsOf, unitKindLabel, unitKinds, type UnitKind } from '../../../lib/labels.js';
import type { Unit } from '../../../lib/units.js';
import { correctUnitName } from '../api/correct-unit-name.js';
import { createUnit } from '../api/create-unit.js';

export type UnitModalState = { mode: 'create'; parentId: string | null } | { mode: 'rename'; unit: Unit } | null;

type Values = { code: string; name: string; kind: UnitKind; parentId: string | null; validFrom?: Dayjs | null };

/** Adds a unit, or corrects the spelling of a unit's name. */
export function UnitFormModal({ state, units, onClose, onSaved }: { state: UnitModalState; units: readonly Unit[]; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();

  useEffect(() => {
    if (!state) return;
    setError(null);
    form.resetFields();
    if (state.mode === 'rename') form.setFieldsValue({ name: state.unit.name });
    else form.setFieldsValue({ parentId: state.parentId, kind: state.parentId ? 'commune' : 'province' });
  }, [state, form]);

  const handleFinish = async (v: Values) => {
    if (!state) return;
    setBusy(true);
    setError(null);
    try {
      if (state.mode === 'rename') await correctUnitName(state.unit.id, v.name);
      else await createUnit({ code: v.code, name: v.name, kind: v.kind, parentId: v.parentId ?? null, validFrom: v.validFrom ? v.validFrom.format('YYYY-MM-DD') : null });
      message.success(t('units.saved'));
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={state !== null}
      title={state?.mode === 'rename' ? t('units.renameTitle') : t('units.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form<Values> noValidate form={form} layout="vertical" onFinish={handleFinish}>
        {state?.mode === 'rename' ? (
          <p>{t('units.renameHint')}</p>
        ) : (
          <>
            <Form.Item label={t('units.parent')} name="parentId">
              <UnitSelect units={units} allowClear placeholder={t('units.noParent')} />
            </Form.Item>
            <Form.Item label={t('units.code')} name="code" rules={[{ required: true }, { pattern: /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, message: t('units.codeRule') }]} extra={t('units.codeHint')}>
              <Input maxLength={35} />
            </Form.Item>
            <Form.Item label={t('units.kind')} name="kind" rules={[{ required: true }]}>
              <Select options={optionsOf(unitKinds, unitKindLabel)} />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('units.name')} name="name" rules={[{ required: true, min: 2 }]}>
          <Input maxLength={300} />
        </Form.Item>
        {state?.mode === 'create' ? (
          <Form.Item label={t('units.validFrom')} name="validFrom">
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
