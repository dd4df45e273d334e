import { Alert, Button, Flex, Form, Input, InputNumber, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { t } from '../../../lib/i18n.js';
import { optionsOf, roleLabel, staffRoles } from '../../../lib/labels.js';
import { FormSection } from './FormSection.js';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect.js';
import { useUnits } from '../../../lib/units.js';
import { formatNumber } from '../../../lib/format.js';

/** Quy trình nội bộ: steps with the role that performs them and their share of the legal time in working days. */
export function StepsFields() {
  // Step units are picked from the unit tree; the step keeps the unit's code (the catalogue is exchanged by codes).
  const units = useUnits();
  const steps = (Form.useWatch('steps') as { workingDays?: number }[] | undefined) ?? [];
  const time = Form.useWatch('processingTime') as { amount?: number; unit?: string } | undefined;
  const total = Math.round(steps.reduce((s, x) => s + (x?.workingDays ?? 0), 0) * 100) / 100;
  const mismatch = time?.unit === 'working_day' && steps.length > 0 && Math.abs(total - (time.amount ?? 0)) > 1e-9;
  return (
    <Form.List name="steps">
      {(fields, { add, remove, move }) => (
        <FormSection title={t('proc.steps')} extra={<span className="muted">{t('proc.stepsTotal', { total: formatNumber(total) })}</span>}>
          {mismatch ? <Alert type="warning" showIcon title={t('proc.stepsMismatch', { total: formatNumber(total), amount: time?.amount ?? 0 })} style={{ marginBottom: 12 }} /> : null}
          {fields.map((field, i) => (
            <Flex key={field.key} gap={8} wrap align="start" className="list-row">
              <span className="row-number" aria-hidden>
                {i + 1}.
              </span>
              <Form.Item name={[field.name, 'name']} label={t('proc.stepName')} rules={[{ required: true }]} style={{ flex: '2 1 240px' }}>
                <Input />
              </Form.Item>
              <Form.Item name={[field.name, 'role']} label={t('proc.stepRole')} rules={[{ required: true }]} style={{ flex: '1 1 170px' }}>
                <Select options={optionsOf(staffRoles, roleLabel)} />
              </Form.Item>
              <Form.Item name={[field.name, 'unitCode']} label={t('proc.stepUnitCode')} tooltip={t('proc.stepUnitCodeHint')} style={{ flex: '2 1 220px' }} normalize={(v: string | null | undefined) => v ?? undefined}>
                <UnitTreeSelect units={units.data ?? []} loading={units.loading} valueKey="code" placeholder={t('proc.stepUnitCodeHint')} />
              </Form.Item>
              <Form.Item name={[field.name, 'workingDays']} label={t('proc.stepDays')} rules={[{ required: true }]} style={{ width: 150 }}>
                <InputNumber min={0} max={365} step={1} style={{ width: '100%' }} />
              </Form.Item>
              <Flex gap={0} className="row-remove">
                <Button type="text" aria-label={t('proc.moveUp')} disabled={i === 0} onClick={() => move(i, i - 1)}>
                  ↑
                </Button>
                <Button type="text" aria-label={t('common.remove')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
              </Flex>
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ role: 'specialist', workingDays: 1 })}>
            {t('proc.addStep')}
          </Button>
        </FormSection>
      )}
    </Form.List>
  );
}
