import { Form, Select, Typography, type FormInstance } from 'antd';
import { eformFieldOrder, isPrefillFact, PREFILL_FACTS, prefillFactLabels, type TPrefillFact } from '../../../../../server/src/modules/procedures/eform.rules.js';
import { t } from '../../../lib/i18n.js';
import type { ProcedureFormValues } from './procedure-form-values.js';

type Schema = { properties?: Record<string, Record<string, unknown>> } & Record<string, unknown>;

function parse(text: string | undefined): Schema | null {
  if (!text?.trim()) return null;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Schema) : null;
  } catch {
    return null;
  }
}

/**
 * Per field of the e-form, which fact of the applicant fills it (`x-prefill`, eform.rules.ts) — or none: a field about
 * another person (the child, the spouse, the deceased) is left without. Edits the JSON Schema text above it; the server
 * checks the choice again when the procedure is saved.
 */
export function PrefillFields({ form }: { form: FormInstance<ProcedureFormValues> }) {
  const text = Form.useWatch('eformText', form) as string | undefined;
  const schema = parse(text);
  const keys = eformFieldOrder(schema);
  if (!schema || keys.length === 0) return null;
  const props = schema.properties ?? {};
  const handleChange = (key: string, fact: TPrefillFact | 'none') => {
    const prop = { ...(props[key] ?? {}) };
    if (fact === 'none') delete prop['x-prefill'];
    else prop['x-prefill'] = fact;
    form.setFieldValue('eformText', JSON.stringify({ ...schema, properties: { ...props, [key]: prop } }, null, 2));
    void form.validateFields(['eformText']);
  };
  const options = [{ value: 'none', label: t('proc.prefillNone') }, ...PREFILL_FACTS.map((f) => ({ value: f, label: prefillFactLabels[f] }))];
  return (
    <div className="prefill-fields">
      <Typography.Title level={5}>{t('proc.prefillTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('proc.prefillHint')}</Typography.Paragraph>
      <table className="prefill-table">
        <tbody>
          {keys.map((key) => {
            const prop = props[key] ?? {};
            const current = isPrefillFact(prop['x-prefill']) ? prop['x-prefill'] : 'none';
            const id = `prefill-${key}`;
            return (
              <tr key={key}>
                <th scope="row">
                  <label htmlFor={id}>{typeof prop.title === 'string' ? prop.title : key}</label>
                </th>
                <td>
                  <Select id={id} style={{ minWidth: 280 }} value={current} options={options} onChange={(v: TPrefillFact | 'none') => handleChange(key, v)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
