import { Button, DatePicker, Flex, Form, Input } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { t } from '../../../lib/i18n.js';
import { FormSection } from './FormSection.js';

/** Căn cứ pháp lý: number, title, date of issue, issuer. */
export function LegalBasisFields() {
  return (
    <Form.List name="legalBasis">
      {(fields, { add, remove }) => (
        <FormSection title={t('proc.legalBasis')}>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} wrap align="start" className="list-row">
              <Form.Item name={[field.name, 'number']} label={t('proc.legalNumber')} rules={[{ required: true }]} style={{ flex: '1 1 170px' }}>
                <Input placeholder="123/2015/NĐ-CP" />
              </Form.Item>
              <Form.Item name={[field.name, 'title']} label={t('proc.legalTitle')} style={{ flex: '3 1 280px' }}>
                <Input />
              </Form.Item>
              <Form.Item name={[field.name, 'issuedOn']} label={t('proc.legalIssuedOn')} style={{ width: 150 }}>
                <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name={[field.name, 'issuer']} label={t('proc.legalIssuer')} style={{ flex: '1 1 160px' }}>
                <Input />
              </Form.Item>
              <Button type="text" aria-label={t('common.remove')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} className="row-remove" />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '' })}>
            {t('proc.addLegal')}
          </Button>
        </FormSection>
      )}
    </Form.List>
  );
}
