import { Button, Flex, Form, Input, InputNumber } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { t } from '../../../lib/i18n.js';
import { FormSection } from './FormSection.js';
import { formatNumber } from '../../../lib/format.js';

/** Phí, lệ phí: name, amount in VND, note. */
export function FeesFields() {
  return (
    <Form.List name="fees">
      {(fields, { add, remove }) => (
        <FormSection title={t('proc.fees')}>
          {fields.length === 0 ? <p className="muted">{t('proc.noFees')}</p> : null}
          {fields.map((field) => (
            <Flex key={field.key} gap={8} wrap align="start" className="list-row">
              <Form.Item name={[field.name, 'name']} label={t('proc.feeName')} rules={[{ required: true }]} style={{ flex: '2 1 260px' }}>
                <Input />
              </Form.Item>
              <Form.Item name={[field.name, 'amountVnd']} label={t('proc.feeAmount')} rules={[{ required: true }]} style={{ flex: '1 1 160px' }}>
                <InputNumber<number>
                  min={0}
                  step={1000}
                  style={{ width: '100%' }}
                  formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : formatNumber(Number(v), 0))}
                  parser={(v) => Number((v ?? '').replace(/\D/g, '')) || 0}
                  suffix="₫"
                />
              </Form.Item>
              <Form.Item name={[field.name, 'note']} label={t('proc.note')} style={{ flex: '2 1 200px' }}>
                <Input />
              </Form.Item>
              <Button type="text" aria-label={t('common.remove')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} className="row-remove" />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ amountVnd: 0 })}>
            {t('proc.addFee')}
          </Button>
        </FormSection>
      )}
    </Form.List>
  );
}
