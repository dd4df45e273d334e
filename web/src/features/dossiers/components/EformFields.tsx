import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import { t } from '../../../lib/i18n.js';
import type { EformField } from './eform-schema.js';

/** Renders a procedure's e-form (JSON Schema) as plain antd fields under the form's `eform` value. */
export function EformFields({ fields }: { fields: EformField[] }) {
  if (fields.length === 0) return <p className="muted">{t('intake.eformNone')}</p>;
  return (
    <div className="eform-grid">
      {fields.map((f) => {
        // The console's Vietnamese defaults name the field and the problem (web/src/lib/validate-messages.ts).
        const rules = [{ required: f.required }];
        const common = { name: ['eform', f.name], label: f.title, extra: f.description, rules };
        switch (f.kind) {
          case 'string':
          case 'email':
            return (
              <Form.Item key={f.name} {...common} rules={[...rules, ...(f.kind === 'email' ? [{ type: 'email' as const }] : []), ...(f.pattern ? [{ pattern: new RegExp(f.pattern) }] : [])]}>
                <Input maxLength={f.maxLength} />
              </Form.Item>
            );
          case 'text':
            return (
              <Form.Item key={f.name} {...common} className="eform-wide">
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={f.maxLength} />
              </Form.Item>
            );
          case 'date':
            return (
              <Form.Item key={f.name} {...common}>
                <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
              </Form.Item>
            );
          case 'enum':
            return (
              <Form.Item key={f.name} {...common}>
                <Select allowClear options={f.options} />
              </Form.Item>
            );
          case 'number':
          case 'integer':
            return (
              <Form.Item key={f.name} {...common}>
                <InputNumber min={f.minimum} max={f.maximum} precision={f.kind === 'integer' ? 0 : undefined} style={{ width: '100%' }} />
              </Form.Item>
            );
          case 'boolean':
            return (
              <Form.Item key={f.name} name={['eform', f.name]} valuePropName="checked" extra={f.description} className="eform-check">
                <Checkbox>{f.title}</Checkbox>
              </Form.Item>
            );
          case 'unsupported':
            return <Alert key={f.name} type="warning" showIcon title={t('intake.eformUnsupported', { name: f.title })} style={{ marginBottom: 12 }} />;
        }
      })}
    </div>
  );
}
