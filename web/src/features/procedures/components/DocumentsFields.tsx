import { Button, Checkbox, Flex, Form, Input, InputNumber, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { t } from '../../../lib/i18n.js';
import { documentKindLabel, documentKinds, optionsOf } from '../../../lib/labels.js';
import { FormSection } from './FormSection.js';

/** Thành phần hồ sơ: each document with original/copy, count, required, and the template to fill (if any). */
export function DocumentsFields() {
  const templates = (Form.useWatch('templates') as { name?: string }[] | undefined) ?? [];
  const templateOptions = templates.filter((x) => x?.name).map((x) => ({ value: x.name!, label: x.name! }));
  return (
    <Form.List name="documents">
      {(fields, { add, remove }) => (
        <FormSection title={t('proc.documents')}>
          {fields.length === 0 ? <p className="muted">{t('proc.noDocuments')}</p> : null}
          {fields.map((field, i) => (
            <Flex key={field.key} gap={8} wrap align="start" className="list-row">
              <span className="row-number" aria-hidden>
                {i + 1}.
              </span>
              <Form.Item name={[field.name, 'name']} label={t('proc.docName')} rules={[{ required: true }]} style={{ flex: '3 1 300px' }}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'kind']} label={t('proc.docKind')} rules={[{ required: true }]} style={{ flex: '1 1 170px' }}>
                <Select options={optionsOf(documentKinds, documentKindLabel)} />
              </Form.Item>
              <Form.Item name={[field.name, 'count']} label={t('proc.docCount')} rules={[{ required: true }]} style={{ width: 90 }}>
                <InputNumber min={1} max={50} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name={[field.name, 'templateName']} label={t('proc.docTemplate')} style={{ flex: '1 1 180px' }}>
                <Select allowClear options={templateOptions} placeholder={t('proc.noTemplate')} />
              </Form.Item>
              <Form.Item name={[field.name, 'required']} valuePropName="checked" label={t('proc.docRequired')} style={{ width: 90 }}>
                <Checkbox />
              </Form.Item>
              <Button type="text" aria-label={t('common.remove')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} className="row-remove" />
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'original', count: 1, required: true })}>
            {t('proc.addDocument')}
          </Button>
        </FormSection>
      )}
    </Form.List>
  );
}
