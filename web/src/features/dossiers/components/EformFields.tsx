import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import { ID_PATTERN } from '../../../../../server/src/modules/procedures/eform-designer.rules.js';
import type { FieldOrigin } from '../../../../../server/src/modules/procedures/eform.rules.js';
import { cccdRule } from '../../../lib/applicant-checks.js';
import { t } from '../../../lib/i18n.js';
import type { EformField } from './eform-schema.js';

/**
 * The field's help under it: its description, and while it still holds a value nobody typed, where that value came
 * from ("Điền sẵn từ thông tin người nộp", "Giá trị mặc định"). antd ties `extra` to the control (aria-describedby).
 */
function extraOf(f: EformField, origin: FieldOrigin | undefined) {
  if (!origin) return f.description;
  const hint = (
    <span className="field-origin" data-testid={`origin-${f.name}`}>
      {origin === 'prefilled' ? t('desk.originPrefilled') : t('desk.originDefault')}
    </span>
  );
  return f.description ? (
    <>
      {f.description}
      <br />
      {hint}
    </>
  ) : (
    hint
  );
}

/**
 * Renders a procedure's e-form (JSON Schema) as plain antd fields under the form's `eform` value; `origins` (eform.rules.ts
 * fieldOrigins) says which fields still hold a prefilled or default value.
 */
export function EformFields({ fields, origins = {} }: { fields: EformField[]; origins?: Record<string, FieldOrigin> }) {
  if (fields.length === 0) return <p className="muted">{t('intake.eformNone')}</p>;
  return (
    <div className="eform-grid">
      {fields.map((f) => {
        // The console's Vietnamese defaults name the field and the problem (web/src/lib/validate-messages.ts).
        const rules = [{ required: f.required }];
        const common = { name: ['eform', f.name], label: f.title, extra: extraOf(f, origins[f.name]), rules };
        switch (f.kind) {
          case 'string':
          case 'email':
            // A personal identification number (the mother's, the declarant's): the CCCD rule, spaces as typed dropped.
            if (f.pattern === ID_PATTERN) {
              return (
                <Form.Item key={f.name} {...common} normalize={(v: string) => v.replace(/\s/g, '')} rules={[...rules, cccdRule()]}>
                  <Input inputMode="numeric" maxLength={20} />
                </Form.Item>
              );
            }
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
          case 'multi':
            // Every choice visible and ticked, as on the paper form (a poor household's deprivations).
            return (
              <Form.Item key={f.name} {...common} rules={[{ required: f.required, type: 'array' as const }]} className="eform-wide">
                <Checkbox.Group options={(f.options ?? []).map((o) => ({ value: o.value, label: o.label }))} />
              </Form.Item>
            );
          case 'tags':
            return (
              <Form.Item key={f.name} {...common} rules={[{ required: f.required, type: 'array' as const }]} className="eform-wide">
                <Select mode="tags" open={false} tokenSeparators={[';']} suffixIcon={null} />
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
              <Form.Item key={f.name} name={['eform', f.name]} valuePropName="checked" extra={extraOf(f, origins[f.name])} className="eform-check">
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
