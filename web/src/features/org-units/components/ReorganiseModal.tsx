import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { UnitSelect } from '../../../components/UnitSelect.js';
import { t } from '../../../lib/i18n.js';
import { optionsOf, unitKindLabel, unitKinds, type UnitKind } from '../../../lib/labels.js';
import type { Unit } from '../../../lib/units.js';
import { reorganiseUnits, type ReorganiseInput } from '../api/reorganise-units.js';

const reorgKinds = ['merge', 'rename', 'split', 'transfer'] as const;
type ReorgKind = (typeof reorgKinds)[number];

type Values = {
  kind: ReorgKind;
  predecessorIds: string[];
  effectiveOn: Dayjs;
  successorMode: 'create' | 'existing';
  existingId?: string;
  code?: string;
  name?: string;
  unitKind?: UnitKind;
  parentId?: string | null;
};

/**
 * Sắp xếp đơn vị: the predecessors close the day before `effectiveOn` and the successor (new or existing) takes
 * over; history is kept so old dossiers keep their unit.
 */
export function ReorganiseModal({ open, units, initialIds, onClose, onSaved }: { open: boolean; units: readonly Unit[]; initialIds: string[]; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('successorMode', form);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    const first = units.find((u) => u.id === initialIds[0]);
    form.setFieldsValue({ kind: 'merge', successorMode: 'create', predecessorIds: initialIds, unitKind: first?.kind, parentId: first?.parentId ?? null });
  }, [open, initialIds, units, form]);

  const handleFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    const successor: ReorganiseInput['successor'] =
      v.successorMode === 'existing'
        ? { existingId: v.existingId ?? '' }
        : { create: { code: v.code ?? '', name: v.name ?? '', kind: v.unitKind ?? 'commune', parentId: v.parentId ?? null } };
    try {
      await reorganiseUnits({ kind: v.kind, predecessorIds: v.predecessorIds, effectiveOn: v.effectiveOn.format('YYYY-MM-DD'), successor });
      message.success(t('units.reorganised'));
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      width={640}
      title={t('units.reorganiseTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('units.reorganiseSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('units.reorganiseHint')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={error} />
      <Form<Values> noValidate form={form} layout="vertical" onFinish={handleFinish}>
        <Form.Item label={t('units.reorgKind')} name="kind" rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={reorgKinds.map((k) => ({ value: k, label: t(`reorg.${k}`) }))} />
        </Form.Item>
        <Form.Item label={t('units.predecessors')} name="predecessorIds" rules={[{ required: true, type: 'array', min: 1 }]}>
          <UnitSelect units={units} multiple />
        </Form.Item>
        <Form.Item label={t('units.effectiveOn')} name="effectiveOn" rules={[{ required: true }]} extra={t('units.effectiveOnHint')}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item label={t('units.successor')} name="successorMode">
          <Radio.Group
            options={[
              { value: 'create', label: t('units.successorNew') },
              { value: 'existing', label: t('units.successorExisting') },
            ]}
          />
        </Form.Item>
        {mode === 'existing' ? (
          <Form.Item label={t('units.successorUnit')} name="existingId" rules={[{ required: true }]}>
            <UnitSelect units={units} />
          </Form.Item>
        ) : (
          <>
            <Form.Item label={t('units.name')} name="name" rules={[{ required: true, min: 2 }]}>
              <Input />
            </Form.Item>
            <Form.Item label={t('units.code')} name="code" rules={[{ required: true }, { pattern: /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, message: t('units.codeRule') }]}>
              <Input maxLength={35} />
            </Form.Item>
            <Form.Item label={t('units.kind')} name="unitKind" rules={[{ required: true }]}>
              <Select options={optionsOf(unitKinds, unitKindLabel)} />
            </Form.Item>
            <Form.Item label={t('units.parent')} name="parentId">
              <UnitSelect units={units} allowClear placeholder={t('units.noParent')} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
